"""Forms that parse what buyers and sales staff send about leads: the consultation form and the lead actions."""

from django import forms
from django.core.exceptions import ValidationError

from catalog.models import Device, Treatment
from catalog.widgets import CountrySelect, country_choices
from config import pageholes
from quotes.leads import intake, pipeline, validation
from quotes.leads import selectors as leads_selectors
from quotes.models import ConsultationRequest, Lead


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
    country = forms.ChoiceField(label="Country", choices=country_choices, widget=CountrySelect)
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
        self.fields["devices"].choices = (
            device_choices if device_choices is not None else leads_selectors.consultation_device_choices()
        )
        self.fields["treatments"].choices = (
            treatment_choices if treatment_choices is not None else leads_selectors.consultation_treatment_choices()
        )
        self.fields["name"].widget.attrs.update(autocomplete="name")
        self.fields["clinic_name"].widget.attrs.update(autocomplete="organization")
        self.fields["email"].widget.attrs.update(autocomplete="email")
        self.fields["website"].widget.attrs.update(autocomplete="off", tabindex="-1")
        if not self.is_bound:
            # A marker: config.pageholes fills in when this visitor was shown the form.
            self.initial.setdefault("form_token", pageholes.marker("fill"))

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

    def consultation_data(self) -> intake.ConsultationData:
        data = self.cleaned_data
        return intake.ConsultationData(
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
        return intake.form_spam_reason(
            honeypot=self.cleaned_data.get("website", ""), fill_token=self.cleaned_data.get("form_token", "")
        )

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
        max_length=pipeline.NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": "Called the clinic; they want a demo in May."}),
    )


class LeadOwnerForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=None, label="Give the lead to", empty_label=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = leads_selectors.sales_staff()
        self.fields["owner"].label_from_instance = lambda user: user.get_full_name() or user.get_username()
