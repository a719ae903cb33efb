"""The Celery tasks are thin: called directly here, through a real worker in tests/integration/."""

from datetime import timedelta

import pytest
from celery.exceptions import Retry
from django.core import mail
from django.utils import timezone

from quotes import tasks
from quotes.leads import intake, notifications
from quotes.models import Notification, Quote
from quotes.quoting import drafts, rendering, sending
from quotes.quoting.lines import LineData
from tests.factories import DeviceFactory, LeadFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def notification(seller):
    consultation = intake.consultation_submit(
        data=intake.ConsultationData(
            name="Ana", clinic_name="Clínica Sol", email="ana@clinica-sol.es", country="ES", consent=True
        ),
        origin=intake.RequestOrigin(),
    ).consultation
    return consultation.notifications.get(kind="clinic_confirmation")


def test_the_send_task_sends_once(notification):
    tasks.notification_send_task.apply(args=[notification.pk])
    tasks.notification_send_task.apply(args=[notification.pk])

    assert len(mail.outbox) == 1


def test_a_failed_send_is_retried_with_backoff(notification, monkeypatch):
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", _smtp_down)
    retries = []
    monkeypatch.setattr(tasks.notification_send_task, "retry", lambda **kw: retries.append(kw) or Retry())

    with pytest.raises(Retry):
        tasks.notification_send_task.run(notification.pk)

    assert retries[0]["countdown"] == 30


def test_the_backoff_doubles_up_to_ten_minutes():
    assert [tasks.send_backoff(n) for n in range(6)] == [30, 60, 120, 240, 480, 600]


def test_after_the_last_retry_the_notification_is_marked_failed(notification, monkeypatch):
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", _smtp_down)

    tasks.notification_send_task.apply(args=[notification.pk], kwargs={"failures": tasks.SEND_MAX_RETRIES})

    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.error == "OSError: SMTP down"


def test_the_sweep_task_relays_what_is_pending(notification, dispatched):
    assert tasks.notifications_relay_task.apply().get() == 2
    assert len(dispatched.of("notification_send_task")) == 2


@pytest.fixture
def quote_email(seller):
    """A sent quote's email in the outbox; its PDF is not rendered yet."""
    lead = LeadFactory(owner=seller, status="qualified")
    data = drafts.QuoteData(valid_until=timezone.localdate() + timedelta(days=30))
    quote = drafts.quote_create(lead=lead, actor=seller, data=data, lines=[LineData(device=DeviceFactory())])
    revision = sending.quote_send(quote=quote, actor=seller)
    return quote.notifications.get(kind=Notification.Kind.QUOTE_SENT, revision=revision)


def run_as_retry(task, args, *, retries: int, kwargs: dict | None = None):
    """Run the task body as the delivery number `retries + 1` of its message."""
    task.push_request(retries=retries, args=args, kwargs=kwargs or {})
    try:
        return task.run(*args, **(kwargs or {}))
    finally:
        task.pop_request()


def test_an_email_waits_for_its_pdf_without_spending_its_send_retries(quote_email, monkeypatch):
    task = tasks.notification_send_task
    retries = []
    monkeypatch.setattr(task, "retry", lambda **kw: retries.append(kw) or Retry())

    with pytest.raises(Retry):
        run_as_retry(task, [quote_email.pk], retries=3)

    assert retries[0]["countdown"] == tasks.PDF_WAIT_SECONDS and "kwargs" not in retries[0]
    quote_email.refresh_from_db()
    assert quote_email.status == "pending" and quote_email.send_attempts == 0


def test_a_send_that_waited_for_its_pdf_still_gets_every_send_retry(quote_email, monkeypatch):
    rendering.quote_pdf_render(revision_id=quote_email.revision_id, task_id="render-1")
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", _smtp_down)
    task = tasks.notification_send_task
    retries = []
    monkeypatch.setattr(task, "retry", lambda **kw: retries.append(kw) or Retry())

    # Retried six times already, each time because the PDF was not ready yet.
    with pytest.raises(Retry):
        run_as_retry(task, [quote_email.pk], retries=6)

    assert retries[0]["countdown"] == 30 and retries[0]["kwargs"] == {"failures": 1}
    quote_email.refresh_from_db()
    assert quote_email.status == "queued" and quote_email.send_attempts == 1
    assert quote_email.error == "OSError: SMTP down"


def test_an_email_whose_pdf_never_comes_fails_readably_instead_of_waiting_for_ever(quote_email):
    task = tasks.notification_send_task

    assert run_as_retry(task, [quote_email.pk], retries=task.max_retries) is False

    quote_email.refresh_from_db()
    assert quote_email.status == "failed"
    assert quote_email.error.startswith("The PDF was not ready after 5 minutes")


def _smtp_down(*args, **kwargs):
    raise OSError("SMTP down")


def test_an_owner_notice_that_keeps_failing_ends_failed_with_its_reason_and_is_never_queued_again(
    quote_email, monkeypatch, dispatched
):
    quote = Quote.objects.get(pk=quote_email.quote_id)
    rendering.quote_pdf_render(revision_id=quote_email.revision_id, task_id="render-1")
    revision = quote.revisions.get()
    sending.quote_accept(quote=quote, revision=revision, name="Dr. Ana García", confirmed=True, ip_address=None)
    notice = quote.notifications.get(kind=Notification.Kind.QUOTE_ACCEPTED)
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", _smtp_down)

    # Its last retry: the send fails once more.
    tasks.notification_send_task.apply(args=[notice.pk], kwargs={"failures": tasks.SEND_MAX_RETRIES})

    notice.refresh_from_db()
    assert (notice.status, notice.error) == ("failed", "OSError: SMTP down")
    assert quote.lead.activities.filter(notification=notice, body__contains="could not be sent").exists()
    dispatched.clear()
    Notification.objects.filter(pk=notice.pk).update(created_at=timezone.now() - timedelta(days=1))
    # The quotation email and the clinic's acceptance receipt, still due; not the notice.
    assert notifications.notifications_relay() == 2
    assert notice.pk not in dispatched.of("notification_send_task")
