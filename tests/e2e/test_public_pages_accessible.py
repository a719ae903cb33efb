"""Every public page, enumerated from sitemap.xml, passes axe-core and never scrolls sideways on a phone.

The sitemap is the list of public pages (config/sitemaps.py): a new page kind added there is
checked here without touching this test. Devices are many and alike, so one device per family
(and every discontinued one) stands for the rest; every other listed URL is checked, with the
list, search, filter and compare pages their query strings make.
"""

from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from django.core.management import call_command

from catalog.models import Device
from tests.e2e.accessibility import assert_accessible, assert_no_sideways_scroll

pytestmark = pytest.mark.django_db(transaction=True)

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


@pytest.fixture
def demo_catalog(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_catalog", verbosity=0)


def sitemap_paths(page, base_url: str) -> list[str]:
    """The paths sitemap.xml lists (its URLs are on SITE_URL; the live server answers the same paths)."""
    response = page.request.get(f"{base_url}/sitemap.xml")
    assert response.ok, response.status
    root = ElementTree.fromstring(response.body())  # noqa: S314 - our own server's sitemap
    return [urlsplit(loc.text).path for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


def pages_to_check(paths: list[str]) -> list[str]:
    """The sitemap's paths with devices thinned to one per family (and every discontinued one), plus
    the pages only query strings reach: filtered lists, search results, comparisons."""
    devices = list(Device.objects.listed().select_related("family").order_by("family__order", "name"))
    by_path = {device.get_absolute_url(): device for device in devices}
    kept_families, chosen = set(), []
    for path in paths:
        device = by_path.get(path)
        if device is not None:
            if device.family_id in kept_families and not device.is_discontinued:
                continue
            kept_families.add(device.family_id)
        chosen.append(path)
    assert len(chosen) < len(paths) or len(devices) <= len(kept_families)
    published = [d for d in devices if not d.is_discontinued]
    compare_four = "&".join(f"d={d.slug}" for d in published[:4])
    return [
        *chosen,
        "/devices/?treatment=acne-scars&cert=ce_mdr&skin_type=4&price_max=40000",
        f"{published[0].family.get_absolute_url()}?sort=-price",
        "/search/?q=laser",
        "/search/?q=nothing-matches-this",
        "/knowledge/?q=aftercare",
        f"/compare/?d={published[0].slug}",
        f"/compare/?{compare_four}",
        "/compare/",
    ]


def kind_of(path: str) -> str:
    """The page kind, for the screenshot's name: "devices", "devices-detail", "search-query"."""
    route, _, query = path.partition("?")
    segments = [s for s in route.strip("/").split("/") if s]
    kind = (segments[0] if segments else "home") + ("-detail" if len(segments) > 1 else "")
    return kind + ("-query" if query else "")


@pytest.mark.parametrize("width", [390, 1280])
def test_every_public_page_passes_axe_and_fits_the_screen(live_server, demo_catalog, page_at, screenshot, width):
    page = page_at(width)
    paths = pages_to_check(sitemap_paths(page, live_server.url))
    kinds = {kind_of(path).split("-")[0] for path in paths}
    assert {
        "home",
        "devices",
        "families",
        "treatments",
        "knowledge",
        "legal",
        "consultation",
        "compare",
        "search",
    } <= kinds

    failures, shot = [], set()
    for path in paths:
        response = page.goto(live_server.url + path)
        if response is None or response.status != 200:
            failures.append(f"{path}: HTTP {response.status if response else 'no response'}")
            continue
        for check in (assert_accessible, assert_no_sideways_scroll):
            try:
                check(page)
            except AssertionError as problem:
                failures.append(str(problem))
        kind = kind_of(path)
        if kind not in shot:
            shot.add(kind)
            screenshot(page, f"public-{kind}-{width}")

    assert not failures, f"{len(failures)} problems at {width}px:\n" + "\n\n".join(failures)
