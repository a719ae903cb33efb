"""PUBLIC_PRICES: one price policy for the pages, compare, search and the API, honoured by the page cache."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from catalog import services
from tests.catalog.api.conftest import keyed
from tests.catalog.test_admin import staff
from tests.factories import DeviceFactory, DeviceOptionFactory, PartnerFactory, PriceTierFactory

pytestmark = pytest.mark.django_db

PRICES = ["USD 24,900", "USD 23,500", "+USD 2,400", "USD 9,000"]


@pytest.fixture
def api():
    return APIClient()


def key(*scopes) -> str:
    return services.partner_key_create(name="Key", partner=PartnerFactory(), scopes=list(scopes))[1]


@pytest.fixture
def priced(laser_family):
    device = DeviceFactory(family=laser_family, name="Dear laser", slug="dear", list_price=Decimal("24900"))
    PriceTierFactory(device=device, min_quantity=3, unit_price=Decimal("23500"))
    DeviceOptionFactory(device=device, name="Gynecology handpiece", price_delta=Decimal("2400"))
    DeviceOptionFactory(device=device, name="Goggles", price_delta=Decimal("0"), included=True)
    DeviceFactory(family=laser_family, name="Cheap laser", slug="cheap", list_price=Decimal("9000"))
    cache.clear()
    return device


def pages(client, device) -> dict[str, str]:
    urls = {
        "device": device.get_absolute_url(),
        "family": device.family.get_absolute_url(),
        "all devices": "/devices/",
        "compare": "/compare/?d=dear&d=cheap",
        "search": "/search/?q=laser",
        "home": "/",
    }
    return {name: client.get(url).content.decode() for name, url in urls.items()}


def test_without_public_prices_no_page_shows_a_price_to_a_visitor(client, priced, settings):
    settings.PUBLIC_PRICES = False

    for name, html in pages(client, priced).items():
        assert not any(price in html for price in PRICES), name
    device_page = client.get(priced.get_absolute_url()).content.decode()
    assert "Price on request" in device_page and "Included" in device_page
    assert "Price: low to high" not in client.get(priced.family.get_absolute_url()).content.decode()
    sorted_by_price = client.get(priced.family.get_absolute_url(), {"sort": "price"})
    assert sorted_by_price.status_code == 200
    assert [d.name for d in sorted_by_price.context["devices"]] == ["Cheap laser", "Dear laser"]  # by name


def test_without_public_prices_the_api_shows_prices_only_to_prices_read(api, priced, settings):
    settings.PUBLIC_PRICES = False
    reader, pricer = key("catalog:read"), key("catalog:read", "prices:read")

    assert api.get("/api/v1/devices/dear/").json()["price"] is None
    assert api.get("/api/v1/devices/dear/", **keyed(reader)).json()["price"] is None
    assert api.get("/api/v1/devices/dear/", **keyed(pricer)).json()["price"]["list_price"] == "24900.00"


def test_with_public_prices_every_page_and_every_api_caller_sees_them(client, api, priced, settings):
    settings.PUBLIC_PRICES = True
    reader = key("catalog:read")
    html = pages(client, priced)

    assert "USD 24,900" in html["device"] and "3+ units USD 23,500 each" in html["device"]
    assert "+USD 2,400" in html["device"]
    assert "USD 24,900" in html["family"] and "USD 9,000" in html["all devices"]
    assert "USD 24,900" in html["compare"] and "USD 9,000" in html["compare"]
    assert "Price: low to high" in html["family"]
    assert api.get("/api/v1/devices/dear/").json()["price"]["list_price"] == "24900.00"
    assert api.get("/api/v1/devices/dear/", **keyed(reader)).json()["price"]["list_price"] == "24900.00"


def test_the_page_cache_never_serves_a_copy_made_under_the_other_policy(client, priced, settings):
    settings.PUBLIC_PRICES = True
    assert "USD 24,900" in client.get(priced.get_absolute_url()).content.decode()

    settings.PUBLIC_PRICES = False

    assert "USD 24,900" not in client.get(priced.get_absolute_url()).content.decode()
    assert "USD 24,900" not in client.get(priced.family.get_absolute_url()).content.decode()
    settings.PUBLIC_PRICES = True
    assert "USD 24,900" in client.get(priced.family.get_absolute_url()).content.decode()


def test_staff_who_may_view_devices_see_prices_on_pages_as_in_the_api(client, priced, settings):
    settings.PUBLIC_PRICES = False
    staff(client, "Catalog editors")

    assert "USD 24,900" in client.get(priced.get_absolute_url()).content.decode()
    assert "USD 24,900" in client.get("/compare/?d=dear&d=cheap").content.decode()
    assert client.get("/api/v1/devices/dear/").json()["price"]["list_price"] == "24900.00"


def test_without_public_prices_the_all_devices_filters_neither_offer_nor_apply_a_price(client, priced, settings):
    settings.PUBLIC_PRICES = False

    page = client.get("/devices/", {"price_min": "20000", "sort": "-price"})

    assert "List price" not in page.content.decode() and "Price: high to low" not in page.content.decode()
    assert {d.name for d in page.context["devices"]} >= {"Cheap laser", "Dear laser"}  # a price filter tells nothing


def test_with_public_prices_the_all_devices_page_filters_by_price(client, priced, settings):
    settings.PUBLIC_PRICES = True

    page = client.get("/devices/", {"price_min": "20000"})

    assert "List price" in page.content.decode()
    assert [d.name for d in page.context["devices"]] == ["Dear laser"]
