"""The email outbox: sent once, retried, failed readably, relayed after commit and by the sweep."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from quotes import errors
from quotes.leads import notifications
from quotes.models import Notification
from tests.quotes.leads.conftest import submit

pytestmark = pytest.mark.django_db


def test_sending_a_notification_twice_sends_one_email(seller):
    confirmation = submit().notifications.get(kind="clinic_confirmation")

    assert notifications.notification_send(notification_id=confirmation.pk) is True
    assert notifications.notification_send(notification_id=confirmation.pk) is False

    confirmation.refresh_from_db()
    assert len(mail.outbox) == 1
    assert confirmation.status == "sent" and confirmation.sent_at is not None
    assert confirmation.lead.activities.filter(kind="email", notification=confirmation).count() == 1


def test_the_confirmation_is_a_text_and_html_email_with_the_reference(seller):
    consultation = submit()

    notifications.notification_send(notification_id=consultation.notifications.get(kind="clinic_confirmation").pk)

    email = mail.outbox[0]
    assert email.to == ["ana@clinica-sol.es"]
    assert consultation.reference in email.subject and consultation.reference in email.body
    assert email.reply_to == [seller.email]
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and consultation.reference in html


def test_the_owner_alert_links_to_the_lead_and_says_when_first_contact_is_due(seller, settings):
    settings.SITE_URL = "https://catalog.example.com"
    consultation = submit(phone="+34612345678")

    notifications.notification_send(notification_id=consultation.notifications.get(kind="owner_alert").pk)

    email = mail.outbox[0]
    assert email.to == [seller.email]
    assert email.subject == "New lead: Clínica Sol (ES)"
    assert f"https://catalog.example.com/sales/leads/{consultation.lead_id}/" in email.body
    assert "First contact is due by" in email.body and "+34 612 34 56 78" in email.body


def test_a_follow_up_request_alerts_the_owner_as_such(seller):
    submit()
    follow_up = submit()

    notifications.notification_send(notification_id=follow_up.notifications.get(kind="owner_alert").pk)

    assert mail.outbox[0].subject.startswith("New request on your lead")


def test_a_missing_notification_row_is_tolerated():
    assert notifications.notification_send(notification_id=987654) is False


def test_a_mail_server_failure_releases_the_claim_for_a_retry(seller, monkeypatch):
    notification = submit().notifications.first()
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", _raise_smtp)

    with pytest.raises(errors.NotificationSendError):
        notifications.notification_send(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == "queued" and "SMTP down" in notification.error
    monkeypatch.undo()
    assert notifications.notification_send(notification_id=notification.pk) is True


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over_after_the_lease(seller):
    notification = submit().notifications.first()
    Notification.objects.filter(pk=notification.pk).update(status="sending", claimed_at=timezone.now())

    assert notifications.notification_send(notification_id=notification.pk) is False

    Notification.objects.filter(pk=notification.pk).update(claimed_at=timezone.now() - timedelta(hours=1))
    assert notifications.notification_send(notification_id=notification.pk) is True
    assert len(mail.outbox) == 1


def test_giving_up_marks_the_notification_failed_and_says_so_on_the_timeline(seller):
    notification = submit().notifications.first()

    notifications.notification_fail(notification_id=notification.pk, error="SMTP down")

    notification.refresh_from_db()
    assert notification.status == "failed"
    assert "could not be sent: SMTP down" in notification.lead.activities.get(kind="email").body
    assert notifications.notifications_retry(notification_ids=[notification.pk]) == 1
    notification.refresh_from_db()
    assert notification.status == "pending"


def test_the_relay_queues_due_notifications_and_marks_them_queued(dispatched):
    submit()

    assert notifications.notifications_relay() == 2

    published = dispatched.of("notification_send_task")
    assert sorted(published) == sorted(Notification.objects.values_list("pk", flat=True))
    assert set(Notification.objects.values_list("status", flat=True)) == {"queued"}
    assert notifications.notifications_relay() == 0  # nothing is due any more


def test_a_broker_failure_stops_the_relay_and_leaves_the_rows_pending(dispatched):
    submit()
    dispatched.refuse_with = ConnectionRefusedError("Connection refused")

    assert notifications.notifications_relay() == 0

    statuses = list(Notification.objects.order_by("pk").values_list("status", "publish_attempts", "publish_error"))
    assert statuses[0] == ("pending", 1, "ConnectionRefusedError: Connection refused")
    assert statuses[1] == ("pending", 0, "")  # not even tried: the broker is down


def test_the_relay_queues_again_what_the_broker_seems_to_have_lost(dispatched, settings):
    submit()
    long_ago = timezone.now() - timedelta(seconds=settings.NOTIFICATION_REQUEUE_AFTER_SECONDS + 1)
    Notification.objects.update(status="queued", queued_at=long_ago)
    Notification.objects.filter(pk=Notification.objects.first().pk).update(status="sent")

    assert notifications.notifications_relay() == 1


def _raise_smtp(*args, **kwargs):
    raise OSError("SMTP down")
