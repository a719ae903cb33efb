"""Every field of the consultation form refuses bad input with a clear message."""

import pytest

from quotes.forms.leads import ConsultationForm

pytestmark = pytest.mark.django_db


def errors_for(form_data, **changes) -> dict[str, list[str]]:
    form = ConsultationForm({**form_data, **changes})
    assert not form.is_valid()
    return form.errors


def test_a_complete_form_is_valid_and_normalises_the_phone(form_data):
    form = ConsultationForm(form_data)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+34612345678"
    assert form.spam_reason() == ""


@pytest.mark.parametrize("field", ["name", "clinic_name", "email", "country"])
def test_required_fields_say_they_are_required(form_data, field):
    assert errors_for(form_data, **{field: ""})[field] == ["This field is required."]


def test_a_bad_email_is_refused(form_data):
    assert errors_for(form_data, email="ana@")["email"] == ["Enter a valid email address."]


@pytest.mark.parametrize("phone", ["12", "+99 123", "call me", "+34 612"])
def test_a_bad_phone_is_refused_with_an_example(form_data, phone):
    assert "for example +34 612 345 678" in errors_for(form_data, phone=phone)["phone"][0]


def test_a_national_number_is_read_in_the_chosen_country(form_data):
    form = ConsultationForm({**form_data, "country": "GB", "phone": "020 7946 0018"})

    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "+442079460018"


def test_phone_is_optional_unless_we_should_call(form_data):
    assert ConsultationForm({**form_data, "phone": ""}).is_valid()
    errors = errors_for(form_data, phone="", preferred_channel="whatsapp")
    assert errors["phone"] == ["Add a phone number so we can reach you by WhatsApp, or choose email."]


def test_missing_consent_is_refused(form_data):
    form_data.pop("consent")

    assert errors_for(form_data)["consent"] == ["Tick the box so a specialist may contact you about this request."]


def test_an_oversized_message_is_refused_with_its_length(form_data):
    errors = errors_for(form_data, message="x" * 3001)

    assert errors["message"] == ["Keep the message to 3,000 characters; it has 3,001."]


def test_an_unknown_country_device_or_treatment_is_refused(form_data):
    errors = errors_for(
        form_data, country="XX", phone="+34 612 345 678", devices=["no-such-device"], treatments=["no-such-treatment"]
    )

    assert set(errors) == {"country", "devices", "treatments"}


@pytest.mark.parametrize(
    ("field", "value"), [("timeline", "someday"), ("preferred_channel", "pigeon"), ("name", "x" * 121)]
)
def test_choices_and_lengths_are_enforced(form_data, field, value):
    assert field in errors_for(form_data, **{field: value})


def test_only_a_path_or_web_address_is_kept_as_the_source_page(form_data):
    assert ConsultationForm({**form_data, "page": "javascript:alert(1)"}).is_valid()
    form = ConsultationForm({**form_data, "page": "javascript:alert(1)"})
    form.is_valid()
    assert form.page_url() == ""
