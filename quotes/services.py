"""Sales use cases: taking in consultation requests, working leads, and the email outbox.

Intake writes the request, its contact, clinic and lead, a timeline entry and one
notification row per email in one transaction. Nothing in it talks to the broker: after
commit a background relay hands the notifications to Celery, and a beat sweep picks up
whatever the relay could not publish, so a broker outage delays emails but loses none.
"""

import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Max, Q
from django.urls import reverse
from django.utils import timezone

from catalog.models import Device, Treatment
from quotes import dispatch, emails, selectors, workhours
from quotes.errors import IdempotencyConflict, LeadStateError, NotificationSendError, RateLimited
from quotes.formats import person_label
from quotes.models import Activity, Clinic, ConsultationRequest, Contact, Lead, Notification, Territory
from quotes.validation import email_normalize

logger = logging.getLogger(__name__)
User = get_user_model()

# A publish from the relay gives up quickly: the sweep tries again later anyway. One retry
# covers a pooled connection that went stale while the broker restarted.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}

LINK_PATTERN = re.compile(r"https?://|www\.|\[url|<a\s", re.IGNORECASE)

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


@dataclass(frozen=True)
class ConsultationData:
    """A consultation request as the form or the API cleaned it."""

    name: str
    clinic_name: str
    email: str
    country: str
    consent: bool
    phone: str = ""
    devices: list[Device] = field(default_factory=list)
    treatments: list[Treatment] = field(default_factory=list)
    timeline: str = ""
    message: str = ""
    preferred_channel: str = ConsultationRequest.Channel.EMAIL


@dataclass(frozen=True)
class RequestOrigin:
    """Where a request came from: entry point, page, campaign and client."""

    source: str = ConsultationRequest.Source.FORM
    page_url: str = ""
    utm: dict[str, str] = field(default_factory=dict)
    ip_address: str | None = None
    user_agent: str = ""


@dataclass(frozen=True)
class Submission:
    consultation: ConsultationRequest
    replayed: bool = False


# --- Intake -------------------------------------------------------------------


def consultation_submit(
    *,
    data: ConsultationData,
    origin: RequestOrigin,
    spam_reason: str = "",
    idempotency_key: str = "",
    fingerprint: str = "",
) -> Submission:
    """Save a consultation request first, then route it: spam is held, the rest joins a lead.

    Raises RateLimited before saving anything when the address or mailbox sent too many
    requests lately. With an idempotency key already used for the same body, returns the
    first request instead of a second one.
    """
    email = email_normalize(data.email)
    consultation_rate_check(ip_address=origin.ip_address, email=email)
    spam_reason = spam_reason or consultation_spam_reason(data=data)
    try:
        with transaction.atomic():
            consultation = _consultation_create(
                data=data,
                origin=origin,
                email=email,
                spam_reason=spam_reason,
                idempotency_key=idempotency_key,
                fingerprint=fingerprint,
            )
            if not spam_reason:
                _consultation_route(consultation=consultation)
    except IntegrityError:
        # Two deliveries of one API call raced: the loser answers with the winner's request.
        earlier = selectors.consultation_by_idempotency_key(key=idempotency_key) if idempotency_key else None
        if earlier is None:
            raise
        if earlier.request_fingerprint != fingerprint:
            raise IdempotencyConflict(idempotency_key) from None
        return Submission(consultation=earlier, replayed=True)
    return Submission(consultation=consultation)


def consultation_replay(*, idempotency_key: str, fingerprint: str) -> Submission | None:
    """The earlier answer to this Idempotency-Key, if there is one."""
    earlier = selectors.consultation_by_idempotency_key(key=idempotency_key)
    if earlier is None:
        return None
    if earlier.request_fingerprint != fingerprint:
        raise IdempotencyConflict(idempotency_key)
    return Submission(consultation=earlier, replayed=True)


def request_fingerprint(payload) -> str:
    """A stable hash of a JSON body, to tell a retry from a different request under one key."""
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def consultation_rate_check(*, ip_address: str | None, email: str, now: datetime | None = None) -> None:
    """Refuse a request when its address or mailbox sent too many within the window.

    Counts saved requests (spam included) in the database, not in the cache: the cache is
    Redis in production, and the request path must not wait on Redis.
    """
    now = now or timezone.now()
    window = timedelta(minutes=settings.CONSULTATION_RATE_WINDOW_MINUTES)
    recent = ConsultationRequest.objects.filter(created_at__gte=now - window)
    for rows, limit in (
        (recent.filter(ip_address=ip_address) if ip_address else None, settings.CONSULTATION_RATE_PER_IP),
        (recent.filter(email=email), settings.CONSULTATION_RATE_PER_EMAIL),
    ):
        if rows is None:
            continue
        times = list(rows.order_by("-created_at").values_list("created_at", flat=True)[:limit])
        if len(times) >= limit:
            retry_after = max(60, int((times[-1] + window - now).total_seconds()))
            minutes = -(-retry_after // 60)
            raise RateLimited(
                f"We have received {limit} requests from you in the last "
                f"{settings.CONSULTATION_RATE_WINDOW_MINUTES} minutes. Please try again in {minutes} "
                f"minute{'s' if minutes != 1 else ''}, or write to {settings.SALES_EMAIL}.",
                retry_after=retry_after,
            )


def consultation_spam_reason(*, data: ConsultationData) -> str:
    """Why the content is obvious link spam, or "" when it is not."""
    names = f"{data.name} {data.clinic_name}"
    if LINK_PATTERN.search(names):
        return ConsultationRequest.SpamReason.LINKS
    text = data.message
    if re.search(r"\[url|<a\s", text, re.IGNORECASE):
        return ConsultationRequest.SpamReason.LINKS
    if len(LINK_PATTERN.findall(text)) > settings.CONSULTATION_MAX_LINKS:
        return ConsultationRequest.SpamReason.LINKS
    return ""


def _consultation_create(
    *, data: ConsultationData, origin: RequestOrigin, email: str, spam_reason: str, idempotency_key: str, fingerprint
) -> ConsultationRequest:
    consultation = ConsultationRequest.objects.create(
        name=data.name,
        clinic_name=data.clinic_name,
        email=email,
        phone=data.phone,
        country=data.country,
        timeline=data.timeline,
        message=data.message,
        preferred_channel=data.preferred_channel,
        consent=data.consent,
        source=origin.source,
        page_url=origin.page_url[:500],
        ip_address=origin.ip_address,
        user_agent=origin.user_agent[:300],
        spam_reason=spam_reason,
        idempotency_key=idempotency_key,
        request_fingerprint=fingerprint if idempotency_key else "",
        **{key: value[:200] for key, value in origin.utm.items()},
    )
    consultation.devices.set(data.devices)
    consultation.treatments.set(data.treatments)
    return consultation


def _consultation_route(*, consultation: ConsultationRequest) -> Lead:
    """Join the request to its contact and open lead (or a new one) and queue its emails."""
    now = timezone.now()
    contact = _contact_for(consultation=consultation)
    lead, created = _open_lead_for(contact=contact, consultation=consultation, now=now)
    consultation.contact = contact
    consultation.lead = lead
    consultation.save(update_fields=["contact", "lead"])
    lead.devices.add(*consultation.devices.all())
    if not created:
        Lead.objects.filter(pk=lead.pk).update(last_activity_at=now)

    devices = ", ".join(d.name for d in consultation.devices.all()) or "no device named"
    Activity.objects.create(
        lead=lead,
        kind=Activity.Kind.REQUEST,
        consultation_request=consultation,
        body=f"{'Consultation request' if created else 'Another request'} {consultation.reference} "
        f"({consultation.get_source_display()}): {devices}.",
        created_at=now,
    )
    notifications = Notification.objects.bulk_create(
        [
            Notification(
                kind=Notification.Kind.CLINIC_CONFIRMATION,
                lead=lead,
                consultation_request=consultation,
                recipient=consultation.email,
            ),
            Notification(
                kind=Notification.Kind.OWNER_ALERT,
                lead=lead,
                consultation_request=consultation,
                recipient=(lead.owner.email if lead.owner and lead.owner.email else settings.SALES_EMAIL),
            ),
        ]
    )
    dispatch.call_after_commit(notifications_relay, notification_ids=[n.pk for n in notifications])
    return lead


def _contact_for(*, consultation: ConsultationRequest) -> Contact:
    """The contact for this mailbox, created with a clinic the first time."""
    contact = Contact.objects.select_related("clinic").filter(email=consultation.email).first()
    if contact is None:
        try:
            with transaction.atomic():
                clinic = Clinic.objects.create(name=consultation.clinic_name, country=consultation.country)
                return Contact.objects.create(
                    clinic=clinic,
                    name=consultation.name,
                    email=consultation.email,
                    phone=consultation.phone,
                    country=consultation.country,
                )
        except IntegrityError:
            # Another request from this mailbox created the contact a moment ago.
            contact = Contact.objects.select_related("clinic").get(email=consultation.email)
    if consultation.phone and not contact.phone:
        contact.phone = consultation.phone
        contact.save(update_fields=["phone", "updated_at"])
    return contact


def _open_lead_for(*, contact: Contact, consultation: ConsultationRequest, now: datetime) -> tuple[Lead, bool]:
    lead = Lead.objects.select_related("owner").filter(contact=contact, status__in=Lead.OPEN_STATUSES).first()
    if lead is not None:
        return lead, False
    owner, rule = lead_owner_pick(country=consultation.country)
    try:
        with transaction.atomic():
            lead = Lead.objects.create(
                contact=contact,
                clinic=contact.clinic,
                owner=owner,
                country=consultation.country,
                assigned_at=now if owner else None,
                response_due_at=lead_response_due(arrived_at=now),
                last_activity_at=now,
            )
    except IntegrityError:
        # A request from the same contact opened the lead a moment ago: join it.
        return Lead.objects.select_related("owner").get(contact=contact, status__in=Lead.OPEN_STATUSES), False
    Activity.objects.create(
        lead=lead,
        kind=Activity.Kind.ASSIGNMENT,
        body=f"Assigned to {person_label(owner)} ({rule})." if owner else "No active sales staff: left unassigned.",
        created_at=now,
    )
    return lead, True


def consultation_accept(*, consultation: ConsultationRequest, actor) -> Lead:
    """Take a request held as spam into the pipeline after all."""
    with transaction.atomic():
        updated = ConsultationRequest.objects.filter(pk=consultation.pk, lead__isnull=True).exclude(spam_reason="")
        if not updated.update(spam_reason=""):
            raise LeadStateError(f"{consultation.reference} is not held as spam.")
        consultation.refresh_from_db()
        lead = _consultation_route(consultation=consultation)
        Activity.objects.create(
            lead=lead,
            kind=Activity.Kind.NOTE,
            actor=actor,
            consultation_request=consultation,
            body=f"{consultation.reference} was held as spam; {person_label(actor)} accepted it.",
        )
    return lead


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
    now = timezone.now()
    changes = {"status": to_status, "last_activity_at": now, "updated_at": now}
    changes["lost_reason"] = reason if to_status == Lead.Status.LOST else ""
    if lead.first_response_at is None and lead.status == Lead.Status.NEW and to_status != Lead.Status.SPAM:
        changes["first_response_at"] = now
    try:
        with transaction.atomic():
            # Conditional on the status we saw: two people clicking at once cannot both win.
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


def leads_status_change(*, leads: list[Lead], to_status: str, actor, reason: str = "") -> tuple[int, list[str]]:
    """Change several leads; returns how many moved and a message for each that could not."""
    moved, problems = 0, []
    for lead in leads:
        try:
            lead_status_change(lead=lead, to_status=to_status, actor=actor, reason=reason)
            moved += 1
        except (LeadStateError, ValidationError) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            problems.append(f"{lead}: {text}")
    return moved, problems


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


# --- Outbox: relay and delivery ---------------------------------------------------


def _claim_lease() -> timedelta:
    # A claim older than the hard task time limit belongs to a worker that died mid-send.
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def notifications_relay(*, notification_ids: list[int] | None = None, limit: int = 200) -> int:
    """Hand due notifications to the broker, oldest first; returns how many were queued.

    Due: pending ones, queued ones the broker seems to have lost, and claims abandoned by
    a dead worker. The first publish that fails ends the run (the broker is down; the next
    sweep tries again) after recording the error on the row.
    """
    now = timezone.now()
    due = Notification.objects.filter(
        Q(status=Notification.Status.PENDING)
        | Q(
            status=Notification.Status.QUEUED,
            queued_at__lt=now - timedelta(seconds=settings.NOTIFICATION_REQUEUE_AFTER_SECONDS),
        )
        | Q(status=Notification.Status.SENDING, claimed_at__lt=now - _claim_lease())
    )
    if notification_ids is not None:
        due = due.filter(pk__in=notification_ids)
    queued = 0
    for pk in due.order_by("created_at", "pk").values_list("pk", flat=True)[:limit]:
        try:
            dispatch.publish("quotes.tasks.notification_send_task", pk, retry_policy=PUBLISH_RETRY_POLICY)
        except Exception as exc:  # any broker failure: leave the row for the sweep
            logger.warning("Could not queue notification %s: %s", pk, exc)
            Notification.objects.filter(pk=pk).update(
                publish_attempts=F("publish_attempts") + 1, publish_error=f"{type(exc).__name__}: {exc}"[:500]
            )
            break
        Notification.objects.filter(pk=pk, status__in=[Notification.Status.PENDING, Notification.Status.QUEUED]).update(
            status=Notification.Status.QUEUED,
            queued_at=timezone.now(),
            publish_attempts=F("publish_attempts") + 1,
            publish_error="",
        )
        queued += 1
    return queued


def notification_send(*, notification_id: int) -> bool:
    """Send one notification's email unless another worker already has; True when this call sent it.

    The claim is a conditional UPDATE only one caller can win, so two deliveries of the
    same message send one email.
    """
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id)
        .filter(
            Q(status__in=[Notification.Status.PENDING, Notification.Status.QUEUED])
            | Q(status=Notification.Status.SENDING, claimed_at__lt=now - _claim_lease())
        )
        .update(status=Notification.Status.SENDING, claimed_at=now, send_attempts=F("send_attempts") + 1)
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related(
        "lead__owner", "lead__contact", "lead__clinic", "consultation_request"
    ).get(pk=notification_id)
    try:
        message = notification_email(notification=notification)
        message.send()
    except Exception as exc:
        # Release the claim so the retry (or the sweep) can try again.
        Notification.objects.filter(pk=notification_id, status=Notification.Status.SENDING).update(
            status=Notification.Status.QUEUED,
            queued_at=timezone.now(),
            claimed_at=None,
            error=f"{type(exc).__name__}: {exc}"[:500],
        )
        raise NotificationSendError(str(exc)) from exc
    sent_at = timezone.now()
    with transaction.atomic():
        Notification.objects.filter(pk=notification_id).update(
            status=Notification.Status.SENT, sent_at=sent_at, error=""
        )
        Activity.objects.create(
            lead_id=notification.lead_id,
            kind=Activity.Kind.EMAIL,
            notification=notification,
            consultation_request=notification.consultation_request,
            body=f"{notification.get_kind_display()} sent to {notification.recipient}: “{message.subject}”",
            created_at=sent_at,
        )
    return True


def notification_fail(*, notification_id: int, error: str) -> None:
    """Give up on a notification after its last retry, and say so on the lead's timeline."""
    with transaction.atomic():
        failed = Notification.objects.filter(
            pk=notification_id, status__in=[Notification.Status.PENDING, Notification.Status.QUEUED]
        ).update(status=Notification.Status.FAILED, error=error[:500], claimed_at=None)
        if failed:
            notification = Notification.objects.get(pk=notification_id)
            Activity.objects.create(
                lead_id=notification.lead_id,
                kind=Activity.Kind.EMAIL,
                notification=notification,
                consultation_request_id=notification.consultation_request_id,
                body=f"{notification.get_kind_display()} to {notification.recipient} could not be sent: {error}",
            )


def notifications_retry(*, notification_ids: list[int]) -> int:
    """Put failed notifications back in the outbox (staff action after fixing the cause)."""
    ids = list(
        Notification.objects.filter(pk__in=notification_ids, status=Notification.Status.FAILED).values_list(
            "pk", flat=True
        )
    )
    Notification.objects.filter(pk__in=ids).update(status=Notification.Status.PENDING, error="")
    if ids:
        dispatch.call_after_commit(notifications_relay, notification_ids=ids)
    return len(ids)


TEMPLATES = {
    Notification.Kind.CLINIC_CONFIRMATION: "emails/consultation_confirmation",
    Notification.Kind.OWNER_ALERT: "emails/lead_owner_alert",
}


def notification_email(*, notification: Notification):
    """The email for a notification, from its subject, text and HTML templates."""
    consultation = notification.consultation_request
    lead = notification.lead
    ctx = {
        "notification": notification,
        "consultation": consultation,
        "lead": lead,
        "owner": lead.owner,
        "contact": lead.contact,
        "clinic": lead.clinic,
        "devices": list(consultation.devices.all()),
        "treatments": list(consultation.treatments.all()),
        "is_follow_up": lead.requests.filter(created_at__lt=consultation.created_at).exists(),
        "response_hours": response_window_label(),
        "lead_url": settings.SITE_URL + reverse("quotes:lead-detail", kwargs={"pk": lead.pk}),
    }
    return emails.email_message(
        template=TEMPLATES[notification.kind],
        context=ctx,
        to=[notification.recipient],
        reply_to=_reply_to(notification),
    )


def _reply_to(notification: Notification) -> list[str] | None:
    # The clinic's reply goes straight to its salesperson.
    owner = notification.lead.owner
    if notification.kind == Notification.Kind.CLINIC_CONFIRMATION and owner and owner.email:
        return [owner.email]
    return None


def response_window_label() -> str:
    """The first-response promise in words, such as "4 working hours"."""
    hours = settings.LEAD_FIRST_RESPONSE_HOURS
    value = int(hours) if float(hours).is_integer() else hours
    return f"{value} working hour{'s' if value != 1 else ''}"
