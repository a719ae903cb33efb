"""Health, readiness and Prometheus metrics, as a load balancer and a scraper see them."""

import ipaddress
import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from config import metrics, monitoring
from quotes.models import Notification, QuoteRevision
from tests.factories import LeadFactory

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "scrape-token-0123456789"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sample(body: str, name: str, **labels) -> float | None:
    """The value of one sample in Prometheus's text format (labels in any order), or None when it is absent."""
    wanted = {f'{k}="{v}"' for k, v in labels.items()}
    for line in body.splitlines():
        if line.startswith("#"):
            continue
        key, _, value = line.rpartition(" ")
        metric, _, label_text = key.partition("{")
        if metric == name and set(filter(None, label_text.rstrip("}").split(","))) == wanted:
            return float(value)
    return None


# --- /healthz/ and /readyz/ ---------------------------------------------------------------


@pytest.mark.django_db
def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")

    assert response.status_code == 200 and response.content == b"ok"


@pytest.mark.django_db
def test_readyz_reports_every_check_ready(client):
    response = client.get("/readyz/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "migrations", "cache", "broker"}
    assert all(check["ok"] and check["ms"] >= 0 for check in body["checks"].values())
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_readyz_is_503_when_migrations_are_not_applied(client, monkeypatch):
    monkeypatch.setattr(monitoring, "_migrations_applied", False)
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("catalog.0099_new", False)])

    response = client.get("/readyz/")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "not ready"
    assert body["checks"]["migrations"]["ok"] is False
    assert body["checks"]["migrations"]["error"] == "1 migrations not applied"
    assert body["checks"]["database"]["ok"] is True


@pytest.mark.django_db
def test_readyz_is_503_when_the_cache_is_out_of_reach(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"socket_timeout": 1, "socket_connect_timeout": 1},
        }
    }

    response = client.get("/readyz/")

    assert response.status_code == 503
    cache_check = response.json()["checks"]["cache"]
    assert cache_check["ok"] is False and cache_check["error"] == "ConnectionError"


@pytest.mark.django_db
def test_readyz_is_503_when_the_broker_is_out_of_reach_and_names_no_address(client, monkeypatch):
    from celery import current_app

    url = f"redis://:hunter2@127.0.0.1:{closed_port()}/0"
    monkeypatch.setitem(current_app.conf, "broker_read_url", url)

    response = client.get("/readyz/")

    assert response.status_code == 503
    broker = response.json()["checks"]["broker"]
    assert broker["ok"] is False and broker["error"]
    assert "hunter2" not in response.content.decode() and "127.0.0.1" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_is_503_when_the_database_fails(client, monkeypatch):
    def refuse():
        raise ConnectionRefusedError("connection to server at 10.0.0.5 failed")

    monkeypatch.setitem(monitoring.READINESS_CHECKS, "database", refuse)

    response = client.get("/readyz/")

    assert response.status_code == 503
    assert response.json()["checks"]["database"]["error"] == "ConnectionRefusedError"
    assert "10.0.0.5" not in response.content.decode()


@pytest.mark.django_db
def test_probes_and_scrapes_are_never_redirected_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.METRICS_TOKEN = TOKEN

    assert client.get("/healthz/").status_code == 200
    assert client.get("/readyz/").status_code == 200
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200
    assert client.get("/api/v1/families/").status_code == 301


# --- /metrics ------------------------------------------------------------------------------


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = []
    return settings


def scrape(client, **headers) -> str:
    response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=")
    return response.content.decode()


def test_metrics_are_off_unless_a_token_or_network_is_set(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = []

    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer anything").status_code == 404


def test_metrics_refuse_a_missing_or_wrong_token(client, metrics_on):
    assert client.get("/metrics").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client.get("/metrics", HTTP_AUTHORIZATION=f"Basic {TOKEN}").status_code == 403


@pytest.mark.django_db
def test_metrics_answer_an_allowed_network_without_a_token(client, settings):
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("10.20.0.0/16")]

    assert client.get("/metrics", REMOTE_ADDR="10.20.3.4").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.21.3.4").status_code == 403
    assert client.get("/metrics", REMOTE_ADDR="not-an-address").status_code == 403


@pytest.mark.django_db
def test_metrics_count_requests_per_view(client, metrics_on):
    name = "django_http_requests_latency_seconds_by_view_method_count"
    before = sample(scrape(client), name, view="healthz", method="GET") or 0

    client.get("/healthz/")
    client.get("/healthz/")

    after = sample(scrape(client), name, view="healthz", method="GET")
    assert after == before + 2


@pytest.mark.django_db
def test_metrics_show_the_outbox_backlog_and_failed_deliveries_at_scrape_time(client, metrics_on):
    lead = LeadFactory()
    old = timezone.now() - timezone.timedelta(minutes=10)
    rows = [("pending", old), ("queued", timezone.now()), ("failed", old), ("failed", old), ("sent", old)]
    for status, created in rows:
        Notification.objects.create(
            kind=Notification.Kind.CLINIC_CONFIRMATION,
            lead=lead,
            recipient="ana@clinica-sol.es",
            template="emails/clinic_confirmation",
            status=status,
            created_at=created,
        )

    body = scrape(client)

    assert sample(body, "outbox_notifications", status="pending") == 1
    assert sample(body, "outbox_notifications", status="queued") == 1
    assert sample(body, "outbox_notifications", status="sending") == 0
    assert sample(body, "outbox_notifications", status="failed") == 2
    assert sample(body, "outbox_notifications", status="sent") == 1
    assert 590 < sample(body, "outbox_oldest_unsent_seconds") < 900
    for status in QuoteRevision.PdfStatus.values:
        assert sample(body, "quote_pdf_revisions", status=status) == 0
    assert sample(body, "celery_broker_up") == 1
    assert sample(body, "celery_queue_length", queue="celery") >= 0


@pytest.mark.django_db
def test_an_empty_outbox_is_zero_everywhere(client, metrics_on):
    body = scrape(client)

    assert all(sample(body, "outbox_notifications", status=s) == 0 for s in Notification.Status.values)
    assert sample(body, "outbox_oldest_unsent_seconds") == 0


@pytest.mark.django_db
def test_the_scrape_reports_a_broker_out_of_reach_instead_of_failing(client, metrics_on, monkeypatch):
    from celery import current_app

    monkeypatch.setitem(current_app.conf, "broker_read_url", f"redis://127.0.0.1:{closed_port()}/0")

    body = scrape(client)

    assert sample(body, "celery_broker_up") == 0
    assert sample(body, "celery_queue_length", queue="celery") is None
    assert sample(body, "outbox_notifications", status="failed") == 0


@pytest.mark.django_db
def test_the_scrape_costs_the_same_queries_whatever_the_backlog(client, metrics_on, django_assert_num_queries):
    lead = LeadFactory()

    def add(n):
        for _ in range(n):
            Notification.objects.create(kind=Notification.Kind.OWNER_ALERT, lead=lead, recipient="a@b.example")

    add(1)
    with django_assert_num_queries(2) as one:
        scrape(client)
    add(30)
    with django_assert_num_queries(2) as many:
        scrape(client)
    assert len(one.captured_queries) == len(many.captured_queries)


def test_tasks_count_and_time_by_name_and_state(metrics_on):
    from celery import shared_task

    @shared_task(name="tests.config.monitoring_probe_task")
    def probe_task(fail: bool = False):
        if fail:
            raise ValueError("boom")
        return "done"

    name = "tests.config.monitoring_probe_task"
    before_ok = metrics.TASKS.labels(task=name, state="SUCCESS")._value.get()

    probe_task.apply()
    probe_task.apply(kwargs={"fail": True}, throw=False)

    assert metrics.TASKS.labels(task=name, state="SUCCESS")._value.get() == before_ok + 1
    assert metrics.TASKS.labels(task=name, state="FAILURE")._value.get() >= 1
    histogram = {s.name: s.value for s in metrics.TASK_SECONDS.collect()[0].samples if s.labels.get("task") == name}
    assert histogram["celery_task_duration_seconds_count"] >= 2


def test_multiprocess_mode_adds_up_what_every_process_counted(tmp_path):
    directory = tmp_path / "not-made-yet"
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(directory), "DJANGO_SETTINGS_MODULE": "config.settings"}
    count = "from config import metrics; metrics.TASKS.labels(task='t', state='SUCCESS').inc(3)"
    for _ in range(2):  # two worker processes, each gone after counting
        subprocess.run([sys.executable, "-c", count], env=env, cwd=ROOT, check=True)
    read = (
        "from config import metrics; from prometheus_client import generate_latest; "
        "print(generate_latest(metrics.process_registry()).decode())"
    )

    body = subprocess.run([sys.executable, "-c", read], env=env, cwd=ROOT, check=True, capture_output=True, text=True)

    assert sample(body.stdout, "celery_tasks_total", state="SUCCESS", task="t") == 6


def test_a_worker_serves_its_own_metrics_behind_the_same_token(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_ALLOWED_NETWORKS = []
    settings.WORKER_METRICS_PORT = closed_port()
    settings.WORKER_METRICS_ADDR = "127.0.0.1"
    server = metrics.worker_exporter_start()
    url = f"http://127.0.0.1:{settings.WORKER_METRICS_PORT}/metrics"
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=5)
        allowed = urllib.request.urlopen(
            urllib.request.Request(url, headers={"Authorization": f"Bearer {TOKEN}"}), timeout=5
        )
        body = allowed.read().decode()
    finally:
        server.shutdown()
        server.server_close()

    assert refused.value.code == 403
    assert "celery_tasks_total" in body


def test_the_worker_exporter_stays_off_without_a_port_or_protection(settings):
    settings.WORKER_METRICS_PORT = 0
    settings.METRICS_TOKEN = TOKEN
    assert metrics.worker_exporter_start() is None

    settings.WORKER_METRICS_PORT = closed_port()
    settings.METRICS_TOKEN = ""
    settings.METRICS_ALLOWED_NETWORKS = []
    assert metrics.worker_exporter_start() is None
