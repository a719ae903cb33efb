"""A buyer searches from the header, reads a clinical guide and goes on to a device it recommends."""

import re

import pytest
from django.core.management import call_command

from catalog.models import Article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_site(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_catalog", verbosity=0)


@pytest.mark.parametrize("width", [390, 1280])
def test_search_from_the_header_to_a_guide_to_a_recommended_device(live_server, demo_site, page_at, screenshot, width):
    article = Article.objects.get(slug="how-fractional-co2-repairs-atrophic-acne-scars")
    page = page_at(width)
    page.goto(live_server.url + "/")

    page.get_by_role("searchbox", name="Search devices, guides and treatments").fill("acne scars")
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(r"/search/\?q=acne"))
    assert page.locator("mark").count() > 0
    screenshot(page, f"search-{width}")

    page.get_by_role("link", name=re.compile("atrophic acne scars", re.IGNORECASE)).first.click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    assert page.get_by_role("heading", level=1, name=article.title).is_visible()
    assert page.get_by_text("Key takeaway").is_visible()
    assert page.locator(".article-body table").count() >= 1
    assert page.get_by_role("heading", name="People also ask").is_visible()
    screenshot(page, f"article-{width}")

    device = article.devices.filter(status="published").order_by("family__order", "name").first()
    page.locator(".device-card").get_by_role("link", name=device.name).first.click()
    page.wait_for_url(f"**{device.get_absolute_url()}")
    assert page.get_by_role("heading", level=1, name=device.name).is_visible()
    # ...and the device page leads back to its guides.
    assert page.get_by_role("link", name=article.title).first.is_visible()


def test_the_knowledge_base_index_filters_by_treatment(live_server, demo_site, page_at, screenshot):
    page = page_at(1280)
    page.goto(live_server.url + "/knowledge/")
    all_guides = page.locator(".article-card").count()
    page.get_by_label("Treatment", exact=True).select_option("tattoo-removal")
    page.get_by_role("button", name="Show guides").click()
    page.wait_for_url(re.compile(r"treatment=tattoo-removal"))
    assert 0 < page.locator(".article-card").count() < all_guides
    screenshot(page, "knowledge-1280")
