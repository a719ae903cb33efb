"""Display of catalog prices. Arithmetic on money lives in quotes.pricing, not here."""

from decimal import Decimal


def format_money(amount: Decimal, currency: str) -> str:
    """'USD 18,500' or 'USD 18,500.50': whole amounts without cents, as price lists show them."""
    if amount == amount.to_integral_value():
        return f"{currency} {amount:,.0f}"
    return f"{currency} {amount:,.2f}"
