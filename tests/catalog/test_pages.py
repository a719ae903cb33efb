"""Catalog pages read stored documents: constant queries from 1 to N full devices, pagination, the page cache."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from catalog import search, selectors, services
from catalog.models import Device
from tests.factories import (
    ArticleFactory,
    CertificationFactory,
    DeviceFactory,
    DeviceImageFactory,
    DeviceOptionFactory,
    PriceTierFactory,
    TreatmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cold_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def acne(db):
    return TreatmentFactory(name="Acne scars", slug="acne-scars")


def full_devices(family, treatment, count, *, start=0):
    """Devices with every related row a page can show: specs, option, certificate, image, tier, treatment, guide."""
    made = []
    for i in range(start, start + count):
        device = DeviceFactory(
            family=family,
            name=f"Laser {i:03d}",
            featured=True,
            treatments=[treatment],
            specs={"power": 30 + i, "wavelength": ["10600"], "cooling": True},
        )
        DeviceOptionFactory(device=device)
        CertificationFactory(device=device)
        DeviceImageFactory(device=device)
        PriceTierFactory(device=device)
        ArticleFactory(devices=[device], treatments=[treatment], families=[family], title=f"Guide {i:03d}")
        # The model it replaced: discontinued, pointing to it.
        DeviceFactory(
            family=family,
            name=f"Old laser {i:03d}",
            status=Device.Status.DISCONTINUED,
            successor=device,
            treatments=[treatment],
        )
        made.append(device)
    search.search_refresh_all()
    return made


def queries(client, url, **params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


PAGES = [
    ("home", lambda d: reverse("catalog:home"), {}),
    ("all devices", lambda d: reverse("catalog:family-list"), {}),
    (
        "all devices filtered across families",
        lambda d: reverse("catalog:family-list"),
        {"treatment": "acne-scars", "cert": "ce_mdr", "skin_type": ["2", "4"], "price_max": "90000", "sort": "-price"},
    ),
    ("discontinued device with a successor", lambda d: d.predecessors.get().get_absolute_url(), {}),
    ("legal page", lambda d: reverse("catalog:legal-page", args=["privacy"]), {}),
    ("sitemap", lambda d: reverse("sitemap"), {}),
    ("family", lambda d: d.family.get_absolute_url(), {}),
    ("family filtered and sorted", lambda d: d.family.get_absolute_url(), {"power_min": "10", "sort": "-price"}),
    ("device", lambda d: d.get_absolute_url(), {}),
    ("treatment", lambda d: reverse("catalog:treatment-detail", args=["acne-scars"]), {}),
    ("search", lambda d: reverse("catalog:search"), {"q": "laser"}),
    ("guide", lambda d: d.articles.get().get_absolute_url(), {}),
    ("guides", lambda d: reverse("catalog:article-list"), {}),
    ("compare", lambda d: f"{reverse('catalog:compare')}?d={d.slug}", {}),
]


@pytest.mark.parametrize(("url", "params"), [p[1:] for p in PAGES], ids=[p[0] for p in PAGES])
def test_every_page_costs_the_same_queries_with_one_or_many_fully_described_devices(
    client, laser_family, acne, url, params
):
    (first,) = full_devices(laser_family, acne, 1)
    ArticleFactory(treatments=[acne], families=[laser_family])  # so even one guide has a related guide
    with_one = queries(client, url(first), **params)
    cache.clear()

    full_devices(laser_family, acne, 7, start=1)
    with_many = queries(client, url(first), **params)

    assert with_many == with_one


def test_a_device_page_with_six_guides_costs_what_one_with_a_guide_costs(client, laser_family, acne):
    (device,) = full_devices(laser_family, acne, 1)
    one_guide = queries(client, device.get_absolute_url())
    cache.clear()

    for i in range(5):
        ArticleFactory(devices=[device], treatments=[acne, TreatmentFactory()], title=f"More {i}")
    six_guides = queries(client, device.get_absolute_url())

    assert six_guides == one_guide
    assert client.get(device.get_absolute_url()).content.decode().count('class="card article-card"') == 6


def test_a_device_page_is_cached_until_anything_it_shows_changes(client, laser_family, acne):
    (device,) = full_devices(laser_family, acne, 1)
    cold = queries(client, device.get_absolute_url())
    warm = queries(client, device.get_absolute_url())

    services.device_set_spec_values(device=device, values={"power": "77 W"})
    changed = client.get(device.get_absolute_url()).content.decode()
    retitled = device.articles.get()
    retitled.title = "Renamed guide"
    retitled.save()
    services.article_changed(article_id=retitled.pk)

    assert warm < cold
    assert "77\u00a0W" in changed
    assert "Renamed guide" in client.get(device.get_absolute_url()).content.decode()


def test_the_family_page_paginates_and_keeps_filters_and_sorting_in_the_page_links(client, laser_family, acne):
    full_devices(laser_family, acne, selectors.DEVICES_PER_PAGE + 2)
    url = laser_family.get_absolute_url()

    first = client.get(url, {"power_min": "30", "sort": "name"})
    second = client.get(url, {"power_min": "30", "sort": "name", "page": "2"})

    assert first.context["device_count"] == selectors.DEVICES_PER_PAGE + 2
    assert len(first.context["devices"]) == selectors.DEVICES_PER_PAGE
    assert [d.name for d in second.context["devices"]] == ["Laser 024", "Laser 025"]
    body = first.content.decode()
    assert f"{selectors.DEVICES_PER_PAGE + 2} devices" in body
    assert "?power_min=30&amp;sort=name&amp;page=2" in body
    assert client.get(url, {"page": "99"}).context["page"].number == 2


def test_the_all_devices_page_paginates_with_a_count(client, laser_family, acne):
    full_devices(laser_family, acne, selectors.DEVICES_PER_PAGE + 1)

    response = client.get(reverse("catalog:family-list"), {"page": "2"})

    assert response.context["device_count"] == selectors.DEVICES_PER_PAGE + 1
    assert [d.name for d in response.context["devices"]] == ["Laser 024"]
    assert "?page=1" in response.content.decode()


def test_search_results_page_through_devices(client, laser_family, acne):
    full_devices(laser_family, acne, 22)

    first = client.get(reverse("catalog:search"), {"q": "laser"})
    second = client.get(reverse("catalog:search"), {"q": "laser", "page": "2"})

    assert len(first.context["device_page"].object_list) == 20
    assert len(second.context["device_page"].object_list) == 2
    assert "?q=laser&amp;page=2" in first.content.decode()


def test_cards_come_from_the_stored_documents(client, laser_family, acne, settings):
    settings.PUBLIC_PRICES = True
    (device,) = full_devices(laser_family, acne, 1)

    body = client.get(laser_family.get_absolute_url()).content.decode()

    assert device.name in body and "Laser power" in body and "USD 10,000" in body
