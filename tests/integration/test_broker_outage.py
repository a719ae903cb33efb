"""A stopped or paused Redis: requests are saved and answered without waiting on it, emails follow exactly once.

Runs against a throw-away redis-server of its own (stopping the shared one would disturb
everything else), and only in the Redis configuration (REDIS_URL set), as in CI's second pass.
"""

import os
import threading
import time

import pytest

from config.pageholes import fill_token_new
from quotes import dispatch
from quotes.models import ConsultationRequest, Notification
from tests.factories import SalesUserFactory
from tests.integration.conftest import app_broker, task_runs, wait_for

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="broker-outage tests run in the Redis configuration (set REDIS_URL, as CI's second pass does)",
)


@pytest.fixture
def publishing_threads(monkeypatch) -> list[threading.Thread]:
    """The thread of every publish to the broker: a request that never publishes in its own
    thread cannot wait on the broker, however long the broker takes."""
    threads = []
    publish = dispatch.publisher.publish

    def recorded(task_name, args, **options):
        threads.append(threading.current_thread())
        return publish(task_name, args, **options)

    monkeypatch.setattr(dispatch.publisher, "publish", recorded)
    return threads


def sweeps_done(stack) -> int:
    """How many runs of the outbox sweep (beat sends one a second) the worker has finished."""
    return len(task_runs(stack.log, "quotes.tasks.notifications_relay_task"))


def assert_each_email_sent_exactly_once(stack, expected: list[str]) -> None:
    wait_for(lambda: len(stack.mailbox.messages()) >= len(expected), timeout=60, what=f"{len(expected)} emails")
    wait_for(
        lambda: set(Notification.objects.values_list("status", flat=True)) == {"sent"},
        timeout=30,
        what="every outbox row marked sent",
    )
    # Three more sweeps (one a second) run, and send nothing again.
    after = sweeps_done(stack) + 3
    wait_for(lambda: sweeps_done(stack) >= after, timeout=30, what="three more sweeps")
    assert stack.mailbox.recipients() == sorted(expected)


def test_with_redis_stopped_a_request_is_saved_and_answered_at_once_and_emailed_once_redis_is_back(
    client, redis_server, stack, publishing_threads
):
    SalesUserFactory(username="sam", email="sam@vendor.example")
    with app_broker(redis_server.url, stack.queue_dir, cache_on_redis=True):
        redis_server.stop()

        response = client.post(
            "/api/v1/consultations/",
            {"name": "Ana", "clinic_name": "Sol", "email": "ana@clinica-sol.es", "country": "ES", "consent": True},
            content_type="application/json",
        )

        assert response.status_code == 201, response.content
        assert ConsultationRequest.objects.get().reference == response.json()["reference"]
        assert dispatch.wait_idle(15)
        assert publishing_threads and threading.main_thread() not in publishing_threads
        outbox = list(Notification.objects.order_by("pk"))
        assert [n.status for n in outbox] == ["pending", "pending"]
        assert "Connection refused" in outbox[0].publish_error  # and the relay stopped there

        redis_server.start()
        stack(broker_url=redis_server.url, beat=True)

        assert_each_email_sent_exactly_once(stack, ["ana@clinica-sol.es", "sam@vendor.example"])


def test_with_redis_paused_a_form_is_saved_and_answered_at_once_and_emailed_once_the_pause_ends(
    client, redis_server, stack, publishing_threads
):
    SalesUserFactory(username="sam", email="sam@vendor.example")
    with app_broker(redis_server.url, stack.queue_dir, cache_on_redis=True):
        stack(broker_url=redis_server.url, beat=True)
        form = {
            "name": "Ana García",
            "clinic_name": "Clínica Sol",
            "email": "ana@clinica-sol.es",
            "country": "ES",
            "preferred_channel": "email",
            "consent": "on",
            "form_token": fill_token_new(issued_at=time.time() - 20),
        }
        redis_server.pause(7000)

        response = client.post("/consultation/", form)

        assert response.status_code == 302
        assert ConsultationRequest.objects.get().lead is not None
        assert dispatch.wait_idle(15)
        assert publishing_threads and threading.main_thread() not in publishing_threads

        assert_each_email_sent_exactly_once(stack, ["ana@clinica-sol.es", "sam@vendor.example"])
