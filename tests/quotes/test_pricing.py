from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotes import pricing
from quotes.pricing import LineInput, PricingError

D = Decimal


def test_a_line_adds_options_multiplies_by_quantity_and_takes_the_discount():
    line = pricing.line_totals(
        LineInput(unit_price=D("23500"), options_unit_price=D("2600"), quantity=2, discount_percent=D("5")),
        currency="USD",
    )
    assert (line.unit_price, line.gross, line.discount, line.net) == (
        D("26100.00"),
        D("52200.00"),
        D("2610.00"),
        D("49590.00"),
    )


def test_rounding_is_half_up_to_the_currency_minor_units():
    assert pricing.quantize(D("2.345"), "USD") == D("2.35")
    assert pricing.quantize(D("2.344"), "EUR") == D("2.34")
    assert pricing.quantize(D("1234.5"), "JPY") == D("1235")
    assert pricing.quantize(D("1.2345"), "KWD") == D("1.235")


def test_quote_totals_add_freight_and_tax_on_freight():
    totals = pricing.quote_totals(
        [
            LineInput(unit_price=D("1000"), quantity=3, discount_percent=D("10")),
            LineInput(unit_price=D("99.99"), quantity=1),
        ],
        currency="EUR",
        freight=D("450"),
        tax_rate_percent=D("21"),
    )
    assert totals.subtotal_gross == D("3099.99")
    assert totals.discount == D("300.00")
    assert totals.subtotal == D("2799.99")
    assert totals.taxable == D("3249.99")
    assert totals.tax == D("682.50")  # 682.4979 rounded half up
    assert totals.total == D("3932.49")


def test_tax_can_leave_freight_out():
    totals = pricing.quote_totals(
        [LineInput(unit_price=D("100"))], currency="USD", freight=D("50"), tax_rate_percent=D("10"), tax_freight=False
    )
    assert totals.tax == D("10.00") and totals.total == D("160.00")


def test_the_best_reached_tier_sets_the_unit_price():
    tiers = [(5, D("21400")), (3, D("22300"))]
    assert pricing.tier_unit_price(list_price=D("23500"), tiers=tiers, quantity=1) == D("23500")
    assert pricing.tier_unit_price(list_price=D("23500"), tiers=tiers, quantity=3) == D("22300")
    assert pricing.tier_unit_price(list_price=D("23500"), tiers=tiers, quantity=9) == D("21400")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (LineInput(unit_price=D("-1")), "cannot be negative"),
        (LineInput(unit_price=D("10"), quantity=0), "at least 1"),
        (LineInput(unit_price=D("10"), quantity=True), "whole number"),
        (LineInput(unit_price=D("10"), discount_percent=D("101")), "above 100%"),
        (LineInput(unit_price=D("10"), discount_percent=D("-5")), "cannot be negative"),
        (LineInput(unit_price=D("NaN")), "decimal amount"),
        (LineInput(unit_price=D("10"), options_unit_price=D("-20")), "less than nothing"),
        (LineInput(unit_price=10.5), "decimal amount"),  # floats are refused, not guessed at
    ],
)
def test_bad_input_is_refused_with_a_clear_message(line, message):
    with pytest.raises(PricingError, match=message):
        pricing.line_totals(line, currency="USD")


def test_an_unknown_currency_is_refused():
    with pytest.raises(PricingError, match="not a currency code"):
        pricing.quantize(D("1"), "XXXX")


amounts = st.decimals(min_value=D("0"), max_value=D("250000"), places=2, allow_nan=False, allow_infinity=False)
percents = st.decimals(min_value=D("0"), max_value=D("100"), places=2)
lines = st.builds(
    LineInput,
    unit_price=amounts,
    options_unit_price=st.decimals(min_value=D("0"), max_value=D("20000"), places=2),
    quantity=st.integers(min_value=1, max_value=50),
    discount_percent=percents,
)
currencies = st.sampled_from(["USD", "EUR", "GBP", "JPY", "KWD"])


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(lines, min_size=1, max_size=12), freight=amounts, tax=percents, currency=currencies)
def test_totals_equal_the_sum_of_their_parts(lines, freight, tax, currency):
    totals = pricing.quote_totals(lines, currency=currency, freight=freight, tax_rate_percent=tax)

    assert totals.subtotal == sum((line.net for line in totals.lines), D("0"))
    assert totals.discount == sum((line.discount for line in totals.lines), D("0"))
    assert totals.subtotal_gross - totals.discount == totals.subtotal
    assert totals.total == totals.subtotal + totals.freight + totals.tax


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(lines, min_size=1, max_size=12), freight=amounts, tax=percents, currency=currencies)
def test_no_amount_is_ever_negative_and_all_are_in_minor_units(lines, freight, tax, currency):
    totals = pricing.quote_totals(lines, currency=currency, freight=freight, tax_rate_percent=tax)
    digits = pricing.minor_units(currency)
    amounts_out = [totals.subtotal, totals.discount, totals.freight, totals.tax, totals.total]
    amounts_out += [value for line in totals.lines for value in (line.unit_price, line.gross, line.discount, line.net)]
    for amount in amounts_out:
        assert amount >= 0
        assert amount == pricing.quantize(amount, currency)  # rounding again changes nothing
        assert -amount.as_tuple().exponent <= max(digits, 0) or amount == amount.to_integral_value()


@settings(max_examples=200, deadline=None)
@given(line=lines, more=percents)
def test_a_bigger_discount_never_raises_the_price(line, more):
    higher = LineInput(
        line.unit_price, line.options_unit_price, line.quantity, min(D("100"), line.discount_percent + more)
    )
    assert pricing.line_totals(higher, currency="USD").net <= pricing.line_totals(line, currency="USD").net


@settings(max_examples=100, deadline=None)
@given(line=lines)
def test_the_same_input_always_prices_the_same(line):
    assert pricing.line_totals(line, currency="EUR") == pricing.line_totals(line, currency="EUR")


# --- Payment schedule ------------------------------------------------------------------------


def test_the_deposit_is_a_share_of_the_total_and_the_balance_the_rest():
    schedule = pricing.payment_schedule(total=D("31756.45"), deposit_percent=D("30"), currency="USD")
    assert (schedule.deposit, schedule.balance) == (D("9526.94"), D("22229.51"))


@settings(max_examples=200, deadline=None)
@given(total=amounts, deposit=percents, currency=currencies)
def test_deposit_and_balance_add_up_to_the_total_and_neither_is_negative(total, deposit, currency):
    schedule = pricing.payment_schedule(total=total, deposit_percent=deposit, currency=currency)
    assert schedule.deposit + schedule.balance == pricing.quantize(total, currency)
    assert schedule.deposit >= 0 and schedule.balance >= 0
    assert schedule.deposit == pricing.quantize(schedule.deposit, currency)


@pytest.mark.parametrize(("deposit", "message"), [(D("120"), "cannot be above 100%"), (D("-1"), "cannot be negative")])
def test_a_deposit_out_of_range_is_refused(deposit, message):
    with pytest.raises(PricingError, match=message):
        pricing.payment_schedule(total=D("100"), deposit_percent=deposit, currency="USD")


# --- Running costs and payback -----------------------------------------------------------------

Consumable = pricing.ConsumableInput


def test_a_cartridge_costs_each_treatment_its_share_of_shots():
    # A 10,000-shot cartridge at 1,200 and 800 shots per face: 96.00 a treatment; a 4.50 single-use tip on top.
    cost = pricing.consumables_per_treatment(
        [Consumable(D("1200"), 10_000, 800), Consumable(D("4.50"), 1, 1)], currency="USD"
    )
    assert cost == D("100.50")


def test_running_costs_forecast_a_year_and_the_payback_month():
    costs = pricing.running_costs(
        consumables=[Consumable(D("1200"), 10_000, 800)],
        treatments_per_week=10,
        price_per_treatment=D("350"),
        investment=D("26100"),
        currency="USD",
    )

    assert costs.consumables_per_treatment == D("96.00")
    assert costs.consumables_year == D("49920.00")  # 520 treatments
    assert sum(costs.months) == costs.consumables_year
    assert costs.revenue_year == D("182000.00")
    assert costs.margin_year == D("132080.00")
    assert costs.payback_months == 3  # 11,006.67 a month: 26,100 is repaid in the third month
    assert costs.cumulative[1] < 0 <= costs.cumulative[2]


def test_a_price_below_the_consumables_never_pays_back():
    costs = pricing.running_costs(
        consumables=[Consumable(D("50"), 1, 1)],
        treatments_per_week=5,
        price_per_treatment=D("40"),
        investment=D("10000"),
        currency="EUR",
    )
    assert costs.payback_months is None and costs.margin_per_treatment == D("-10.00")
    assert list(costs.cumulative) == sorted(costs.cumulative, reverse=True)


def test_no_consumables_means_the_whole_price_is_margin():
    costs = pricing.running_costs(
        consumables=[], treatments_per_week=3, price_per_treatment=D("100"), investment=D("1560"), currency="USD"
    )
    assert costs.consumables_year == 0 and costs.margin_year == D("15600.00") and costs.payback_months == 2


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"treatments_per_week": 0}, "Treatments per week must be a whole number from 1"),
        ({"treatments_per_week": 5000}, "Treatments per week must be a whole number from 1"),
        ({"price_per_treatment": D("-1")}, "price per treatment cannot be negative"),
        ({"consumables": [Consumable(D("10"), 0, 1)]}, "Uses per unit must be a whole number"),
        ({"consumables": [Consumable(D("-10"), 5, 1)]}, "consumable's price cannot be negative"),
    ],
)
def test_bad_running_cost_input_is_refused_with_a_clear_message(kwargs, message):
    values = {
        "consumables": [],
        "treatments_per_week": 5,
        "price_per_treatment": D("100"),
        "investment": D("1000"),
        "currency": "USD",
    }
    with pytest.raises(PricingError, match=message):
        pricing.running_costs(**(values | kwargs))


consumables = st.builds(
    Consumable,
    unit_price=st.decimals(min_value=D("0"), max_value=D("5000"), places=2),
    uses_per_unit=st.integers(min_value=1, max_value=20_000),
    uses_per_treatment=st.integers(min_value=1, max_value=2_000),
)


@settings(max_examples=200, deadline=None)
@given(
    items=st.lists(consumables, max_size=4),
    per_week=st.integers(min_value=1, max_value=200),
    price=st.decimals(min_value=D("0"), max_value=D("3000"), places=2),
    investment=amounts,
    currency=currencies,
)
def test_the_forecast_adds_up_and_the_payback_month_is_where_the_cash_turns(
    items, per_week, price, investment, currency
):
    costs = pricing.running_costs(
        consumables=items,
        treatments_per_week=per_week,
        price_per_treatment=price,
        investment=investment,
        currency=currency,
    )

    assert len(costs.months) == len(costs.cumulative) == 12
    assert sum(costs.months) == costs.consumables_year
    assert all(month >= 0 and month == pricing.quantize(month, currency) for month in costs.months)
    assert costs.revenue_year - costs.consumables_year == costs.margin_year
    assert costs.cumulative[-1] == costs.margin_year - costs.investment
    if costs.payback_months is None:
        assert costs.margin_per_treatment <= 0 and all(c <= 0 or costs.investment == 0 for c in costs.cumulative)
    elif costs.payback_months <= 12:
        assert costs.cumulative[costs.payback_months - 1] >= 0
        assert costs.payback_months == 1 or costs.cumulative[costs.payback_months - 2] <= 0
    else:
        assert costs.cumulative[-1] < 0
