"""Query filters of the catalog API (django-filter); a bad value is a 400 that names its parameter.

Spec filters reuse the family page's rules (`catalog.selectors._spec_filter_q`); a key names
the spec in every family that defines it, so `spec=power>=40` works across families.
"""

import re
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django_filters.fields import BaseCSVField
from django_filters.widgets import BaseCSVWidget, QueryArrayWidget
from drf_spectacular.utils import extend_schema_field
from rest_framework.exceptions import ValidationError

from catalog import search, specs
from catalog.models import Article, Certification, Device, SpecDefinition, SpecValue
from catalog.selectors import _spec_filter_q
from catalog.specs import ValueType

MAX_SPEC_FILTERS = 10
_SPEC_EXPRESSION = re.compile(r"^\s*(?P<key>[-\w]{1,60})\s*(?P<op>>=|<=|=)\s*(?P<value>.{1,100}?)\s*$")
_TRUE, _FALSE = {"true", "yes", "1"}, {"false", "no", "0"}
MALFORMED_SPEC = "“{}” is not a spec filter: write key>=number, key<=number or key=value."


class ListWidget(BaseCSVWidget):
    """Keeps `family=` (given, empty) apart from no parameter at all, so the field can refuse it."""

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return [""] if value == [] else value


class ListField(BaseCSVField):
    """Comma-separated values with none left empty: `family=` and `family=a,,b` are a 400, as the schema says."""

    base_widget_class = ListWidget

    def clean(self, value):
        cleaned = super().clean(value)
        if cleaned and any(item in ("", None) for item in cleaned):
            raise forms.ValidationError("Leave no empty value between the commas.")
        return cleaned


class SlugInFilter(django_filters.BaseInFilter, django_filters.CharFilter):
    base_field_class = ListField


class ChoiceInFilter(django_filters.BaseInFilter, django_filters.ChoiceFilter):
    base_field_class = ListField


class SpecWidget(QueryArrayWidget):
    """QueryArrayWidget drops empty values; keep them, so `spec=` is refused rather than ignored."""

    def value_from_datadict(self, data, files, name):
        raw = data.getlist(name) if hasattr(data, "getlist") else []
        if "" in raw:
            return raw
        return super().value_from_datadict(data, files, name)


class SpecListField(forms.Field):
    """Spec expressions, checked for their form here (no query), so a malformed one is a 400 even
    when the caller's ETag would have matched; the keys and values are checked against the
    definitions when the filter runs (spec_filter_q)."""

    widget = SpecWidget

    def to_python(self, value):
        if value in (None, "", []):
            return []
        return [str(v) for v in (value if isinstance(value, list) else [value])]

    def validate(self, value):
        super().validate(value)
        if len(value) > MAX_SPEC_FILTERS:
            raise forms.ValidationError(f"Give at most {MAX_SPEC_FILTERS} spec filters.")
        malformed = [raw for raw in value if not _SPEC_EXPRESSION.match(raw)]
        if malformed:
            raise forms.ValidationError([MALFORMED_SPEC.format(raw[:80]) for raw in malformed])


SPEC_HELP = (
    "Spec filters by key, repeatable, all must hold: `spec=power>=40` (at least), `spec=power<=60 W` "
    "(at most; the unit is optional and checked), `spec=power=60` (exactly; a range spec that contains it), "
    "`spec=wavelength=1064` (a multi-choice spec that includes every value given, comma-separated; "
    "a single-choice spec equal to any of them), `spec=cooling=true`. A key means that spec in "
    "every family that defines it."
)


@extend_schema_field(
    {
        "type": "array",
        "items": {"type": "string", "pattern": "^[-\\w]+(>=|<=|=).+$"},
        "maxItems": MAX_SPEC_FILTERS,
        "description": SPEC_HELP,
    }
)
class SpecFilter(django_filters.Filter):
    field_class = SpecListField


@dataclass(frozen=True)
class _AsNumber:
    """A definition seen as a plain number spec, to parse one end of a range filter with the editors' rules."""

    label: str
    unit: str
    value_type: str = ValueType.NUMBER
    choices: tuple = ()


def spec_filter_q(expressions: list[str]) -> Q:
    """Every expression (`power>=40`, `power<=60 W`, `wavelength=1064`, `cooling=true`) as one condition."""
    if len(expressions) > MAX_SPEC_FILTERS:
        raise ValidationError({"spec": [f"Give at most {MAX_SPEC_FILTERS} spec filters."]})
    parsed, errors = [], []
    for raw in expressions:
        match = _SPEC_EXPRESSION.match(raw)
        if not match:
            errors.append(MALFORMED_SPEC.format(raw[:80]))
        else:
            parsed.append((match["key"], match["op"], match["value"]))
    definitions: dict[str, list[SpecDefinition]] = {}
    if parsed:
        for definition in SpecDefinition.objects.filter(key__in={key for key, _, _ in parsed}).order_by("id"):
            definitions.setdefault(definition.key, []).append(definition)
    condition = Q()
    for key, op, value in parsed:
        if key not in definitions:
            errors.append(f"No family has a spec with the key “{key}”.")
            continue
        alternatives, problems = Q(), []
        for definition in definitions[key]:
            try:
                alternatives |= _one_definition(definition, op, value)
            except specs.SpecValueError as exc:
                problems.append(str(exc))
        if problems and len(problems) == len(definitions[key]):
            errors.append(f"{key}{op}{value}: {problems[0]}")
        else:
            condition &= alternatives
    if errors:
        raise ValidationError({"spec": errors})
    return condition


def _one_definition(definition: SpecDefinition, op: str, value: str) -> Q:
    value_type = definition.value_type
    if value_type in (ValueType.NUMBER, ValueType.RANGE):
        shim = _AsNumber(label=definition.label, unit=definition.unit)
        number = specs.parse_raw(shim, value).number
        if op == ">=":
            return _spec_filter_q(definition, "min", number)
        if op == "<=":
            return _spec_filter_q(definition, "max", number)
        # Equal to a number; for a range spec, a range that contains it.
        return _spec_filter_q(definition, "min", number) & _spec_filter_q(definition, "max", number)
    if op != "=":
        raise specs.SpecValueError(f"{definition.label} is not a number: filter it with =.")
    if value_type == ValueType.BOOLEAN:
        if value.lower() in _TRUE:
            return _spec_filter_q(definition, "true", True)
        if value.lower() in _FALSE:
            # Says "no"; a device that does not give the spec at all is not known to lack it.
            return Q(
                Exists(SpecValue.objects.filter(device_id=OuterRef("pk"), definition=definition, value_bool=False))
            )
        raise specs.SpecValueError(f"{definition.label} is true or false, not “{value}”.")
    if value_type in (ValueType.CHOICE, ValueType.MULTI_CHOICE):
        picked = specs.parse_raw(definition, value).choices
        unknown = [c for c in picked if c not in definition.choices]
        if unknown:
            allowed = ", ".join(definition.choices)
            raise specs.SpecValueError(
                f"“{', '.join(unknown)}” is not a {definition.label} value; choose from {allowed}."
            )
        # One of several for a single choice; all of them for a multi-choice (a device that has both).
        return _spec_filter_q(definition, "choices", picked)
    raise specs.SpecValueError(f"{definition.label} is free text and cannot be filtered.")


class DeviceFilter(django_filters.FilterSet):
    family = SlugInFilter(
        method="filter_family",
        help_text="Family slugs, comma-separated: devices of any. `family=fractional-co2-laser,picosecond-laser`",
    )
    treatment = SlugInFilter(
        method="filter_treatment",
        help_text="Treatment slugs, comma-separated: devices indicated for any of them. `treatment=acne-scars`",
    )
    certification = ChoiceInFilter(
        choices=Certification.Authority.choices,
        method="filter_certification",
        help_text="Certification authorities, comma-separated: devices holding any of them. `certification=fda_510k`",
    )
    status = ChoiceInFilter(
        choices=Device.Status.choices,
        method="filter_status",
        help_text=(
            "Device statuses, comma-separated (needs the catalog:drafts scope). Without it: published only. "
            "`status=draft,published`"
        ),
    )
    spec = SpecFilter(method="filter_spec", help_text=SPEC_HELP)
    q = django_filters.CharFilter(
        method="filter_q",
        max_length=search.MAX_QUERY_LENGTH,
        help_text="Search words: name, model number, summary, spec values (“60 W”), options, treatments.",
    )

    class Meta:
        model = Device
        fields = []

    def filter_family(self, queryset, name, value):
        return queryset.filter(family__slug__in=value)

    def filter_treatment(self, queryset, name, value):
        return queryset.filter(
            Exists(Device.treatments.through.objects.filter(device_id=OuterRef("pk"), treatment__slug__in=value))
        )

    def filter_certification(self, queryset, name, value):
        return queryset.filter(Exists(Certification.objects.filter(device_id=OuterRef("pk"), authority__in=value)))

    def filter_status(self, queryset, name, value):
        return queryset.filter(status__in=value)

    def filter_spec(self, queryset, name, value):
        return queryset.filter(spec_filter_q(value))

    def filter_q(self, queryset, name, value):
        if not search.query_terms(value):
            return queryset
        return queryset.filter(pk__in=[d.pk for d in search.devices_matching(queryset, query=value)])


class ArticleFilter(django_filters.FilterSet):
    treatment = SlugInFilter(
        method="filter_treatment", help_text="Treatment slugs, comma-separated: guides about any of them."
    )
    family = SlugInFilter(method="filter_family", help_text="Family slugs, comma-separated: guides about any of them.")
    device = SlugInFilter(method="filter_device", help_text="Device slugs, comma-separated: guides linked to any.")
    q = django_filters.CharFilter(
        method="filter_q", max_length=search.MAX_QUERY_LENGTH, help_text="Search words: title, takeaway, body."
    )

    class Meta:
        model = Article
        fields = []

    def filter_treatment(self, queryset, name, value):
        through = Article.treatments.through.objects
        return queryset.filter(Exists(through.filter(article_id=OuterRef("pk"), treatment__slug__in=value)))

    def filter_family(self, queryset, name, value):
        through = Article.families.through.objects
        return queryset.filter(Exists(through.filter(article_id=OuterRef("pk"), family__slug__in=value)))

    def filter_device(self, queryset, name, value):
        through = Article.devices.through.objects
        return queryset.filter(Exists(through.filter(article_id=OuterRef("pk"), device__slug__in=value)))

    def filter_q(self, queryset, name, value):
        if not search.query_terms(value):
            return queryset
        return queryset.filter(pk__in=[a.pk for a in search.articles_matching(queryset, query=value)])
