"""Lines: prices from tiers, options and manual prices; discounts; totals; the problems that stop a line."""

from decimal import Decimal

import pytest

from quotes.quoting.lines import (
    REASON_MISSING,
    LineData,
    approval_needed,
    line_effective_discount,
    line_own_problems,
    line_problems,
    lines_problems,
    quote_totals,
)
from tests.factories import DeviceFactory
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


# --- Manual prices: a reason, and an effective discount --------------------------------------


@pytest.mark.parametrize(
    ("line", "effective"),
    [
        ({}, D("0")),
        ({"discount_percent": D("15")}, D("15")),
        ({"unit_price_override": D("21150"), "override_reason": "Show model"}, D("10.00")),  # 23,500 less 10 %
        ({"unit_price_override": D("0.01"), "override_reason": "Sample"}, D("100.00")),
        ({"unit_price_override": D("25000"), "override_reason": "Rush order"}, D("0")),  # above list: none
        # Tiers and options count: 3 units at 22,300 + 2,600 are 24,900 each; 22,410 each is 10 % off.
        ({"quantity": 3, "options": ["gyn"], "unit_price_override": D("19810"), "override_reason": "x"}, D("10.00")),
        ({"unit_price_override": D("23500"), "override_reason": "x", "discount_percent": D("5")}, D("5.00")),
    ],
)
def test_the_effective_discount_counts_a_manual_price_below_the_list(co2, line, effective):
    options = [o for o in co2.options.all() if o.slug in line.pop("options", [])]

    assert line_effective_discount(line=LineData(device=co2, options=options, **line), currency="USD") == effective


def test_a_device_with_no_list_price_in_the_currency_has_only_its_stated_discount(co2):
    on_request = DeviceFactory(list_price=None, price_on_request=True)
    euro = DeviceFactory(list_price=D("9000"), currency="EUR")

    for device in (on_request, euro):
        line = LineData(device=device, unit_price_override=D("10"), override_reason="x", discount_percent=D("3"))
        assert line_effective_discount(line=line, currency="USD") == D("3")


def test_approval_is_needed_above_the_threshold_of_the_effective_discount(co2, settings):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    at_threshold = LineData(device=co2, unit_price_override=D("21150"), override_reason="x")
    below_list = LineData(device=co2, unit_price_override=D("0.01"), override_reason="x")

    assert not approval_needed(lines=[at_threshold], currency="USD")
    assert approval_needed(lines=[at_threshold, below_list], currency="USD")
    assert approval_needed(lines=[LineData(device=co2, discount_percent=D("10.01"))], currency="USD")


def test_a_manual_price_needs_a_reason(co2):
    line = LineData(device=co2, unit_price_override=D("20000"), override_reason="  ")

    assert line_own_problems(line=line) == [REASON_MISSING]
    assert line_problems(line=line, currency="USD") == [REASON_MISSING]
    assert lines_problems(lines=[LineData(device=co2), line], currency="USD") == {1: [REASON_MISSING]}


def test_a_quote_whose_manual_price_is_far_below_the_list_waits_for_a_sales_manager(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2, unit_price_override=D("0.01"), override_reason="Sample")])

    assert quote.approval == "pending"
