"""Taking in consultation requests: save first, always, then route to a contact, a lead and the outbox.

A request is written with its contact, clinic, lead, timeline entry and one outbox row per
email in one transaction. Nothing here talks to the broker: after commit the outbox relay
publishes the emails, and its beat sweep picks up whatever could not be published, so a
broker outage delays emails but loses none. Rate limits and idempotency keys are counted in
the database, not the cache: the request path must not wait on Redis.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from catalog.models import Device, Partner, Treatment
from config import pageholes, vendor
from quotes.errors import IdempotencyConflict, LeadStateError, RateLimited
from quotes.formats import person_label
from quotes.leads import notifications, pipeline, selectors
from quotes.leads.validation import email_normalize
from quotes.models import Activity, Clinic, ConsultationRequest, Contact, Lead, Notification

LINK_PATTERN = re.compile(r"https?://|www\.|\[url|<a\s", re.IGNORECASE)
# What only a script does: these requests are held out of the pipeline (staff can accept them).
HELD_SIGNALS = frozenset({ConsultationRequest.SpamReason.HONEYPOT})


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
    # The partner whose key pushed the request: it owns the lead, and its idempotency keys are its own.
    partner: Partner | None = None


@dataclass(frozen=True)
class Submission:
    consultation: ConsultationRequest
    replayed: bool = False


def consultation_submit(
    *,
    data: ConsultationData,
    origin: RequestOrigin,
    form_signal: str = "",
    idempotency_key: str = "",
    fingerprint: str = "",
) -> Submission:
    """Save a consultation request first, then route it: a certain bot is held, the rest joins a lead.

    `form_signal` is how the form was filled (form_spam_reason). Only a filled honeypot holds a
    request as spam; other signals (sent within seconds, without the form's token, links in the
    text) flag it for review and it goes on like any other: lead, owner alert, confirmation.
    Raises RateLimited before saving anything when the address or mailbox sent too many
    requests lately. With an idempotency key already used for the same body, returns the
    first request instead of a second one.
    """
    email = email_normalize(data.email)
    # A partner's pushes are limited per key (its API throttle), not by the address they come from.
    ip_address = None if origin.partner else origin.ip_address
    signal = form_signal or consultation_spam_reason(data=data)
    held = signal in HELD_SIGNALS
    try:
        with transaction.atomic():
            # Count and save as one step: racing requests from one address or mailbox take turns here,
            # so exactly the limit gets through however many arrive at once.
            _rate_limit_take_turns(ip_address=ip_address, email=email)
            consultation_rate_check(ip_address=ip_address, email=email)
            consultation = _consultation_create(
                data=data,
                origin=origin,
                email=email,
                spam_reason=signal if held else "",
                review_reason="" if held else signal,
                idempotency_key=idempotency_key,
                fingerprint=fingerprint,
            )
            if not held:
                _consultation_route(consultation=consultation)
    except IntegrityError:
        # Two deliveries of one API call raced: the loser answers with the winner's request.
        earlier = (
            selectors.consultation_by_idempotency_key(key=idempotency_key, partner=origin.partner)
            if idempotency_key
            else None
        )
        if earlier is None:
            raise
        if earlier.request_fingerprint != fingerprint:
            raise IdempotencyConflict(idempotency_key) from None
        return Submission(consultation=earlier, replayed=True)
    return Submission(consultation=consultation)


def consultation_replay(*, idempotency_key: str, fingerprint: str, partner: Partner | None = None) -> Submission | None:
    """The earlier answer to this Idempotency-Key from the same caller (a partner, or anonymous ones), if any."""
    earlier = selectors.consultation_by_idempotency_key(key=idempotency_key, partner=partner)
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
        # Partners' pushes count against their key, not against the address they share with the public.
        (
            recent.filter(ip_address=ip_address, partner__isnull=True) if ip_address else None,
            settings.CONSULTATION_RATE_PER_IP,
        ),
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


def _rate_limit_take_turns(*, ip_address: str | None, email: str) -> None:
    """Hold, until the transaction ends, the turn of this address and mailbox at the rate limit.

    PostgreSQL: transaction-level advisory locks, one per address and per mailbox, taken in a fixed
    order so two requests never wait on each other crosswise. SQLite: nothing to do, as every
    transaction begins IMMEDIATE (config.settings) and so holds the database's single write lock
    from its first statement: writers already take turns.
    """
    if connection.vendor != "postgresql":
        return
    names = [f"consultation-email:{email}", *([f"consultation-ip:{ip_address}"] if ip_address else [])]
    keys = sorted(int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True) for name in names)
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def form_spam_reason(*, honeypot: str, fill_token: str) -> str:
    """Why the way a form was filled looks like a script (the hidden field, no token, too fast), or ""."""
    if honeypot:
        return ConsultationRequest.SpamReason.HONEYPOT
    seconds = pageholes.fill_seconds(fill_token)
    if seconds is None:
        return ConsultationRequest.SpamReason.NO_TOKEN
    if seconds < settings.CONSULTATION_MIN_FILL_SECONDS:
        return ConsultationRequest.SpamReason.TOO_FAST
    return ""


def consultation_spam_reason(*, data: ConsultationData) -> str:
    """Why the content looks like link spam (a review signal, not a verdict), or "" when it does not."""
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
    *,
    data: ConsultationData,
    origin: RequestOrigin,
    email: str,
    spam_reason: str,
    review_reason: str,
    idempotency_key: str,
    fingerprint: str,
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
        partner=origin.partner,
        page_url=origin.page_url[:500],
        ip_address=origin.ip_address,
        user_agent=origin.user_agent[:300],
        spam_reason=spam_reason,
        review_reason=review_reason,
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
    devices = list(consultation.devices.all())
    lead.devices.add(*devices)
    if not created:
        Lead.objects.filter(pk=lead.pk).update(last_activity_at=now)

    named = ", ".join(device.name for device in devices) or "no device named"
    review = consultation.review_reason
    Activity.objects.create(
        lead=lead,
        kind=Activity.Kind.REQUEST,
        consultation_request=consultation,
        body=f"{'Consultation request' if created else 'Another request'} {consultation.reference} "
        f"({consultation.get_source_display()}): {named}."
        + (f" Check before replying: {consultation.get_review_reason_display().lower()}." if review else ""),
        created_at=now,
    )
    emails = _consultation_emails(
        consultation=consultation, lead=lead, contact=contact, devices=devices, follow_up=not created
    )
    notifications.notifications_queue(rows=emails)
    return lead


def _consultation_emails(
    *, consultation: ConsultationRequest, lead: Lead, contact: Contact, devices: list[Device], follow_up: bool
) -> list[Notification]:
    """The confirmation to the clinic and the alert to the lead's owner (or the sales inbox), as owed now."""
    owner = lead.owner
    context = {
        "consultation": {
            "reference": consultation.reference,
            "name": consultation.name,
            "email": consultation.email,
            "phone": consultation.phone,
            "phone_display": consultation.phone_display,
            "preferred_channel_label": consultation.get_preferred_channel_display(),
            "timeline": consultation.timeline,
            "timeline_label": consultation.get_timeline_display() if consultation.timeline else "",
            "message": consultation.message,
            "review_reason_label": consultation.get_review_reason_display() if consultation.review_reason else "",
        },
        "devices": [device.name for device in devices],
        "treatments": [treatment.name for treatment in consultation.treatments.all()],
        "owner": {"name": person_label(owner), "full_name": owner.get_full_name(), "email": owner.email}
        if owner
        else None,
        "contact": {"name": contact.name},
        "clinic": {"name": contact.clinic.name},
        "lead": {
            "country_name": lead.country.name if lead.country else "",
            "country_code": lead.country.code if lead.country else "",
            "first_contact_due": date_format(timezone.localtime(lead.response_due_at), "D j M Y, H:i T")
            if lead.status == Lead.Status.NEW and lead.response_due_at
            else "",
        },
        "is_follow_up": follow_up,
        "response_hours": vendor.first_response_label(),
        "lead_url": settings.SITE_URL + reverse("quotes:lead-detail", kwargs={"pk": lead.pk}),
    }
    owner_email = owner.email if owner and owner.email else ""
    return [
        Notification(
            kind=Notification.Kind.CLINIC_CONFIRMATION,
            lead=lead,
            consultation_request=consultation,
            recipient=consultation.email,
            reply_to=owner_email,  # the clinic's reply goes straight to its salesperson
            template="emails/consultation_confirmation",
            context=context,
        ),
        Notification(
            kind=Notification.Kind.OWNER_ALERT,
            lead=lead,
            consultation_request=consultation,
            recipient=owner_email or settings.SALES_EMAIL,
            template="emails/lead_owner_alert",
            context=context,
        ),
    ]


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
    # A partner's requests join its own open lead for the contact, the website's join the vendor's own:
    # a partner never lands on, or sees, a lead that is not its own.
    open_leads = Lead.objects.select_related("owner").filter(
        contact=contact, partner=consultation.partner, status__in=Lead.OPEN_STATUSES
    )
    lead = open_leads.first()
    if lead is not None:
        return lead, False
    owner, rule = pipeline.lead_owner_pick(country=consultation.country)
    try:
        with transaction.atomic():
            lead = Lead.objects.create(
                contact=contact,
                clinic=contact.clinic,
                partner=consultation.partner,
                owner=owner,
                country=consultation.country,
                assigned_at=now if owner else None,
                response_due_at=pipeline.lead_response_due(arrived_at=now),
                last_activity_at=now,
            )
    except IntegrityError:
        # A request from the same contact opened the lead a moment ago: join it.
        return open_leads.get(), False
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
