"""POST /api/v1/consultations/: shape, validation, idempotency, rate limits, one error format."""

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse

from catalog import services as catalog_services
from catalog.api.access import CatalogThrottle
from catalog.models import PartnerKey
from quotes.models import ConsultationRequest, Lead
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


URL = "/api/v1/consultations/"


def post(client, payload, **headers):
    return client.post(URL, payload, content_type="application/json", headers=headers)


def test_the_url_is_the_one_partners_are_given():
    assert reverse("quotes-api:consultation-create") == URL


def test_a_valid_request_is_saved_and_answered_with_its_reference(client, api_payload, device, seller):
    response = post(client, {**api_payload, "utm_source": "partner-site", "page_url": "https://partner.example/x"})

    consultation = ConsultationRequest.objects.get()
    assert response.status_code == 201
    body = response.json()
    assert body["reference"] == consultation.reference and body["status"] == "received"
    assert "4 working hours" in body["next_steps"]
    assert consultation.source == "api" and consultation.phone == "+34612345678"
    assert consultation.utm == {"utm_source": "partner-site"}
    assert consultation.lead.owner == seller and list(consultation.lead.devices.all()) == [device]


def test_invalid_fields_get_a_400_naming_each_field(client, api_payload):
    payload = {
        **api_payload,
        "email": "nope",
        "phone": "12",
        "consent": False,
        "message": "x" * 3001,
        "country": "XX",
        "devices": ["no-such-device"],
    }
    del payload["name"]

    response = post(client, payload)

    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid" and error["message"] == "Some fields are not valid."
    fields = error["fields"]
    assert set(fields) == {"name", "email", "consent", "message", "country", "devices"}
    assert fields["consent"] == ["Tick the box so a specialist may contact you about this request."]
    assert fields["message"] == ["Keep the message to 3,000 characters; it has 3,001."]
    assert fields["devices"] == ["No device with the slug “no-such-device”."]
    assert fields["country"] == ["“XX” is not a country code; use ISO 3166 letters such as ES."]
    assert not ConsultationRequest.objects.exists()


def test_a_bad_phone_is_reported_once_the_other_fields_are_valid(client, api_payload):
    response = post(client, {**api_payload, "phone": "12"})

    assert response.status_code == 400
    assert "for example +34 612 345 678" in response.json()["error"]["fields"]["phone"][0]


def test_malformed_json_gets_the_same_error_shape(client):
    response = client.post(URL, "{not json", content_type="application/json")

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "malformed"


def test_other_methods_get_a_405_in_the_same_shape(client):
    response = client.get(URL)

    assert response.status_code == 405
    assert response.json() == {"error": {"code": "method_not_allowed", "message": 'Method "GET" not allowed.'}}
    assert set(response["Allow"].split(", ")) == {"POST", "OPTIONS"}


def test_a_retried_post_with_the_same_idempotency_key_returns_the_first_answer(client, api_payload):
    first = post(client, api_payload, **{"Idempotency-Key": "partner-42"})
    again = post(client, dict(reversed(api_payload.items())), **{"Idempotency-Key": "partner-42"})

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert ConsultationRequest.objects.count() == 1 and Lead.objects.count() == 1


def test_a_replay_answers_even_if_the_device_was_unpublished_since(client, api_payload, device):
    first = post(client, api_payload, **{"Idempotency-Key": "k"})
    device.status = "draft"
    device.save()

    again = post(client, api_payload, **{"Idempotency-Key": "k"})

    assert again.status_code == 201 and again.json()["reference"] == first.json()["reference"]


def test_the_same_key_with_another_body_is_refused(client, api_payload):
    post(client, api_payload, **{"Idempotency-Key": "k"})

    response = post(client, {**api_payload, "message": "Different"}, **{"Idempotency-Key": "k"})

    assert response.status_code == 422
    assert response.json()["error"]["code"] == "idempotency_key_reused"
    assert ConsultationRequest.objects.count() == 1


def test_without_a_key_each_post_is_a_new_request_on_the_same_lead(client, api_payload):
    post(client, api_payload)
    post(client, api_payload)

    assert ConsultationRequest.objects.count() == 2
    assert Lead.objects.count() == 1


def test_an_overlong_idempotency_key_is_refused(client, api_payload):
    response = post(client, api_payload, **{"Idempotency-Key": "k" * 256})

    assert response.status_code == 400


def test_too_many_requests_get_a_429_with_retry_after(client, api_payload, settings):
    settings.CONSULTATION_RATE_PER_IP = 1
    post(client, api_payload)

    response = post(client, {**api_payload, "email": "other@clinic.example"})

    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "rate_limited" and "Please try again in" in error["message"]
    assert int(response["Retry-After"]) > 0


def test_link_spam_signals_are_answered_and_routed_like_any_request_but_flagged(client, api_payload):
    response = post(client, {**api_payload, "message": "http://a.example http://b.example http://c.example"})

    assert response.status_code == 201
    consultation = ConsultationRequest.objects.get()
    assert (consultation.spam_reason, consultation.review_reason) == ("", "links")
    assert Lead.objects.get() == consultation.lead


def test_the_api_needs_no_csrf_token_and_no_login(api_payload):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, api_payload, content_type="application/json")

    assert response.status_code == 201


def test_the_api_query_count_is_bounded(client, api_payload, seller, django_assert_max_num_queries):
    # On PostgreSQL two of them take the address's and the mailbox's turn at the rate limit.
    with django_assert_max_num_queries(32):
        assert post(client, api_payload).status_code == 201


def test_the_openapi_schema_documents_the_endpoint(client):
    response = client.get("/api/v1/schema/", {"format": "json"})

    assert response.status_code == 200
    operation = response.json()["paths"]["/api/v1/consultations/"]["post"]
    assert "201" in operation["responses"] and "429" in operation["responses"]


# --- Partners pushing leads with a key (leads:write) ----------------------------------------


@pytest.fixture(autouse=True)
def _fresh_throttle(monkeypatch, request):
    monkeypatch.setattr(CatalogThrottle, "cache", LocMemCache(f"throttle-{request.node.nodeid}", {}))


def partner_key(name="MedEquip GmbH", scopes=("leads:write",), **extra) -> dict[str, str]:
    _, plain = catalog_services.partner_key_create(
        name="Leads", partner=PartnerFactory(name=name), scopes=list(scopes), **extra
    )
    return {"Authorization": f"Api-Key {plain}"}


@pytest.mark.parametrize(
    "header", ["Api-Key nope.nope", "Api-Key ", "Api-Key revoked"], ids=["unknown", "empty", "revoked"]
)
def test_a_bad_key_is_a_401_and_saves_nothing(client, api_payload, header):
    _, revoked = catalog_services.partner_key_create(name="Old", partner=PartnerFactory(), scopes=["leads:write"])
    catalog_services.partner_keys_revoke(key_ids=list(PartnerKey.objects.values_list("pk", flat=True)))

    response = post(client, api_payload, Authorization=header.replace("revoked", revoked))

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert not ConsultationRequest.objects.exists()


def test_a_good_key_without_leads_write_is_a_403_and_saves_nothing(client, api_payload):
    response = post(client, api_payload, **partner_key(scopes=("catalog:read", "quotes:read", "quotes:write")))

    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "forbidden",
        "message": "This API key does not have the leads:write scope.",
    }
    assert not ConsultationRequest.objects.exists()


def test_a_partners_push_is_attributed_to_it_and_its_receipt_names_the_lead(client, api_payload, seller):
    response = post(client, api_payload, **partner_key())

    assert response.status_code == 201, response.content
    consultation = ConsultationRequest.objects.select_related("lead", "partner").get()
    assert consultation.partner.name == "MedEquip GmbH" and consultation.lead.partner == consultation.partner
    assert consultation.source == "api" and consultation.lead.owner == seller
    assert response.json()["lead"] == str(consultation.lead.public_id)


def test_an_anonymous_receipt_names_no_lead(client, api_payload):
    response = post(client, api_payload)

    assert response.status_code == 201 and response.json()["lead"] is None
    assert ConsultationRequest.objects.get().partner is None


def test_the_same_idempotency_key_from_two_partners_makes_two_requests(client, api_payload):
    medequip, derma = partner_key("MedEquip GmbH"), partner_key("DermaMarket Ltd")
    key = {"Idempotency-Key": "order-1"}

    first = post(client, api_payload, **medequip, **key)
    second = post(client, api_payload, **derma, **key)
    anonymous = post(client, api_payload, **key)
    replay = post(client, api_payload, **medequip, **key)

    assert first.status_code == second.status_code == anonymous.status_code == 201
    assert len({first.json()["reference"], second.json()["reference"], anonymous.json()["reference"]}) == 3
    assert replay.json() == first.json() and replay["Idempotent-Replayed"] == "true"
    assert ConsultationRequest.objects.count() == 3 and Lead.objects.count() == 3


def test_a_partner_is_limited_per_key_not_by_the_anonymous_per_address_limit(client, api_payload, settings):
    settings.CONSULTATION_RATE_PER_IP = 2
    limited = partner_key("MedEquip GmbH", rate_per_minute=3)
    other = partner_key("DermaMarket Ltd")

    pushes = [post(client, {**api_payload, "email": f"buyer{n}@clinic.example"}, **limited) for n in range(4)]
    others = [post(client, {**api_payload, "email": f"other{n}@clinic.example"}, **other) for n in range(3)]

    assert [r.status_code for r in pushes] == [201, 201, 201, 429]
    assert int(pushes[-1]["Retry-After"]) > 0 and pushes[-1].json()["error"]["code"] == "rate_limited"
    assert [r.status_code for r in others] == [201, 201, 201]


def test_the_anonymous_endpoint_keeps_its_per_address_limit_beside_partner_pushes(client, api_payload, settings):
    settings.CONSULTATION_RATE_PER_IP = 2
    for n in range(3):
        assert post(client, {**api_payload, "email": f"p{n}@clinic.example"}, **partner_key()).status_code == 201

    anonymous = [post(client, {**api_payload, "email": f"a{n}@clinic.example"}) for n in range(3)]

    assert [r.status_code for r in anonymous] == [201, 201, 429]
