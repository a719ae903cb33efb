"""Intake: saving, routing and deduplicating requests; spam, rate limits and idempotency, exhaustively."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from quotes import errors
from quotes.leads import intake, selectors
from quotes.models import Clinic, ConsultationRequest, Contact, Lead, Notification
from tests.factories import ConsultationRequestFactory
from tests.quotes.leads.conftest import consultation_data, submit

pytestmark = pytest.mark.django_db


def test_a_first_request_creates_a_clinic_a_contact_and_a_new_lead(device, seller):
    consultation = submit(devices=[device], phone="+34612345678")

    lead = consultation.lead
    assert lead.status == "new"
    assert lead.contact.email == "ana@clinica-sol.es" and lead.contact.phone == "+34612345678"
    assert lead.clinic.name == "Clínica Sol" and lead.clinic.country == "ES"
    assert list(lead.devices.all()) == [device]
    assert lead.owner == seller
    assert lead.response_due_at is not None
    assert [a.kind for a in lead.activities.order_by("id")] == ["assignment", "request"]


def test_the_same_email_in_another_case_joins_the_same_contact_and_open_lead(device):
    first = submit()
    second = submit(email="ANA@Clinica-Sol.ES", clinic_name="Clinica Sol SL", devices=[device])

    assert Contact.objects.count() == 1 and Clinic.objects.count() == 1
    assert second.lead == first.lead
    assert second.email == "ana@clinica-sol.es"
    assert list(first.lead.devices.all()) == [device]
    assert first.lead.activities.filter(kind="request").count() == 2
    assert "Another request" in first.lead.activities.filter(kind="request").first().body


def test_a_contact_whose_lead_is_closed_gets_a_new_lead_on_the_same_contact():
    first = submit()
    Lead.objects.filter(pk=first.lead_id).update(status="won")

    second = submit()

    assert second.lead != first.lead
    assert second.lead.contact == first.lead.contact
    assert Lead.objects.open().count() == 1


def test_each_accepted_request_writes_a_confirmation_and_an_owner_alert_in_the_outbox(
    seller, django_capture_on_commit_callbacks, dispatched
):
    with django_capture_on_commit_callbacks(execute=True):
        consultation = submit()
        written = set(consultation.notifications.values_list("status", flat=True))

    notifications = {n.kind: n for n in consultation.notifications.all()}
    assert notifications["clinic_confirmation"].recipient == "ana@clinica-sol.es"
    assert notifications["owner_alert"].recipient == seller.email
    assert written == {"pending"}  # in the request's own transaction
    # Handed to the broker once the transaction committed, and marked so.
    assert sorted(dispatched.of("notification_send_task")) == sorted(n.pk for n in notifications.values())
    assert {n.status for n in notifications.values()} == {"queued"}
    assert mail.outbox == []  # nothing is sent in the request


def test_with_nobody_in_sales_the_lead_is_unassigned_and_the_team_inbox_is_alerted(settings):
    settings.SALES_EMAIL = "team@vendor.example"

    consultation = submit()

    assert consultation.lead.owner is None
    assert consultation.notifications.get(kind="owner_alert").recipient == "team@vendor.example"


def test_the_page_and_campaign_are_recorded():
    origin = intake.RequestOrigin(
        page_url="/devices/co2-60/", utm={"utm_source": "google", "utm_campaign": "co2"}, ip_address="203.0.113.9"
    )

    consultation = submit(origin=origin)

    assert consultation.page_url == "/devices/co2-60/"
    assert consultation.utm == {"utm_source": "google", "utm_campaign": "co2"}
    assert consultation.ip_address == "203.0.113.9"


@pytest.mark.parametrize(
    "overrides",
    [
        {"message": "Buy now http://a.example http://b.example http://c.example"},
        {"message": "[url=http://pills.example]pills[/url]"},
        {"message": 'Great <a href="http://x.example">site</a>'},
        {"name": "Visit www.pills.example"},
        {"clinic_name": "https://casino.example"},
    ],
)
def test_link_spam_signals_flag_the_request_for_review_and_route_it_like_any_other(overrides):
    consultation = submit(**overrides)

    assert (consultation.spam_reason, consultation.review_reason) == ("", "links")
    assert consultation.lead is not None
    assert Notification.objects.filter(lead=consultation.lead).count() == 2


def test_a_link_or_two_in_a_message_is_fine():
    consultation = submit(message="Our site is https://clinica-sol.es and we saw www.vendor.example/co2")

    assert consultation.spam_reason == "" and consultation.review_reason == ""
    assert consultation.lead is not None


def test_only_the_honeypot_holds_a_request_as_spam_and_staff_can_take_it_in(seller):
    held = intake.consultation_submit(
        data=consultation_data(email="bot@x.example"), origin=intake.RequestOrigin(), form_signal="honeypot"
    ).consultation
    assert (held.spam_reason, held.lead, Lead.objects.count()) == ("honeypot", None, 0)

    lead = intake.consultation_accept(consultation=held, actor=seller)

    held.refresh_from_db()
    assert held.lead == lead and held.spam_reason == ""
    assert lead.notifications.count() == 2
    assert lead.activities.filter(kind="note", actor=seller).exists()
    with pytest.raises(errors.LeadStateError):
        intake.consultation_accept(consultation=held, actor=seller)


def test_the_leads_list_marks_a_lead_whose_request_is_flagged(seller):
    flagged = submit(message="a http://1.example http://2.example http://3.example")
    plain = submit(email="other@clinic.example", name="Other Person")

    rows = {lead.pk: lead for lead in selectors.leads_for_list()}

    assert rows[flagged.lead_id].needs_review is True
    assert rows[plain.lead_id].needs_review is False


def test_the_per_email_limit_counts_recent_requests_from_that_mailbox(settings):
    settings.CONSULTATION_RATE_PER_EMAIL = 2
    submit()
    submit(email="ANA@clinica-sol.es")

    with pytest.raises(errors.RateLimited) as refused:
        submit()

    assert "2 requests" in refused.value.message and refused.value.retry_after > 0
    submit(email="someone-else@clinica-sol.es")  # another mailbox is fine
    assert ConsultationRequest.objects.count() == 3


def test_the_per_ip_limit_counts_spam_too(settings):
    settings.CONSULTATION_RATE_PER_IP = 2
    origin = intake.RequestOrigin(ip_address="198.51.100.7")
    intake.consultation_submit(data=consultation_data(email="a@x.example"), origin=origin, form_signal="honeypot")
    submit(origin=origin, email="b@x.example")

    with pytest.raises(errors.RateLimited):
        submit(origin=origin, email="c@x.example")


def test_requests_older_than_the_window_no_longer_count(settings):
    settings.CONSULTATION_RATE_PER_EMAIL = 1
    submit()
    ConsultationRequest.objects.update(created_at=timezone.now() - timedelta(minutes=61))

    submit()

    assert ConsultationRequest.objects.count() == 2


def test_the_retry_after_says_when_the_oldest_request_leaves_the_window(settings):
    settings.CONSULTATION_RATE_PER_EMAIL = 1
    submit()
    ConsultationRequest.objects.update(created_at=timezone.now() - timedelta(minutes=50))

    with pytest.raises(errors.RateLimited) as refused:
        submit()

    assert 9 * 60 <= refused.value.retry_after <= 10 * 60
    assert "10 minutes" in refused.value.message


def test_a_replayed_idempotency_key_with_the_same_body_returns_the_first_request():
    first = intake.consultation_submit(
        data=consultation_data(), origin=intake.RequestOrigin(), idempotency_key="k1", fingerprint="f1"
    )

    again = intake.consultation_replay(idempotency_key="k1", fingerprint="f1")

    assert again.replayed and again.consultation == first.consultation
    assert intake.consultation_replay(idempotency_key="k2", fingerprint="f1") is None
    with pytest.raises(errors.IdempotencyConflict):
        intake.consultation_replay(idempotency_key="k1", fingerprint="other")


def test_a_racing_duplicate_that_hits_the_unique_key_answers_with_the_first_request():
    first = intake.consultation_submit(
        data=consultation_data(), origin=intake.RequestOrigin(), idempotency_key="k1", fingerprint="f1"
    ).consultation

    # The second delivery missed the replay check (it ran at the same moment) and inserts.
    second = intake.consultation_submit(
        data=consultation_data(), origin=intake.RequestOrigin(), idempotency_key="k1", fingerprint="f1"
    )

    assert second.replayed and second.consultation == first
    assert ConsultationRequest.objects.count() == 1
    assert Lead.objects.count() == 1


def test_request_fingerprints_ignore_key_order():
    assert intake.request_fingerprint({"a": 1, "b": [1, 2]}) == intake.request_fingerprint({"b": [1, 2], "a": 1})
    assert intake.request_fingerprint({"a": 1}) != intake.request_fingerprint({"a": 2})


def test_a_consultation_factory_request_is_not_spam():
    assert not ConsultationRequestFactory().is_spam
