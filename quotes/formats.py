"""How sales pages, emails and quote documents write people, amounts and percentages (pure)."""

from decimal import Decimal

from catalog.money import format_money
from quotes import pricing


def person_label(user) -> str:
    """A user as staff and buyers read it: full name, else username."""
    if user is None:
        return "nobody"
    return user.get_full_name() or user.get_username()


def money_text(amount: Decimal, currency: str) -> str:
    """An amount as quotes print it, in the currency's minor units: 87,622.15 or 1,235 (JPY)."""
    return f"{pricing.quantize(amount, currency):,.{pricing.minor_units(currency)}f}"


def percent_text(value: Decimal) -> str:
    """A percentage without trailing zeros: 5, 12.5."""
    normal = value.normalize()
    return str(int(normal)) if normal == normal.to_integral_value() else f"{normal:f}"


def option_price_text(option, currency: str) -> str:
    """An option's price beside its name: "+USD 2,600", "−USD 500", "included" or ""."""
    if option.included:
        return "included"
    if not option.price_delta:
        return ""
    sign = "+" if option.price_delta > 0 else "−"
    return f"{sign}{format_money(abs(option.price_delta), currency)}"


def money_parse(text: str) -> Decimal:
    """The amount money_text wrote ("87,622.15"), for sums over frozen documents."""
    return Decimal(text.replace(",", ""))


# Every time a buyer or salesperson reads carries its zone (settings.TIME_ZONE, the staff's zone).
DATETIME_FORMAT = "j M Y, H:i T"
