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
REASON_MISSING = "Say why the price differs from the list, for example: launch offer."


@dataclass(frozen=True)
class LineData:
    device: Device
    options: list[DeviceOption] = field(default_factory=list)
    quantity: int = 1
    discount_percent: Decimal = Decimal("0")
    unit_price_override: Decimal | None = None
    override_reason: str = ""
    # A discontinued model is quoted only on purpose (spares for an owner, a last unit in stock).
    discontinued_confirmed: bool = False

    treatments_per_week: int | None = None  # for the running costs and payback; None: no forecast
    price_per_treatment: Decimal | None = None  # None: the device's typical price per treatment


def discontinued_problem(device: Device) -> str:
    """What the editor and the API say about an unconfirmed line of a discontinued model."""
    successor = device.successor
    instead = f" (its successor is the {successor.name})" if successor is not None else ""
    return f"{device.name} is discontinued{instead}: confirm that you mean to quote it."


def quote_terms_problems(*, currency: str, freight: Decimal) -> dict[str, list[str]]:
    """What stops a quote's terms: a currency the vendor does not quote in, an amount finer than its minor units.

    The editor (its save and its live preview) and the API ask this, through the drafts and
    lines_preview; line amounts are checked per line by line_problems.
    """
    configured = settings.CATALOG_CURRENCIES
    if currency not in configured:
        return {"currency": [f"Quotes are written in {', '.join(configured)}; “{currency[:10]}” is not one of them."]}
    problems = amount_problems(amount=freight, currency=currency, what="Freight")
    return {"freight": problems} if problems else {}


def amount_problems(*, amount: Decimal, currency: str, what: str) -> list[str]:
    """An amount with more decimals than the currency has (JPY 0.50), said in words."""
    if not isinstance(amount, Decimal) or not amount.is_finite() or pricing.fits_minor_units(amount, currency):
        return []
    places = pricing.minor_units(currency)
    if places == 0:
        return [f"{what} must be a whole number of {currency}, which has no minor units."]
    return [f"{what} can have at most {places} decimals in {currency}."]


def line_own_problems(*, line: LineData) -> list[str]:
    """What is wrong with the line by itself, whatever the quote's currency (the editor's line form checks
    these as it parses the line; the save and the API check them again through line_problems)."""
    device = line.device
    problems = []
    if device.status == Device.Status.DRAFT:
        problems.append(f"{device.name} is not published yet.")
    elif device.status == Device.Status.DISCONTINUED and not line.discontinued_confirmed:
        problems.append(discontinued_problem(device))
    foreign = [o.name for o in line.options if o.device_id != device.pk]
    if foreign:
        problems.append(f"{', '.join(foreign)} is not an option of {device.name}.")
    if line.unit_price_override is not None:
        if line.unit_price_override < 0:
            problems.append("The unit price cannot be negative.")
        # A manual price is a decision someone must be able to explain later.
        if not line.override_reason.strip():
            problems.append(REASON_MISSING)
    if line.treatments_per_week is not None and not 1 <= line.treatments_per_week <= pricing.MAX_TREATMENTS_PER_WEEK:
        problems.append(f"Treatments per week run from 1 to {pricing.MAX_TREATMENTS_PER_WEEK}.")
    if line.price_per_treatment is not None and line.price_per_treatment < 0:
        problems.append("The price per treatment cannot be negative.")
    return problems


def line_problems(*, line: LineData, currency: str) -> list[str]:
    """What stops this line from being quoted in `currency`: the form, the API and the live preview say
    the same (its own problems, then those of pricing it)."""
    device = line.device
    problems = line_own_problems(line=line)
    if line.unit_price_override is None:
        if device.price_on_request or device.list_price is None:
            problems.append(f"{device.name} is priced on request: enter its unit price.")
        elif device.currency != currency:
            problems.append(f"{device.name} is listed in {device.currency}: enter its unit price in {currency}.")
    elif currency in settings.CATALOG_CURRENCIES:
        problems.extend(amount_problems(amount=line.unit_price_override, currency=currency, what="The unit price"))
    try:
        pricing.line_totals(line_input(line), currency=currency)
    except (pricing.PricingError, TypeError) as exc:
        problems.append(str(exc))
    return problems


def lines_problems(*, lines: list[LineData], currency: str) -> dict[int, list[str]]:
    """Each line's problems by its index in `lines` (0-based); lines without problems are left out."""
    found = {index: line_problems(line=line, currency=currency) for index, line in enumerate(lines)}
    return {index: problems for index, problems in found.items() if problems}


def _catalog_unit_price(line: LineData) -> Decimal:
    """The device's list or tier price for the line's quantity (options not included)."""
    device = line.device
    tiers = [(t.min_quantity, t.unit_price) for t in device.price_tiers.all()]
    return pricing.tier_unit_price(list_price=device.list_price or Decimal("0"), tiers=tiers, quantity=line.quantity)


def _options_unit_price(line: LineData) -> Decimal:
    return sum((o.price_delta for o in line.options if not o.included), Decimal("0"))


def line_input(line: LineData) -> pricing.LineInput:
    unit_price = line.unit_price_override if line.unit_price_override is not None else _catalog_unit_price(line)
    return pricing.LineInput(
        unit_price=unit_price,
        options_unit_price=_options_unit_price(line),
        quantity=line.quantity,
        discount_percent=line.discount_percent,
    )


def line_effective_discount(*, line: LineData, currency: str) -> Decimal:
    """The discount the clinic gets on the line against the catalog, in percent.

    The stated discount; with a manual unit price below the list (or tier) price, the whole
    difference counts: 0.01 for a device listed at 23,500 is a discount of almost 100 %. A
    device with no catalog price in `currency` has nothing to compare with: its stated
    discount counts alone.
    """
    device = line.device
    comparable = not device.price_on_request and device.list_price is not None and device.currency == currency
    if line.unit_price_override is None or not comparable:
        return line.discount_percent
    options = _options_unit_price(line)
    catalog = _catalog_unit_price(line) + options
    if catalog <= 0:
        return line.discount_percent
    charged = (line.unit_price_override + options) * (pricing.HUNDRED - line.discount_percent) / pricing.HUNDRED
    return max(line.discount_percent, ((1 - charged / catalog) * pricing.HUNDRED).quantize(Decimal("0.01")))


def approval_needed(*, lines: list[LineData], currency: str) -> bool:
    """Whether a line's effective discount is above the threshold: a sales manager approves before sending."""
    threshold = Decimal(settings.QUOTE_DISCOUNT_APPROVAL_PERCENT)
    return any(line_effective_discount(line=line, currency=currency) > threshold for line in lines)


def line_data(row: QuoteLine, *, device: Device | None = None) -> LineData:
    """A saved line as input data, to edit or price it; `device` when the caller loaded it with its tiers."""
    return LineData(
        device=device or row.device,
        options=list(row.options.all()),
        quantity=row.quantity,
        discount_percent=row.discount_percent,
        unit_price_override=row.unit_price_override,
        override_reason=row.override_reason,
        discontinued_confirmed=row.discontinued_confirmed,
        treatments_per_week=row.treatments_per_week,
        price_per_treatment=row.price_per_treatment,
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


def line_consumables(device: Device) -> list:
    """The device's options that are used up by treatments (they say how many uses one unit gives)."""
    return [option for option in device.options.all() if option.uses_per_unit]


def line_running_costs(*, line: LineData, net: Decimal, currency: str) -> pricing.RunningCosts | None:
    """The line's consumables forecast and payback, when it has treatments per week and its device (and so its
    consumables) is priced in the quote's currency; the editor's preview and the document both ask here.

    Without a price per treatment (the line's, else the device's typical one) the payback is None."""
    device = line.device
    if not line.treatments_per_week or device.currency != currency:
        return None
    price = line.price_per_treatment if line.price_per_treatment is not None else device.treatment_price
    return pricing.running_costs(
        consumables=[
            pricing.ConsumableInput(o.price_delta, o.uses_per_unit, o.uses_per_treatment)
            for o in line_consumables(device)
        ],
        treatments_per_week=line.treatments_per_week,
        price_per_treatment=price if price is not None else pricing.ZERO,
        investment=net,
        currency=currency,
        priced=price is not None,
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
    errors = errors or quote_terms_problems(currency=currency, freight=freight)
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
            "running": _running_preview(line=line, net=computed.net, currency=currency),
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
    result["needs_approval"] = approval_needed(
        lines=[line for _key, line, _problem in lines if line is not None], currency=currency
    )
    return result


def _running_preview(*, line: LineData, net: Decimal, currency: str) -> dict | None:
    costs = line_running_costs(line=line, net=net, currency=currency)
    if costs is None:
        return None
    return {
        "consumables_per_treatment": money_text(costs.consumables_per_treatment, currency),
        "consumables_year": money_text(costs.consumables_year, currency),
        "price_per_treatment": money_text(costs.price_per_treatment, currency) if costs.priced else "",
        "payback_months": costs.payback_months,
    }
