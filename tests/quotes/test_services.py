"""Intake, assignment, the pipeline and the outbox, exhaustively."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from quotes import errors, services
from quotes.models import Activity, Clinic, ConsultationRequest, Contact, Lead, Notification
from tests.factories import ConsultationRequestFactory, LeadFactory, SalesUserFactory, TerritoryFactory, UserFactory

pytestmark = pytest.mark.django_db


def data(**overrides) -> services.ConsultationData:
    values = {
        "name": "Ana García",
        "clinic_name": "Clínica Sol",
        "email": "ana@clinica-sol.es",
        "country": "ES",
        "consent": True,
        "message": "Is training included?",
    }
    return services.ConsultationData(**{**values, **overrides})


def submit(origin=None, **overrides) -> ConsultationRequest:
    return services.consultation_submit(data=data(**overrides), origin=origin or services.RequestOrigin()).consultation


# --- Intake and dedupe -------------------------------------------------------------


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
    origin = services.RequestOrigin(
        page_url="/devices/co2-60/", utm={"utm_source": "google", "utm_campaign": "co2"}, ip_address="203.0.113.9"
    )

    consultation = submit(origin=origin)

    assert consultation.page_url == "/devices/co2-60/"
    assert consultation.utm == {"utm_source": "google", "utm_campaign": "co2"}
    assert consultation.ip_address == "203.0.113.9"


# --- Spam and rate limits ------------------------------------------------------------


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
def test_obvious_link_spam_is_held_as_spam_without_a_lead_or_emails(overrides):
    consultation = submit(**overrides)

    assert consultation.spam_reason == "links"
    assert consultation.lead is None
    assert not Notification.objects.exists() and not Lead.objects.exists()


def test_a_link_or_two_in_a_message_is_fine():
    consultation = submit(message="Our site is https://clinica-sol.es and we saw www.vendor.example/co2")

    assert consultation.spam_reason == ""
    assert consultation.lead is not None


def test_spam_held_by_mistake_can_be_taken_into_the_pipeline(seller):
    held = submit(message="a http://1.example http://2.example http://3.example")

    lead = services.consultation_accept(consultation=held, actor=seller)

    held.refresh_from_db()
    assert held.lead == lead and held.spam_reason == ""
    assert lead.notifications.count() == 2
    assert lead.activities.filter(kind="note", actor=seller).exists()
    with pytest.raises(errors.LeadStateError):
        services.consultation_accept(consultation=held, actor=seller)


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
    origin = services.RequestOrigin(ip_address="198.51.100.7")
    services.consultation_submit(data=data(email="a@x.example"), origin=origin, spam_reason="honeypot")
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


# --- Idempotency ----------------------------------------------------------------------


def test_a_replayed_idempotency_key_with_the_same_body_returns_the_first_request():
    first = services.consultation_submit(
        data=data(), origin=services.RequestOrigin(), idempotency_key="k1", fingerprint="f1"
    )

    again = services.consultation_replay(idempotency_key="k1", fingerprint="f1")

    assert again.replayed and again.consultation == first.consultation
    assert services.consultation_replay(idempotency_key="k2", fingerprint="f1") is None
    with pytest.raises(errors.IdempotencyConflict):
        services.consultation_replay(idempotency_key="k1", fingerprint="other")


def test_a_racing_duplicate_that_hits_the_unique_key_answers_with_the_first_request():
    first = services.consultation_submit(
        data=data(), origin=services.RequestOrigin(), idempotency_key="k1", fingerprint="f1"
    ).consultation

    # The second delivery missed the replay check (it ran at the same moment) and inserts.
    second = services.consultation_submit(
        data=data(), origin=services.RequestOrigin(), idempotency_key="k1", fingerprint="f1"
    )

    assert second.replayed and second.consultation == first
    assert ConsultationRequest.objects.count() == 1
    assert Lead.objects.count() == 1


# --- Assignment --------------------------------------------------------------------------


def test_a_territory_covering_the_country_wins_over_round_robin():
    SalesUserFactory(username="first-in-line")
    iberia = TerritoryFactory(countries=["ES", "PT"])

    assert services.lead_owner_pick(country="PT") == (iberia.owner, "territory")
    assert services.lead_owner_pick(country="DE")[1] == "round robin"


def test_two_territories_on_one_country_take_turns():
    one, two = TerritoryFactory(countries=["ES"]), TerritoryFactory(countries=["ES"])

    owners = [submit(email=f"c{n}@x.example").lead.owner for n in range(4)]

    assert owners == [one.owner, two.owner, one.owner, two.owner]


def test_round_robin_gives_the_next_lead_to_whoever_waited_longest():
    ann, bob, cid = (SalesUserFactory(username=name) for name in ("ann", "bob", "cid"))

    owners = [submit(email=f"c{n}@x.example", country="DE").lead.owner for n in range(4)]

    assert owners == [ann, bob, cid, ann]


def test_inactive_staff_editors_and_territories_of_inactive_staff_are_skipped():
    gone = SalesUserFactory(username="gone", is_active=False)
    TerritoryFactory(owner=gone, countries=["ES"])
    UserFactory(username="editor", is_staff=True)
    active = SalesUserFactory(username="active")

    assert services.lead_owner_pick(country="ES") == (active, "round robin")


def test_reassigning_records_who_moved_the_lead(seller):
    lead = LeadFactory(owner=seller)
    other = SalesUserFactory(username="other", first_name="Olga", last_name="Ortiz")

    services.lead_assign(lead=lead, owner=other, actor=seller)

    lead.refresh_from_db()
    assert lead.owner == other
    assert lead.activities.get(kind="assignment").actor == seller


def test_only_active_sales_staff_can_own_a_lead(seller):
    lead = LeadFactory(owner=seller)

    with pytest.raises(ValidationError):
        services.lead_assign(lead=lead, owner=UserFactory(username="outsider"), actor=seller)


# --- Pipeline -------------------------------------------------------------------------------

ALLOWED = [(frm, to) for frm, tos in services.TRANSITIONS.items() for to in tos]
REFUSED = [(frm, to) for frm in Lead.Status.values for to in Lead.Status.values if (frm, to) not in ALLOWED]


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_allowed_transitions_move_the_lead_and_record_actor_and_time(seller, from_status, to_status):
    lead = LeadFactory(owner=seller, status=from_status, lost_reason="Too expensive" if from_status == "lost" else "")

    services.lead_status_change(lead=lead, to_status=to_status, actor=seller, reason="Budget cut")

    lead.refresh_from_db()
    entry = lead.activities.get(kind="status")
    assert lead.status == to_status
    assert (entry.from_status, entry.to_status, entry.actor) == (from_status, to_status, seller)
    assert entry.created_at is not None


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
def test_other_transitions_are_refused_and_change_nothing(seller, from_status, to_status):
    lead = LeadFactory(owner=seller, status=from_status, lost_reason="Too expensive" if from_status == "lost" else "")

    with pytest.raises(errors.LeadStateError):
        services.lead_status_change(lead=lead, to_status=to_status, actor=seller, reason="x")

    lead.refresh_from_db()
    assert lead.status == from_status
    assert not lead.activities.exists()


def test_lost_needs_a_reason(seller):
    lead = LeadFactory(owner=seller)

    with pytest.raises(ValidationError) as refused:
        services.lead_status_change(lead=lead, to_status="lost", actor=seller, reason="  ")

    assert refused.value.message_dict == {"reason": ["Say why the lead was lost."]}


def test_the_lost_reason_is_kept_on_the_lead_and_the_timeline(seller):
    lead = LeadFactory(owner=seller)

    services.lead_status_change(lead=lead, to_status="lost", actor=seller, reason="Chose a local supplier")

    lead.refresh_from_db()
    assert lead.lost_reason == "Chose a local supplier"
    assert lead.activities.get(kind="status").body == "Chose a local supplier"


def test_an_unknown_status_is_a_validation_error(seller):
    with pytest.raises(ValidationError):
        services.lead_status_change(lead=LeadFactory(), to_status="maybe", actor=seller)


def test_a_change_based_on_a_stale_status_is_refused(seller):
    lead = LeadFactory(owner=seller)
    Lead.objects.filter(pk=lead.pk).update(status="contacted")  # someone else, a moment ago

    with pytest.raises(errors.LeadStateError, match="changed this lead"):
        services.lead_status_change(lead=lead, to_status="lost", actor=seller, reason="x")


def test_reopening_a_lost_lead_is_refused_while_the_contact_has_another_open_lead(seller):
    lost = LeadFactory(owner=seller, status="lost", lost_reason="Budget")
    LeadFactory(contact=lost.contact, owner=seller)

    with pytest.raises(errors.LeadStateError, match="another open lead"):
        services.lead_status_change(lead=lost, to_status="contacted", actor=seller)


def test_the_first_contact_stops_the_first_response_clock(seller):
    lead = LeadFactory(owner=seller, response_due_at=timezone.now() - timedelta(hours=1))
    assert lead.is_overdue() and list(Lead.objects.overdue()) == [lead]

    services.lead_status_change(lead=lead, to_status="contacted", actor=seller)

    assert lead.first_response_at is not None
    assert not lead.is_overdue() and not Lead.objects.overdue().exists()


def test_notes_are_required_and_bounded(seller):
    lead = LeadFactory(owner=seller)

    with pytest.raises(ValidationError):
        services.lead_note_add(lead=lead, actor=seller, body="   ")
    with pytest.raises(ValidationError):
        services.lead_note_add(lead=lead, actor=seller, body="x" * (services.NOTE_MAX + 1))
    note = services.lead_note_add(lead=lead, actor=seller, body="Demo booked")

    assert note.kind == "note" and note.actor == seller


def test_bulk_status_changes_report_the_leads_they_could_not_move(seller):
    movable, final = LeadFactory(owner=seller), LeadFactory(owner=seller, status="won")

    moved, problems = services.leads_status_change(leads=[movable, final], to_status="spam", actor=seller)

    assert moved == 1
    assert len(problems) == 1 and "cannot become spam" in problems[0]


# --- Outbox ---------------------------------------------------------------------------------


def test_sending_a_notification_twice_sends_one_email(seller):
    confirmation = submit().notifications.get(kind="clinic_confirmation")

    assert services.notification_send(notification_id=confirmation.pk) is True
    assert services.notification_send(notification_id=confirmation.pk) is False

    confirmation.refresh_from_db()
    assert len(mail.outbox) == 1
    assert confirmation.status == "sent" and confirmation.sent_at is not None
    assert confirmation.lead.activities.filter(kind="email", notification=confirmation).count() == 1


def test_the_confirmation_is_a_text_and_html_email_with_the_reference(seller):
    consultation = submit()

    services.notification_send(notification_id=consultation.notifications.get(kind="clinic_confirmation").pk)

    email = mail.outbox[0]
    assert email.to == ["ana@clinica-sol.es"]
    assert consultation.reference in email.subject and consultation.reference in email.body
    assert email.reply_to == [seller.email]
    html, mimetype = email.alternatives[0]
    assert mimetype == "text/html" and consultation.reference in html


def test_the_owner_alert_links_to_the_lead_and_says_when_first_contact_is_due(seller, settings):
    settings.SITE_URL = "https://catalog.example.com"
    consultation = submit(phone="+34612345678")

    services.notification_send(notification_id=consultation.notifications.get(kind="owner_alert").pk)

    email = mail.outbox[0]
    assert email.to == [seller.email]
    assert email.subject == "New lead: Clínica Sol (ES)"
    assert f"https://catalog.example.com/sales/leads/{consultation.lead_id}/" in email.body
    assert "First contact is due by" in email.body and "+34 612 34 56 78" in email.body


def test_a_follow_up_request_alerts_the_owner_as_such(seller):
    submit()
    follow_up = submit()

    services.notification_send(notification_id=follow_up.notifications.get(kind="owner_alert").pk)

    assert mail.outbox[0].subject.startswith("New request on your lead")


def test_a_missing_notification_row_is_tolerated():
    assert services.notification_send(notification_id=987654) is False


def test_a_mail_server_failure_releases_the_claim_for_a_retry(seller, monkeypatch):
    notification = submit().notifications.first()
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", _raise_smtp)

    with pytest.raises(errors.NotificationSendError):
        services.notification_send(notification_id=notification.pk)

    notification.refresh_from_db()
    assert notification.status == "queued" and "SMTP down" in notification.error
    monkeypatch.undo()
    assert services.notification_send(notification_id=notification.pk) is True


def test_a_claim_abandoned_by_a_dead_worker_is_taken_over_after_the_lease(seller):
    notification = submit().notifications.first()
    Notification.objects.filter(pk=notification.pk).update(status="sending", claimed_at=timezone.now())

    assert services.notification_send(notification_id=notification.pk) is False

    Notification.objects.filter(pk=notification.pk).update(claimed_at=timezone.now() - timedelta(hours=1))
    assert services.notification_send(notification_id=notification.pk) is True
    assert len(mail.outbox) == 1


def test_giving_up_marks_the_notification_failed_and_says_so_on_the_timeline(seller):
    notification = submit().notifications.first()

    services.notification_fail(notification_id=notification.pk, error="SMTP down")

    notification.refresh_from_db()
    assert notification.status == "failed"
    assert "could not be sent: SMTP down" in notification.lead.activities.get(kind="email").body
    assert services.notifications_retry(notification_ids=[notification.pk]) == 1
    notification.refresh_from_db()
    assert notification.status == "pending"


def test_the_relay_queues_due_notifications_and_marks_them_queued(dispatched):
    submit()

    assert services.notifications_relay() == 2

    published = dispatched.of("notification_send_task")
    assert sorted(published) == sorted(Notification.objects.values_list("pk", flat=True))
    assert set(Notification.objects.values_list("status", flat=True)) == {"queued"}
    assert services.notifications_relay() == 0  # nothing is due any more


def test_a_broker_failure_stops_the_relay_and_leaves_the_rows_pending(dispatched):
    submit()
    dispatched.refuse_with = ConnectionRefusedError("Connection refused")

    assert services.notifications_relay() == 0

    statuses = list(Notification.objects.order_by("pk").values_list("status", "publish_attempts", "publish_error"))
    assert statuses[0] == ("pending", 1, "ConnectionRefusedError: Connection refused")
    assert statuses[1] == ("pending", 0, "")  # not even tried: the broker is down


def test_the_relay_queues_again_what_the_broker_seems_to_have_lost(dispatched, settings):
    submit()
    long_ago = timezone.now() - timedelta(seconds=settings.NOTIFICATION_REQUEUE_AFTER_SECONDS + 1)
    Notification.objects.update(status="queued", queued_at=long_ago)
    Notification.objects.filter(pk=Notification.objects.first().pk).update(status="sent")

    assert services.notifications_relay() == 1


def test_the_timeline_lists_requests_emails_status_changes_and_notes_newest_first(seller):
    consultation = submit()
    lead = consultation.lead
    services.notification_send(notification_id=consultation.notifications.first().pk)
    services.lead_status_change(lead=lead, to_status="contacted", actor=seller)
    services.lead_note_add(lead=lead, actor=seller, body="Demo booked")

    kinds = list(lead.activities.values_list("kind", flat=True))

    assert kinds == ["note", "status", "email", "request", "assignment"]
    assert Activity.objects.count() == 5


def test_request_fingerprints_ignore_key_order():
    assert services.request_fingerprint({"a": 1, "b": [1, 2]}) == services.request_fingerprint({"b": [1, 2], "a": 1})
    assert services.request_fingerprint({"a": 1}) != services.request_fingerprint({"a": 2})


def test_a_consultation_factory_request_is_not_spam():
    assert not ConsultationRequestFactory().is_spam


def _raise_smtp(*args, **kwargs):
    raise OSError("SMTP down")
