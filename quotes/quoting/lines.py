"""A quote's lines: their data, what stops a line being quoted, their prices and the quote's totals.

The editor's form, the API and the live preview all ask this module, so they answer the same
lines with the same words and the same amounts. Arithmetic on money is `quotes.pricing`'s.
"""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings

from catalog.models import Device, DeviceOption
from quotes import pricing
from quotes.formats import money_text, percent_text
from quotes.models import Quote, QuoteLine

logger = logging.getLogger(__name__)

MAX_LINES = 200


@dataclass(frozen=True)
class LineData:
    device: Device
    options: list[DeviceOption] = field(default_factory=list)
    quantity: int = 1
    discount_percent: Decimal = Decimal("0")
    unit_price_override: Decimal | None = None
    override_reason: str = ""


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
        pricing.line_totals(line_input(line), currency=currency)
    except (pricing.PricingError, TypeError) as exc:
        problems.append(str(exc))
    return problems


def lines_problems(*, lines: list[LineData], currency: str) -> dict[int, list[str]]:
    """Each line's problems by its index in `lines` (0-based); lines without problems are left out."""
    found = {index: line_problems(line=line, currency=currency) for index, line in enumerate(lines)}
    return {index: problems for index, problems in found.items() if problems}


def _unit_price(line: LineData) -> Decimal:
    if line.unit_price_override is not None:
        return line.unit_price_override
    device = line.device
    tiers = [(t.min_quantity, t.unit_price) for t in device.price_tiers.all()]
    return pricing.tier_unit_price(list_price=device.list_price or Decimal("0"), tiers=tiers, quantity=line.quantity)


def line_input(line: LineData) -> pricing.LineInput:
    return pricing.LineInput(
        unit_price=_unit_price(line),
        options_unit_price=sum((o.price_delta for o in line.options if not o.included), Decimal("0")),
        quantity=line.quantity,
        discount_percent=line.discount_percent,
    )


def approval_needed(*, lines: list[LineData]) -> bool:
    """Whether a line's discount is above the threshold, so a sales manager must approve before sending."""
    threshold = Decimal(settings.QUOTE_DISCOUNT_APPROVAL_PERCENT)
    return any(line.discount_percent > threshold for line in lines)


def line_data(row: QuoteLine, *, device: Device | None = None) -> LineData:
    """A saved line as input data, to edit or price it; `device` when the caller loaded it with its tiers."""
    return LineData(
        device=device or row.device,
        options=list(row.options.all()),
        quantity=row.quantity,
        discount_percent=row.discount_percent,
        unit_price_override=row.unit_price_override,
        override_reason=row.override_reason,
    )


def quote_lines_data(*, quote: Quote) -> list[LineData]:
    """The quote's lines as input data, in order (prefetched lines, options and tiers are used)."""
    return [line_data(row) for row in quote.lines.all()]


def lines_totals(
    *, lines: list[LineData], currency: str, freight: Decimal = Decimal("0"), tax_rate: Decimal = Decimal("0")
) -> pricing.QuoteTotals:
    """Totals for a quote being edited (the live preview) or saved."""
    return pricing.quote_totals(
        [line_input(line) for line in lines], currency=currency, freight=freight, tax_rate_percent=tax_rate
    )


def quote_totals(*, quote: Quote) -> pricing.QuoteTotals:
    """The quote's totals at today's prices (its lines, options and tiers prefetched when there are)."""
    return lines_totals(
        lines=quote_lines_data(quote=quote), currency=quote.currency, freight=quote.freight, tax_rate=quote.tax_rate
    )


PreviewLine = tuple[str, LineData | None, str]  # (the editor's key for the line, the line, why it cannot be priced)


def lines_preview(
    *, currency: str, freight: Decimal, tax_rate: Decimal, lines: list[PreviewLine], errors: dict[str, list[str]]
) -> dict:
    """The totals of a quote being edited, as the editor shows them (live, and without JavaScript).

    A line with a problem is left out of the totals and says why beside itself, in the words
    the save would use. `errors` are the terms' own errors (currency, freight, tax): with any,
    nothing is priced.
    """
    result = {"currency": currency, "lines": {}, "totals": None, "amounts": None, "errors": errors}
    priced = []
    for key, line, problem in lines:
        if line is not None and not problem and not errors:
            problem = " ".join(line_problems(line=line, currency=currency))
        if line is None or problem or errors:
            result["lines"][key] = {"problem": problem}
            continue
        computed = lines_totals(lines=[line], currency=currency).lines[0]
        result["lines"][key] = {
            "problem": "",
            "unit_price": money_text(computed.unit_price, currency),
            "quantity": computed.quantity,
            "gross": money_text(computed.gross, currency),
            "discount": money_text(computed.discount, currency),
            "has_discount": computed.discount > 0,
            "net": money_text(computed.net, currency),
        }
        priced.append(line)
    if not errors:
        try:
            totals = lines_totals(lines=priced, currency=currency, freight=freight, tax_rate=tax_rate)
        except pricing.PricingError as exc:
            result["errors"] = {"__all__": [str(exc)]}
        else:
            names = ["subtotal_gross", "discount", "subtotal", "freight", "tax", "total"]
            result["totals"] = {name: money_text(getattr(totals, name), currency) for name in names}
            result["totals"]["tax_rate"] = percent_text(totals.tax_rate_percent)
            result["amounts"] = {name: str(getattr(totals, name)) for name in names}
    result["needs_approval"] = approval_needed(lines=[line for _key, line, _problem in lines if line is not None])
    return result
