"""Sending a quote and the buyer's answer: freeze and email a revision, the signed link, accept, decline, expire."""

import logging
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from quotes import dispatch
from quotes.errors import LinkError, QuoteStateError
from quotes.leads import pipeline
from quotes.models import Activity, Lead, Quote, QuoteRevision
from quotes.quoting import document, rendering

logger = logging.getLogger(__name__)

LINK_SALT = "quotes.public-link"
EMAIL_TASK = "quotes.tasks.quote_email_send_task"
NOTICE_TASK = "quotes.tasks.quote_owner_notify_task"


class EmailNotReady(Exception):
    """The PDF of the revision is not ready yet; the send task waits for it."""


@transaction.atomic
def quote_send(*, quote: Quote, actor) -> QuoteRevision:
    """Freeze the current revision and email it to the contact (PDF attached, with a link)."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if quote.status != Quote.Status.DRAFT:
        raise QuoteStateError(f"Quote {quote.number} is {quote.get_status_display().lower()}; edit it to send again.")
    if quote.approval == Quote.Approval.PENDING:
        raise QuoteStateError("A discount above the threshold needs a sales manager's approval before sending.")
    if quote.valid_until < timezone.localdate():
        raise ValidationError({"valid_until": "The validity date is in the past; extend it before sending."})
    if not quote.lines.exists():
        raise ValidationError({"lines": "Add at least one device before sending."})
    revision = rendering.revision_current(quote=quote)
    snapshot = document.quote_snapshot(quote=quote)
    now = timezone.now()
    revision.snapshot, revision.content_hash = snapshot, document.snapshot_hash(snapshot)
    revision.sent_at, revision.sent_by = now, actor
    revision.email_status, revision.email_error, revision.email_attempts = QuoteRevision.EmailStatus.PENDING, "", 0
    needs_render = not revision.pdf_ready
    if needs_render and revision.pdf_status != QuoteRevision.PdfStatus.RENDERING:
        revision.pdf_status, revision.pdf_error, revision.render_attempts = QuoteRevision.PdfStatus.QUEUED, "", 0
        revision.render_requested_at = now
    revision.save()
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.SENT, sent_at=now, updated_at=now)
    quote.status, quote.sent_at = Quote.Status.SENT, now
    pipeline.lead_quote_event(
        quote=quote, actor=actor, body=f"Quote {quote.number} revision {revision.number} sent to {quote.contact.email}."
    )
    lead = quote.lead
    if lead.status in (Lead.Status.NEW, Lead.Status.CONTACTED, Lead.Status.QUALIFIED):
        pipeline.lead_status_change(lead=lead, to_status=Lead.Status.QUOTED, actor=actor)
    if needs_render:
        dispatch.after_commit(rendering.RENDER_TASK, revision.pk)
    dispatch.after_commit(EMAIL_TASK, revision.pk)
    return revision


def quote_link_token(*, revision: QuoteRevision) -> str:
    return signing.dumps({"q": revision.quote_id, "r": revision.number}, salt=LINK_SALT, compress=True)


def quote_public_url(*, revision: QuoteRevision) -> str:
    return settings.SITE_URL + reverse("quotes:quote-public", kwargs={"token": quote_link_token(revision=revision)})


def quote_email_send_run(*, revision_id: int) -> str:
    """Send the revision's email once: claim, send with the PDF attached, record on the timeline."""
    now = timezone.now()
    revision = QuoteRevision.objects.filter(pk=revision_id).select_related("quote__contact", "quote__owner").first()
    if revision is None:
        return "missing"
    if revision.email_status not in (QuoteRevision.EmailStatus.PENDING, QuoteRevision.EmailStatus.SENDING):
        return revision.email_status or "not-requested"
    if not revision.pdf_ready:
        if revision.pdf_status == QuoteRevision.PdfStatus.FAILED:
            quote_email_fail(revision_id=revision_id, error=f"The PDF could not be rendered: {revision.pdf_error}")
            return "failed"
        raise EmailNotReady()
    lease = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)
    claimed = QuoteRevision.objects.filter(
        Q(pk=revision_id)
        & (
            Q(email_status=QuoteRevision.EmailStatus.PENDING)
            | Q(email_status=QuoteRevision.EmailStatus.SENDING, email_claimed_at__lt=lease)
        )
    ).update(
        email_status=QuoteRevision.EmailStatus.SENDING, email_claimed_at=now, email_attempts=F("email_attempts") + 1
    )
    if not claimed:
        return "busy"
    quote = revision.quote
    context = {
        "quote": quote,
        "revision": revision,
        "snapshot": revision.snapshot,
        "link": quote_public_url(revision=revision),
        "link_days": settings.QUOTE_LINK_MAX_AGE_DAYS,
        "SITE_NAME": settings.SITE_NAME,
    }
    subject = render_to_string("emails/quote_sent_subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/quote_sent.txt", context),
        to=[quote.contact.email],
        reply_to=[quote.owner.email] if quote.owner and quote.owner.email else None,
    )
    message.attach_alternative(render_to_string("emails/quote_sent.html", context), "text/html")
    with revision.pdf.open("rb") as handle:
        message.attach(f"{quote.number}-rev{revision.number}.pdf", handle.read(), "application/pdf")
    try:
        message.send()
    except Exception as exc:
        QuoteRevision.objects.filter(pk=revision_id, email_status=QuoteRevision.EmailStatus.SENDING).update(
            email_status=QuoteRevision.EmailStatus.PENDING, email_error=str(exc)[:500]
        )
        raise
    with transaction.atomic():
        QuoteRevision.objects.filter(pk=revision_id).update(
            email_status=QuoteRevision.EmailStatus.SENT, email_sent_at=timezone.now(), email_error=""
        )
        Activity.objects.create(
            lead_id=quote.lead_id, kind=Activity.Kind.EMAIL, body=f"Email “{subject}” sent to {quote.contact.email}."
        )
    return "sent"


def quote_email_fail(*, revision_id: int, error: str) -> None:
    revision = QuoteRevision.objects.select_related("quote").get(pk=revision_id)
    QuoteRevision.objects.filter(pk=revision_id).exclude(email_status=QuoteRevision.EmailStatus.SENT).update(
        email_status=QuoteRevision.EmailStatus.FAILED, email_error=error[:500]
    )
    Activity.objects.create(
        lead_id=revision.quote.lead_id,
        kind=Activity.Kind.EMAIL,
        body=f"Email of {revision.quote.number} revision {revision.number} failed: {error[:300]}",
    )


def quote_from_link(*, token: str) -> tuple[Quote, QuoteRevision]:
    """The quote and revision a link names, or LinkError: invalid, expired or superseded."""
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=timedelta(days=settings.QUOTE_LINK_MAX_AGE_DAYS))
    except signing.SignatureExpired:
        raise LinkError("expired") from None
    except signing.BadSignature:
        raise LinkError("invalid") from None
    try:
        revision = QuoteRevision.objects.select_related("quote__contact", "quote__clinic", "quote__owner").get(
            quote_id=payload["q"], number=payload["r"], sent_at__isnull=False
        )
    except (QuoteRevision.DoesNotExist, KeyError, TypeError):
        raise LinkError("invalid") from None
    quote = revision.quote
    if quote.revision != revision.number or quote.status == Quote.Status.DRAFT:
        raise LinkError("superseded", quote)
    return quote, revision


@transaction.atomic
def quote_accept(*, quote: Quote, revision: QuoteRevision, name: str, confirmed: bool, ip_address: str | None) -> Quote:
    """The buyer accepts the sent revision: record who, when and from where; the lead is won."""
    name = " ".join((name or "").split())
    errors = {}
    if len(name) < 3:
        errors["name"] = ["Type your full name to accept."]
    elif len(name) > 160:
        errors["name"] = ["Keep the name to 160 characters."]
    if not confirmed:
        errors["confirm"] = ["Tick the box to confirm you accept this quotation on behalf of the clinic."]
    if errors:
        raise ValidationError(errors)
    _check_open(quote=quote, revision=revision)
    now = timezone.now()
    updated = Quote.objects.filter(pk=quote.pk, status=Quote.Status.SENT, revision=revision.number).update(
        status=Quote.Status.ACCEPTED, accepted_name=name, accepted_at=now, accepted_ip=ip_address, updated_at=now
    )
    if not updated:
        raise QuoteStateError("This quotation was answered a moment ago.")
    quote.refresh_from_db()
    pipeline.lead_quote_event(
        quote=quote, actor=None, body=f"{name} accepted {quote.number} revision {revision.number} online."
    )
    lead = quote.lead
    if lead.status != Lead.Status.WON:
        if lead.status != Lead.Status.QUOTED and Lead.Status.QUOTED in pipeline.TRANSITIONS[lead.status]:
            pipeline.lead_status_change(lead=lead, to_status=Lead.Status.QUOTED, actor=None)
        if Lead.Status.WON in pipeline.TRANSITIONS[lead.status]:
            pipeline.lead_status_change(lead=lead, to_status=Lead.Status.WON, actor=None)
    dispatch.after_commit(NOTICE_TASK, quote.pk, "accepted")
    return quote


@transaction.atomic
def quote_decline(*, quote: Quote, revision: QuoteRevision, reason: str) -> Quote:
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise ValidationError({"reason": ["Keep the reason to 2,000 characters."]})
    _check_open(quote=quote, revision=revision)
    now = timezone.now()
    updated = Quote.objects.filter(pk=quote.pk, status=Quote.Status.SENT, revision=revision.number).update(
        status=Quote.Status.DECLINED, declined_at=now, declined_reason=reason, updated_at=now
    )
    if not updated:
        raise QuoteStateError("This quotation was answered a moment ago.")
    quote.refresh_from_db()
    pipeline.lead_quote_event(
        quote=quote, actor=None, body=f"The clinic declined {quote.number}." + (f" Reason: {reason}" if reason else "")
    )
    dispatch.after_commit(NOTICE_TASK, quote.pk, "declined")
    return quote


def _check_open(*, quote: Quote, revision: QuoteRevision) -> None:
    if quote.status != Quote.Status.SENT or quote.revision != revision.number:
        raise QuoteStateError(f"This quotation is {quote.get_status_display().lower()}.")
    if quote.valid_until < timezone.localdate():
        raise QuoteStateError("This quotation has expired; ask us for a new one.")


def quote_owner_notify(*, quote_id: int, event: str) -> bool:
    """Tell the quote's owner the buyer answered; claimed on the row, so sent once per answer."""
    now = timezone.now()
    if not Quote.objects.filter(pk=quote_id, answer_notified_at__isnull=True).update(answer_notified_at=now):
        return False
    quote = Quote.objects.select_related("owner", "contact", "clinic", "lead").get(pk=quote_id)
    recipient = quote.owner.email if quote.owner and quote.owner.email else settings.SALES_EMAIL
    context = {
        "quote": quote,
        "event": event,
        "SITE_NAME": settings.SITE_NAME,
        "lead_url": settings.SITE_URL + quote.lead.get_absolute_url(),
    }
    message = EmailMultiAlternatives(
        subject=f"{quote.number} {event} by {quote.clinic.name}",
        body=render_to_string("emails/quote_answered.txt", context),
        to=[recipient],
    )
    try:
        message.send()
    except Exception:
        Quote.objects.filter(pk=quote_id).update(answer_notified_at=None)  # let the retry claim it again
        raise
    Activity.objects.create(
        lead_id=quote.lead_id, kind=Activity.Kind.EMAIL, body=f"{recipient} told that {quote.number} was {event}."
    )
    return True


def quotes_expire(*, today: date | None = None) -> int:
    """Mark sent quotes past their validity date expired; returns how many."""
    today = today or timezone.localdate()
    due = list(Quote.objects.filter(status=Quote.Status.SENT, valid_until__lt=today))
    for quote in due:
        with transaction.atomic():
            if Quote.objects.filter(pk=quote.pk, status=Quote.Status.SENT).update(
                status=Quote.Status.EXPIRED, updated_at=timezone.now()
            ):
                pipeline.lead_quote_event(
                    quote=quote, actor=None, body=f"Quote {quote.number} expired on {quote.valid_until}."
                )
    return len(due)
