"""The one place that does arithmetic on money: quote lines, discounts, freight, tax, totals.

Pure functions over `Decimal`, no database. Amounts are rounded half-up to the currency's
minor units (2 for USD and EUR, 0 for JPY, 3 for KWD, from Babel's currency data) at
fixed points: each line's unit price with options, each line's discount, the tax. Sums of
rounded amounts stay exact, so the totals always equal the sum of their parts as printed.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

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
