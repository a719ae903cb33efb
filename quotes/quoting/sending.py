"""Sending a quote and the clinic's answer: freeze and email a revision (or send it again), the signed
link, accept, decline, expire, and withdraw the quotes of a lead that was lost.

Every email goes through the outbox (quotes.leads.notifications) in the same transaction as its
cause; the lead moves with its quotes through the pipeline's named moves.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from quotes import dispatch, emails, formats, pricing
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
    _check_sendable(quote=quote)
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
    # The buyer has not seen this revision yet: its views are counted afresh.
    Quote.objects.filter(pk=quote.pk).update(
        status=Quote.Status.SENT, sent_at=now, updated_at=now, first_viewed_at=None, last_viewed_at=None, view_count=0
    )
    quote.status, quote.sent_at = Quote.Status.SENT, now
    quote.first_viewed_at, quote.last_viewed_at, quote.view_count = None, None, 0
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
    return Notification(
        kind=Notification.Kind.QUOTE_SENT,
        lead_id=quote.lead_id,
        quote=quote,
        revision=revision,
        recipient=quote.contact.email,
        reply_to=quote.owner.email if quote.owner and quote.owner.email else "",
        template=QUOTE_EMAIL_TEMPLATE,
        context=_quote_email_context(quote=quote, revision=revision, snapshot=revision.snapshot),
    )


QUOTE_EMAIL_TEMPLATE = "emails/quote_sent"


def _quote_email_context(*, quote: Quote, revision: QuoteRevision, snapshot: dict) -> dict:
    return {
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


@dataclass
class EmailPreview:
    """The quotation email as it will leave: for the salesperson to read before confirming."""

    recipient: str
    reply_to: str
    subject: str
    body: str
    attachment: str
    problem: str  # why it cannot be sent now, if it cannot


def quote_email_preview(*, quote: Quote) -> EmailPreview:
    """The email quote_send would write for the current draft (same template and values), without sending it."""
    problem = ""
    try:
        _check_sendable(quote=quote)
    except (QuoteStateError, ValidationError) as exc:
        problem = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
    revision = QuoteRevision(quote_id=quote.pk, number=quote.revision)
    try:
        snapshot = document.quote_snapshot(quote=quote)
    except pricing.PricingError as exc:
        return EmailPreview(quote.contact.email, "", "", "", "", problem or f"{exc} Edit the quote.")
    message = emails.email_message(
        template=QUOTE_EMAIL_TEMPLATE,
        context=_quote_email_context(quote=quote, revision=revision, snapshot=snapshot),
        to=[quote.contact.email],
    )
    return EmailPreview(
        recipient=quote.contact.email,
        reply_to=quote.owner.email if quote.owner and quote.owner.email else "",
        subject=message.subject,
        body=message.body,
        attachment=f"{quote.number}-rev{quote.revision}.pdf",
        problem=problem,
    )


def _check_sendable(*, quote: Quote) -> None:
    """What stops the draft being sent now (the send checks the same under its lock)."""
    drafts.lead_check_open(lead=quote.lead)
    if quote.status != Quote.Status.DRAFT:
        raise QuoteStateError(f"Quote {quote.number} is {quote.get_status_display().lower()}; edit it to send again.")
    if quote.approval == Quote.Approval.PENDING:
        raise QuoteStateError("A discount above the threshold needs a sales manager's approval before sending.")
    if quote.approval == Quote.Approval.REFUSED:
        raise QuoteStateError(f"A sales manager refused the discounts ({quote.refused_reason}); edit the quote first.")
    if quote.valid_until < timezone.localdate():
        raise ValidationError({"valid_until": "The validity date is in the past; extend it before sending."})
    if not quote.lines.exists():
        raise ValidationError({"lines": "Add at least one device before sending."})


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


PO_NUMBER_MAX = 60


@transaction.atomic
def quote_accept(
    *,
    quote: Quote,
    revision: QuoteRevision,
    name: str,
    confirmed: bool,
    ip_address: str | None,
    po_number: str = "",
) -> Quote:
    """The clinic accepts the sent revision: the evidence (typed name, purchase order, time, address and the
    revision's content hash) is kept; the lead is won, its owner told, the clinic sent a receipt with the PDF."""
    _check_answerable(quote=quote, revision=revision)
    name = " ".join((name or "").split())
    po_number = " ".join((po_number or "").split())
    errors = {}
    if len(name) < 3:
        errors["name"] = ["Type your full name to accept."]
    elif len(name) > 160:
        errors["name"] = ["Keep the name to 160 characters."]
    if len(po_number) > PO_NUMBER_MAX:
        errors["po_number"] = [f"Keep the purchase-order number to {PO_NUMBER_MAX} characters."]
    if not confirmed:
        errors["confirm"] = ["Tick the box to confirm you accept this quotation on behalf of the clinic."]
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    updated = Quote.objects.filter(pk=quote.pk, status=Quote.Status.SENT, revision=revision.number).update(
        status=Quote.Status.ACCEPTED,
        accepted_name=name,
        accepted_po_number=po_number,
        accepted_at=now,
        accepted_ip=ip_address,
        accepted_revision_hash=revision.content_hash,
        updated_at=now,
    )
    if not updated:
        raise QuoteStateError("This quotation was answered a moment ago.")
    quote.refresh_from_db()
    pipeline.lead_quote_answered(
        quote=quote,
        accepted=True,
        body=f"{name} accepted {quote.number} revision {revision.number} online"
        + (f" with purchase order {po_number}." if po_number else "."),
    )
    notifications.notifications_queue(
        rows=[_answer_notice(quote=quote, accepted=True), _acceptance_receipt(quote=quote, revision=revision)]
    )
    return quote


def acceptance_evidence(*, quote: Quote) -> dict:
    """What the acceptance receipt, the staff page and the owner's notice print of an acceptance."""
    return {
        "accepted_name": quote.accepted_name,
        "po_number": quote.accepted_po_number,
        "accepted_at": date_format(timezone.localtime(quote.accepted_at), formats.DATETIME_FORMAT)
        if quote.accepted_at
        else "",
        "accepted_at_iso": timezone.localtime(quote.accepted_at).isoformat(timespec="seconds")
        if quote.accepted_at
        else "",
        "accepted_ip": quote.accepted_ip or "",
        "revision_hash": quote.accepted_revision_hash,
    }


def _acceptance_receipt(*, quote: Quote, revision: QuoteRevision) -> Notification:
    """The receipt to the clinic: the evidence of its acceptance, with the accepted revision's PDF attached."""
    return Notification(
        kind=Notification.Kind.QUOTE_RECEIPT,
        lead_id=quote.lead_id,
        quote=quote,
        revision=revision,
        recipient=quote.contact.email,
        reply_to=quote.owner.email if quote.owner and quote.owner.email else "",
        template="emails/quote_receipt",
        # The quotation email's values, so both emails name the quote the same way, plus the evidence.
        context={
            **_quote_email_context(quote=quote, revision=revision, snapshot=revision.snapshot),
            "evidence": acceptance_evidence(quote=quote),
        },
    )


# --- The buyer opens the link -----------------------------------------------------------------


@transaction.atomic
def quote_view_record(*, quote: Quote, revision: QuoteRevision) -> bool:
    """Count the clinic's opening of the sent revision; the first view goes on the timeline and tells the
    owner (once: a conditional UPDATE only one request wins). True for the first view."""
    if quote.status != Quote.Status.SENT or quote.revision != revision.number:
        return False
    now = timezone.now()
    first = Quote.objects.filter(pk=quote.pk, revision=revision.number, first_viewed_at__isnull=True).update(
        first_viewed_at=now, last_viewed_at=now, view_count=F("view_count") + 1
    )
    if not first:
        Quote.objects.filter(pk=quote.pk).update(last_viewed_at=now, view_count=F("view_count") + 1)
        return False
    quote.first_viewed_at = quote.last_viewed_at = now
    pipeline.lead_quote_event(
        quote=quote, actor=None, body=f"The clinic opened {quote.number} revision {revision.number} for the first time."
    )
    notifications.notifications_queue(rows=[_viewed_notice(quote=quote, revision=revision, at=now)])
    return True


def _viewed_notice(*, quote: Quote, revision: QuoteRevision, at) -> Notification:
    owner_email = quote.owner.email if quote.owner and quote.owner.email else ""
    return Notification(
        kind=Notification.Kind.QUOTE_VIEWED,
        lead_id=quote.lead_id,
        quote=quote,
        recipient=owner_email or settings.SALES_EMAIL,
        template="emails/quote_viewed",
        context={
            "quote": {"number": quote.number, "revision": revision.number, "clinic": quote.clinic.name},
            "viewed_at": date_format(timezone.localtime(at), formats.DATETIME_FORMAT),
            "quote_url": settings.SITE_URL + reverse("quotes:quote-detail", kwargs={"pk": quote.pk}),
        },
    )


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
                **acceptance_evidence(quote=quote),
                "declined_at": date_format(timezone.localtime(quote.declined_at), formats.DATETIME_FORMAT)
                if quote.declined_at
                else "",
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
