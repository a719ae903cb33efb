"""API input and output for consultation requests; the rules are the form's (quotes.validation)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django_countries import countries
from rest_framework import serializers

from catalog.models import Device, Treatment
from quotes import services, validation
from quotes.models import ConsultationRequest

MAX_ITEMS = 20


def _django_rule(rule):
    """Run a quotes.validation rule and raise DRF's error with the same words."""

    def check(value):
        try:
            rule(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    return check


class ConsultationCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=validation.NAME_MAX)
    clinic_name = serializers.CharField(max_length=validation.CLINIC_NAME_MAX)
    email = serializers.EmailField(max_length=254)
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
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
    message = serializers.CharField(
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
    page_url = serializers.CharField(max_length=validation.PAGE_URL_MAX, required=False, allow_blank=True, default="")
    utm_source = serializers.CharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")
    utm_medium = serializers.CharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")
    utm_campaign = serializers.CharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")
    utm_term = serializers.CharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")
    utm_content = serializers.CharField(max_length=validation.UTM_MAX, required=False, allow_blank=True, default="")

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

    def consultation_data(self) -> services.ConsultationData:
        data = self.validated_data
        return services.ConsultationData(
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
    next_steps = serializers.SerializerMethodField()

    def get_next_steps(self, consultation) -> str:
        return (
            f"A specialist will contact the clinic within {services.response_window_label()}. "
            "A confirmation email is on its way."
        )

    def get_status(self, consultation) -> str:
        return "received"
