"""Forms that parse what buyers and editors send: family filters, compare, spec values."""

from django import forms
from django.core.exceptions import ValidationError

from catalog import specs
from catalog.models import FITZPATRICK_TYPES, Certification, SpecValue
from catalog.specs import ValueType

SORTS = {
    "name": "Name A–Z",
    "price": "Price: low to high",
    "-price": "Price: high to low",
    "newest": "Newest first",
}


class FamilyFilterForm(forms.Form):
    """Filters for a family page, built from the family's filterable spec definitions.

    Number and range specs get a minimum and a maximum field (`<key>_min`, `<key>_max`),
    choices get checkboxes named by key, booleans a checkbox. Invalid input is reported
    next to its field and ignored, so a bad URL never empties or breaks the page.
    """

    q = forms.CharField(required=False, max_length=200, label="Search this family")
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False, label="Sort by")
    treatment = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, label="Treatment")
    cert = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Certification",
        choices=Certification.Authority.choices,
    )

    def __init__(self, *args, definitions, treatments, sorts=SORTS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sort"].choices = list(sorts.items())
        self.definitions = [d for d in definitions if d.filterable]
        self.fields["treatment"].choices = [(t.slug, t.name) for t in treatments]
        self.spec_fields = []  # (definition, [bound field names]) in display order
        for definition in self.definitions:
            names = []
            unit = f" ({definition.unit})" if definition.unit else ""
            if definition.value_type in (ValueType.NUMBER, ValueType.RANGE):
                for end, label in (("min", "at least"), ("max", "at most")):
                    name = f"{definition.key}_{end}"
                    self.fields[name] = forms.DecimalField(
                        required=False,
                        label=f"{definition.label} {label}{unit}",
                        max_digits=14,
                        decimal_places=4,
                        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
                    )
                    names.append(name)
            elif definition.value_type in (ValueType.CHOICE, ValueType.MULTI_CHOICE):
                self.fields[definition.key] = forms.MultipleChoiceField(
                    required=False,
                    label=f"{definition.label}{unit}",
                    widget=forms.CheckboxSelectMultiple,
                    choices=[(c, c) for c in definition.choices],
                )
                names.append(definition.key)
            elif definition.value_type == ValueType.BOOLEAN:
                self.fields[definition.key] = forms.BooleanField(required=False, label=definition.label)
                names.append(definition.key)
            if names:
                self.spec_fields.append((definition, names))

    @property
    def spec_bound_fields(self):
        """(definition, [bound fields]) for the template, in the family's order."""
        return [(definition, [self[name] for name in names]) for definition, names in self.spec_fields]

    def clean(self):
        data = super().clean()
        for definition, _names in self.spec_fields:
            low, high = data.get(f"{definition.key}_min"), data.get(f"{definition.key}_max")
            if low is not None and high is not None and low > high:
                self.add_error(f"{definition.key}_max", "The maximum is below the minimum.")
        return data

    def spec_filters(self) -> list[tuple]:
        """(definition, kind, value) for every filled spec filter in valid input."""
        data = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        filters = []
        for definition in self.definitions:
            key = definition.key
            if definition.value_type in (ValueType.NUMBER, ValueType.RANGE):
                for end in ("min", "max"):
                    value = data.get(f"{key}_{end}")
                    if value is not None and f"{key}_{end}" not in self.errors:
                        filters.append((definition, end, value))
            elif definition.value_type in (ValueType.CHOICE, ValueType.MULTI_CHOICE):
                if data.get(key):
                    filters.append((definition, "choices", data[key]))
            elif definition.value_type == ValueType.BOOLEAN and data.get(key):
                filters.append((definition, "true", True))
        return filters

    def cleaned_or_empty(self, name, default=None):
        if not self.is_bound or name in self.errors:
            return default
        return getattr(self, "cleaned_data", {}).get(name) or default

    @property
    def active_count(self) -> int:
        return (
            len(self.spec_filters())
            + len(self.cleaned_or_empty("treatment", []))
            + len(self.cleaned_or_empty("cert", []))
        )


class DeviceFilterForm(forms.Form):
    """Filters across families on the all-devices page: family, treatment, price, certification, skin type.

    Like the family filters, invalid input is reported beside its field and ignored.
    """

    family = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, label="Family")
    treatment = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, label="Treatment")
    price_min = forms.DecimalField(required=False, min_value=0, max_digits=12, decimal_places=2, label="Price at least")
    price_max = forms.DecimalField(required=False, min_value=0, max_digits=12, decimal_places=2, label="Price at most")
    cert = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Certification",
        choices=Certification.Authority.choices,
    )
    skin_type = forms.TypedMultipleChoiceField(
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        label="Fitzpatrick skin types",
        choices=[(str(number), label) for number, label in FITZPATRICK_TYPES.items()],
    )
    sort = forms.ChoiceField(choices=list(SORTS.items()), required=False, label="Sort by")

    def __init__(self, *args, families, treatments, currency: str, sorts: dict[str, str], prices: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = currency
        self.fields["family"].choices = [(f.slug, f.name) for f in families]
        self.fields["treatment"].choices = [(t.slug, t.name) for t in treatments]
        self.fields["sort"].choices = list(sorts.items())
        if prices:
            for name in ("price_min", "price_max"):
                self.fields[name].widget.attrs.update(inputmode="decimal", step="any")
        else:
            # Filtering by a price the visitor cannot see would still tell it (PUBLIC_PRICES).
            del self.fields["price_min"], self.fields["price_max"]

    def clean(self):
        data = super().clean()
        low, high = data.get("price_min"), data.get("price_max")
        if low is not None and high is not None and low > high:
            self.add_error("price_max", "The maximum is below the minimum.")
        return data

    def cleaned_or_empty(self, name, default=None):
        if not self.is_bound or name in self.errors:
            return default
        value = getattr(self, "cleaned_data", {}).get(name)
        return default if value in (None, "", []) else value

    @property
    def active_count(self) -> int:
        lists = sum(len(self.cleaned_or_empty(name, [])) for name in ("family", "treatment", "cert", "skin_type"))
        prices = sum(self.cleaned_or_empty(name) is not None for name in ("price_min", "price_max"))
        return lists + prices


class SpecValueAdminForm(forms.ModelForm):
    """One text box for any spec type; parsed by the definition's rules ("60 W", "1-10", "755, 1064")."""

    value = forms.CharField(
        max_length=300, help_text="Number, range (1-10), choices separated by commas, text, or yes/no."
    )

    class Meta:
        model = SpecValue
        fields = ["definition", "value"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.definition_id:
            self.fields["value"].initial = specs.to_raw(self.instance.definition, self.instance.typed)

    def clean(self):
        data = super().clean()
        definition = data.get("definition")
        raw = data.get("value")
        if definition is None or raw is None:
            return data
        try:
            typed = specs.parse_raw(definition, raw)
        except specs.SpecValueError as exc:
            raise ValidationError({"value": str(exc)}) from exc
        problems = specs.validate_typed(definition, typed)
        if problems:
            raise ValidationError({"value": problems})
        self.instance.set_typed(typed)
        return data
