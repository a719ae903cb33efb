"""Partner isolation: a partner's key sees and acts on its own leads and quotes only.

Another partner's lead or quote answers exactly like one that does not exist, so its ids can be
neither read nor told apart from missing ones; ids are opaque, so they cannot be guessed in order.
"""

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone
from rest_framework.test import APIClient

from catalog import services as catalog_services
from catalog.api.access import CatalogThrottle
from quotes.models import ConsultationRequest, Lead, Quote, QuoteRevision
from quotes.quoting import drafts, rendering
from quotes.quoting.lines import LineData
from tests.factories import PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

QUOTES = "/api/v1/quotes/"
CONSULTATIONS = "/api/v1/consultations/"
ALL_SCOPES = ["leads:write", "quotes:read", "quotes:write"]


@pytest.fixture(autouse=True)
def _fresh_throttle(monkeypatch, request):
    monkeypatch.setattr(CatalogThrottle, "cache", LocMemCache(f"throttle-{request.node.nodeid}", {}))


def key_client(partner, *scopes) -> APIClient:
    _, plain = catalog_services.partner_key_create(name="Key", partner=partner, scopes=list(scopes or ALL_SCOPES))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {plain}")
    return client


@pytest.fixture
def medequip(db):
    return PartnerFactory(name="MedEquip GmbH")


@pytest.fixture
def dermamarket(db):
    return PartnerFactory(name="DermaMarket Ltd")


def push_lead(client, api_payload, **changes) -> str:
    response = client.post(CONSULTATIONS, {**api_payload, **changes}, format="json")
    assert response.status_code == 201, response.content
    return response.json()["lead"]


def quote_body(lead_id: str) -> dict:
    return {"lead": lead_id, "currency": "USD", "lines": [{"device": "co2-60", "quantity": 1}]}


@pytest.fixture
def medequip_quote(medequip, api_payload, device, seller):
    """MedEquip pushed a lead through the API and quoted it; the quote's PDF is rendered."""
    client = key_client(medequip)
    lead_id = push_lead(client, api_payload)
    response = client.post(QUOTES, quote_body(lead_id), format="json")
    assert response.status_code == 201, response.content
    quote = Quote.objects.get(public_id=response.json()["id"])
    client.post(f"{QUOTES}{quote.public_id}/render/")
    assert rendering.quote_pdf_render(revision_id=quote.revisions.get().pk, task_id="t-1") == "ready"
    return quote


def test_a_partners_pushed_lead_and_its_quote_belong_to_the_partner(medequip, medequip_quote):
    lead = medequip_quote.lead

    assert lead.partner == medequip and medequip_quote.partner == medequip
    assert ConsultationRequest.objects.get().partner == medequip


def test_the_owner_reads_its_quote_pdf_and_renders_it(medequip, medequip_quote):
    client = key_client(medequip)

    detail = client.get(f"{QUOTES}{medequip_quote.public_id}/")
    pdf = client.get(f"{QUOTES}{medequip_quote.public_id}/pdf/")
    render = client.post(f"{QUOTES}{medequip_quote.public_id}/render/")

    assert detail.status_code == 200 and detail.json()["number"] == medequip_quote.number
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert render.status_code == 202


def _missing_and_foreign(client, path: str, method: str, foreign_id: str):
    call = client.get if method == "get" else client.post
    missing_id = str(uuid.uuid4())
    missing = call(path.format(id=missing_id))
    foreign = call(path.format(id=foreign_id))
    return missing, foreign, missing_id


@pytest.mark.parametrize(
    ("path", "method"),
    [(QUOTES + "{id}/", "get"), (QUOTES + "{id}/pdf/", "get"), (QUOTES + "{id}/render/", "post")],
    ids=["detail", "pdf", "render"],
)
@pytest.mark.parametrize("scopes", [ALL_SCOPES, ["quotes:read"], ["quotes:write"]], ids=["all", "read", "write"])
def test_another_partner_gets_the_same_404_for_a_foreign_quote_as_for_a_missing_one(
    dermamarket, medequip_quote, path, method, scopes
):
    client = key_client(dermamarket, *scopes)
    allowed = ("quotes:read" if method == "get" else "quotes:write") in scopes
    foreign_id = str(medequip_quote.public_id)
    revision = medequip_quote.revisions.get()

    missing, foreign, missing_id = _missing_and_foreign(client, path, method, foreign_id)

    if allowed:
        assert missing.status_code == foreign.status_code == 404
        assert foreign.json() == {
            "error": {
                "code": "not_found",
                "message": missing.json()["error"]["message"].replace(missing_id, foreign_id),
            }
        }
    else:
        assert missing.status_code == foreign.status_code == 403
        assert foreign.json() == missing.json()
    assert QuoteRevision.objects.get(pk=revision.pk).pdf_status == "ready"  # the render did nothing
    assert medequip_quote.number not in foreign.content.decode()


def test_another_partner_cannot_quote_on_a_foreign_lead_and_learns_nothing_of_it(dermamarket, medequip_quote):
    client = key_client(dermamarket)
    foreign_id = str(medequip_quote.lead.public_id)
    missing_id = str(uuid.uuid4())

    missing = client.post(QUOTES, quote_body(missing_id), format="json")
    foreign = client.post(QUOTES, quote_body(foreign_id), format="json")

    assert missing.status_code == foreign.status_code == 400
    assert foreign.json()["error"]["fields"] == {"lead": [f"No lead with the id {foreign_id}."]}
    assert missing.json()["error"]["fields"] == {"lead": [f"No lead with the id {missing_id}."]}
    assert Quote.objects.count() == 1


def test_a_partner_key_cannot_reach_the_vendors_own_leads_and_quotes(medequip, lead, co2, seller):
    """A lead from the website form (no partner) and its quote are staff's only."""
    data = drafts.QuoteData(valid_until=timezone.localdate() + timedelta(days=10))
    own = drafts.quote_create(lead=lead, actor=seller, data=data, lines=[LineData(device=co2)])
    client = key_client(medequip)

    assert client.get(f"{QUOTES}{own.public_id}/").status_code == 404
    assert client.post(f"{QUOTES}{own.public_id}/render/").status_code == 404
    body = {**quote_body(str(lead.public_id)), "lines": [{"device": co2.slug}]}
    refused = client.post(QUOTES, body, format="json")
    assert refused.status_code == 400 and list(refused.json()["error"]["fields"]) == ["lead"]


def test_staff_in_sales_see_every_partners_quotes_and_other_staff_follow_their_groups(medequip_quote):
    sales, editor = UserFactory(is_staff=True), UserFactory(is_staff=True)
    sales.groups.add(Group.objects.get(name="Sales"))
    editor.groups.add(Group.objects.get(name="Catalog editors"))
    answers = {}
    for name, user in [("sales", sales), ("editor", editor)]:
        client = APIClient()
        client.force_login(user)
        answers[name] = client.get(f"{QUOTES}{medequip_quote.public_id}/").status_code

    assert answers == {"sales": 200, "editor": 403}


def test_anonymous_callers_are_asked_for_credentials_before_any_lookup(medequip_quote):
    client = APIClient()

    for response in [
        client.get(f"{QUOTES}{medequip_quote.public_id}/"),
        client.get(f"{QUOTES}{uuid.uuid4()}/"),
        client.post(f"{QUOTES}{medequip_quote.public_id}/render/"),
        client.post(QUOTES, quote_body(str(medequip_quote.lead.public_id)), format="json"),
    ]:
        assert response.status_code == 401


def test_ids_are_opaque_so_neighbours_cannot_be_guessed(medequip, dermamarket, api_payload, device, seller):
    first = push_lead(key_client(medequip), api_payload, email="one@clinic.example")
    second = push_lead(key_client(dermamarket), api_payload, email="two@clinic.example")

    leads = Lead.objects.order_by("pk")
    assert [str(lead.public_id) for lead in leads] == [first, second]
    assert all(uuid.UUID(value).version == 4 for value in (first, second))
    assert str(leads[0].pk) not in (first, second)


def test_the_same_contact_pushed_by_two_partners_and_the_website_makes_three_leads(
    client, medequip, dermamarket, api_payload, device, seller
):
    website = client.post(CONSULTATIONS, api_payload, content_type="application/json")
    first = push_lead(key_client(medequip), api_payload)
    again = push_lead(key_client(medequip), api_payload, message="A second question.")
    other = push_lead(key_client(dermamarket), api_payload)

    assert website.status_code == 201 and website.json()["lead"] is None
    assert first == again != other
    assert Lead.objects.filter(partner=None).count() == 1
    assert {lead.partner for lead in Lead.objects.exclude(partner=None)} == {medequip, dermamarket}
