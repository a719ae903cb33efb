from decimal import Decimal
from types import SimpleNamespace

import pytest

from catalog import specs
from catalog.specs import TypedValue, ValueType


def definition(value_type, unit="", choices=(), label="Power"):
    return SimpleNamespace(value_type=value_type, unit=unit, choices=list(choices), label=label)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("60", Decimal("60")),
        ("60 W", Decimal("60")),
        ("60W", Decimal("60")),
        ("0,5 w", Decimal("0.5")),
        ("-11", Decimal("-11")),
    ],
)
def test_a_number_is_read_with_or_without_its_own_unit(raw, expected):
    assert specs.parse_raw(definition(ValueType.NUMBER, unit="W"), raw) == TypedValue(number=expected)


def test_a_number_in_another_unit_is_refused_with_the_expected_unit_named():
    with pytest.raises(specs.SpecValueError, match="Give Power in W, not “mW”"):
        specs.parse_raw(definition(ValueType.NUMBER, unit="W"), "60 mW")


def test_text_where_a_number_is_defined_is_refused():
    with pytest.raises(specs.SpecValueError, match="not a number"):
        specs.parse_raw(definition(ValueType.NUMBER, unit="W"), "sixty")


@pytest.mark.parametrize("raw", ["1-10", "1 - 10 mm", "1–10", "1 to 10"])
def test_a_range_is_read_in_the_usual_spellings(raw):
    assert specs.parse_raw(definition(ValueType.RANGE, unit="mm"), raw) == TypedValue(
        minimum=Decimal("1"), maximum=Decimal("10")
    )


def test_a_range_with_negative_ends_is_read():
    typed = specs.parse_raw(definition(ValueType.RANGE, unit="°C"), "-11 to 5")
    assert (typed.minimum, typed.maximum) == (Decimal("-11"), Decimal("5"))


def test_a_range_written_backwards_is_refused():
    d = definition(ValueType.RANGE, unit="mm")
    errors = specs.validate_typed(d, specs.parse_raw(d, "10-1"))
    assert errors == ["Power: the range starts above its end (10 > 1)."]


def test_a_single_number_is_not_a_range():
    with pytest.raises(specs.SpecValueError, match="as a range"):
        specs.parse_raw(definition(ValueType.RANGE, unit="mm"), "5")


def test_choices_must_be_among_the_defined_ones():
    d = definition(ValueType.MULTI_CHOICE, unit="nm", choices=["532", "755", "1064"])
    assert specs.validate_typed(d, specs.parse_raw(d, "532 nm, 1064 nm")) == []
    errors = specs.validate_typed(d, specs.parse_raw(d, "532, 808"))
    assert errors == ["Power: “808” is not among the allowed values (532, 755, 1064)."]


def test_a_single_choice_takes_one_value():
    d = definition(ValueType.CHOICE, choices=["A", "B"])
    assert "takes one value" in specs.validate_typed(d, TypedValue(choices=["A", "B"]))[0]


@pytest.mark.parametrize(("raw", "expected"), [("yes", True), ("No", False), ("true", True), ("0", False)])
def test_booleans_read_yes_and_no(raw, expected):
    assert specs.parse_raw(definition(ValueType.BOOLEAN), raw).boolean is expected


def test_a_boolean_refuses_anything_else():
    with pytest.raises(specs.SpecValueError, match="yes or no"):
        specs.parse_raw(definition(ValueType.BOOLEAN), "maybe")


def test_a_value_in_the_wrong_column_is_refused():
    errors = specs.validate_typed(definition(ValueType.NUMBER), TypedValue(text="60"))
    assert "needs a number value" in errors[0]
    assert "cannot hold a text" in errors[1]


def test_an_empty_value_is_refused():
    with pytest.raises(specs.SpecValueError, match="needs a value"):
        specs.parse_raw(definition(ValueType.TEXT), "   ")


@pytest.mark.parametrize(
    ("value_type", "unit", "choices", "typed", "text"),
    [
        (ValueType.NUMBER, "W", (), TypedValue(number=Decimal("60.0000")), "60\u00a0W"),
        (ValueType.NUMBER, "nm", (), TypedValue(number=Decimal("10600")), "10\u2009600\u00a0nm"),
        (ValueType.RANGE, "ms", (), TypedValue(minimum=Decimal("0.1"), maximum=Decimal("2.50")), "0.1–2.5\u00a0ms"),
        (ValueType.MULTI_CHOICE, "nm", ("532", "1064"), TypedValue(choices=["532", "1064"]), "532 / 1064\u00a0nm"),
        (ValueType.BOOLEAN, "", (), TypedValue(boolean=True), "Yes"),
    ],
)
def test_values_are_shown_with_their_unit(value_type, unit, choices, typed, text):
    assert specs.format_value(definition(value_type, unit, choices), typed) == text


@pytest.mark.parametrize(
    ("value_type", "raw"),
    [
        (ValueType.NUMBER, "60.5"),
        (ValueType.RANGE, "1-10"),
        (ValueType.MULTI_CHOICE, "532, 1064"),
        (ValueType.BOOLEAN, "yes"),
        (ValueType.TEXT, "10.4 inch touch screen"),
    ],
)
def test_the_editor_text_of_a_value_reads_back_unchanged(value_type, raw):
    d = definition(value_type, choices=["532", "1064"])
    typed = specs.parse_raw(d, raw)
    assert specs.parse_raw(d, specs.to_raw(d, typed)) == typed


def test_api_data_keeps_exact_decimals():
    d = definition(ValueType.RANGE, unit="J")
    assert specs.as_data(d, TypedValue(minimum=Decimal("0.1000"), maximum=Decimal("2"))) == {"min": "0.1", "max": "2"}


def test_choices_are_kept_in_the_definition_order():
    d = definition(ValueType.MULTI_CHOICE, unit="nm", choices=["532", "755", "1064"])
    assert specs.parse_raw(d, "1064, 532").choices == ["532", "1064"]
    assert specs.from_data(d, ["1064", "755"]).choices == ["755", "1064"]
