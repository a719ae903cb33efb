"""The bench's data generator and reference endpoint, on a small catalog (timing stays out of the suite)."""

import pytest
from django.db import connection
from django.db.models import Count
from rest_framework.test import APIClient

from bench.generate import catalog_generate, family_sizes
from catalog.models import Device, Family
from tests.factories import DeviceFactory

# The generator writes with PostgreSQL's COPY: the bench runs on PostgreSQL only.
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the bench generator needs PostgreSQL")


def all_ids(api, url):
    ids = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        ids += [item["id"] for item in page["results"]]
        url = page["next"]
    return ids


def test_family_sizes_add_up_with_one_large_and_one_small_family():
    assert family_sizes(20_000) == [3336, 30, 3327, 3327, 3327, 3327, 3326]
    for devices in (50, 999, 20_000, 100_000):
        sizes = family_sizes(devices)
        assert sum(sizes) == devices
        assert sizes[1] == min(sizes)


@postgres_only
@pytest.mark.django_db
def test_every_generated_device_has_its_specs_option_certification_treatment_tier_and_image():
    generated = catalog_generate(devices=50)

    devices = Device.objects.annotate(
        specs=Count("spec_values", distinct=True),
        options_count=Count("options", distinct=True),
        certifications_count=Count("certifications", distinct=True),
        treatments_count=Count("treatments", distinct=True),
        tiers=Count("price_tiers", distinct=True),
        images_count=Count("images", distinct=True),
    )
    assert generated.devices == devices.count() == 50
    assert {d.specs for d in devices} == {8, 9}
    for counted in ("options_count", "certifications_count", "treatments_count", "tiers", "images_count"):
        assert {getattr(d, counted) for d in devices} == {1}
    assert Device.articles.through.objects.exists()
    sizes = dict(Family.objects.annotate(n=Count("devices")).values_list("slug", "n"))
    assert sizes == generated.families
    assert sizes[generated.large_family] == max(sizes.values())
    assert sizes[generated.small_family] == min(sizes.values())


@postgres_only
@pytest.mark.django_db
def test_the_api_lists_every_generated_device_at_once(settings):
    """Change times lie in the past, so nothing waits behind the sync horizon."""
    catalog_generate(devices=50)

    assert len(all_ids(APIClient(), "/api/v1/devices/?page_size=20")) == 50


@postgres_only
@pytest.mark.django_db
def test_the_reference_endpoint_serves_the_same_devices_in_the_same_order(settings):
    settings.ROOT_URLCONF = "bench.urls"
    catalog_generate(devices=50)
    api = APIClient()

    reference = all_ids(api, "/bench/reference/devices/?page_size=20")

    assert reference == all_ids(api, "/api/v1/devices/?page_size=20")
    detail = api.get(f"/bench/reference/devices/{Device.objects.first().slug}/").json()
    assert {"specs", "options", "price_tiers", "certifications", "treatments", "list_price"} <= set(detail)


@postgres_only
@pytest.mark.django_db
def test_the_generator_refuses_a_catalog_that_has_devices_and_writes_nothing():
    DeviceFactory()

    with pytest.raises(RuntimeError, match="empty catalog"):
        catalog_generate(devices=50)

    assert Device.objects.count() == 1
