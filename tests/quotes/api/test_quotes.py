"""/api/v1/quotes/: create, render, status, PDF; one error shape; staff sessions and partner keys."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.cache.backends.locmem import LocMemCache
from django.utils import timezone
from rest_framework.test import APIClient

from catalog import services as catalog_services
from catalog.api.access import CatalogThrottle
from catalog.counters import CacheCounter
from catalog.roles import CATALOG_EDITORS
from quotes.models import Activity, Lead, Quote, QuoteRevision
from quotes.quoting import drafts, rendering
from quotes.quoting.lines import LineData, quote_totals
from tests.factories import (
    DeviceFactory,
    DeviceOptionFactory,
    LeadFactory,
    PartnerFactory,
    PriceTierFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


D = Decimal


URL = "/api/v1/quotes/"


@pytest.fixture(autouse=True)
def _fresh_throttle(monkeypatch, request):
    # Throttle counters afresh in every test, whatever the cache is.
    monkeypatch.setattr(CatalogThrottle, "counter", CacheCounter(LocMemCache(f"throttle-{request.node.nodeid}", {})))


@pytest.fixture
def co2(db):
    device = DeviceFactory(
        name="Fractional CO2 Laser FX-60", slug="co2-60", sku="HC-CO2-60", list_price=D("23500"), currency="USD"
    )
    PriceTierFactory(device=device, min_quantity=3, unit_price=D("22300"))
    DeviceOptionFactory(device=device, name="Gynecology handpiece", slug="gyn", price_delta=D("2600"))
    DeviceOptionFactory(device=device, name="Goggles", slug="goggles", price_delta=D("0"), included=True)
    return device


@pytest.fixture
def staff(seller):
    client = APIClient()
    client.force_login(seller)
    return client


def keyed(*scopes, partner=None) -> APIClient:
    """A client with a key of `partner` (by default the Partner GmbH that owns the `partner_lead`)."""
    partner = partner or PartnerFactory(name="Partner GmbH")
    _, plain = catalog_services.partner_key_create(name="Key", partner=partner, scopes=list(scopes))
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Api-Key {plain}")
    return client


def owned_by_partner(lead, *quotes, name="Partner GmbH"):
    """Give the lead (and its quotes) to a partner, as when the partner pushed the lead in."""
    partner = PartnerFactory(name=name)
    Lead.objects.filter(pk=lead.pk).update(partner=partner)
    Quote.objects.filter(pk__in=[q.pk for q in quotes]).update(partner=partner)
    lead.partner = partner
    return partner


def payload(for_lead, **overrides):
    return {
        "lead": str(for_lead.public_id),
        "currency": "USD",
        "incoterm": "CIF",
        "incoterm_place": "Valencia",
        "freight": "1450",
        "tax_rate": "21",
        "notes": "Training included.",
        "lines": [{"device": "co2-60", "options": ["gyn", "goggles"], "quantity": 3, "discount_percent": "5"}],
    } | overrides


def create(client, body):
    return client.post(URL, body, format="json")


def test_create_answers_201_with_the_quote_its_lines_and_the_pricing_modules_totals(staff, lead, co2, seller):
    response = create(staff, payload(lead))

    assert response.status_code == 201, response.content
    quote = Quote.objects.get()
    body = response.json()
    assert body["id"] == str(quote.public_id) and body["number"] == quote.number and body["revision"] == 1
    assert body["lead"] == str(lead.public_id)
    assert body["status"] == "draft" and body["currency"] == "USD" and body["pdf_status"] is None
    assert response["Location"].endswith(f"/api/v1/quotes/{quote.public_id}/")
    totals = quote_totals(quote=quote)
    assert body["totals"] == {
        "subtotal_gross": "74700.00",
        "discount": "3735.00",
        "subtotal": "70965.00",
        "freight": "1450.00",
        "tax_rate_percent": "21.00",
        "tax": "15207.15",
        "total": "87622.15",
    }
    assert D(body["totals"]["total"]) == totals.total and D(body["totals"]["tax"]) == totals.tax
    (line,) = body["lines"]
    assert line["device"] == "co2-60" and line["device_name"] == "Fractional CO2 Laser FX-60"
    assert sorted(o["slug"] for o in line["options"]) == ["goggles", "gyn"]
    assert (line["quantity"], line["unit_price"], line["discount"], line["net"]) == (
        3,
        "24900.00",
        "3735.00",
        "70965.00",
    )
    assert D(line["net"]) == totals.lines[0].net
    assert body["links"]["render"].endswith(f"/api/v1/quotes/{quote.public_id}/render/")
    assert quote.owner == seller and quote.valid_until == timezone.localdate() + timedelta(days=30)


def test_a_manual_price_is_recorded_and_defaults_fill_the_rest(staff, lead, co2, seller):
    body = payload(lead, lines=[{"device": "co2-60", "unit_price": "20000", "price_reason": "Launch"}])
    for name in ["currency", "incoterm", "incoterm_place", "freight", "tax_rate", "notes"]:
        del body[name]

    response = create(staff, body)

    assert response.status_code == 201, response.content
    line = Quote.objects.get().lines.get()
    assert (line.unit_price_override, line.override_reason, line.override_by) == (D("20000"), "Launch", seller)
    assert response.json()["totals"]["total"] == "20000.00" and response.json()["incoterm"] == "FOB"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"lead": 999999}, "lead"),
        ({"lead": "x"}, "lead"),
        ({"lead": "3f0c9b1e-8d4a-4c1f-9a57-2b6e0d81c4aa"}, "lead"),
        ({"lines": [{"device": "no-such-device"}]}, "lines"),
        ({"lines": [{"device": "co2-60", "options": ["no-such-option"]}]}, "lines"),
        ({"lines": [{"device": "co2-60", "options": ["other-device-option"]}]}, "lines"),
        ({"lines": [{"device": "co2-60", "quantity": 0}]}, "lines"),
        ({"lines": [{"device": "co2-60", "quantity": "many"}]}, "lines"),
        ({"lines": [{"device": "co2-60", "discount_percent": "101"}]}, "lines"),
        ({"lines": [{"device": "co2-60", "unit_price": "-1"}]}, "lines"),
        ({"lines": [{"device": "co2-60", "discount_percent": "NaN"}]}, "lines"),
        ({"lines": []}, "lines"),
        ({"lines": "co2-60"}, "lines"),
        ({"freight": "-5"}, "freight"),
        ({"freight": "1e30"}, "freight"),
        ({"tax_rate": "abc"}, "tax_rate"),
        ({"currency": "XYZ"}, "currency"),
        ({"currency": "XXX"}, "currency"),  # ISO's "no currency"
        ({"currency": "JPY"}, "currency"),  # a real currency the vendor does not quote in
        ({"currency": "EUR"}, "lines"),  # the device is listed in USD: a price in EUR must be given
        ({"incoterm": "XXX"}, "incoterm"),
        ({"valid_until": "2001-01-01"}, "valid_until"),
        ({"valid_until": "not a date"}, "valid_until"),
        ({"notes": "x" * 2001}, "notes"),
    ],
)
def test_bad_input_answers_400_naming_the_field_and_saves_nothing(staff, lead, co2, change, field):
    DeviceOptionFactory(slug="other-device-option")
    response = create(staff, payload(lead, **change))

    assert response.status_code == 400, response.content
    error = response.json()["error"]
    assert error["code"] == "invalid" and field in error["fields"], error
    assert Quote.objects.count() == 0


def test_line_errors_say_which_line(staff, lead, co2):
    lines = [{"device": "co2-60"}, {"device": "co2-60", "quantity": 0}, {"device": "co2-60", "options": ["nope"]}]
    fields = create(staff, payload(lead, lines=lines)).json()["error"]["fields"]
    assert fields["lines"][0].startswith("Line 2: quantity:")

    fields = create(staff, payload(lead, lines=lines[:1] + lines[2:])).json()["error"]["fields"]
    assert fields["lines"] == ["Line 2: “nope” is not an option of Fractional CO2 Laser FX-60."]


def test_a_body_that_is_not_an_object_is_a_400(staff, lead, co2):
    assert staff.post(URL, [1, 2], format="json").status_code == 400
    assert staff.post(URL, "{not json", content_type="application/json").status_code == 400
    assert Quote.objects.count() == 0


def test_a_closed_lead_answers_409_and_saves_nothing(staff, seller, co2):
    closed = LeadFactory(owner=seller, status=Lead.Status.LOST, lost_reason="price")

    response = create(staff, payload(closed))

    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict" and "reopen" in response.json()["error"]["message"]
    assert Quote.objects.count() == 0


def test_render_answers_202_at_once_and_queues_the_worker(
    staff, lead, co2, dispatched, django_capture_on_commit_callbacks
):
    quote_id = create(staff, payload(lead)).json()["id"]

    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(f"{URL}{quote_id}/render/")

    revision = QuoteRevision.objects.get(quote__public_id=quote_id)
    assert response.status_code == 202
    assert response.json() == {"pdf_status": "queued", "status_url": f"http://testserver{URL}{quote_id}/"}
    assert response["Location"] == f"http://testserver{URL}{quote_id}/"
    assert dispatched.of("quote_pdf_render_task") == [revision.pk]
    assert staff.get(f"{URL}{quote_id}/").json()["pdf_status"] == "queued"


def test_the_detail_carries_the_failure_reason_and_a_new_render_retries(
    staff, lead, co2, dispatched, django_capture_on_commit_callbacks
):
    quote_id = create(staff, payload(lead)).json()["id"]
    staff.post(f"{URL}{quote_id}/render/")
    revision = QuoteRevision.objects.get(quote__public_id=quote_id)
    rendering.quote_pdf_fail(revision_id=revision.pk, error="The template could not be read.")

    body = staff.get(f"{URL}{quote_id}/").json()
    assert body["pdf_status"] == "failed" and body["pdf_error"] == "The template could not be read."
    assert body["revisions"] == [
        {
            "number": 1,
            "sent_at": None,
            "pdf_status": "failed",
            "pdf_error": "The template could not be read.",
            "pdf_url": None,
        }
    ]
    pdf = staff.get(f"{URL}{quote_id}/pdf/")
    assert pdf.status_code == 409 and pdf.json()["pdf_status"] == "failed"
    assert "could not be rendered: The template could not be read." in pdf.json()["error"]["message"]

    with django_capture_on_commit_callbacks(execute=True):
        again = staff.post(f"{URL}{quote_id}/render/")
    assert again.status_code == 202 and again.json()["pdf_status"] == "queued"
    assert staff.get(f"{URL}{quote_id}/").json()["pdf_error"] == ""


def test_the_pdf_answers_409_before_it_is_ready_and_the_pdf_after(staff, lead, co2):
    quote_id = create(staff, payload(lead)).json()["id"]

    before = staff.get(f"{URL}{quote_id}/pdf/")
    assert before.status_code == 409
    assert before.json()["error"]["code"] == "pdf_not_ready" and before.json()["pdf_status"] is None

    staff.post(f"{URL}{quote_id}/render/")
    queued_answer = staff.get(f"{URL}{quote_id}/pdf/", HTTP_ACCEPT="application/pdf")
    assert queued_answer.status_code == 409 and queued_answer.json()["pdf_status"] == "queued"

    revision = QuoteRevision.objects.get(quote__public_id=quote_id)
    assert rendering.quote_pdf_render(revision_id=revision.pk, task_id="t-1") == "ready"

    response = staff.get(f"{URL}{quote_id}/pdf/", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    detail = staff.get(f"{URL}{quote_id}/").json()
    assert detail["pdf_status"] == "ready"
    assert detail["revisions"][0]["pdf_url"] == f"http://testserver{URL}{quote_id}/pdf/?revision=1"
    assert staff.get(f"{URL}{quote_id}/pdf/?revision=1").status_code == 200
    assert staff.get(f"{URL}{quote_id}/pdf/?revision=2").status_code == 404
    assert staff.get(f"{URL}{quote_id}/pdf/?revision=x").status_code == 400


@pytest.mark.parametrize("quote_id", ["9999", "3f0c9b1e-8d4a-4c1f-9a57-2b6e0d81c4aa", "x" * 300])
def test_unknown_quotes_are_404_in_the_house_shape(staff, quote_id):
    for response in [
        staff.get(f"{URL}{quote_id}/"),
        staff.post(f"{URL}{quote_id}/render/"),
        staff.get(f"{URL}{quote_id}/pdf/"),
    ]:
        assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"


@pytest.fixture
def existing(lead, co2, seller):
    return drafts.quote_create(
        lead=lead,
        actor=seller,
        data=drafts.QuoteData(valid_until=timezone.localdate() + timedelta(days=10)),
        lines=[LineData(device=co2)],
    )


@pytest.mark.parametrize(
    ("who", "read", "write"),
    [
        ("anonymous", 401, 401),
        ("key without a quotes scope", 403, 403),
        ("key with quotes:read", 200, 403),
        ("key with quotes:write", 403, 201),
        ("key with both", 200, 201),
        ("sales", 200, 201),
        ("catalog editor", 403, 403),
        ("staff without permissions", 403, 403),
    ],
)
def test_who_may_read_and_write_quotes(who, read, write, existing, lead, co2):
    owned_by_partner(lead, existing)
    clients = {
        "anonymous": APIClient,
        "key without a quotes scope": lambda: keyed("catalog:read", "prices:read"),
        "key with quotes:read": lambda: keyed("quotes:read"),
        "key with quotes:write": lambda: keyed("quotes:write"),
        "key with both": lambda: keyed("quotes:read", "quotes:write"),
    }
    if who in clients:
        client = clients[who]()
    else:
        user = UserFactory(is_staff=True)
        if who == "sales":
            user.groups.add(Group.objects.get(name="Sales"))
        elif who == "catalog editor":
            user.groups.add(Group.objects.get(name=CATALOG_EDITORS))
        client = APIClient()
        client.force_login(user)

    reads = [client.get(f"{URL}{existing.public_id}/"), client.get(f"{URL}{existing.public_id}/pdf/")]
    writes = [create(client, payload(lead))]
    render = client.post(f"{URL}{existing.public_id}/render/")

    assert [r.status_code for r in reads] == [read, 409 if read == 200 else read]
    assert writes[0].status_code == write
    assert render.status_code == (202 if write == 201 else write)
    if read == 401:
        assert reads[0]["WWW-Authenticate"].startswith("Api-Key")
    if read in (401, 403):
        assert reads[0].json()["error"]["code"] in ("unauthenticated", "forbidden")
    assert Quote.objects.count() == (2 if write == 201 else 1)


def test_a_key_created_quote_is_recorded_as_the_lead_owners_and_belongs_to_the_partner(lead, co2, seller):
    partner = owned_by_partner(lead)

    response = create(keyed("quotes:write"), payload(lead))

    assert response.status_code == 201
    quote = Quote.objects.get()
    assert quote.owner == seller and quote.partner == partner
    assert Activity.objects.get(lead=lead, kind=Activity.Kind.QUOTE).actor == seller


def test_an_invalid_key_is_refused_not_downgraded(lead, co2):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Api-Key nope.nope")
    assert create(client, payload(lead)).status_code == 401


def test_a_staff_session_must_send_its_csrf_token(seller, lead, co2):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(seller)

    response = create(client, payload(lead))

    assert response.status_code == 403 and "CSRF" in response.json()["error"]["message"]
    assert Quote.objects.count() == 0


def test_the_detail_costs_the_same_queries_for_one_line_or_twenty(staff, lead, co2, django_assert_max_num_queries):
    few = create(staff, payload(lead)).json()["id"]
    others = [DeviceFactory(list_price=D("1000")) for _ in range(5)]
    for device in others:
        DeviceOptionFactory(device=device, slug="handpiece")
        PriceTierFactory(device=device, min_quantity=2, unit_price=D("900"))
    lines = [{"device": device.slug, "options": ["handpiece"], "quantity": 2} for device in others for _ in range(4)]
    many = create(staff, payload(lead, lines=lines)).json()["id"]
    staff.post(f"{URL}{many}/render/")
    staff.post(f"{URL}{few}/render/")

    with django_assert_max_num_queries(9) as one:
        assert len(staff.get(f"{URL}{few}/").json()["lines"]) == 1
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(staff.get(f"{URL}{many}/").json()["lines"]) == 20
