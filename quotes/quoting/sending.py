"""Sending a quote and the clinic's answer: freeze and email a revision (or send it again), the signed
link, accept, decline, expire, and withdraw the quotes of a lead that was lost.

Every email goes through the outbox (quotes.leads.notifications) in the same transaction as its
cause; the lead moves with its quotes through the pipeline's named moves.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from quotes import dispatch
from quotes.errors import LeadStateError, LinkError, QuoteStateError
from quotes.leads import notifications, pipeline
from quotes.models import Lead, Notification, Quote, QuoteRevision
from quotes.quoting import document, drafts, rendering

LINK_SALT = "quotes.public-link"
# The lines a quotation email lists before "and N more lines".
EMAIL_LINES = 5
# A lead lost or marked spam takes back the quotes still open to the clinic.
WITHDRAWING_STATUSES = [Lead.Status.LOST, Lead.Status.SPAM]


@transaction.atomic
def quote_send(*, quote: Quote, actor) -> QuoteRevision:
    """Freeze the current revision and email it to the contact (PDF attached, with a link); the lead is quoted."""
    quote = (
        Quote.objects.select_for_update(of=("self",))
        .select_related("lead", "contact", "clinic", "owner")
        .get(pk=quote.pk)
    )
    drafts.lead_check_open(lead=quote.lead)
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
    needs_render = not revision.pdf_ready
    if needs_render and revision.pdf_status != QuoteRevision.PdfStatus.RENDERING:
        revision.pdf_status, revision.pdf_error, revision.render_attempts = QuoteRevision.PdfStatus.QUEUED, "", 0
        revision.render_requested_at = now
    revision.save()
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.SENT, sent_at=now, updated_at=now)
    quote.status, quote.sent_at = Quote.Status.SENT, now
    pipeline.lead_quote_sent(
        quote=quote, actor=actor, body=f"Quote {quote.number} revision {revision.number} sent to {quote.contact.email}."
    )
    notifications.notifications_queue(rows=[_quote_email(quote=quote, revision=revision)])
    if needs_render:
        dispatch.after_commit(rendering.RENDER_TASK, revision.pk)
    return revision


@transaction.atomic
def quote_resend(*, quote: Quote, actor) -> Notification:
    """Email the revision the clinic has once more (the email went astray, a colleague needs it): a new outbox row."""
    quote = (
        Quote.objects.select_for_update(of=("self",))
        .select_related("lead", "contact", "clinic", "owner")
        .get(pk=quote.pk)
    )
    _check_lead_answerable(lead=quote.lead)
    if quote.status != Quote.Status.SENT:
        raise QuoteStateError(
            f"Quote {quote.number} is {quote.get_status_display().lower()}; only a sent quote is sent again."
        )
    revision = QuoteRevision.objects.get(quote=quote, number=quote.revision)
    (row,) = notifications.notifications_queue(rows=[_quote_email(quote=quote, revision=revision)])
    pipeline.lead_quote_event(
        quote=quote,
        actor=actor,
        body=f"Quote {quote.number} revision {revision.number} sent again to {quote.contact.email}.",
    )
    return row


def quote_email_retry(*, quote: Quote, notification_id: int) -> int:
    """Put one of the quote's failed emails back in the outbox."""
    ids = list(
        quote.notifications.filter(pk=notification_id, status=Notification.Status.FAILED).values_list("pk", flat=True)
    )
    if not ids:
        raise QuoteStateError("Only a failed email can be retried.")
    return notifications.notifications_retry(notification_ids=ids)


def _quote_email(*, quote: Quote, revision: QuoteRevision) -> Notification:
    """The quotation email to the contact, as owed now: what the frozen revision says, its link, its PDF."""
    snapshot = revision.snapshot
    context = {
        "quote": {
            "number": quote.number,
            "revision": revision.number,
            "clinic": quote.clinic.name,
            "contact_name": quote.contact.name,
        },
        "document": {
            "currency": snapshot["currency"],
            "total": snapshot["totals"]["total"],
            "incoterm": snapshot["incoterm"],
            "incoterm_place": snapshot["incoterm_place"],
            "valid_until": snapshot["valid_until"],
            "owner_name": snapshot["owner"]["name"],
            "lines": [
                {"quantity": line["quantity"], "device_name": line["device_name"]}
                for line in snapshot["lines"][:EMAIL_LINES]
            ],
            "more_lines": max(0, len(snapshot["lines"]) - EMAIL_LINES),
        },
        "link": quote_public_url(revision=revision),
        "link_days": settings.QUOTE_LINK_MAX_AGE_DAYS,
    }
    return Notification(
        kind=Notification.Kind.QUOTE_SENT,
        lead_id=quote.lead_id,
        quote=quote,
        revision=revision,
        recipient=quote.contact.email,
        reply_to=quote.owner.email if quote.owner and quote.owner.email else "",
        template="emails/quote_sent",
        context=context,
    )


def quote_link_token(*, revision: QuoteRevision) -> str:
    return signing.dumps({"q": revision.quote_id, "r": revision.number}, salt=LINK_SALT, compress=True)


def quote_public_url(*, revision: QuoteRevision) -> str:
    return settings.SITE_URL + reverse("quotes:quote-public", kwargs={"token": quote_link_token(revision=revision)})


def quote_from_link(*, token: str) -> tuple[Quote, QuoteRevision]:
    """The quote and revision a link names, or LinkError: invalid, expired or superseded."""
    try:
        payload = signing.loads(token, salt=LINK_SALT, max_age=timedelta(days=settings.QUOTE_LINK_MAX_AGE_DAYS))
    except signing.SignatureExpired:
        raise LinkError("expired") from None
    except signing.BadSignature:
        raise LinkError("invalid") from None
    try:
        revision = QuoteRevision.objects.select_related(
            "quote__contact", "quote__clinic", "quote__owner", "quote__lead"
        ).get(quote_id=payload["q"], number=payload["r"], sent_at__isnull=False)
    except (QuoteRevision.DoesNotExist, KeyError, TypeError):
        raise LinkError("invalid") from None
    quote = revision.quote
    if quote.revision != revision.number or quote.status == Quote.Status.DRAFT:
        raise LinkError("superseded", quote)
    return quote, revision


@transaction.atomic
def quote_accept(*, quote: Quote, revision: QuoteRevision, name: str, confirmed: bool, ip_address: str | None) -> Quote:
    """The clinic accepts the sent revision: who, when and from where; the lead is won and its owner told."""
    _check_answerable(quote=quote, revision=revision)
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
    now = timezone.now()
    updated = Quote.objects.filter(pk=quote.pk, status=Quote.Status.SENT, revision=revision.number).update(
        status=Quote.Status.ACCEPTED, accepted_name=name, accepted_at=now, accepted_ip=ip_address, updated_at=now
    )
    if not updated:
        raise QuoteStateError("This quotation was answered a moment ago.")
    quote.refresh_from_db()
    pipeline.lead_quote_answered(
        quote=quote, accepted=True, body=f"{name} accepted {quote.number} revision {revision.number} online."
    )
    notifications.notifications_queue(rows=[_answer_notice(quote=quote, accepted=True)])
    return quote


@transaction.atomic
def quote_decline(*, quote: Quote, revision: QuoteRevision, reason: str) -> Quote:
    """The clinic declines the sent revision, perhaps saying why; its owner is told."""
    _check_answerable(quote=quote, revision=revision)
    reason = (reason or "").strip()
    if len(reason) > 2000:
        raise ValidationError({"reason": ["Keep the reason to 2,000 characters."]})
    now = timezone.now()
    updated = Quote.objects.filter(pk=quote.pk, status=Quote.Status.SENT, revision=revision.number).update(
        status=Quote.Status.DECLINED, declined_at=now, declined_reason=reason, updated_at=now
    )
    if not updated:
        raise QuoteStateError("This quotation was answered a moment ago.")
    quote.refresh_from_db()
    pipeline.lead_quote_answered(
        quote=quote,
        accepted=False,
        body=f"The clinic declined {quote.number}." + (f" Reason: {reason}" if reason else ""),
    )
    notifications.notifications_queue(rows=[_answer_notice(quote=quote, accepted=False)])
    return quote


def quote_is_withdrawn(*, quote: Quote) -> bool:
    """Whether the clinic can no longer answer the quote because we took it back (its lead lost or spam)."""
    return quote.status == Quote.Status.WITHDRAWN or quote.lead.status in WITHDRAWING_STATUSES


def _check_lead_answerable(*, lead: Lead) -> None:
    # A lead lost or marked spam took its quotes back; a won one still honours them.
    if lead.status in WITHDRAWING_STATUSES:
        raise QuoteStateError("This quotation was withdrawn; contact us for a new one.")


def _check_answerable(*, quote: Quote, revision: QuoteRevision) -> None:
    quote.lead.refresh_from_db(fields=["status"])  # the lead may have been lost since the page was read
    if quote_is_withdrawn(quote=quote):
        raise QuoteStateError("This quotation was withdrawn; contact us for a new one.")
    if quote.status != Quote.Status.SENT or quote.revision != revision.number:
        raise QuoteStateError(f"This quotation is {quote.get_status_display().lower()}.")
    if quote.valid_until < timezone.localdate():
        raise QuoteStateError("This quotation has expired; ask us for a new one.")


def _answer_notice(*, quote: Quote, accepted: bool) -> Notification:
    """The notice to the quote's owner (or the sales inbox) that the clinic answered, as owed now."""
    owner_email = quote.owner.email if quote.owner and quote.owner.email else ""
    accepted_at = timezone.localtime(quote.accepted_at) if quote.accepted_at else None
    return Notification(
        kind=Notification.Kind.QUOTE_ACCEPTED if accepted else Notification.Kind.QUOTE_DECLINED,
        lead_id=quote.lead_id,
        quote=quote,
        recipient=owner_email or settings.SALES_EMAIL,
        template="emails/quote_answered",
        context={
            "quote": {"number": quote.number, "revision": quote.revision, "clinic": quote.clinic.name},
            "event": "accepted" if accepted else "declined",
            "answer": {
                "accepted_name": quote.accepted_name,
                "accepted_at": date_format(accepted_at, "j M Y, H:i e") if accepted_at else "",
                "accepted_ip": quote.accepted_ip or "",
                "declined_reason": quote.declined_reason,
            },
            "lead_url": settings.SITE_URL + reverse("quotes:lead-detail", kwargs={"pk": quote.lead_id}),
        },
    )


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


# --- A lead lost with its quotes -------------------------------------------------------------


def quotes_withdraw(*, lead: Lead, actor) -> list[Quote]:
    """Withdraw the lead's open quotes (drafts and those with the clinic): their links say so from now on."""
    withdrawn = list(Quote.objects.filter(lead=lead, status__in=Quote.OPEN_STATUSES).select_for_update())
    now = timezone.now()
    for quote in withdrawn:
        Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.WITHDRAWN, updated_at=now)
        quote.status = Quote.Status.WITHDRAWN
        pipeline.lead_quote_event(
            quote=quote,
            actor=actor,
            body=f"Quote {quote.number} withdrawn: the lead is {lead.get_status_display().lower()}.",
        )
    return withdrawn


@transaction.atomic
def lead_move(*, lead: Lead, to_status: str, actor, reason: str = "") -> Lead:
    """Move a lead through the pipeline as staff do; losing it (lost, spam) withdraws its open quotes with it."""
    lead = pipeline.lead_status_change(lead=lead, to_status=to_status, actor=actor, reason=reason)
    if lead.status in WITHDRAWING_STATUSES:
        quotes_withdraw(lead=lead, actor=actor)
    return lead


def leads_move(*, leads: list[Lead], to_status: str, actor, reason: str = "") -> tuple[int, list[str]]:
    """Move several leads; returns how many moved and a message for each that could not."""
    moved, problems = 0, []
    for lead in leads:
        try:
            lead_move(lead=lead, to_status=to_status, actor=actor, reason=reason)
            moved += 1
        except (LeadStateError, ValidationError) as exc:
            text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            problems.append(f"{lead}: {text}")
    return moved, problems
