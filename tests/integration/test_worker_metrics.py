"""A prefork worker's task metrics, added up over its pool processes and served behind the metrics token."""

import urllib.error
import urllib.request

import pytest

from quotes import tasks
from tests.config.test_monitoring import closed_port, sample
from tests.integration.conftest import task_runs, wait_for

TOKEN = "worker-scrape-token-42"
RELAY = "quotes.tasks.notifications_relay_task"


def scrape(port: int, token: str | None) -> str:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    request = urllib.request.Request(f"http://127.0.0.1:{port}/metrics", headers=headers)
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - a local test URL
        return response.read().decode()


def test_a_prefork_worker_serves_the_task_counts_of_all_its_processes(broker, stack, tmp_path):
    port = closed_port()
    multiproc = tmp_path / "prometheus-worker"
    multiproc.mkdir()
    for _ in range(4):
        tasks.notifications_relay_task.apply_async()

    stack(
        broker_url=broker,
        pool="prefork",
        concurrency=2,
        env={
            "WORKER_METRICS_PORT": str(port),
            "METRICS_TOKEN": TOKEN,
            "PROMETHEUS_MULTIPROC_DIR": str(multiproc),
        },
    )
    wait_for(lambda: len(task_runs(stack.log, RELAY)) >= 4, timeout=60, what="four relay runs")

    body = scrape(port, TOKEN)

    assert sample(body, "celery_tasks_total", task=RELAY, state="SUCCESS") == 4
    assert sample(body, "celery_task_duration_seconds_count", task=RELAY) == 4
    with pytest.raises(urllib.error.HTTPError) as refused:
        scrape(port, None)
    assert refused.value.code == 403
