"""A clinic buyer's path through the catalog, at phone and desktop widths."""

import re

import pytest
from django.core.management import call_command

from catalog.models import Device, Family

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_catalog(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_catalog", verbosity=0)


@pytest.mark.parametrize("width", [390, 1280])
def test_buyer_goes_from_home_to_a_filtered_family_to_a_device_to_compare(
    live_server, demo_catalog, page_at, screenshot, width
):
    family = Family.objects.get(slug="fractional-co2-laser")
    co2 = list(Device.objects.published().filter(family=family).order_by("name"))
    assert len(co2) >= 2
    page = page_at(width)

    # Home: the families and featured devices.
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).is_visible()
    screenshot(page, f"home-{width}")

    # Family page from the home page's family grid.
    page.get_by_role("link", name=re.compile(family.name)).first.click()
    page.wait_for_url(f"**{family.get_absolute_url()}")
    assert page.get_by_role("heading", level=1, name=family.name).is_visible()
    all_count = page.locator(".device-card").count()
    assert all_count == len(co2)
    screenshot(page, f"family-{width}")

    # Filter: laser power at least 50 W keeps only the stronger models.
    if width < 1040:
        page.locator("#filters-title").click()  # the filter panel is folded on phones
    page.locator('input[name="power_min"]').fill("50")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r"power_min=50"))
    strong = [d for d in co2 if d.spec_values.get(definition__key="power").value_number >= 50]
    assert 0 < len(strong) < len(co2)
    assert page.locator(".device-card").count() == len(strong)
    screenshot(page, f"family-filtered-{width}")

    # Device page.
    device = strong[0]
    page.get_by_role("link", name=device.name).first.click()
    page.wait_for_url(f"**{device.get_absolute_url()}")
    assert page.get_by_role("heading", level=1, name=device.name).is_visible()
    assert page.get_by_role("link", name="Request a quote").is_visible()
    assert page.get_by_role("table").first.is_visible()
    screenshot(page, f"device-{width}")

    # Compare from the device page, then add a second device with the picker.
    page.get_by_role("link", name="Compare", exact=True).last.click()
    page.wait_for_url(re.compile(r"/compare/\?d="))
    other = next(d for d in co2 if d.pk != device.pk)
    page.get_by_label("Add a device").select_option(other.slug)
    page.get_by_role("button", name="Add").click()
    page.wait_for_url(re.compile(rf"d={other.slug}"))
    header = page.locator(".compare-table thead")
    assert device.name in header.inner_text() and other.name in header.inner_text()
    assert page.locator(".compare-table tr.differs").count() >= 1
    screenshot(page, f"compare-{width}")


def test_compare_checkboxes_on_the_family_page_open_a_comparison(live_server, demo_catalog, page_at):
    family = Family.objects.get(slug="fractional-co2-laser")
    page = page_at(1280)
    page.goto(live_server.url + family.get_absolute_url())

    boxes = page.locator('input[name="d"][form="compare-form"]')
    boxes.nth(0).check()
    boxes.nth(1).check()
    page.get_by_role("button", name="Compare selected").click()

    page.wait_for_url(re.compile(r"/compare/\?d=.+&d=.+"))
    assert page.locator(".compare-table thead th").count() == 2


def test_404_page_looks_like_the_site(live_server, page_at, screenshot):
    page = page_at(390)
    response = page.goto(live_server.url + "/devices/no-such-device/")
    assert response.status == 404
    assert page.get_by_role("heading", name="We could not find that page").is_visible()
    screenshot(page, "404-390")
