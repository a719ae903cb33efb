"""Rules for what a buyer sends, shared by the consultation form and the API serializer.

Each rule raises Django's ValidationError with the message a buyer reads, so the form and
the API answer the same input with the same words.
"""

import phonenumbers
from django.core.exceptions import ValidationError

from quotes.models import ConsultationRequest

NAME_MAX = 120
CLINIC_NAME_MAX = 200
MESSAGE_MAX = 3000
PAGE_URL_MAX = 500
UTM_MAX = 200
UTM_FIELDS = ["utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content"]
CHANNELS_NEEDING_PHONE = {ConsultationRequest.Channel.PHONE, ConsultationRequest.Channel.WHATSAPP}

CONSENT_REQUIRED = "Tick the box so a specialist may contact you about this request."


def message_validate(value: str) -> None:
    if len(value) > MESSAGE_MAX:
        raise ValidationError(
            f"Keep the message to {MESSAGE_MAX:,} characters; it has {len(value):,}.", code="max_length"
        )


def phone_normalize(raw: str, *, country: str | None) -> str:
    """The number in E.164 (+34612345678), read in the buyer's country when it has no +prefix."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    example = "+34 612 345 678"
    try:
        number = phonenumbers.parse(raw, (country or "").upper() or None)
    except phonenumbers.NumberParseException:
        raise ValidationError(
            f"Enter a phone number with its country code, for example {example}.", code="invalid_phone"
        ) from None
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(
            f"This is not a valid phone number; check the digits and the country code (for example {example}).",
            code="invalid_phone",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_for_channel(*, phone: str, channel: str) -> None:
    if channel in CHANNELS_NEEDING_PHONE and not phone:
        label = ConsultationRequest.Channel(channel).label
        raise ValidationError(f"Add a phone number so we can reach you by {label}, or choose email.", code="required")


def page_url_clean(value: str) -> str:
    """A path on this site or an http(s) URL; anything else is dropped rather than refused."""
    value = (value or "").strip()[:PAGE_URL_MAX]
    if value.startswith("/") and not value.startswith("//"):
        return value
    if value.startswith(("http://", "https://")):
        return value
    return ""


def email_normalize(value: str) -> str:
    """One mailbox, one spelling: repeat requests must find the same contact."""
    return value.strip().lower()
