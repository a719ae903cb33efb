"""Quote drafts: gap-free numbers, the defaults a new quote starts with, create, update (and revisions), approve."""

import logging
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from catalog.models import Device
from quotes import pricing
from quotes.errors import QuoteInvalid, QuoteStateError
from quotes.leads import pipeline
from quotes.models import Lead, Quote, QuoteLine, QuoteNumberSequence
from quotes.quoting.lines import (
    MAX_LINES,
    LineData,
    approval_needed,
    line_input,
    lines_problems,
    quote_terms_problems,
)

logger = logging.getLogger(__name__)


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
class QuoteData:
    currency: str = "USD"
    valid_until: date | None = None
    incoterm: str = Quote.Incoterm.FOB
    incoterm_place: str = ""
    freight: Decimal = Decimal("0")
    payment_terms: str = ""
    tax_rate: Decimal = Decimal("0")
    notes: str = ""
    deposit_percent: Decimal | None = None  # None: the house default on a new quote, unchanged on an edit


def lead_check_open(*, lead: Lead) -> None:
    """Refuse to draft, change, approve or send a quote of a lead that is closed, saying what to do instead."""
    if lead.is_open:
        return
    if lead.status == Lead.Status.WON:
        raise QuoteStateError("The lead is won; its quotes no longer change. Start a new lead for another sale.")
    if lead.status == Lead.Status.SPAM:
        raise QuoteStateError("The lead is spam; take it back (Not spam) before quoting.")
    raise QuoteStateError(f"The lead is {lead.get_status_display().lower()}; reopen it before quoting.")


def quote_defaults(*, devices: list[Device]) -> QuoteData:
    """What a new quote starts with, from the editor or the API: the currency its first device is
    listed in (else the catalog's first currency), valid for the usual number of days, the house terms."""
    return QuoteData(
        currency=devices[0].currency if devices else settings.CATALOG_CURRENCIES[0],
        valid_until=timezone.localdate() + timedelta(days=settings.QUOTE_VALIDITY_DAYS),
        payment_terms=Quote._meta.get_field("payment_terms").default,
        deposit_percent=Quote._meta.get_field("deposit_percent").default,
    )


def _validate(*, data: QuoteData, lines: list[LineData]) -> None:
    errors: dict[str, list[str]] = dict(quote_terms_problems(currency=data.currency, freight=data.freight))
    if data.valid_until is None:
        errors.setdefault("valid_until", []).append("Give the date until which the prices hold.")
    elif data.valid_until < timezone.localdate():
        errors.setdefault("valid_until", []).append("The validity date is in the past.")
    deposit = data.deposit_percent
    if deposit is not None and (not isinstance(deposit, Decimal) or not Decimal("0") <= deposit <= Decimal("100")):
        errors.setdefault("deposit_percent", []).append("The deposit is a percentage from 0 to 100.")
    if data.incoterm not in Quote.Incoterm.values:
        errors.setdefault("incoterm", []).append(f"“{data.incoterm}” is not an Incoterm.")
    if not lines:
        errors.setdefault("lines", []).append("Add at least one device.")
    if len(lines) > MAX_LINES:
        errors.setdefault("lines", []).append(f"A quote holds at most {MAX_LINES} lines; split it in two.")
    # Lines are priced in the quote's currency: with a currency refused, that would only repeat the refusal.
    line_errors = lines_problems(lines=lines, currency=data.currency) if "currency" not in errors else {}
    try:
        pricing.quote_totals(
            [line_input(line) for index, line in enumerate(lines) if index not in line_errors],
            currency=data.currency if "currency" not in errors else "USD",
            freight=data.freight,
            tax_rate_percent=data.tax_rate,
        )
    except pricing.PricingError as exc:
        errors.setdefault("__all__", []).append(str(exc))
    if errors or line_errors:
        raise QuoteInvalid(errors, line_errors)


def _approval(*, lines: list[LineData], currency: str) -> str:
    return Quote.Approval.PENDING if approval_needed(lines=lines, currency=currency) else Quote.Approval.NOT_NEEDED


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
            discontinued_confirmed=line.discontinued_confirmed and line.device.status == Device.Status.DISCONTINUED,
            override_by=override_by,
            override_at=override_at,
            treatments_per_week=line.treatments_per_week,
            price_per_treatment=line.price_per_treatment,
        )
        row.options.set(line.options)


@transaction.atomic
def quote_create(*, lead: Lead, actor, data: QuoteData, lines: list[LineData]) -> Quote:
    """A new draft quote for the lead, numbered gap-free in the current year."""
    lead_check_open(lead=lead)
    _validate(data=data, lines=lines)
    year = timezone.localdate().year
    sequence = quote_number_take(year=year)
    quote = Quote.objects.create(
        lead=lead,
        partner_id=lead.partner_id,  # a partner's lead: the partner sees the quotes that answer it
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
        deposit_percent=(
            data.deposit_percent
            if data.deposit_percent is not None
            else Quote._meta.get_field("deposit_percent").default
        ),
        approval=_approval(lines=lines, currency=data.currency.upper()),
    )
    _write_lines(quote=quote, lines=lines, actor=actor)
    pipeline.lead_quote_event(quote=quote, actor=actor, body=f"Quote {quote.number} created.")
    return quote


@transaction.atomic
def quote_update(*, quote: Quote, actor, data: QuoteData, lines: list[LineData]) -> Quote:
    """Change a quote; a sent (or declined, expired) quote moves on to its next revision."""
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if not quote.is_editable:
        raise QuoteStateError(f"Quote {quote.number} is {quote.get_status_display().lower()} and can no longer change.")
    lead_check_open(lead=quote.lead)
    _validate(data=data, lines=lines)
    next_revision = quote.status != Quote.Status.DRAFT
    if next_revision:
        quote.revision += 1
        quote.status = Quote.Status.DRAFT
    # An approval covers the quote it saw: any edit of a quote above the threshold asks again.
    approval = _approval(lines=lines, currency=data.currency.upper())
    for name in [
        "valid_until",
        "incoterm",
        "incoterm_place",
        "freight",
        "payment_terms",
        "tax_rate",
        "notes",
    ]:
        setattr(quote, name, getattr(data, name))
    if data.deposit_percent is not None:
        quote.deposit_percent = data.deposit_percent
    quote.currency = data.currency.upper()
    quote.approval, quote.approved_by, quote.approved_at, quote.refused_reason = approval, None, None, ""
    quote.save()
    _write_lines(quote=quote, lines=lines, actor=actor)
    if next_revision:
        pipeline.lead_quote_event(
            quote=quote, actor=actor, body=f"Quote {quote.number} reopened as revision {quote.revision}."
        )
    return quote


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
        deposit_percent=quote.deposit_percent,
    )


@transaction.atomic
def quote_approve(*, quote: Quote, actor) -> Quote:
    """A sales manager approves the discounts of a quote waiting for approval."""
    if not actor.has_perm("quotes.approve_quote"):
        raise QuoteStateError("Only a sales manager can approve discounts.")
    lead_check_open(lead=quote.lead)
    updated = Quote.objects.filter(pk=quote.pk, approval=Quote.Approval.PENDING).update(
        approval=Quote.Approval.APPROVED, approved_by=actor, approved_at=timezone.now(), updated_at=timezone.now()
    )
    if not updated:
        raise QuoteStateError(f"Quote {quote.number} is not waiting for approval.")
    quote.refresh_from_db()
    pipeline.lead_quote_event(quote=quote, actor=actor, body=f"Discounts on {quote.number} approved.")
    return quote


REFUSAL_REASON_MAX = 2000


@transaction.atomic
def quote_approval_refuse(*, quote: Quote, actor, reason: str) -> Quote:
    """A sales manager refuses a quote's discounts, saying why: it cannot be sent until it is edited."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": "Say why the discounts are refused, so the owner can rework the quote."})
    if len(reason) > REFUSAL_REASON_MAX:
        raise ValidationError({"reason": f"Keep the reason to {REFUSAL_REASON_MAX:,} characters."})
    lead_check_open(lead=quote.lead)
    updated = Quote.objects.filter(pk=quote.pk, approval=Quote.Approval.PENDING, status=Quote.Status.DRAFT).update(
        approval=Quote.Approval.REFUSED, refused_reason=reason, approved_by=actor, approved_at=timezone.now()
    )
    if not updated:
        raise QuoteStateError(f"Quote {quote.number} is not waiting for approval.")
    quote.refresh_from_db()
    pipeline.lead_quote_event(quote=quote, actor=actor, body=f"Discounts on {quote.number} refused: {reason}")
    return quote
