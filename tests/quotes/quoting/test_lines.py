"""Lines: prices from tiers, options and manual prices; discounts; totals; the problems that stop a line."""

from decimal import Decimal

import pytest

from quotes.quoting.lines import LineData, quote_totals
from tests.quotes.quoting.conftest import create

pytestmark = pytest.mark.django_db


D = Decimal


def test_totals_use_the_tier_price_options_discount_freight_and_tax(lead, seller, co2):
    gyn = co2.options.get(slug="gyn")
    goggles = co2.options.get(slug="goggles")
    quote = create(lead, seller, [LineData(device=co2, options=[gyn, goggles], quantity=3, discount_percent=D("5"))])

    totals = quote_totals(quote=quote)

    line = totals.lines[0]
    assert line.unit_price == D("24900.00")  # tier 22,300 + 2,600; goggles included
    assert line.gross == D("74700.00") and line.discount == D("3735.00") and line.net == D("70965.00")
    assert totals.freight == D("1450.00")
    assert totals.tax == D("15207.15")  # 21% of 72,415.00
    assert totals.total == D("87622.15")
