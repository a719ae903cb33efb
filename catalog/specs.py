"""Typed spec values: parse what an editor types, validate against a definition, format.

Pure functions over a definition-like object (value_type, unit, choices, label), so the
admin form, the demo loader and services share one set of rules.
"""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import models


class ValueType(models.TextChoices):
    NUMBER = "number", "Number"
    RANGE = "range", "Range"
    TEXT = "text", "Text"
    CHOICE = "choice", "Choice"
    MULTI_CHOICE = "multi_choice", "Multiple choice"
    BOOLEAN = "boolean", "Yes / no"


@dataclass(frozen=True)
class TypedValue:
    number: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    text: str = ""
    choices: list[str] = field(default_factory=list)
    boolean: bool | None = None


class SpecValueError(ValueError):
    """A raw value that does not fit its definition; the message is for the editor."""


CHOICE_SEPARATORS = (",", "/", ";")
_TRUE = {"yes", "y", "true", "1", "on"}
_FALSE = {"no", "n", "false", "0", "off"}
# "1-10", "1 – 10", "0.5 to 2.5"
_RANGE_SPLIT = re.compile(r"\s*(?:–|—|\bto\b|(?<=\d)\s*-\s*(?=[\d.]))\s*")
_NUMBER_WITH_UNIT = re.compile(r"^\s*(?P<num>[+-]?(?:\d+(?:[.,]\d+)?|\.\d+))\s*(?P<unit>.*?)\s*$")
MAX_ABS_NUMBER = Decimal("1e9")


def _parse_number(raw: str, definition) -> Decimal:
    match = _NUMBER_WITH_UNIT.match(raw)
    if not match:
        raise SpecValueError(f"“{raw}” is not a number.")
    unit = match.group("unit")
    if unit and unit.lower() != (definition.unit or "").lower():
        if definition.unit:
            raise SpecValueError(f"Give {definition.label} in {definition.unit}, not “{unit}”.")
        raise SpecValueError(f"{definition.label} takes a plain number, without “{unit}”.")
    try:
        number = Decimal(match.group("num").replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex admits only decimals
        raise SpecValueError(f"“{raw}” is not a number.") from exc
    if abs(number) >= MAX_ABS_NUMBER:
        raise SpecValueError(f"{number} is out of range.")
    return number


def parse_raw(definition, raw: str) -> TypedValue:
    """Parse an editor's text ("60 W", "1-10", "755, 808", "yes") into a typed value."""
    raw = (raw or "").strip()
    if not raw:
        raise SpecValueError(f"{definition.label} needs a value.")
    value_type = definition.value_type
    if value_type == ValueType.NUMBER:
        return TypedValue(number=_parse_number(raw, definition))
    if value_type == ValueType.RANGE:
        unit = definition.unit or ""
        body = raw[: -len(unit)].strip() if unit and raw.lower().endswith(unit.lower()) else raw
        parts = [p for p in _RANGE_SPLIT.split(body) if p]
        if len(parts) != 2:
            raise SpecValueError(f"Give {definition.label} as a range such as “1-10{(' ' + unit) if unit else ''}”.")
        return TypedValue(minimum=_parse_number(parts[0], definition), maximum=_parse_number(parts[1], definition))
    if value_type == ValueType.TEXT:
        return TypedValue(text=raw)
    if value_type == ValueType.BOOLEAN:
        lowered = raw.lower()
        if lowered in _TRUE:
            return TypedValue(boolean=True)
        if lowered in _FALSE:
            return TypedValue(boolean=False)
        raise SpecValueError(f"{definition.label} is yes or no, not “{raw}”.")
    if value_type in (ValueType.CHOICE, ValueType.MULTI_CHOICE):
        unit = definition.unit or ""
        picked = []
        for part in re.split(r"\s*[,/;]\s*", raw):  # CHOICE_SEPARATORS
            part = part.strip()
            if unit and part.lower().endswith(unit.lower()):
                part = part[: -len(unit)].strip()
            if part:
                picked.append(part)
        return TypedValue(choices=_in_definition_order(definition, picked))
    raise SpecValueError(f"Unknown value type “{value_type}”.")  # pragma: no cover


def _in_definition_order(definition, picked: list[str]) -> list[str]:
    """Known choices in the definition's order (so "1064, 532" shows as "532 / 1064"); unknown ones last."""
    order = {choice: i for i, choice in enumerate(definition.choices or [])}
    return sorted(picked, key=lambda c: order.get(c, len(order)))


def from_data(definition, value) -> TypedValue:
    """Build a typed value from Python data (used by code and the demo loader)."""
    value_type = definition.value_type
    if isinstance(value, str):
        return parse_raw(definition, value)
    if value_type == ValueType.NUMBER and isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return TypedValue(number=Decimal(value))
    if value_type == ValueType.NUMBER and isinstance(value, float):
        return TypedValue(number=Decimal(str(value)))
    if value_type == ValueType.RANGE and isinstance(value, (tuple, list)) and len(value) == 2:
        low, high = (Decimal(str(v)) for v in value)
        return TypedValue(minimum=low, maximum=high)
    if value_type == ValueType.BOOLEAN and isinstance(value, bool):
        return TypedValue(boolean=value)
    if value_type in (ValueType.CHOICE, ValueType.MULTI_CHOICE) and isinstance(value, (tuple, list)):
        return TypedValue(choices=_in_definition_order(definition, [str(v) for v in value]))
    raise SpecValueError(f"{definition.label} cannot take {value!r}.")


def validate_typed(definition, typed: TypedValue) -> list[str]:
    """Every reason `typed` does not fit `definition`; empty when it fits."""
    value_type = definition.value_type
    errors = []
    filled = {
        "number": typed.number is not None,
        "range": typed.minimum is not None or typed.maximum is not None,
        "text": bool(typed.text),
        "choices": bool(typed.choices),
        "boolean": typed.boolean is not None,
    }
    expected = {
        ValueType.NUMBER: "number",
        ValueType.RANGE: "range",
        ValueType.TEXT: "text",
        ValueType.CHOICE: "choices",
        ValueType.MULTI_CHOICE: "choices",
        ValueType.BOOLEAN: "boolean",
    }[value_type]
    if not filled[expected]:
        errors.append(f"{definition.label} needs a {ValueType(value_type).label.lower()} value.")
    stray = [name for name, is_set in filled.items() if is_set and name != expected]
    if stray:
        errors.append(
            f"{definition.label} is a {ValueType(value_type).label.lower()} spec; it cannot hold a {stray[0]}."
        )
    if value_type == ValueType.RANGE and filled["range"]:
        if typed.minimum is None or typed.maximum is None:
            errors.append(f"{definition.label} needs both ends of its range.")
        elif typed.minimum > typed.maximum:
            errors.append(f"{definition.label}: the range starts above its end ({typed.minimum} > {typed.maximum}).")
    if value_type in (ValueType.CHOICE, ValueType.MULTI_CHOICE) and typed.choices:
        allowed = list(definition.choices or [])
        unknown = [c for c in typed.choices if c not in allowed]
        if unknown:
            errors.append(
                f"{definition.label}: “{', '.join(unknown)}” is not among the allowed values ({', '.join(allowed)})."
            )
        if value_type == ValueType.CHOICE and len(typed.choices) > 1:
            errors.append(f"{definition.label} takes one value, not {len(typed.choices)}.")
        if len(set(typed.choices)) != len(typed.choices):
            errors.append(f"{definition.label}: a value is repeated.")
    if value_type == ValueType.TEXT and len(typed.text) > 300:
        errors.append(f"{definition.label} is limited to 300 characters.")
    return errors


def _fmt_number(number: Decimal) -> str:
    """60, 0.5, 2.5, 10 600: no trailing zeros; thin-space groups from five digits, as SI writes them."""
    if number == number.to_integral_value():
        whole = int(number)
        return f"{whole:,}".replace(",", "\u2009") if abs(whole) >= 10_000 else str(whole)
    return f"{number.normalize():f}"


def format_value(definition, typed: TypedValue) -> str:
    """Human text for a value, with its unit: "60 W", "1–10 mm", "755 / 808 / 1064 nm", "Yes"."""
    unit = f"\u00a0{definition.unit}" if definition.unit else ""
    value_type = definition.value_type
    if value_type == ValueType.NUMBER and typed.number is not None:
        return f"{_fmt_number(typed.number)}{unit}"
    if value_type == ValueType.RANGE and typed.minimum is not None and typed.maximum is not None:
        return f"{_fmt_number(typed.minimum)}–{_fmt_number(typed.maximum)}{unit}"
    if value_type == ValueType.TEXT:
        return typed.text
    if value_type in (ValueType.CHOICE, ValueType.MULTI_CHOICE):
        return " / ".join(typed.choices) + (unit if typed.choices else "")
    if value_type == ValueType.BOOLEAN and typed.boolean is not None:
        return "Yes" if typed.boolean else "No"
    return "—"


def as_data(definition, typed: TypedValue):
    """Plain JSON-able data for APIs: numbers as strings keep their exact decimals."""
    value_type = definition.value_type
    if value_type == ValueType.NUMBER:
        return None if typed.number is None else _plain(typed.number)
    if value_type == ValueType.RANGE:
        return {"min": _plain(typed.minimum), "max": _plain(typed.maximum)}
    if value_type == ValueType.TEXT:
        return typed.text
    if value_type == ValueType.CHOICE:
        return typed.choices[0] if typed.choices else None
    if value_type == ValueType.MULTI_CHOICE:
        return list(typed.choices)
    return typed.boolean


def _plain(number: Decimal | None) -> str | None:
    if number is None:
        return None
    if number == number.to_integral_value():
        return str(int(number))
    return f"{number.normalize():f}"


def to_raw(definition, typed: TypedValue) -> str:
    """The text an editor would type for `typed`; `parse_raw` reads it back unchanged."""
    value_type = definition.value_type
    if value_type == ValueType.NUMBER:
        return _plain(typed.number) or ""
    if value_type == ValueType.RANGE:
        if typed.minimum is None or typed.maximum is None:
            return ""
        return f"{_plain(typed.minimum)}-{_plain(typed.maximum)}"
    if value_type == ValueType.TEXT:
        return typed.text
    if value_type in (ValueType.CHOICE, ValueType.MULTI_CHOICE):
        return ", ".join(typed.choices)
    if typed.boolean is None:
        return ""
    return "yes" if typed.boolean else "no"


def sort_key(definition, typed: TypedValue):
    """A comparable key, so the compare table can tell equal values from different ones."""
    return (typed.number, typed.minimum, typed.maximum, typed.text, tuple(typed.choices), typed.boolean)
