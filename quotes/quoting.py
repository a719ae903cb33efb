"""Quote use cases: numbering, building and revising quotes, PDF rendering, sending, acceptance.

Money is computed only by `quotes.pricing`; this module gathers the inputs (tier prices,
option deltas, overrides) and records results. Work that talks to WeasyPrint or the mail
server runs in Celery tasks (`quotes.tasks`), which call the `*_run` functions here with
ids; each claims its row with a conditional UPDATE, so a redelivered or duplicated task
does the work once.
"""

import hashlib
import json
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from catalog.models import Device, DeviceOption
from quotes import dispatch, pdf, pricing
from quotes.errors import LinkError, QuoteStateError, RenderBusy, RenderError
from quotes.formats import money_text, option_price_text, percent_text
from quotes.models import Activity, Lead, Quote, QuoteLine, QuoteNumberSequence, QuoteRevision

logger = logging.getLogger(__name__)

MAX_LINES = 200
LINK_SALT = "quotes.public-link"
RENDER_TASK = "quotes.tasks.quote_pdf_render_task"
EMAIL_TASK = "quotes.tasks.quote_email_send_task"
NOTICE_TASK = "quotes.tasks.quote_owner_notify_task"


class EmailNotReady(Exception):
    """The PDF of the revision is not ready yet; the send task waits for it."""


# --- Numbering -----------------------------------------------------------------------------


def quote_number_take(*, year: int) -> int:
    """The next number of `year`, gap-free: taken inside the caller's transaction.

    The UPDATE locks the year's row until the transaction ends, so concurrent quotes queue
    here and each gets the next number; a rolled-back quote gives its number back.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("quote_number_take must run inside the transaction that creates the quote")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO quotes_quotenumbersequence (year, last_number) VALUES (%s, 1) "
                "ON CONFLICT (year) DO UPDATE SET last_number = quotes_quotenumbersequence.last_number + 1 "
                "RETURNING last_number",
                [year],
            )
            return cursor.fetchone()[0]
    # SQLite: transactions take the write lock at BEGIN (IMMEDIATE), so this is serialised.
    sequence, _ = QuoteNumberSequence.objects.get_or_create(year=year)
    QuoteNumberSequence.objects.filter(year=year).update(last_number=F("last_number") + 1)
    sequence.refresh_from_db()
    return sequence.last_number


def quote_number_format(*, year: int, sequence: int) -> str:
    return f"Q-{year}-{sequence:05d}"


# --- Building quotes -----------------------------------------------------------------------


@dataclass(frozen=True)
class LineData:
    device: Device
    options: list[DeviceOption] = field(default_factory=list)
    quantity: int = 1
    discount_percent: Decimal = Decimal("0")
    unit_price_override: Decimal | None = None
    override_reason: str = ""


@dataclass(frozen=True)
class QuoteData:
    currency: str = "USD"
    valid_until: date | None = None
    incoterm: str = Quote.Incoterm.FOB
    incoterm_place: str = ""
    freight: Decimal = Decimal("0")
    payment_terms: str = ""
    tax_rate: Decimal = Decimal("0")
    notes: str = ""


def quote_defaults(*, lead: Lead) -> QuoteData:
    """What a new quote for this lead starts with: the devices' currency, the usual terms."""
    devices = list(lead.devices.all())
    currency = devices[0].currency if devices else "USD"
    return QuoteData(
        currency=currency,
        valid_until=timezone.localdate() + timedelta(days=settings.QUOTE_VALIDITY_DAYS),
        payment_terms=Quote._meta.get_field("payment_terms").default,
    )


def _validate(*, data: QuoteData, lines: list[LineData]) -> None:
    errors: dict[str, list[str]] = {}
    try:
        pricing.minor_units(data.currency)
    except pricing.PricingError as exc:
        errors.setdefault("currency", []).append(str(exc))
    if data.valid_until is None:
        errors.setdefault("valid_until", []).append("Give the date until which the prices hold.")
    elif data.valid_until < timezone.localdate():
        errors.setdefault("valid_until", []).append("The validity date is in the past.")
    if data.incoterm not in Quote.Incoterm.values:
        errors.setdefault("incoterm", []).append(f"“{data.incoterm}” is not an Incoterm.")
    if not lines:
        errors.setdefault("lines", []).append("Add at least one device.")
    if len(lines) > MAX_LINES:
        errors.setdefault("lines", []).append(f"A quote holds at most {MAX_LINES} lines; split it in two.")
    for index, line in enumerate(lines, start=1):
        problems = line_problems(line=line, currency=data.currency)
        if problems:
            errors.setdefault("lines", []).extend(f"Line {index}: {p}" for p in problems)
    try:
        pricing.quote_totals(
            [_line_input(line) for line in lines if not line_problems(line=line, currency=data.currency)],
            currency=data.currency if "currency" not in errors else "USD",
            freight=data.freight,
            tax_rate_percent=data.tax_rate,
        )
    except pricing.PricingError as exc:
        errors.setdefault("__all__", []).append(str(exc))
    if errors:
        raise ValidationError(errors)


def line_problems(*, line: LineData, currency: str) -> list[str]:
    """What stops this line from being quoted (the editor's live preview shows the same messages)."""
    device = line.device
    problems = []
    if device.status == Device.Status.DRAFT:
        problems.append(f"{device.name} is not published yet.")
    foreign = [o.name for o in line.options if o.device_id != device.pk]
    if foreign:
        problems.append(f"{', '.join(foreign)} is not an option of {device.name}.")
    if line.unit_price_override is None:
        if device.price_on_request or device.list_price is None:
            problems.append(f"{device.name} is priced on request: enter its unit price.")
        elif device.currency != currency:
            problems.append(f"{device.name} is listed in {device.currency}: enter its unit price in {currency}.")
    elif line.unit_price_override < 0:
        problems.append("The unit price cannot be negative.")
    try:
        pricing.line_totals(_line_input(line), currency=currency)
    except (pricing.PricingError, TypeError) as exc:
        problems.append(str(exc))
    return problems


def _unit_price(line: LineData) -> Decimal:
    if line.unit_price_override is not None:
        return line.unit_price_override
    device = line.device
    tiers = [(t.min_quantity, t.unit_price) for t in device.price_tiers.all()]
    return pricing.tier_unit_price(list_price=device.list_price or Decimal("0"), tiers=tiers, quantity=line.quantity)


def _line_input(line: LineData) -> pricing.LineInput:
    return pricing.LineInput(
        unit_price=_unit_price(line),
        options_unit_price=sum((o.price_delta for o in line.options if not o.included), Decimal("0")),
        quantity=line.quantity,
        discount_percent=line.discount_percent,
    )


def _approval_for(lines: list[LineData]) -> str:
    threshold = Decimal(settings.QUOTE_DISCOUNT_APPROVAL_PERCENT)
    if any(line.discount_percent > threshold for line in lines):
        return Quote.Approval.PENDING
    return Quote.Approval.NOT_NEEDED


def _write_lines(*, quote: Quote, lines: list[LineData], actor) -> None:
    previous = {line.position: line for line in quote.lines.all()}
    QuoteLine.objects.filter(quote=quote).delete()
    now = timezone.now()
    for position, line in enumerate(lines, start=1):
        override_by = override_at = None
        if line.unit_price_override is not None:
            # Who set a manual price, and when, is kept for as long as the price stays the same.
            before = previous.get(position)
            unchanged = (
                before is not None
                and before.device_id == line.device.pk
                and before.unit_price_override == line.unit_price_override
            )
            override_by, override_at = (before.override_by, before.override_at) if unchanged else (actor, now)
        row = QuoteLine.objects.create(
            quote=quote,
            position=position,
            device=line.device,
            quantity=line.quantity,
            discount_percent=line.discount_percent,
            unit_price_override=line.unit_price_override,
            override_reason=line.override_reason if line.unit_price_override is not None else "",
            override_by=override_by,
            override_at=override_at,
        )
        row.options.set(line.options)


@transaction.atomic
def quote_create(*, lead: Lead, actor, data: QuoteData, lines: list[LineData]) -> Quote:
    """A new draft quote for the lead, numbered gap-free in the current year."""
    if not lead.is_open:
        raise QuoteStateError(f"The lead is {lead.get_status_display().lower()}; reopen it before quoting.")
    _validate(data=data, lines=lines)
    year = timezone.localdate().year
    sequence = quote_number_take(year=year)
    quote = Quote.objects.create(
        lead=lead,
        clinic=lead.clinic,
        contact=lead.contact,
        owner=lead.owner or actor,
        number=quote_number_format(year=year, sequence=sequence),
        year=year,
        sequence=sequence,
        currency=data.currency.upper(),
        valid_until=data.valid_until,
        incoterm=data.incoterm,
        incoterm_place=data.incoterm_place,
        freight=data.freight,
        payment_terms=data.payment_terms or Quote._meta.get_field("payment_terms").default,
        tax_rate=data.tax_rate,
        notes=data.notes,
        approval=_approval_for(lines),
    )
    _write_lines(quote=quote, lines=lines, actor=actor)
    _timeline(quote=quote, actor=actor, body=f"Quote {quote.number} created.")
    return quote


@transaction.atomic
def quote_update(*, quote: Quote, actor, data: QuoteData, lines: list[LineData]) -> Quote:
    """Change a quote; a sent (or declined, expired) quote moves on to its next revision."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if not quote.is_editable:
        raise QuoteStateError(f"Quote {quote.number} is {quote.get_status_display().lower()} and can no longer change.")
    _validate(data=data, lines=lines)
    next_revision = quote.status != Quote.Status.DRAFT
    if next_revision:
        quote.revision += 1
        quote.status = Quote.Status.DRAFT
    # An approval covers the quote it saw: any edit of a quote above the threshold asks again.
    approval = _approval_for(lines)
    for name in ["valid_until", "incoterm", "incoterm_place", "freight", "payment_terms", "tax_rate", "notes"]:
        setattr(quote, name, getattr(data, name))
    quote.currency = data.currency.upper()
    quote.approval, quote.approved_by, quote.approved_at = approval, None, None
    quote.save()
    _write_lines(quote=quote, lines=lines, actor=actor)
    if next_revision:
        _timeline(quote=quote, actor=actor, body=f"Quote {quote.number} reopened as revision {quote.revision}.")
    return quote


def quote_lines_data(*, quote: Quote) -> list[LineData]:
    """The quote's lines as input data (to edit them, or to price them)."""
    return [
        LineData(
            device=line.device,
            options=list(line.options.all()),
            quantity=line.quantity,
            discount_percent=line.discount_percent,
            unit_price_override=line.unit_price_override,
            override_reason=line.override_reason,
        )
        for line in quote.lines.all()
    ]


def quote_data(*, quote: Quote) -> QuoteData:
    return QuoteData(
        currency=quote.currency,
        valid_until=quote.valid_until,
        incoterm=quote.incoterm,
        incoterm_place=quote.incoterm_place,
        freight=quote.freight,
        payment_terms=quote.payment_terms,
        tax_rate=quote.tax_rate,
        notes=quote.notes,
    )


def quote_totals(*, quote: Quote) -> pricing.QuoteTotals:
    return lines_totals(data=quote_data(quote=quote), lines=quote_lines_data(quote=quote))


def lines_totals(*, data: QuoteData, lines: list[LineData]) -> pricing.QuoteTotals:
    """Totals for a quote being edited (the live preview) or saved."""
    return pricing.quote_totals(
        [_line_input(line) for line in lines],
        currency=data.currency,
        freight=data.freight,
        tax_rate_percent=data.tax_rate,
    )


@transaction.atomic
def quote_approve(*, quote: Quote, actor) -> Quote:
    """A sales manager approves the discounts of a quote waiting for approval."""
    if not actor.has_perm("quotes.approve_quote"):
        raise QuoteStateError("Only a sales manager can approve discounts.")
    updated = Quote.objects.filter(pk=quote.pk, approval=Quote.Approval.PENDING).update(
        approval=Quote.Approval.APPROVED, approved_by=actor, approved_at=timezone.now(), updated_at=timezone.now()
    )
    if not updated:
        raise QuoteStateError(f"Quote {quote.number} is not waiting for approval.")
    quote.refresh_from_db()
    _timeline(quote=quote, actor=actor, body=f"Discounts on {quote.number} approved.")
    return quote


def _timeline(*, quote: Quote, actor, body: str) -> None:
    now = timezone.now()
    Activity.objects.create(lead_id=quote.lead_id, kind=Activity.Kind.QUOTE, actor=actor, body=body, created_at=now)
    Lead.objects.filter(pk=quote.lead_id).update(last_activity_at=now)


# --- The document --------------------------------------------------------------------------


def quote_snapshot(*, quote: Quote) -> dict:
    """Everything the PDF and the buyer's page show, as plain JSON: the frozen form of a revision."""
    lines = list(
        quote.lines.select_related("device__family").prefetch_related(
            "options", "device__spec_values__definition", "device__certifications", "device__price_tiers"
        )
    )
    data = [
        LineData(
            device=line.device,
            options=list(line.options.all()),
            quantity=line.quantity,
            discount_percent=line.discount_percent,
            unit_price_override=line.unit_price_override,
        )
        for line in lines
    ]
    totals = lines_totals(data=quote_data(quote=quote), lines=data)
    currency = quote.currency
    seller = settings.QUOTE_SELLER
    owner = quote.owner
    snapshot_lines = []
    for line, computed in zip(lines, totals.lines, strict=True):
        device = line.device
        key_specs = [
            {"label": sv.definition.label, "value": sv.display}
            for sv in sorted(device.spec_values.all(), key=lambda sv: sv.definition.order)
            if sv.definition.highlight
        ][:4]
        snapshot_lines.append(
            {
                "device_name": device.name,
                "device_slug": device.slug,
                "sku": device.sku,
                "family": device.family.name,
                "key_specs": key_specs,
                "options": [
                    {"name": o.name, "price": capfirst(option_price_text(o, currency))} for o in line.options.all()
                ],
                "quantity": computed.quantity,
                "unit_price": money_text(computed.unit_price, currency),
                "discount_percent": percent_text(computed.discount_percent),
                "discount": money_text(computed.discount, currency),
                "net": money_text(computed.net, currency),
                "price_overridden": line.unit_price_override is not None,
                "warranty_months": device.warranty_months,
                "lead_time_days": device.lead_time_days,
                "certifications": sorted({c.get_authority_display() for c in device.certifications.all()}),
            }
        )
    authorities = sorted({name for line in snapshot_lines for name in line["certifications"]})
    return {
        "seller": seller,
        "buyer": {
            "clinic": quote.clinic.name,
            "contact": quote.contact.name,
            "email": quote.contact.email,
            "phone": quote.contact.phone,
            "country": quote.lead.country.name if quote.lead.country else "",
        },
        "number": quote.number,
        "revision": quote.revision,
        "issued_on": date_format(timezone.localdate(), "j F Y"),
        "valid_until": date_format(quote.valid_until, "j F Y"),
        "valid_until_iso": quote.valid_until.isoformat(),
        "currency": currency,
        "incoterm": quote.incoterm,
        "incoterm_label": quote.get_incoterm_display(),
        "incoterm_place": quote.incoterm_place,
        "payment_terms": quote.payment_terms,
        "notes": quote.notes,
        "certification_note": (
            f"Devices on this quotation hold: {', '.join(authorities)}. Certificates are sent on request; "
            "market coverage varies by country."
            if authorities
            else "Ask us for the certification status of these devices in your market."
        ),
        "owner": {
            "name": (owner.get_full_name() or owner.get_username()) if owner else seller["name"],
            "email": owner.email if owner and owner.email else seller["email"],
        },
        "lines": snapshot_lines,
        "totals": {
            "subtotal_gross": money_text(totals.subtotal_gross, currency),
            "has_discount": totals.discount > 0,
            "discount": money_text(totals.discount, currency),
            "subtotal": money_text(totals.subtotal, currency),
            "freight": money_text(totals.freight, currency),
            "tax_rate_percent": percent_text(totals.tax_rate_percent),
            "tax": money_text(totals.tax, currency),
            "total": money_text(totals.total, currency),
        },
    }


def snapshot_hash(snapshot: dict) -> str:
    # The issue date is left out: rendering the same quote tomorrow is the same document.
    content = {k: v for k, v in snapshot.items() if k != "issued_on"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def quote_document_html(*, snapshot: dict) -> str:
    """The quote's HTML for WeasyPrint; every value a person typed is escaped by the template."""
    return render_to_string("pdf/quote.html", {"q": snapshot})


# --- PDF rendering -------------------------------------------------------------------------


def _current_revision(*, quote: Quote) -> QuoteRevision:
    # Locked until the caller's transaction ends. Its save() writes back every field read
    # here: without the lock, a worker finishing the render in between (PostgreSQL lets it)
    # was overwritten back to "rendering" with no file, stuck until the claim's lease ran out.
    revision, _ = QuoteRevision.objects.select_for_update().get_or_create(quote=quote, number=quote.revision)
    return revision


@transaction.atomic
def quote_pdf_request(*, quote: Quote) -> QuoteRevision:
    """Ask for the PDF of the quote's current revision; returns at once, a worker renders it.

    A frozen (sent) revision keeps its snapshot. A draft revision takes a fresh snapshot;
    if its content is what the stored PDF was rendered from, nothing is rendered again.
    """
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if not quote.lines.exists():
        raise ValidationError({"lines": "Add at least one device before rendering the quote."})
    revision = _current_revision(quote=quote)
    if not revision.is_frozen:
        snapshot = quote_snapshot(quote=quote)
        revision.snapshot, revision.content_hash = snapshot, snapshot_hash(snapshot)
    if revision.pdf_ready:
        revision.save(update_fields=["snapshot", "content_hash", "updated_at"])
        return revision
    if revision.pdf_status == QuoteRevision.PdfStatus.RENDERING:
        revision.save(update_fields=["snapshot", "content_hash", "updated_at"])
        return revision  # the worker that holds the claim re-checks the hash when it finishes
    revision.pdf_status, revision.pdf_error = QuoteRevision.PdfStatus.QUEUED, ""
    revision.render_requested_at = timezone.now()
    revision.render_attempts = 0
    revision.save()
    dispatch.after_commit(RENDER_TASK, revision.pk)
    return revision


def _render_lease() -> timedelta:
    return timedelta(seconds=settings.QUOTE_PDF_TIME_LIMIT + 30)


def quote_pdf_render_run(*, revision_id: int, task_id: str = "") -> str:
    """Render one revision's PDF if no other task is doing it; returns what happened.

    The claim is a conditional UPDATE: queued, or rendering under a claim that expired, or
    rendering under this very task id (the broker redelivered our own message because the
    worker died mid-render). The last case counts attempts, so a document that kills its
    worker every time fails readably instead of looping.
    """
    now = timezone.now()
    claim = Q(pdf_status=QuoteRevision.PdfStatus.QUEUED) | Q(
        pdf_status=QuoteRevision.PdfStatus.RENDERING, render_started_at__lt=now - _render_lease()
    )
    if task_id:
        claim |= Q(pdf_status=QuoteRevision.PdfStatus.RENDERING, render_task_id=task_id)
    claimed = QuoteRevision.objects.filter(Q(pk=revision_id) & claim).update(
        pdf_status=QuoteRevision.PdfStatus.RENDERING,
        render_started_at=now,
        render_task_id=task_id,
        render_attempts=F("render_attempts") + 1,
        updated_at=now,
    )
    revision = QuoteRevision.objects.filter(pk=revision_id).select_related("quote").first()
    if revision is None:
        return "missing"
    if not claimed:
        if revision.pdf_status == QuoteRevision.PdfStatus.RENDERING:
            started = revision.render_started_at or now
            raise RenderBusy(retry_after=max(5, int((started + _render_lease() - now).total_seconds())))
        return revision.pdf_status  # ready or failed: nothing to do
    if revision.render_attempts > settings.QUOTE_PDF_MAX_ATTEMPTS:
        quote_pdf_fail(
            revision_id=revision_id,
            error=f"Rendering stopped the worker {revision.render_attempts - 1} times; the quote may be too large.",
        )
        return "failed"
    if revision.pdf_hash == revision.content_hash and revision.pdf and default_storage.exists(revision.pdf.name):
        # Same content as the stored file (for example a repeated request): no second render.
        QuoteRevision.objects.filter(pk=revision_id).update(pdf_status=QuoteRevision.PdfStatus.READY, updated_at=now)
        return "ready"
    content_hash = revision.content_hash
    rendered = pdf.html_to_pdf(quote_document_html(snapshot=revision.snapshot), stylesheets=["static:css/pdf.css"])
    if rendered.refused_urls:
        logger.warning("quote revision %s asked for %s", revision_id, ", ".join(rendered.refused_urls[:5]))
    name = f"quotes/{revision.quote.number}/rev{revision.number}-{content_hash[:16]}.pdf"
    try:
        if default_storage.exists(name):
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(rendered.content))
    except OSError as exc:
        raise RenderError(f"could not store the PDF: {exc}") from exc
    finished = QuoteRevision.objects.filter(
        pk=revision_id, pdf_status=QuoteRevision.PdfStatus.RENDERING, content_hash=content_hash
    ).update(
        pdf=stored,
        pdf_hash=content_hash,
        pdf_status=QuoteRevision.PdfStatus.READY,
        pdf_error="",
        pdf_size=rendered.size,
        pdf_pages=rendered.pages,
        pdf_sha256=rendered.sha256,
        rendered_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if not finished:
        # The draft changed while we rendered: queue the newer content.
        QuoteRevision.objects.filter(pk=revision_id, pdf_status=QuoteRevision.PdfStatus.RENDERING).update(
            pdf_status=QuoteRevision.PdfStatus.QUEUED, render_requested_at=timezone.now()
        )
        dispatch.after_commit(RENDER_TASK, revision_id)
        return "requeued"
    return "ready"


def quote_pdf_fail(*, revision_id: int, error: str) -> None:
    """Record a render that will not succeed, with a reason staff can read."""
    QuoteRevision.objects.filter(pk=revision_id).exclude(pdf_status=QuoteRevision.PdfStatus.READY).update(
        pdf_status=QuoteRevision.PdfStatus.FAILED, pdf_error=error[:500], updated_at=timezone.now()
    )


def quote_pdf_retry(*, revision: QuoteRevision) -> QuoteRevision:
    """Staff ask again for a failed render."""
    if revision.pdf_status != QuoteRevision.PdfStatus.FAILED:
        raise QuoteStateError("Only a failed render can be retried.")
    QuoteRevision.objects.filter(pk=revision.pk, pdf_status=QuoteRevision.PdfStatus.FAILED).update(
        pdf_status=QuoteRevision.PdfStatus.QUEUED,
        pdf_error="",
        render_attempts=0,
        render_requested_at=timezone.now(),
        updated_at=timezone.now(),
    )
    dispatch.after_commit(RENDER_TASK, revision.pk)
    revision.refresh_from_db()
    return revision


# --- Sending -------------------------------------------------------------------------------


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
    revision = _current_revision(quote=quote)
    snapshot = quote_snapshot(quote=quote)
    now = timezone.now()
    revision.snapshot, revision.content_hash = snapshot, snapshot_hash(snapshot)
    revision.sent_at, revision.sent_by = now, actor
    revision.email_status, revision.email_error, revision.email_attempts = QuoteRevision.EmailStatus.PENDING, "", 0
    needs_render = not revision.pdf_ready
    if needs_render and revision.pdf_status != QuoteRevision.PdfStatus.RENDERING:
        revision.pdf_status, revision.pdf_error, revision.render_attempts = QuoteRevision.PdfStatus.QUEUED, "", 0
        revision.render_requested_at = now
    revision.save()
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.SENT, sent_at=now, updated_at=now)
    quote.status, quote.sent_at = Quote.Status.SENT, now
    _timeline(
        quote=quote, actor=actor, body=f"Quote {quote.number} revision {revision.number} sent to {quote.contact.email}."
    )
    lead = quote.lead
    if lead.status in (Lead.Status.NEW, Lead.Status.CONTACTED, Lead.Status.QUALIFIED):
        from quotes import services

        services.lead_status_change(lead=lead, to_status=Lead.Status.QUOTED, actor=actor)
    if needs_render:
        dispatch.after_commit(RENDER_TASK, revision.pk)
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


def quotes_sweep(*, now=None) -> dict[str, int]:
    """The periodic safety net: queue renders and emails whose task never ran (broker outage)."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.QUOTE_SWEEP_AFTER_SECONDS)
    renders = list(
        QuoteRevision.objects.filter(
            Q(pdf_status=QuoteRevision.PdfStatus.QUEUED, render_requested_at__lt=stale)
            | Q(pdf_status=QuoteRevision.PdfStatus.RENDERING, render_started_at__lt=now - _render_lease())
        ).values_list("pk", flat=True)[:100]
    )
    for revision_id in renders:
        _publish_or_log(RENDER_TASK, revision_id)
    emails = list(
        QuoteRevision.objects.filter(
            email_status__in=[QuoteRevision.EmailStatus.PENDING, QuoteRevision.EmailStatus.SENDING],
            updated_at__lt=stale,
        ).values_list("pk", flat=True)[:100]
    )
    for revision_id in emails:
        _publish_or_log(EMAIL_TASK, revision_id)
    answered = list(
        Quote.objects.filter(
            Q(status=Quote.Status.ACCEPTED, accepted_at__lt=stale)
            | Q(status=Quote.Status.DECLINED, declined_at__lt=stale),
            answer_notified_at__isnull=True,
        ).values_list("pk", "status")[:100]
    )
    for quote_id, status in answered:
        _publish_or_log(NOTICE_TASK, quote_id, status)
    return {"renders": len(renders), "emails": len(emails), "notices": len(answered)}


def _publish_or_log(task_name: str, *args) -> None:
    try:
        dispatch.publish(task_name, *args)
    except Exception:  # the broker is down: the next sweep tries again
        logger.warning("could not queue %s%s; the next sweep will", task_name, args, exc_info=True)


# --- The buyer's side ----------------------------------------------------------------------


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
    _timeline(quote=quote, actor=None, body=f"{name} accepted {quote.number} revision {revision.number} online.")
    lead = quote.lead
    if lead.status != Lead.Status.WON:
        from quotes import services

        if lead.status != Lead.Status.QUOTED and Lead.Status.QUOTED in services.TRANSITIONS[lead.status]:
            services.lead_status_change(lead=lead, to_status=Lead.Status.QUOTED, actor=None)
        if Lead.Status.WON in services.TRANSITIONS[lead.status]:
            services.lead_status_change(lead=lead, to_status=Lead.Status.WON, actor=None)
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
    _timeline(
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
                _timeline(quote=quote, actor=None, body=f"Quote {quote.number} expired on {quote.valid_until}.")
    return len(due)
