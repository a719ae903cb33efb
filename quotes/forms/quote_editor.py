"""The quote editor's forms: the terms, one form per line, and the two together as one editor.

They parse what the salesperson typed and hand `QuoteData` and `LineData` to the drafts; the
totals beside the lines, and every problem with a line, come from quotes.quoting.lines, so the
editor, its live preview and the save say the same thing.
"""

import dataclasses
from decimal import Decimal

from django import forms
from django.conf import settings

from quotes import formats, pricing
from quotes.errors import QuoteInvalid
from quotes.models import Lead, Quote
from quotes.quoting import drafts
from quotes.quoting import selectors as quoting_selectors
from quotes.quoting.lines import (
    MAX_LINES,
    REASON_MISSING,
    LineData,
    discontinued_problem,
    line_data,
    line_own_problems,
    lines_preview,
)

LINE_PREFIX = "lines"


def _blank_is_zero(value: Decimal | None) -> Decimal:
    return Decimal("0") if value is None else value


class QuoteForm(forms.Form):
    """The terms of a quote; its lines come in QuoteLineFormSet."""

    currency = forms.ChoiceField(label="Currency")
    valid_until = forms.DateField(
        label="Valid until", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    incoterm = forms.ChoiceField(label="Incoterm", choices=Quote.Incoterm.choices)
    incoterm_place = forms.CharField(
        label="Named place",
        max_length=120,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Port of Shanghai"}),
    )
    freight = forms.DecimalField(
        label="Freight", min_value=0, max_digits=12, decimal_places=2, required=False, localize=False
    )
    tax_rate = forms.DecimalField(label="Tax rate (%)", min_value=0, max_value=100, decimal_places=2, required=False)
    payment_terms = forms.CharField(label="Payment terms", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
    deposit_percent = forms.DecimalField(
        label="Deposit (%)",
        min_value=0,
        max_value=100,
        decimal_places=2,
        required=False,  # left empty: the house deposit on a new quote, the quote's own on an edit
        help_text="Paid with the order; the balance is due before dispatch.",
    )
    notes = forms.CharField(
        label="Notes to the buyer",
        max_length=2000,
        required=False,
        help_text="Printed on the quotation, for example: training for two operators included.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, currencies: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["currency"].choices = [(code, code) for code in currencies]
        for name in ("freight", "tax_rate", "deposit_percent"):
            self.fields[name].widget.attrs.update(inputmode="decimal", step="any")

    def clean_freight(self):
        return _blank_is_zero(self.cleaned_data["freight"])

    def clean_tax_rate(self):
        return _blank_is_zero(self.cleaned_data["tax_rate"])

    def quote_data(self) -> drafts.QuoteData:
        data = self.cleaned_data
        return drafts.QuoteData(
            currency=data["currency"],
            valid_until=data["valid_until"],
            incoterm=data["incoterm"],
            incoterm_place=data["incoterm_place"].strip(),
            freight=data["freight"],
            payment_terms=data["payment_terms"].strip(),
            tax_rate=data["tax_rate"],
            notes=data["notes"].strip(),
            deposit_percent=data["deposit_percent"],
        )


class OptionsField(forms.TypedMultipleChoiceField):
    """Options of the line's device. Ids of another device's options (left ticked when the
    device was changed without JavaScript) are dropped by the form, not refused."""

    def valid_value(self, value):
        return True


class QuoteLineForm(forms.Form):
    """One configured device on a quote; the editor's catalog supplies the choices."""

    device = forms.TypedChoiceField(
        label="Device",
        coerce=int,
        empty_value=None,
        error_messages={"required": "Choose a device, or tick “Remove this line”."},
    )
    options = OptionsField(
        label="Options and accessories", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    quantity = forms.IntegerField(label="Quantity", min_value=1, max_value=pricing.MAX_QUANTITY, initial=1)
    discount_percent = forms.DecimalField(
        label="Discount (%)", min_value=0, max_value=100, decimal_places=2, required=False, initial=Decimal("0")
    )
    unit_price_override = forms.DecimalField(
        label="Manual unit price",
        min_value=0,
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text="Replaces the list or tier price of the device; options are added on top.",
    )
    override_reason = forms.CharField(
        label="Reason for the manual price",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "Launch offer agreed with the clinic"}),
    )
    discontinued_confirmed = forms.BooleanField(label="Quote this discontinued model", required=False)

    treatments_per_week = forms.IntegerField(
        label="Treatments per week",
        min_value=1,
        max_value=pricing.MAX_TREATMENTS_PER_WEEK,
        required=False,
        help_text="What the clinic expects; gives the running costs and payback.",
    )
    price_per_treatment = forms.DecimalField(
        label="Price per treatment",
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text="What the clinic charges; empty: the device's typical price.",
    )

    def __init__(self, *args, catalog: quoting_selectors.EditorCatalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        self.fields["device"].choices = [("", "Choose a device"), *catalog.choices]
        self.fields["quantity"].widget.attrs.update(inputmode="numeric")
        self.fields["treatments_per_week"].widget.attrs.update(inputmode="numeric")
        for name in ("discount_percent", "unit_price_override", "price_per_treatment"):
            self.fields[name].widget.attrs.update(inputmode="decimal", step="any")
        # The device the line shows options for: as posted, else as it was (bound or not).
        self.device_object = catalog.devices.get(self._chosen_device_id())
        self.fields["options"].choices = [
            (option.pk, option.name) for option in (self.device_object.options.all() if self.device_object else [])
        ]

    def _chosen_device_id(self) -> int | None:
        value = self["device"].value()
        try:
            return int(value)
        except (TypeError, ValueError):
            return None

    @property
    def price_hint(self) -> str:
        return quoting_selectors.device_price_hint(self.device_object) if self.device_object else ""

    @property
    def option_rows(self) -> list[dict]:
        """The device's options as checkboxes with their price, for the template."""
        device = self.device_object
        if device is None:
            return []
        chosen = {str(value) for value in (self["options"].value() or [])}
        return [
            {
                "id": option.pk,
                "name": option.name,
                "kind": option.get_kind_display(),
                "price": formats.option_price_text(option, device.currency),
                "checked": str(option.pk) in chosen,
                "html_id": f"{self['options'].auto_id}_{index}",
            }
            for index, option in enumerate(device.options.all())
        ]

    def clean(self):
        data = super().clean()
        device = self.catalog.devices.get(data.get("device"))
        if data.get("device") is not None and device is None:
            self.add_error("device", "Choose a device from the list.")
        if device is not None:
            own = {option.pk: option for option in device.options.all()}
            data["option_objects"] = [own[pk] for pk in data.get("options", []) if pk in own]
        data["discount_percent"] = _blank_is_zero(data.get("discount_percent"))
        data["device_object"] = device
        if device is not None and not self.errors:
            # The line's own rules (a manual price needs its reason, ...) are the lines module's;
            # the missing reason shows beside its field.
            fields = {REASON_MISSING: "override_reason", discontinued_problem(device): "discontinued_confirmed"}
            for problem in line_own_problems(line=self.line_data()):
                self.add_error(fields.get(problem), problem)
        return data

    def line_data(self) -> LineData:
        data = self.cleaned_data
        return LineData(
            device=data["device_object"],
            options=data["option_objects"],
            quantity=data["quantity"],
            discount_percent=data["discount_percent"],
            unit_price_override=data["unit_price_override"],
            override_reason=data["override_reason"].strip(),
            discontinued_confirmed=data["discontinued_confirmed"],
            treatments_per_week=data["treatments_per_week"],
            price_per_treatment=data["price_per_treatment"],
        )


class BaseQuoteLineFormSet(forms.BaseFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this line"

    def kept_forms(self) -> list[QuoteLineForm]:
        """The line forms to keep, in order: filled in (or pre-filled) and not marked for removal."""
        return [
            form
            for form in self.forms
            if (form.has_changed() or not form.empty_permitted) and not form.cleaned_data.get("DELETE")
        ]


QuoteLineFormSet = forms.formset_factory(
    QuoteLineForm,
    formset=BaseQuoteLineFormSet,
    extra=0,
    can_delete=True,
    max_num=MAX_LINES,
    absolute_max=MAX_LINES + 1,  # one over, so the service's clear message is the one shown
)


def _currencies(current: str = "") -> list[str]:
    codes = list(settings.CATALOG_CURRENCIES)
    return codes if not current or current in codes else [*codes, current]


def _posted_device_ids(data) -> list[int]:
    """The devices the posted lines name, so the editor loads just those with their options."""
    ids = []
    for key, value in data.items():
        if key.startswith(f"{LINE_PREFIX}-") and key.endswith("-device") and value.isdigit():
            ids.append(int(value))
    return ids


def _with_one_more_line(data):
    """The posted editor with one more (blank) line: "Add a line" without JavaScript."""
    data = data.copy()
    key = f"{LINE_PREFIX}-TOTAL_FORMS"
    value = data.get(key, "")
    if value.isdigit() and int(value) < MAX_LINES:  # else the formset reports the problem
        index = int(value)
        data[key] = str(index + 1)
        # What a browser posts for a fresh blank line, so the line reads as untouched.
        data[f"{LINE_PREFIX}-{index}-quantity"] = "1"
        data[f"{LINE_PREFIX}-{index}-discount_percent"] = "0"
    return data


def _line_initial(line: LineData) -> dict:
    return {
        "device": line.device.pk,
        "options": [option.pk for option in line.options],
        "quantity": line.quantity,
        "discount_percent": line.discount_percent,
        "unit_price_override": line.unit_price_override,
        "override_reason": line.override_reason,
        "discontinued_confirmed": line.discontinued_confirmed,
        "treatments_per_week": line.treatments_per_week,
        "price_per_treatment": line.price_per_treatment,
    }


class QuoteEditor:
    """The terms form and the line forms of one quote, parsed, previewed and saved as one."""

    def __init__(self, *, quote_form: QuoteForm, formset: BaseQuoteLineFormSet, preview: dict | None = None):
        self.quote_form = quote_form
        self.formset = formset
        self._preview = preview
        self.general_errors: list[str] = []

    @classmethod
    def posted(cls, data, *, currency: str = "") -> "QuoteEditor":
        """The editor as the browser posted it ("Add a line" adds a blank one)."""
        if "add_line" in data:
            data = _with_one_more_line(data)
        catalog = quoting_selectors.quote_editor_catalog(device_ids=_posted_device_ids(data))
        return cls(
            quote_form=QuoteForm(data, currencies=_currencies(currency or data.get("currency", "")[:3])),
            formset=QuoteLineFormSet(data, prefix=LINE_PREFIX, form_kwargs={"catalog": catalog}),
        )

    @classmethod
    def for_new_quote(cls, *, lead: Lead) -> "QuoteEditor":
        """A new quote: the devices the clinic asked about, with what ships with them, on the usual terms."""
        asked = [device.pk for device in lead.devices.all() if device.status == device.Status.PUBLISHED]
        catalog = quoting_selectors.quote_editor_catalog(device_ids=asked)
        lines = [
            LineData(device=catalog.devices[pk], options=[o for o in catalog.options_of(pk) if o.included])
            for pk in asked
        ]
        terms = drafts.quote_defaults(devices=[line.device for line in lines])
        return cls._unbound(terms=terms, lines=lines, catalog=catalog, currencies=_currencies())

    @classmethod
    def for_quote(cls, *, quote: Quote) -> "QuoteEditor":
        """An existing quote, as saved."""
        rows = list(quote.lines.prefetch_related("options").order_by("position", "id"))
        catalog = quoting_selectors.quote_editor_catalog(device_ids=[row.device_id for row in rows])
        lines = [line_data(row, device=catalog.devices[row.device_id]) for row in rows]
        terms = drafts.quote_data(quote=quote)
        return cls._unbound(terms=terms, lines=lines, catalog=catalog, currencies=_currencies(quote.currency))

    @classmethod
    def _unbound(cls, *, terms: drafts.QuoteData, lines: list[LineData], catalog, currencies) -> "QuoteEditor":
        formset = QuoteLineFormSet(
            initial=[_line_initial(line) for line in lines] or None,
            prefix=LINE_PREFIX,
            form_kwargs={"catalog": catalog},
        )
        if not lines:
            formset.extra = 1  # a new quote for a lead that named no device starts with one blank line
        preview = lines_preview(
            currency=terms.currency,
            freight=terms.freight,
            tax_rate=terms.tax_rate,
            lines=[(f"{LINE_PREFIX}-{index}", line, "") for index, line in enumerate(lines)],
            errors={},
        )
        return cls(
            quote_form=QuoteForm(initial=dataclasses.asdict(terms), currencies=currencies),
            formset=formset,
            preview=preview,
        )

    def is_valid(self) -> bool:
        # Both forms, so every error shows at once.
        return self.quote_form.is_valid() & self.formset.is_valid()

    def quote_data(self) -> drafts.QuoteData:
        return self.quote_form.quote_data()

    def lines(self) -> list[LineData]:
        return [form.line_data() for form in self.formset.kept_forms()]

    def place_errors(self, exc: QuoteInvalid) -> None:
        """Each of the drafts' errors beside what it is about: a field, a line, or the quote as a whole."""
        kept = self.formset.kept_forms()
        for name, texts in exc.fields.items():
            for text in texts:
                if name in self.quote_form.fields:
                    self.quote_form.add_error(name, text)
                else:
                    self.general_errors.append(text)
        for index, problems in exc.line_errors.items():
            for problem in problems:
                kept[index].add_error(None, problem)

    def error_count(self) -> int:
        formset = self.formset
        line_errors = sum(len(form.errors) for form in formset.forms if not form.cleaned_data.get("DELETE"))
        return len(self.quote_form.errors) + line_errors + len(self.general_errors) + len(formset.non_form_errors())

    def preview(self) -> dict:
        """The totals beside the lines: whatever parses is priced, the rest says what is missing."""
        if self._preview is not None:
            return self._preview
        quote_form = self.quote_form
        quote_form.is_valid()
        terms_errors = {
            name: [str(error) for error in quote_form.errors[name]]
            for name in ("currency", "freight", "tax_rate")
            if quote_form.has_error(name)
        }
        lines = []
        for form in self.formset.forms:
            if form.empty_permitted and not form.has_changed():
                continue
            if form.is_valid():
                if not form.cleaned_data.get("DELETE"):
                    lines.append((form.prefix, form.line_data(), ""))
            elif not form.cleaned_data.get("DELETE"):
                errors = [error for field_errors in form.errors.values() for error in field_errors]
                missing = "Choose a device." if "device" in form.errors else " ".join(errors)
                lines.append((form.prefix, None, missing))
        data = quote_form.cleaned_data
        self._preview = lines_preview(
            currency=data.get("currency", ""),
            freight=data.get("freight", Decimal("0")),
            tax_rate=data.get("tax_rate", Decimal("0")),
            lines=lines,
            errors=terms_errors,
        )
        return self._preview
