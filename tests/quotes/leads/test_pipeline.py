"""The pipeline: owners, transitions, the first-response clock, notes and the timeline, exhaustively."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from quotes import errors
from quotes.leads import notifications, pipeline
from quotes.models import Activity, Lead
from tests.factories import LeadFactory, SalesUserFactory, TerritoryFactory, UserFactory
from tests.quotes.leads.conftest import submit

pytestmark = pytest.mark.django_db


def test_a_territory_covering_the_country_wins_over_round_robin():
    SalesUserFactory(username="first-in-line")
    iberia = TerritoryFactory(countries=["ES", "PT"])

    assert pipeline.lead_owner_pick(country="PT") == (iberia.owner, "territory")
    assert pipeline.lead_owner_pick(country="DE")[1] == "round robin"


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

    assert pipeline.lead_owner_pick(country="ES") == (active, "round robin")


def test_reassigning_records_who_moved_the_lead(seller):
    lead = LeadFactory(owner=seller)
    other = SalesUserFactory(username="other", first_name="Olga", last_name="Ortiz")

    pipeline.lead_assign(lead=lead, owner=other, actor=seller)

    lead.refresh_from_db()
    assert lead.owner == other
    assert lead.activities.get(kind="assignment").actor == seller


def test_only_active_sales_staff_can_own_a_lead(seller):
    lead = LeadFactory(owner=seller)

    with pytest.raises(ValidationError):
        pipeline.lead_assign(lead=lead, owner=UserFactory(username="outsider"), actor=seller)


ALLOWED = [(frm, to) for frm, tos in pipeline.TRANSITIONS.items() for to in tos]


REFUSED = [(frm, to) for frm in Lead.Status.values for to in Lead.Status.values if (frm, to) not in ALLOWED]


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_allowed_transitions_move_the_lead_and_record_actor_and_time(seller, from_status, to_status):
    lead = LeadFactory(owner=seller, status=from_status, lost_reason="Too expensive" if from_status == "lost" else "")

    pipeline.lead_status_change(lead=lead, to_status=to_status, actor=seller, reason="Budget cut")

    lead.refresh_from_db()
    entry = lead.activities.get(kind="status")
    assert lead.status == to_status
    assert (entry.from_status, entry.to_status, entry.actor) == (from_status, to_status, seller)
    assert entry.created_at is not None


@pytest.mark.parametrize(("from_status", "to_status"), REFUSED)
def test_other_transitions_are_refused_and_change_nothing(seller, from_status, to_status):
    lead = LeadFactory(owner=seller, status=from_status, lost_reason="Too expensive" if from_status == "lost" else "")

    with pytest.raises(errors.LeadStateError):
        pipeline.lead_status_change(lead=lead, to_status=to_status, actor=seller, reason="x")

    lead.refresh_from_db()
    assert lead.status == from_status
    assert not lead.activities.exists()


def test_lost_needs_a_reason(seller):
    lead = LeadFactory(owner=seller)

    with pytest.raises(ValidationError) as refused:
        pipeline.lead_status_change(lead=lead, to_status="lost", actor=seller, reason="  ")

    assert refused.value.message_dict == {"reason": ["Say why the lead was lost."]}


def test_the_lost_reason_is_kept_on_the_lead_and_the_timeline(seller):
    lead = LeadFactory(owner=seller)

    pipeline.lead_status_change(lead=lead, to_status="lost", actor=seller, reason="Chose a local supplier")

    lead.refresh_from_db()
    assert lead.lost_reason == "Chose a local supplier"
    assert lead.activities.get(kind="status").body == "Chose a local supplier"


def test_an_unknown_status_is_a_validation_error(seller):
    with pytest.raises(ValidationError):
        pipeline.lead_status_change(lead=LeadFactory(), to_status="maybe", actor=seller)


def test_a_change_based_on_a_stale_status_is_refused(seller):
    lead = LeadFactory(owner=seller)
    Lead.objects.filter(pk=lead.pk).update(status="contacted")  # someone else, a moment ago

    with pytest.raises(errors.LeadStateError, match="changed this lead"):
        pipeline.lead_status_change(lead=lead, to_status="lost", actor=seller, reason="x")


def test_reopening_a_lost_lead_is_refused_while_the_contact_has_another_open_lead(seller):
    lost = LeadFactory(owner=seller, status="lost", lost_reason="Budget")
    LeadFactory(contact=lost.contact, owner=seller)

    with pytest.raises(errors.LeadStateError, match="another open lead"):
        pipeline.lead_status_change(lead=lost, to_status="contacted", actor=seller)


def test_the_first_contact_stops_the_first_response_clock(seller):
    lead = LeadFactory(owner=seller, response_due_at=timezone.now() - timedelta(hours=1))
    assert lead.is_overdue() and list(Lead.objects.overdue()) == [lead]

    pipeline.lead_status_change(lead=lead, to_status="contacted", actor=seller)

    assert lead.first_response_at is not None
    assert not lead.is_overdue() and not Lead.objects.overdue().exists()


def test_notes_are_required_and_bounded(seller):
    lead = LeadFactory(owner=seller)

    with pytest.raises(ValidationError):
        pipeline.lead_note_add(lead=lead, actor=seller, body="   ")
    with pytest.raises(ValidationError):
        pipeline.lead_note_add(lead=lead, actor=seller, body="x" * (pipeline.NOTE_MAX + 1))
    note = pipeline.lead_note_add(lead=lead, actor=seller, body="Demo booked")

    assert note.kind == "note" and note.actor == seller


def test_the_timeline_lists_requests_emails_status_changes_and_notes_newest_first(seller):
    consultation = submit()
    lead = consultation.lead
    notifications.notification_send(notification_id=consultation.notifications.first().pk)
    pipeline.lead_status_change(lead=lead, to_status="contacted", actor=seller)
    pipeline.lead_note_add(lead=lead, actor=seller, body="Demo booked")

    kinds = list(lead.activities.values_list("kind", flat=True))

    assert kinds == ["note", "status", "email", "request", "assignment"]
    assert Activity.objects.count() == 5
