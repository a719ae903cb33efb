"""Display of catalog prices, and who sees them. Arithmetic on money lives in quotes.pricing, not here."""

from decimal import Decimal

from django.conf import settings


def prices_public() -> bool:
    """The one price policy (PUBLIC_PRICES): list prices, tiers and option prices for everyone, on
    the pages, in compare and in the API; off, only staff and keys with prices:read see them."""
    return settings.PUBLIC_PRICES


def prices_shown(*, user) -> bool:
    """Whether a page shows prices to this visitor: everyone when public, else staff who may view devices
    (the same people the API shows prices to: catalog.api.access)."""
    if prices_public():
        return True
    return bool(user is not None and user.is_authenticated and user.is_staff and user.has_perm("catalog.view_device"))


def format_money(amount: Decimal, currency: str) -> str:
    """'USD 18,500' or 'USD 18,500.50': whole amounts without cents, as price lists show them."""
    if amount == amount.to_integral_value():
        return f"{currency} {amount:,.0f}"
    return f"{currency} {amount:,.2f}"
