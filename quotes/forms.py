"""Forms that parse what buyers and sales staff send: the consultation form, lead actions, quotes."""

import time
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django_countries import countries

from catalog.models import Device, Treatment
from quotes import formats, pricing, quoting, selectors, services, validation
from quotes.models import ConsultationRequest, Lead, Quote

FILL_TOKEN_SALT = "quotes.consultation-form.fill-token"  # noqa: S105 (a salt, not a secret)


def fill_token_new(*, issued_at: float | None = None) -> str:
    """A signed note of when the form was shown, to tell people from scripts by fill time."""
    return signing.dumps({"t": issued_at if issued_at is not None else time.time()}, salt=FILL_TOKEN_SALT)


def fill_seconds(token: str) -> float | None:
    """Seconds since the form carrying `token` was shown, or None for a missing or forged token."""
    try:
        issued_at = float(signing.loads(token, salt=FILL_TOKEN_SALT)["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return time.time() - issued_at


class ConsultationForm(forms.Form):
    """The consultation form on the general page and every device page."""

    name = forms.CharField(max_length=validation.NAME_MAX, label="Your name")
    clinic_name = forms.CharField(max_length=validation.CLINIC_NAME_MAX, label="Clinic or practice")
    email = forms.EmailField(max_length=254, label="Email")
    phone = forms.CharField(
        max_length=32,
        required=False,
        label="Phone",
        help_text="With the country code, for example +34 612 345 678.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    country = forms.ChoiceField(label="Country", choices=[("", "Choose your country")])
    devices = forms.MultipleChoiceField(
        required=False, label="Devices of interest", widget=forms.CheckboxSelectMultiple
    )
    treatments = forms.MultipleChoiceField(
        required=False, label="Treatments your clinic wants to offer", widget=forms.CheckboxSelectMultiple
    )
    timeline = forms.ChoiceField(
        required=False,
        label="When do you plan to buy?",
        choices=[("", "Not sure yet"), *ConsultationRequest.Timeline.choices],
    )
    message = forms.CharField(
        required=False,
        label="Your questions",
        help_text=f"Up to {validation.MESSAGE_MAX:,} characters.",
        validators=[validation.message_validate],
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    preferred_channel = forms.ChoiceField(
        label="How should we contact you?",
        choices=ConsultationRequest.Channel.choices,
        initial=ConsultationRequest.Channel.EMAIL,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label="I agree that a specialist may contact me about this request.",
        error_messages={"required": validation.CONSENT_REQUIRED},
    )
    # Hidden from people by CSS; scripts that fill every field fill this one too.
    website = forms.CharField(required=False, label="Leave this field empty")
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)
    page = forms.CharField(required=False, widget=forms.HiddenInput)
    utm_source = forms.CharField(required=False, widget=forms.HiddenInput)
    utm_medium = forms.CharField(required=False, widget=forms.HiddenInput)
    utm_campaign = forms.CharField(required=False, widget=forms.HiddenInput)
    utm_term = forms.CharField(required=False, widget=forms.HiddenInput)
    utm_content = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, device_choices=None, treatment_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", "Choose your country"), *countries]
        self.fields["devices"].choices = (
            device_choices if device_choices is not None else selectors.consultation_device_choices()
        )
        self.fields["treatments"].choices = (
            treatment_choices if treatment_choices is not None else selectors.consultation_treatment_choices()
        )
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["clinic_name"].widget.attrs.update(autocomplete="organization")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        if not self.is_bound:
            self.initial.setdefault("form_token", fill_token_new())

    def clean(self):
        data = super().clean()
        phone, country = data.get("phone", ""), data.get("country")
        if phone and "phone" not in self.errors:
            try:
                data["phone"] = validation.phone_normalize(phone, country=country)
            except ValidationError as exc:
                self.add_error("phone", exc)
        if "phone" not in self.errors and data.get("preferred_channel"):
            try:
                validation.phone_for_channel(phone=data.get("phone", ""), channel=data["preferred_channel"])
            except ValidationError as exc:
                self.add_error("phone", exc)
        return data

    def consultation_data(self) -> services.ConsultationData:
        data = self.cleaned_data
        return services.ConsultationData(
            name=data["name"],
            clinic_name=data["clinic_name"],
            email=data["email"],
            phone=data["phone"],
            country=data["country"],
            devices=list(Device.objects.listed().filter(slug__in=data["devices"])),
            treatments=list(Treatment.objects.filter(slug__in=data["treatments"])),
            timeline=data["timeline"],
            message=data["message"],
            preferred_channel=data["preferred_channel"],
            consent=data["consent"],
        )

    def spam_reason(self) -> str:
        """Why the way the form was filled looks like a script, or ""."""
        if self.cleaned_data.get("website"):
            return ConsultationRequest.SpamReason.HONEYPOT
        seconds = fill_seconds(self.cleaned_data.get("form_token", ""))
        if seconds is None:
            return ConsultationRequest.SpamReason.NO_TOKEN
        if seconds < settings.CONSULTATION_MIN_FILL_SECONDS:
            return ConsultationRequest.SpamReason.TOO_FAST
        return ""

    def utm(self) -> dict[str, str]:
        return {
            key: self.cleaned_data[key].strip()[: validation.UTM_MAX]
            for key in validation.UTM_FIELDS
            if self.cleaned_data.get(key, "").strip()
        }

    def page_url(self) -> str:
        return validation.page_url_clean(self.cleaned_data.get("page", ""))

    @property
    def device_groups(self):
        """(family, [bound checkboxes]) for the template, keeping the family groups."""
        bound = {widget.data["value"]: widget for widget in self["devices"]}
        return [
            (family, [bound[slug] for slug, _name in items if slug in bound])
            for family, items in self.fields["devices"].choices
        ]


class LeadStatusForm(forms.Form):
    status = forms.ChoiceField(choices=Lead.Status.choices)
    reason = forms.CharField(
        required=False,
        max_length=2000,
        label="Reason",
        help_text="Needed when you mark the lead lost, for example: chose a cheaper local supplier.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LeadNoteForm(forms.Form):
    body = forms.CharField(
        label="Add a note",
        max_length=services.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Called the clinic; they want a demo in May."}),
    )


class LeadOwnerForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=None, label="Give the lead to", empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.sales_staff()
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.get_username()


# --- Quotes --------------------------------------------------------------------------------


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
        for name in ("freight", "tax_rate"):
            self.fields[name].widget.attrs.update(inputmode="decimal", step="any")

    def clean_freight(self):
        return _blank_is_zero(self.cleaned_data["freight"])

    def clean_tax_rate(self):
        return _blank_is_zero(self.cleaned_data["tax_rate"])

    def quote_data(self) -> quoting.QuoteData:
        data = self.cleaned_data
        return quoting.QuoteData(
            currency=data["currency"],
            valid_until=data["valid_until"],
            incoterm=data["incoterm"],
            incoterm_place=data["incoterm_place"].strip(),
            freight=data["freight"],
            payment_terms=data["payment_terms"].strip(),
            tax_rate=data["tax_rate"],
            notes=data["notes"].strip(),
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

    def __init__(self, *args, catalog: selectors.EditorCatalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        self.fields["device"].choices = [("", "Choose a device"), *catalog.choices]
        self.fields["quantity"].widget.attrs.update(inputmode="numeric")
        for name in ("discount_percent", "unit_price_override"):
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
        return selectors.device_price_hint(self.device_object) if self.device_object else ""

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
        if data.get("unit_price_override") is not None and not data.get("override_reason", "").strip():
            self.add_error("override_reason", "Say why the price differs from the list, for example: launch offer.")
        data["device_object"] = device
        return data

    def line_data(self) -> quoting.LineData:
        data = self.cleaned_data
        return quoting.LineData(
            device=data["device_object"],
            options=data["option_objects"],
            quantity=data["quantity"],
            discount_percent=data["discount_percent"],
            unit_price_override=data["unit_price_override"],
            override_reason=data["override_reason"].strip(),
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

    def lines(self) -> list[tuple[QuoteLineForm, quoting.LineData]]:
        """The kept lines with their forms (the services name lines by their position)."""
        return [(form, form.line_data()) for form in self.kept_forms()]


QuoteLineFormSet = forms.formset_factory(
    QuoteLineForm,
    formset=BaseQuoteLineFormSet,
    extra=0,
    can_delete=True,
    max_num=quoting.MAX_LINES,
    absolute_max=quoting.MAX_LINES + 1,  # one over, so the service's clear message is the one shown
)
