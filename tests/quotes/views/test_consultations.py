"""The consultation pages for buyers: the form, its embedded twin on device pages, spam, rate limits, the receipt."""

import re
import time
from pathlib import Path

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from catalog import services as catalog_services
from config.pageholes import fill_token_new
from quotes.models import ConsultationRequest
from tests.factories import (
    DeviceFactory,
)

pytestmark = pytest.mark.django_db


CREATE = reverse("quotes:consultation-create")
ROOT = Path(__file__).resolve().parents[3]


def test_the_general_form_offers_every_listed_device_and_treatment(client, device, treatment):
    draft = DeviceFactory(name="Secret prototype", status="draft")

    html = client.get(CREATE).content.decode()

    assert device.name in html and treatment.name in html
    assert draft.name not in html
    assert 'name="website"' in html and 'name="form_token"' in html


def test_the_general_form_is_prefilled_with_the_device_from_the_link(client, device):
    response = client.get(CREATE, {"device": device.slug, "utm_source": "google"})

    form = response.context["form"]
    assert form.initial["devices"] == [device.slug]
    assert form.initial["utm_source"] == "google"


def test_a_device_page_ends_with_the_form_prefilled_with_that_device(client, device):
    html = client.get(device.get_absolute_url()).content.decode()

    assert 'id="consultation"' in html
    assert f'value="{device.slug}"' in html and "checked" in html
    assert f'name="page" value="/devices/{device.slug}/"' in html
    assert 'href="#consultation">Request a quote' in html


def test_the_header_links_to_the_consultation_page(client, device):
    assert f'href="{CREATE}">Talk to a specialist' in client.get("/").content.decode()


def test_a_valid_post_saves_the_request_and_redirects_to_its_reference(client, form_data):
    response = client.post(CREATE, form_data)

    consultation = ConsultationRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("quotes:consultation-received", args=[consultation.reference])
    assert consultation.lead is not None
    assert consultation.utm == {"utm_source": "newsletter", "utm_campaign": "spring"}
    assert consultation.page_url == form_data["page"]
    assert consultation.ip_address == "127.0.0.1"


def test_the_success_page_shows_the_reference_and_what_happens_next(client, form_data):
    response = client.post(CREATE, form_data, follow=True)

    html = response.content.decode()
    consultation = ConsultationRequest.objects.get()
    assert consultation.reference in html
    assert "What happens next" in html
    assert "a•••@clinica-sol.es" in html
    assert "4 working hours" in html


def test_errors_are_shown_beside_their_fields_and_nothing_is_saved(client, form_data):
    form_data.update(email="not-an-email", phone="12", consent="")

    response = client.post(CREATE, form_data)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_email_error"' in html and 'id="id_phone_error"' in html and 'id="id_consent_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Please check the 3 fields marked below." in html
    assert not ConsultationRequest.objects.exists()


def test_the_honeypot_answers_like_success_but_holds_the_request_as_spam(client, form_data):
    form_data["website"] = "http://cheap-pills.example"

    response = client.post(CREATE, form_data)

    consultation = ConsultationRequest.objects.get()
    assert response.status_code == 302
    assert consultation.spam_reason == "honeypot"
    assert consultation.lead is None


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda: {"form_token": fill_token_new(issued_at=time.time() - 1)}, "too_fast"),
        (lambda: {"form_token": "forged"}, "no_token"),
        (lambda: {"message": "See http://a.example http://b.example http://c.example"}, "links"),
    ],
    ids=["within seconds", "without the form", "three links"],
)
def test_a_suspicious_request_is_flagged_for_review_but_reaches_a_lead_and_the_buyer_hears_back(
    client, form_data, change, reason
):
    response = client.post(CREATE, {**form_data, **change()})

    consultation = ConsultationRequest.objects.get()
    assert response.status_code == 302
    assert (consultation.spam_reason, consultation.review_reason) == ("", reason)
    assert consultation.lead is not None
    emails = {n.kind: n for n in consultation.lead.notifications.all()}
    assert set(emails) == {"clinic_confirmation", "owner_alert"}
    assert emails["owner_alert"].context["consultation"]["review_reason_label"]
    assert "Check before replying" in consultation.lead.activities.get(kind="request").body


def test_too_many_requests_from_one_address_get_a_429_with_a_clear_message(client, form_data, settings):
    settings.CONSULTATION_RATE_PER_IP = 2
    for n in range(2):
        assert client.post(CREATE, {**form_data, "email": f"a{n}@clinic.example"}).status_code == 302

    response = client.post(CREATE, {**form_data, "email": "other@clinic.example"})

    assert response.status_code == 429
    assert "Please try again in" in response.content.decode()
    assert ConsultationRequest.objects.count() == 2


def test_the_embedded_form_works_on_pages_without_a_device(rf):
    request = rf.get("/guides/x/", {"utm_source": "newsletter"})

    html = render_to_string("includes/consultation_embed.html", {"device": None, "also": []}, request=request)

    assert 'name="page" value="/guides/x/"' in html and 'name="utm_source" value="newsletter"' in html
    assert 'name="form_token"' in html and "4 working hours" in html
    assert "Devices of interest" not in html


def test_an_embedded_form_posts_a_request_the_consultation_page_takes(client, device, treatment, settings):
    settings.CONSULTATION_MIN_FILL_SECONDS = 0
    device.treatments.add(treatment)
    catalog_services.device_changed(device_id=device.pk)  # as the admin does after saving the links
    page = client.get(device.get_absolute_url()).content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', page)[1]

    response = client.post(
        CREATE,
        {
            "name": "Ana García",
            "clinic_name": "Clínica Sol",
            "email": "ana@clinica-sol.es",
            "country": "ES",
            "devices": [device.slug],
            "treatments": [treatment.slug],
            "preferred_channel": "email",
            "consent": "on",
            "form_token": token,
            "page": device.get_absolute_url(),
        },
    )

    consultation = ConsultationRequest.objects.get()
    assert response.status_code == 302 and consultation.spam_reason == ""
    assert list(consultation.devices.all()) == [device] and list(consultation.treatments.all()) == [treatment]
    assert f'value="{treatment.slug}"' in page  # the device page offered its treatments


def test_catalog_templates_load_no_quotes_tag_and_include_no_quotes_template():
    for template in (ROOT / "templates" / "catalog").rglob("*.html"):
        text = template.read_text()
        assert "{% load consultation" not in text and "quotes/" not in text, template


def test_the_general_form_records_the_same_site_page_that_linked_to_it(client, device):
    response = client.get(CREATE, headers={"referer": f"http://testserver/devices/{device.slug}/?utm_source=x"})
    elsewhere = client.get(CREATE, headers={"referer": "https://elsewhere.example/page/"})

    assert response.context["form"].initial["page"] == f"/devices/{device.slug}/?utm_source=x"
    assert elsewhere.context["form"].initial["page"] == CREATE


def test_a_nul_byte_in_a_form_field_is_a_400_and_saves_nothing(client, form_data):
    response = client.post(CREATE, {**form_data, "message": "Hello\x00"})

    assert response.status_code == 400
    assert ConsultationRequest.objects.count() == 0


def test_the_form_limit_page_says_when_to_come_back(client, form_data, settings):
    settings.CONSULTATION_RATE_PER_IP = 1
    client.post(CREATE, form_data)

    response = client.post(CREATE, {**form_data, "email": "other@clinic.example"})

    assert response.status_code == 429
    assert 60 <= int(response["Retry-After"]) <= settings.CONSULTATION_RATE_WINDOW_MINUTES * 60
