"""Notifications delivered by a real Celery worker over the configured kind of broker."""

import os

import pytest
from django.core.management import call_command

from quotes import dispatch, tasks
from quotes.leads import intake
from quotes.models import ConsultationRequest, Notification
from tests.factories import DeviceFactory, SalesUserFactory
from tests.integration.conftest import app_broker, task_runs, wait_for

PAYLOAD = {
    "name": "Ana García",
    "clinic_name": "Clínica Dermatológica Sol",
    "email": "ana@clinica-sol.es",
    "country": "ES",
    "consent": True,
    "message": "Is training included?",
}


@pytest.fixture
def broker(request, stack, tmp_path):
    """The configured kind of broker: a throw-away Redis when REDIS_URL is set, else the filesystem."""
    if os.environ.get("REDIS_URL"):
        server = request.getfixturevalue("redis_server")
        with app_broker(server.url, stack.queue_dir, cache_on_redis=True):
            yield server.url
    else:
        for sub in ("out", "processed"):
            (stack.queue_dir / sub).mkdir(parents=True, exist_ok=True)
        with app_broker("filesystem://", stack.queue_dir, cache_on_redis=False):
            yield None


def test_a_request_reaches_the_clinic_and_its_salesperson_through_a_real_worker(client, broker, stack):
    call_command("migrate", verbosity=0)  # groups and permissions, as after a deploy
    seller = SalesUserFactory(username="sam", email="sam@vendor.example")
    device = DeviceFactory(slug="co2-60")
    stack(broker_url=broker)

    response = client.post(
        "/api/v1/consultations/",
        {**PAYLOAD, "devices": [device.slug]},
        content_type="application/json",
        HTTP_X_REQUEST_ID="edge-req-0001",
    )

    assert response.status_code == 201 and response["X-Request-ID"] == "edge-req-0001"
    messages = wait_for(
        lambda: len(stack.mailbox.messages()) >= 2 and stack.mailbox.messages(), timeout=60, what="two emails"
    )
    assert sorted(m["To"] for m in messages) == ["ana@clinica-sol.es", "sam@vendor.example"]
    consultation = ConsultationRequest.objects.get()
    # The mail leaves before its row is marked sent: wait for the row, too.
    wait_for(
        lambda: set(consultation.notifications.values_list("status", flat=True)) == {"sent"},
        timeout=30,
        what="both notifications marked sent",
    )
    assert consultation.lead.owner == seller
    assert consultation.lead.activities.filter(kind="email").count() == 2
    # The worker's line for each email names the request that caused it.
    sends = wait_for(
        lambda: len(runs := task_runs(stack.log, "quotes.tasks.notification_send_task")) >= 2 and runs,
        timeout=30,
        what="the two task lines",
    )
    assert {run["request_id"] for run in sends} == {"edge-req-0001"}


def test_two_deliveries_of_one_notification_send_one_email(broker, stack):
    SalesUserFactory(username="sam", email="sam@vendor.example")
    consultation = intake.consultation_submit(
        data=intake.ConsultationData(**PAYLOAD), origin=intake.RequestOrigin()
    ).consultation
    confirmation = consultation.notifications.get(kind="clinic_confirmation")

    # Besides the relay's own publish after commit, the confirmation is published three
    # more times, as a relay and sweeps racing each other would.
    dispatch.wait_idle(15)
    for _ in range(3):
        tasks.notification_send_task.apply_async(args=[confirmation.pk])
    stack(broker_url=broker)

    wait_for(
        lambda: len(task_runs(stack.log, "quotes.tasks.notification_send_task")) >= 5,
        timeout=60,
        what="all five deliveries",
    )
    assert stack.mailbox.recipients() == ["ana@clinica-sol.es", "sam@vendor.example"]
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
