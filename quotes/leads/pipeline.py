"""The lead pipeline: the state machine, who owns a lead, the first-response clock, notes, the timeline.

Status changes go through `lead_status_change` (the menu staff use) or the named moves the
quoting side calls when a quote is sent or answered; both record who and when on the timeline.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone

from quotes import workhours
from quotes.errors import LeadStateError
from quotes.formats import person_label
from quotes.leads import selectors
from quotes.models import Activity, Lead, Territory

User = get_user_model()

# Allowed moves through the pipeline. Lost can reopen (the clinic came back); spam can be
# undone; won is final.
TRANSITIONS: dict[str, list[str]] = {
    Lead.Status.NEW: [Lead.Status.CONTACTED, Lead.Status.QUALIFIED, Lead.Status.LOST, Lead.Status.SPAM],
    Lead.Status.CONTACTED: [Lead.Status.QUALIFIED, Lead.Status.QUOTED, Lead.Status.LOST, Lead.Status.SPAM],
    Lead.Status.QUALIFIED: [Lead.Status.QUOTED, Lead.Status.LOST],
    Lead.Status.QUOTED: [Lead.Status.WON, Lead.Status.LOST, Lead.Status.QUALIFIED],
    Lead.Status.WON: [],
    Lead.Status.LOST: [Lead.Status.CONTACTED],
    Lead.Status.SPAM: [Lead.Status.NEW],
}

NOTE_MAX = 5000


# --- Assignment and the first-response clock ------------------------------------


def lead_owner_pick(*, country: str) -> tuple[User | None, str]:
    """Who gets a new lead from `country`, and by which rule.

    Territory owners covering the country when any are active sales staff, else everyone
    in sales; within that pool, whoever was assigned a lead longest ago (round robin that
    survives people joining and leaving).
    """
    staff = selectors.sales_staff()
    territory_owners = {
        t.owner_id for t in Territory.objects.filter(owner__in=staff) if country and country in t.countries
    }
    pool, rule = (staff.filter(pk__in=territory_owners), "territory") if territory_owners else (staff, "round robin")
    owner = (
        pool.annotate(last_assigned=Max("owned_leads__assigned_at"))
        .order_by(F("last_assigned").asc(nulls_first=True), "pk")
        .first()
    )
    return owner, rule


def lead_response_due(*, arrived_at: datetime) -> datetime:
    """When a lead arriving now is overdue for its first contact."""
    opens, closes = settings.LEAD_WORKING_HOURS
    return workhours.add_working_hours(
        arrived_at,
        settings.LEAD_FIRST_RESPONSE_HOURS,
        days=set(settings.LEAD_WORKING_DAYS),
        opens=opens,
        closes=closes,
        tz=ZoneInfo(settings.TIME_ZONE),
    )


def lead_assign(*, lead: Lead, owner, actor) -> Lead:
    """Give the lead to another salesperson (active sales staff only)."""
    if owner is not None and not selectors.sales_staff().filter(pk=owner.pk).exists():
        raise ValidationError({"owner": f"{person_label(owner)} is not active sales staff."})
    if owner is not None and owner.pk == lead.owner_id:
        return lead
    now = timezone.now()
    with transaction.atomic():
        Lead.objects.filter(pk=lead.pk).update(
            owner=owner, assigned_at=now if owner else None, last_activity_at=now, updated_at=now
        )
        Activity.objects.create(
            lead=lead,
            kind=Activity.Kind.ASSIGNMENT,
            actor=actor,
            body=f"Reassigned from {person_label(lead.owner)} to {person_label(owner)} by {person_label(actor)}.",
            created_at=now,
        )
    lead.owner, lead.assigned_at, lead.last_activity_at = owner, (now if owner else None), now
    return lead


# --- Pipeline -----------------------------------------------------------------


def lead_transitions(*, lead: Lead) -> list[str]:
    return list(TRANSITIONS[lead.status])


def lead_status_change(*, lead: Lead, to_status: str, actor, reason: str = "") -> Lead:
    """Move the lead to `to_status` if the pipeline allows it; lost needs a reason."""
    if to_status not in Lead.Status.values:
        raise ValidationError({"status": f"“{to_status}” is not a lead status."})
    if to_status not in TRANSITIONS[lead.status]:
        raise LeadStateError(
            f"A {Lead.Status(lead.status).label.lower()} lead cannot become {Lead.Status(to_status).label.lower()}."
        )
    reason = reason.strip()
    if to_status == Lead.Status.LOST and not reason:
        raise ValidationError({"reason": "Say why the lead was lost."})
    return _move(lead=lead, to_status=to_status, actor=actor, reason=reason)


def _move(*, lead: Lead, to_status: str, actor, reason: str = "") -> Lead:
    """Write the move and its timeline entry; conditional on the status seen, so a race has one winner."""
    now = timezone.now()
    changes = {"status": to_status, "last_activity_at": now, "updated_at": now}
    changes["lost_reason"] = reason if to_status == Lead.Status.LOST else ""
    if lead.first_response_at is None and lead.status == Lead.Status.NEW and to_status != Lead.Status.SPAM:
        changes["first_response_at"] = now
    try:
        with transaction.atomic():
            if not Lead.objects.filter(pk=lead.pk, status=lead.status).update(**changes):
                raise LeadStateError("Someone changed this lead a moment ago; reload to see its status.")
            Activity.objects.create(
                lead=lead,
                kind=Activity.Kind.STATUS,
                actor=actor,
                from_status=lead.status,
                to_status=to_status,
                body=reason,
                created_at=now,
            )
    except IntegrityError:
        raise LeadStateError("This contact already has another open lead; work that one instead.") from None
    for name, value in changes.items():
        setattr(lead, name, value)
    return lead


def lead_note_add(*, lead: Lead, actor, body: str) -> Activity:
    body = body.strip()
    if not body:
        raise ValidationError({"body": "Write the note first."})
    if len(body) > NOTE_MAX:
        raise ValidationError({"body": f"Keep a note to {NOTE_MAX:,} characters; it has {len(body):,}."})
    now = timezone.now()
    with transaction.atomic():
        activity = Activity.objects.create(lead=lead, kind=Activity.Kind.NOTE, actor=actor, body=body, created_at=now)
        Lead.objects.filter(pk=lead.pk).update(last_activity_at=now)
    return activity


# --- Moves the quoting side makes --------------------------------------------------------


def lead_quote_event(*, quote, actor, body: str) -> Activity:
    """Record something that happened to one of the lead's quotes on its timeline."""
    now = timezone.now()
    activity = Activity.objects.create(
        lead_id=quote.lead_id, kind=Activity.Kind.QUOTE, quote=quote, actor=actor, body=body, created_at=now
    )
    Lead.objects.filter(pk=quote.lead_id).update(last_activity_at=now)
    return activity


# Sending a quotation is a response of its own: it moves a lead that has not been quoted yet
# to quoted, from new or contacted as much as from qualified. These moves are the quotes'
# own, beside the menu staff use (TRANSITIONS), which keeps new -> quoted out of reach by hand.
QUOTE_SENT_MOVES_FROM = [Lead.Status.NEW, Lead.Status.CONTACTED, Lead.Status.QUALIFIED]


def lead_quote_sent(*, quote, actor, body: str) -> Lead:
    """A quote of the lead was sent (or sent again): on the timeline, and the lead is quoted if it was not yet."""
    lead_quote_event(quote=quote, actor=actor, body=body)
    lead = Lead.objects.select_for_update().get(pk=quote.lead_id)
    if lead.status in QUOTE_SENT_MOVES_FROM:
        lead = _move(lead=lead, to_status=Lead.Status.QUOTED, actor=actor)
    return lead


def lead_quote_answered(*, quote, accepted: bool, body: str) -> Lead:
    """The clinic answered a quote online: on the timeline, and an acceptance wins an open lead."""
    lead_quote_event(quote=quote, actor=None, body=body)
    lead = Lead.objects.select_for_update().get(pk=quote.lead_id)
    if accepted and lead.is_open:
        lead = _move(lead=lead, to_status=Lead.Status.WON, actor=None)
    return lead


def lead_email_event(*, notification, body: str, at=None) -> Activity:
    """Record what became of one of the lead's emails on its timeline (with its request or quote)."""
    return Activity.objects.create(
        lead_id=notification.lead_id,
        kind=Activity.Kind.EMAIL,
        notification=notification,
        consultation_request_id=notification.consultation_request_id,
        quote_id=notification.quote_id,
        body=body,
        created_at=at or timezone.now(),
    )
