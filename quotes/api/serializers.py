"""API input and output for consultation requests (the form's rules, quotes.leads.validation) and quotes."""

import uuid
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django_countries import countries
from rest_framework import serializers

from catalog.api.serializers import ErrorSerializer
from catalog.models import Device, Treatment
from config import vendor
from quotes import pricing
from quotes.api import access
from quotes.leads import intake, validation
from quotes.models import ConsultationRequest, Lead, Quote, QuoteRevision
from quotes.quoting import drafts
from quotes.quoting.lines import MAX_LINES, LineData

MAX_ITEMS = 20


class BoundedCharField(serializers.CharField):
    """max_length counts the text as sent, as the schema's maxLength does, before whitespace is trimmed."""

    def to_internal_value(self, data):
        if isinstance(data, str) and self.max_length is not None and len(data) > self.max_length:
            self.fail("max_length", max_length=self.max_length)
        return super().to_internal_value(data)


def _django_rule(rule):
    """Run a quotes.validation rule and raise DRF's error with the same words."""

    def check(value):
        try:
            rule(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    return check


class ConsultationCreateSerializer(serializers.Serializer):
    name = BoundedCharField(max_length=validation.NAME_MAX)
    clinic_name = BoundedCharField(max_length=validation.CLINIC_NAME_MAX)
    email = serializers.EmailField(max_length=254)
    phone = BoundedCharField(max_length=32, required=False, allow_blank=True, default="")
    country = serializers.ChoiceField(
        choices=list(countries),
        error_messages={"invalid_choice": "“{input}” is not a country code; use ISO 3166 letters such as ES."},
    )
    devices = serializers.ListField(
        child=serializers.SlugField(max_length=180), required=False, default=list, max_length=MAX_ITEMS
    )
    treatments = serializers.ListField(
        child=serializers.SlugField(max_length=140), required=False, default=list, max_length=MAX_ITEMS
    )
    timeline = serializers.ChoiceField(
        choices=ConsultationRequest.Timeline.choices, required=False, allow_blank=True, default=""
    )
    message = BoundedCharField(
        required=False,
        allow_blank=True,
        default="",
        trim_whitespace=True,
        validators=[_django_rule(validation.message_validate)],
    )
    preferred_channel = serializers.ChoiceField(
        choices=ConsultationRequest.Channel.choices, required=False, default=ConsultationRequest.Channel.EMAIL
    )
    consent = serializers.BooleanField()
    page_url = BoundedCharField(max_length=validation.PAGE_URL_MAX, required=False, allow_blank=True, default="")
    utm_source = BoundedCharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")
    utm_medium = BoundedCharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")
    utm_campaign = BoundedCharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")
    utm_term = BoundedCharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")
    utm_content = BoundedCharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")

    def validate_consent(self, value):
        if value is not True:
            raise serializers.ValidationError(validation.CONSENT_REQUIRED)
        return value

    def validate_devices(self, slugs):
        found = {d.slug: d for d in Device.objects.listed().filter(slug__in=slugs)}
        missing = [s for s in slugs if s not in found]
        if missing:
            raise serializers.ValidationError([f"No device with the slug “{s}”." for s in missing])
        return [found[s] for s in dict.fromkeys(slugs)]

    def validate_treatments(self, slugs):
        found = {t.slug: t for t in Treatment.objects.filter(slug__in=slugs)}
        missing = [s for s in slugs if s not in found]
        if missing:
            raise serializers.ValidationError([f"No treatment with the slug “{s}”." for s in missing])
        return [found[s] for s in dict.fromkeys(slugs)]

    def validate(self, attrs):
        try:
            attrs["phone"] = validation.phone_normalize(attrs.get("phone", ""), country=attrs.get("country"))
            validation.phone_for_channel(phone=attrs["phone"], channel=attrs["preferred_channel"])
        except DjangoValidationError as exc:
            raise serializers.ValidationError({"phone": exc.messages}) from None
        return attrs

    def consultation_data(self) -> intake.ConsultationData:
        data = self.validated_data
        return intake.ConsultationData(
            name=data["name"],
            clinic_name=data["clinic_name"],
            email=data["email"],
            phone=data["phone"],
            country=data["country"],
            devices=data["devices"],
            treatments=data["treatments"],
            timeline=data["timeline"],
            message=data["message"],
            preferred_channel=data["preferred_channel"],
            consent=data["consent"],
        )

    def utm(self) -> dict[str, str]:
        return {key: self.validated_data[key] for key in validation.UTM_FIELDS if self.validated_data.get(key)}


class ConsultationReceiptSerializer(serializers.Serializer):
    reference = serializers.CharField(help_text="Quote it in any follow-up, for example CR-7KQ2-M9XD.")
    status = serializers.SerializerMethodField(help_text="Always “received”: the request is saved.")
    received_at = serializers.DateTimeField(source="created_at")
    lead = serializers.SerializerMethodField(
        help_text="For a partner's key: the id of its lead, for quotes (`POST /api/v1/quotes/`). "
        "Null for anonymous requests, and while a request is held for review."
    )
    next_steps = serializers.SerializerMethodField()

    def get_lead(self, consultation) -> uuid.UUID | None:
        if consultation.partner_id is None or consultation.lead_id is None:
            return None
        return consultation.lead.public_id

    def get_next_steps(self, consultation) -> str:
        return (
            f"A specialist will contact the clinic within {vendor.first_response_label()}. "
            "A confirmation email is on its way."
        )

    def get_status(self, consultation) -> str:
        return "received"


# --- Quotes --------------------------------------------------------------------------------


class QuoteLineInputSerializer(serializers.Serializer):
    device = serializers.SlugField(
        max_length=180, help_text="The device's slug, for example: fractional-co2-laser-fx-60."
    )
    options = serializers.ListField(
        child=serializers.SlugField(max_length=180),
        required=False,
        default=list,
        max_length=MAX_ITEMS,
        help_text="Slugs of the device's options and accessories.",
    )
    quantity = serializers.IntegerField(min_value=1, max_value=pricing.MAX_QUANTITY, default=1)
    discount_percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0"), max_value=Decimal("100"), default=Decimal("0")
    )
    unit_price = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0"),
        required=False,
        allow_null=True,
        default=None,
        help_text="A manual unit price replacing the list or tier price (options are added on top); recorded.",
    )
    price_reason = BoundedCharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Why the price was set by hand; needed with `unit_price`, for example: launch offer.",
    )
    confirm_discontinued = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Quote a discontinued model on purpose (spares, a last unit); without it such a line is refused.",
    )


class QuoteCreateSerializer(serializers.Serializer):
    lead = BoundedCharField(
        max_length=64,
        help_text="The id of an open lead (a partner's own: the `lead` of its consultation receipt), "
        "for example: 3f0c9b1e-8d4a-4c1f-9a57-2b6e0d81c4aa.",
    )
    currency = BoundedCharField(
        # Bounded, but the rule and its message are the drafts' (quotes.quoting.lines.quote_terms_problems).
        max_length=10,
        required=False,
        help_text="ISO 4217 code of a currency the vendor quotes in (USD, EUR, GBP, AUD, CAD by default); "
        "default: the currency the first device is listed in.",
    )
    incoterm = serializers.ChoiceField(choices=Quote.Incoterm.choices, default=Quote.Incoterm.FOB)
    incoterm_place = BoundedCharField(max_length=120, required=False, allow_blank=True, default="")
    valid_until = serializers.DateField(
        required=False, help_text="Prices hold until this date; default: today plus the usual validity."
    )
    freight = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0"), default=Decimal("0"))
    tax_rate = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0"), max_value=Decimal("100"), default=Decimal("0")
    )
    payment_terms = BoundedCharField(
        max_length=300, required=False, allow_blank=True, default="", help_text="Default: the house terms."
    )
    notes = BoundedCharField(max_length=2000, required=False, allow_blank=True, default="")
    lines = QuoteLineInputSerializer(many=True, allow_empty=False, max_length=MAX_LINES)

    def validate_lead(self, lead_id):
        # One answer for a lead that does not exist and one the caller may not see: ids cannot be probed.
        public_id = access.public_id_parse(lead_id)
        leads = access.visible_to_caller(Lead.objects.select_related("owner"), request=self.context["request"])
        lead = leads.filter(public_id=public_id).first() if public_id is not None else None
        if lead is None:
            raise serializers.ValidationError(f"No lead with the id {lead_id}.")
        return lead

    def validate_lines(self, lines):
        slugs = {line["device"] for line in lines}
        devices = {
            d.slug: d
            for d in Device.objects.filter(slug__in=slugs)
            .select_related("successor")
            .prefetch_related("options", "price_tiers")
        }
        problems, resolved = [], []
        for index, line in enumerate(lines, start=1):
            device = devices.get(line["device"])
            if device is None:
                problems.append(f"Line {index}: no device with the slug “{line['device']}”.")
                continue
            options = {o.slug: o for o in device.options.all()}
            unknown = [s for s in line["options"] if s not in options]
            if unknown:
                problems.extend(f"Line {index}: “{s}” is not an option of {device.name}." for s in unknown)
                continue
            resolved.append(
                LineData(
                    device=device,
                    options=[options[s] for s in dict.fromkeys(line["options"])],
                    quantity=line["quantity"],
                    discount_percent=line["discount_percent"],
                    unit_price_override=line["unit_price"],
                    override_reason=line["price_reason"],
                    discontinued_confirmed=line["confirm_discontinued"],
                )
            )
        if problems:
            raise serializers.ValidationError(problems)
        return resolved

    def validate(self, attrs):
        # The editor's defaults, one rule: the first device's currency, the usual validity.
        defaults = drafts.quote_defaults(devices=[line.device for line in attrs["lines"]])
        attrs["currency"] = (attrs.get("currency") or defaults.currency).strip().upper()
        if attrs.get("valid_until") is None:
            attrs["valid_until"] = defaults.valid_until
        return attrs

    def quote_data(self) -> drafts.QuoteData:
        data = self.validated_data
        return drafts.QuoteData(
            currency=data["currency"],
            valid_until=data["valid_until"],
            incoterm=data["incoterm"],
            incoterm_place=data["incoterm_place"],
            freight=data["freight"],
            payment_terms=data["payment_terms"],
            tax_rate=data["tax_rate"],
            notes=data["notes"],
        )


# Output: plain data built by quotes.api.quotes.quote_representation; amounts are decimal strings
# in the currency's minor units (computed by quotes.pricing, never here).


class QuoteOptionSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class QuoteLineSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    device = serializers.CharField(help_text="The device's slug.")
    device_name = serializers.CharField()
    options = QuoteOptionSerializer(many=True)
    quantity = serializers.IntegerField()
    unit_price = serializers.CharField(help_text="Device and options per unit, for example: 24900.00.")
    unit_price_overridden = serializers.BooleanField(help_text="True when sales set the price by hand.")
    discount_percent = serializers.CharField()
    gross = serializers.CharField()
    discount = serializers.CharField()
    net = serializers.CharField()


class QuoteTotalsSerializer(serializers.Serializer):
    subtotal_gross = serializers.CharField()
    discount = serializers.CharField()
    subtotal = serializers.CharField()
    freight = serializers.CharField()
    tax_rate_percent = serializers.CharField()
    tax = serializers.CharField()
    total = serializers.CharField()


_PDF_STATUS_HELP = "queued, rendering, ready or failed; null before the first render was asked for."


class QuoteRevisionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    sent_at = serializers.DateTimeField(allow_null=True)
    pdf_status = serializers.ChoiceField(choices=QuoteRevision.PdfStatus.choices)
    pdf_error = serializers.CharField(help_text="Why the render failed; empty otherwise.")
    pdf_url = serializers.URLField(allow_null=True, help_text="The revision's PDF once ready; null before.")


class QuoteLinksSerializer(serializers.Serializer):
    self = serializers.URLField()
    render = serializers.URLField()
    pdf = serializers.URLField()


class QuoteSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The quote's public id, in its URLs.")
    number = serializers.CharField(help_text="The human reference, for example: Q-2026-00042.")
    revision = serializers.IntegerField()
    status = serializers.ChoiceField(choices=Quote.Status.choices)
    approval = serializers.ChoiceField(choices=Quote.Approval.choices)
    lead = serializers.UUIDField(help_text="The lead's public id.")
    currency = serializers.CharField()
    valid_until = serializers.DateField()
    incoterm = serializers.ChoiceField(choices=Quote.Incoterm.choices)
    incoterm_place = serializers.CharField()
    payment_terms = serializers.CharField()
    notes = serializers.CharField()
    lines = QuoteLineSerializer(many=True)
    totals = QuoteTotalsSerializer()
    pdf_status = serializers.ChoiceField(
        choices=QuoteRevision.PdfStatus.choices, allow_null=True, help_text=_PDF_STATUS_HELP
    )
    pdf_error = serializers.CharField(help_text="Why the current revision's render failed; empty otherwise.")
    revisions = QuoteRevisionSerializer(many=True)
    links = QuoteLinksSerializer()
    created_at = serializers.DateTimeField()


class QuoteRenderSerializer(serializers.Serializer):
    pdf_status = serializers.ChoiceField(choices=QuoteRevision.PdfStatus.choices)
    status_url = serializers.URLField(help_text="GET it to follow the render (also in the Location header).")


class PdfNotReadySerializer(ErrorSerializer):
    pdf_status = serializers.ChoiceField(
        choices=QuoteRevision.PdfStatus.choices, allow_null=True, help_text=_PDF_STATUS_HELP
    )
    pdf_error = serializers.CharField(help_text="Why the render failed; empty otherwise.")
