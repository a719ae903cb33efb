"""The one place that does arithmetic on money: quote lines, discounts, freight, tax, totals.

Also a quote's payment schedule (deposit and balance) and a device's running costs and payback.
Pure functions over `Decimal`, no database. Amounts are rounded half-up to the currency's
minor units (2 for USD and EUR, 0 for JPY, 3 for KWD, from Babel's currency data) at
fixed points: each line's unit price with options, each line's discount, the tax. Sums of
rounded amounts stay exact, so the totals always equal the sum of their parts as printed.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import get_currency_precision, is_currency

ZERO = Decimal("0")
HUNDRED = Decimal("100")
MAX_QUANTITY = 10_000
MAX_AMOUNT = Decimal("1e12")


class PricingError(ValueError):
    """Input no price can be computed from; the message is for the salesperson."""


def minor_units(currency: str) -> int:
    if not isinstance(currency, str) or not is_currency(currency.upper()):
        raise PricingError(f"“{currency}” is not a currency code.")
    return get_currency_precision(currency.upper())


def quantize(amount: Decimal, currency: str) -> Decimal:
    """Round half-up to the currency's minor units: 2.345 USD -> 2.35, 1234.5 JPY -> 1235."""
    exponent = Decimal(1).scaleb(-minor_units(currency))
    try:
        return Decimal(amount).quantize(exponent, rounding=ROUND_HALF_UP)
    except InvalidOperation as exc:
        raise PricingError(f"{amount} cannot be expressed in {currency}.") from exc


def fits_minor_units(amount: Decimal, currency: str) -> bool:
    """Whether `amount` is whole in the currency's minor units: 0.50 fits USD, not JPY."""
    return quantize(amount, currency) == amount


def tier_unit_price(*, list_price: Decimal, tiers: Sequence[tuple[int, Decimal]], quantity: int) -> Decimal:
    """The unit price for `quantity` devices: the best tier whose minimum it reaches, else list price."""
    price = list_price
    for min_quantity, unit_price in sorted(tiers):
        if quantity >= min_quantity:
            price = unit_price
    return price


@dataclass(frozen=True)
class LineInput:
    unit_price: Decimal  # the device's price per unit (list, tier or override)
    options_unit_price: Decimal = ZERO  # sum of chosen option deltas per unit; may be negative
    quantity: int = 1
    discount_percent: Decimal = ZERO


@dataclass(frozen=True)
class LineTotals:
    unit_price: Decimal  # device + options, per unit, rounded
    quantity: int
    gross: Decimal
    discount_percent: Decimal
    discount: Decimal
    net: Decimal


@dataclass(frozen=True)
class QuoteTotals:
    currency: str
    lines: tuple[LineTotals, ...]
    subtotal_gross: Decimal
    discount: Decimal
    subtotal: Decimal
    freight: Decimal
    tax_rate_percent: Decimal
    taxable: Decimal
    tax: Decimal
    total: Decimal


def _check_amount(value: Decimal, what: str, *, allow_negative: bool = False) -> Decimal:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise PricingError(f"{what} must be a decimal amount.")
    if abs(value) >= MAX_AMOUNT:
        raise PricingError(f"{what} is out of range.")
    if value < 0 and not allow_negative:
        raise PricingError(f"{what} cannot be negative.")
    return value


def _check_percent(value: Decimal, what: str) -> Decimal:
    _check_amount(value, what)
    if value > HUNDRED:
        raise PricingError(f"{what} cannot be above 100%.")
    return value


def line_totals(line: LineInput, *, currency: str) -> LineTotals:
    """One line: (device + options) per unit, times quantity, less its discount."""
    _check_amount(line.unit_price, "The unit price")
    _check_amount(line.options_unit_price, "The options price", allow_negative=True)
    if not isinstance(line.quantity, int) or isinstance(line.quantity, bool) or line.quantity < 1:
        raise PricingError("The quantity must be a whole number of at least 1.")
    if line.quantity > MAX_QUANTITY:
        raise PricingError(f"The quantity cannot be above {MAX_QUANTITY}.")
    _check_percent(line.discount_percent, "The discount")
    unit = quantize(line.unit_price + line.options_unit_price, currency)
    if unit < 0:
        raise PricingError("Options cannot make a device cost less than nothing.")
    gross = unit * line.quantity
    discount = quantize(gross * line.discount_percent / HUNDRED, currency)
    return LineTotals(
        unit_price=unit,
        quantity=line.quantity,
        gross=gross,
        discount_percent=line.discount_percent,
        discount=discount,
        net=gross - discount,
    )


def quote_totals(
    lines: Sequence[LineInput],
    *,
    currency: str,
    freight: Decimal = ZERO,
    tax_rate_percent: Decimal = ZERO,
    tax_freight: bool = True,
) -> QuoteTotals:
    """Every line, the subtotal, freight, tax on (subtotal + freight by default) and the total."""
    _check_amount(freight, "Freight")
    _check_percent(tax_rate_percent, "The tax rate")
    freight = quantize(freight, currency)
    computed = tuple(line_totals(line, currency=currency) for line in lines)
    subtotal_gross = sum((line.gross for line in computed), ZERO)
    discount = sum((line.discount for line in computed), ZERO)
    subtotal = subtotal_gross - discount
    taxable = subtotal + (freight if tax_freight else ZERO)
    tax = quantize(taxable * tax_rate_percent / HUNDRED, currency)
    return QuoteTotals(
        currency=currency,
        lines=computed,
        subtotal_gross=quantize(subtotal_gross, currency),
        discount=quantize(discount, currency),
        subtotal=quantize(subtotal, currency),
        freight=freight,
        tax_rate_percent=tax_rate_percent,
        taxable=quantize(taxable, currency),
        tax=tax,
        total=quantize(subtotal + freight + tax, currency),
    )


def margin_percent(*, revenue: Decimal, cost: Decimal) -> Decimal | None:
    """What is left of `revenue` after `cost`, in percent of the revenue (None when nothing is charged)."""
    if revenue <= ZERO:
        return None
    return ((revenue - cost) * HUNDRED / revenue).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def amounts_sum(amounts: Sequence[Decimal], currency: str) -> Decimal:
    """A sum of amounts in one currency, rounded to its minor units (a column of quote totals)."""
    return quantize(sum(amounts, ZERO), currency)


# --- Payment schedule --------------------------------------------------------------------


@dataclass(frozen=True)
class PaymentSchedule:
    deposit_percent: Decimal
    deposit: Decimal
    balance: Decimal


def payment_schedule(*, total: Decimal, deposit_percent: Decimal, currency: str) -> PaymentSchedule:
    """The deposit (a share of the total, rounded) and the balance, which is the rest to the cent."""
    _check_amount(total, "The total")
    _check_percent(deposit_percent, "The deposit")
    total = quantize(total, currency)
    deposit = quantize(total * deposit_percent / HUNDRED, currency)
    return PaymentSchedule(deposit_percent=deposit_percent, deposit=deposit, balance=total - deposit)


# --- Running costs and payback -------------------------------------------------------------

WEEKS_PER_YEAR = 52
MONTHS = 12
MAX_TREATMENTS_PER_WEEK = 1000
MAX_USES = 10_000_000


@dataclass(frozen=True)
class ConsumableInput:
    unit_price: Decimal  # what one unit (cartridge, box, bottle) costs the clinic
    uses_per_unit: int  # shots or treatments one unit delivers
    uses_per_treatment: int = 1  # shots one treatment takes


@dataclass(frozen=True)
class RunningCosts:
    currency: str
    treatments_per_week: int
    consumables_per_treatment: Decimal  # rounded
    price_per_treatment: Decimal  # rounded
    margin_per_treatment: Decimal  # price less consumables; may be negative
    months: tuple[Decimal, ...]  # consumables in each of the first 12 months; they add up to the year's
    consumables_year: Decimal
    revenue_year: Decimal
    margin_year: Decimal
    cumulative: tuple[Decimal, ...]  # the cash position after each month: margin earned less the investment
    investment: Decimal
    payback_months: int | None  # whole months until the margin repays the investment; None if it never does
    priced: bool  # a price per treatment was given: without one there is no revenue and no payback


def _check_count(value: int, what: str, *, minimum: int, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not minimum <= value <= maximum:
        raise PricingError(f"{what} must be a whole number from {minimum} to {maximum}.")
    return value


def consumables_per_treatment(consumables: Sequence[ConsumableInput], *, currency: str) -> Decimal:
    """What one treatment uses up: each consumable's price × uses per treatment ÷ uses per unit, summed, rounded."""
    cost = ZERO
    for item in consumables:
        _check_amount(item.unit_price, "A consumable's price")
        _check_count(item.uses_per_unit, "Uses per unit", minimum=1, maximum=MAX_USES)
        _check_count(item.uses_per_treatment, "Uses per treatment", minimum=1, maximum=MAX_USES)
        cost += item.unit_price * item.uses_per_treatment / item.uses_per_unit
    return quantize(cost, currency)


def _spread_over_months(year: Decimal, currency: str) -> tuple[Decimal, ...]:
    # Each month gets the rounded cumulative share less the months before: the twelve add up to the year.
    cumulative = [quantize(year * month / MONTHS, currency) for month in range(MONTHS + 1)]
    return tuple(cumulative[month] - cumulative[month - 1] for month in range(1, MONTHS + 1))


def running_costs(
    *,
    consumables: Sequence[ConsumableInput],
    treatments_per_week: int,
    price_per_treatment: Decimal,
    investment: Decimal,
    currency: str,
    priced: bool = True,
) -> RunningCosts:
    """A year of consumables and earnings at a steady number of treatments a week, and when the margin
    (price per treatment less consumables) repays the investment (the quote line's net amount)."""
    _check_count(treatments_per_week, "Treatments per week", minimum=1, maximum=MAX_TREATMENTS_PER_WEEK)
    _check_amount(price_per_treatment, "The price per treatment")
    _check_amount(investment, "The investment")
    per_treatment = consumables_per_treatment(consumables, currency=currency)
    price = quantize(price_per_treatment, currency)
    investment = quantize(investment, currency)
    treatments_year = treatments_per_week * WEEKS_PER_YEAR
    consumables_year = per_treatment * treatments_year
    revenue_year = price * treatments_year
    margin = price - per_treatment
    margin_months = _spread_over_months(margin * treatments_year, currency)
    cumulative, position = [], -investment
    for month_margin in margin_months:
        position += month_margin
        cumulative.append(position)
    payback = None
    if priced and margin > 0:
        # Whole months: the first month whose steady margin (treatments a year ÷ 12) covers the investment.
        monthly = margin * treatments_year / MONTHS
        payback = max(1, int((investment / monthly).to_integral_value(rounding=ROUND_CEILING)))
    return RunningCosts(
        currency=currency,
        treatments_per_week=treatments_per_week,
        consumables_per_treatment=per_treatment,
        price_per_treatment=price,
        margin_per_treatment=margin,
        months=_spread_over_months(consumables_year, currency),
        consumables_year=consumables_year,
        revenue_year=revenue_year,
        margin_year=margin * treatments_year,
        cumulative=tuple(cumulative),
        investment=investment,
        payback_months=payback,
        priced=priced,
    )
