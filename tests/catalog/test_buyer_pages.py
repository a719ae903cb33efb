"""Pages a clinic would trust (issue 13): no dead ends, one promise, legal pages, sitemap, filters across families."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from catalog import markdown, selectors, services
from catalog.models import Device, DeviceOption, LegalPage
from tests.factories import (
    ArticleFactory,
    CertificationFactory,
    DeviceFactory,
    DeviceImageFactory,
    DeviceOptionFactory,
    FamilyFactory,
    TreatmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _cold_cache():
    cache.clear()
    yield
    cache.clear()


def html(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == 200
    return response.content.decode()


# --- Content ----------------------------------------------------------------------------


def test_option_headings_are_written_out_plurals_and_singular_for_one(client):
    device = DeviceFactory()
    DeviceOptionFactory(device=device, kind=DeviceOption.Kind.ACCESSORY, name="Goggles")
    DeviceOptionFactory(device=device, kind=DeviceOption.Kind.ACCESSORY, name="Trolley")
    DeviceOptionFactory(device=device, kind=DeviceOption.Kind.HANDPIECE, name="Zoom handpiece")

    body = html(client, device.get_absolute_url())

    assert "<h3>Accessories</h3>" in body and "<h3>Handpiece</h3>" in body
    assert "Accessorys" not in body


def test_the_price_box_promises_the_first_response_the_settings_give(client, settings):
    settings.LEAD_FIRST_RESPONSE_HOURS = 2
    device = DeviceFactory()

    body = html(client, device.get_absolute_url())

    assert "answers within 2 working hours" in body
    assert "one working day" not in body


def test_family_names_keep_their_case_on_treatment_pages(client):
    treatment = TreatmentFactory(name="Q-switched Nd:YAG toning", slug="qs-toning")
    DeviceFactory(treatments=[treatment])

    body = html(client, treatment.get_absolute_url())

    assert "Q-switched Nd:YAG toning" in body
    assert "q-switched nd:yag" not in body


# --- Discontinued devices and their successors -------------------------------------------


def test_a_discontinued_device_points_to_its_successor_with_no_price_or_quote_button(client):
    successor = DeviceFactory(name="Laser FX-40")
    old = DeviceFactory(name="Laser FX-30", status=Device.Status.DISCONTINUED, successor=successor, lead_time_days=30)

    body = html(client, old.get_absolute_url())

    assert f'href="{successor.get_absolute_url()}"' in body
    assert "See the Laser FX-40" in body
    assert "USD 10,000" not in body and "30 working days" not in body
    assert "Request a quote" not in body
    # The embedded form offers the device and its successor.
    assert f'value="{old.slug}"' in body and f'value="{successor.slug}"' in body


def test_a_discontinued_device_without_a_successor_asks_about_a_replacement(client):
    old = DeviceFactory(status=Device.Status.DISCONTINUED)

    body = html(client, old.get_absolute_url())

    assert "Ask us about a replacement" in body and 'href="#consultation"' in body
    assert "Request a quote" not in body


def test_the_card_of_a_discontinued_device_follows_its_successor(client):
    successor = DeviceFactory(name="Laser FX-40")
    old = DeviceFactory(status=Device.Status.DISCONTINUED, successor=successor)
    (card,) = selectors.device_cards(device_ids=[old.pk])
    assert card.price_label == "Discontinued" and card.successor.name == "Laser FX-40"

    successor.name = "Laser FX-45"
    successor.save()
    services.device_changed(device_id=successor.pk)
    (renamed,) = selectors.device_cards(device_ids=[old.pk])

    services.device_delete(device=successor)
    (orphan,) = selectors.device_cards(device_ids=[old.pk])

    assert renamed.successor.name == "Laser FX-45"
    assert orphan.successor is None


def test_a_successor_must_be_another_published_device():
    device = DeviceFactory()
    draft = DeviceFactory(status=Device.Status.DRAFT)

    device.successor = device
    with pytest.raises(ValidationError, match="cannot succeed itself"):
        device.clean()
    device.successor = draft
    with pytest.raises(ValidationError, match="published device"):
        device.clean()


def test_a_card_stored_before_successors_existed_reads_as_published():
    device = DeviceFactory()
    stored = device.documents.get()
    stored.card = bytes(stored.card).replace(b',"status":"published","successor":null', b"")
    stored.save()

    (card,) = selectors.device_cards(device_ids=[device.pk])

    assert card.status == "published" and card.successor is None


# --- Related devices ---------------------------------------------------------------------


def test_related_devices_share_the_most_treatments_first_then_the_family():
    acne, resurfacing, fat = (TreatmentFactory() for _ in range(3))
    co2_family, body_family = FamilyFactory(), FamilyFactory()
    co2 = DeviceFactory(family=co2_family, treatments=[acne, resurfacing])
    sibling = DeviceFactory(family=co2_family, name="A sibling", treatments=[])
    rf = DeviceFactory(name="RF microneedling", treatments=[acne, resurfacing])
    pico = DeviceFactory(name="Pico", treatments=[acne])
    DeviceFactory(family=body_family, name="Cryo", treatments=[fat])

    related = [card.name for card in selectors.related_devices(device_id=co2.pk)]

    assert related == [rf.name, pico.name, sibling.name]


def test_the_device_page_form_lists_the_device_not_its_related_devices(client):
    treatment = TreatmentFactory()
    device = DeviceFactory(treatments=[treatment])
    other = DeviceFactory(treatments=[treatment])

    body = html(client, device.get_absolute_url())

    assert other.name in body  # a related card
    assert f'value="{other.slug}"' not in body  # but no checkbox in the form


# --- Vendor details and legal pages --------------------------------------------------------


@pytest.mark.parametrize("kind", LegalPage.Kind.values)
def test_every_legal_page_is_editable_and_shown(client, kind):
    page = LegalPage.objects.get(kind=kind)  # created by the migration
    page.body = "## Edited\n\nAn editor writes this."
    page.save()

    body = html(client, reverse("catalog:legal-page", args=[kind]))

    assert 'id="edited">Edited</h2>' in body and "An editor writes this." in body


def test_a_legal_page_not_written_yet_still_answers_and_an_unknown_one_is_404(client):
    LegalPage.objects.filter(kind="terms").delete()

    assert "Terms of sale" in html(client, reverse("catalog:legal-page", args=["terms"]))
    assert client.get("/legal/cookies/").status_code == 404


def test_the_imprint_shows_the_vendor_details_from_the_settings(client, settings):
    settings.QUOTE_SELLER = {
        **settings.QUOTE_SELLER,
        "name": "Halcyon S.L.",
        "phone": "+34 960 111 222",
        "messaging_url": "https://wa.me/34960111222",
        "registration": "CIF B12345678",
    }

    body = html(client, reverse("catalog:legal-page", args=["imprint"]))

    assert "Halcyon S.L." in body and 'href="tel:+34960111222"' in body
    assert "https://wa.me/34960111222" in body and "CIF B12345678" in body


def test_header_footer_and_consent_link_the_vendor_contacts_and_legal_pages(client, settings):
    settings.QUOTE_SELLER = {**settings.QUOTE_SELLER, "phone": "+34 960 111 222"}

    for url in (reverse("catalog:home"), reverse("quotes:consultation-create")):
        body = html(client, url)
        assert 'href="tel:+34960111222"' in body
        for kind in LegalPage.Kind.values:
            assert f'href="/legal/{kind}/"' in body
    consultation = html(client, reverse("quotes:consultation-create"))
    assert 'Read our <a href="/legal/privacy/">privacy policy</a>' in consultation


# --- Sitemap, robots, canonical links --------------------------------------------------------


def test_the_sitemap_lists_public_pages_at_their_canonical_addresses(client, settings):
    settings.SITE_URL = "https://catalog.example.com"
    published = DeviceFactory()
    discontinued = DeviceFactory(status=Device.Status.DISCONTINUED)
    draft = DeviceFactory(status=Device.Status.DRAFT)
    guide = ArticleFactory()
    hidden_guide = ArticleFactory(status="draft")
    treatment = TreatmentFactory()
    published.treatments.add(treatment)

    body = html(client, "/sitemap.xml")

    site = "https://catalog.example.com"
    for url in (
        "/",
        "/devices/",
        "/knowledge/",
        "/consultation/",
        "/legal/privacy/",
        "/legal/terms/",
        "/legal/imprint/",
        published.get_absolute_url(),
        discontinued.get_absolute_url(),
        published.family.get_absolute_url(),
        guide.get_absolute_url(),
        treatment.get_absolute_url(),
    ):
        assert f"<loc>{site}{url}</loc>" in body, url
    assert draft.get_absolute_url() not in body and hidden_guide.get_absolute_url() not in body
    assert "testserver" not in body


def test_robots_txt_names_the_sitemap_and_keeps_staff_pages_out(client, settings):
    settings.SITE_URL = "https://catalog.example.com"

    body = html(client, "/robots.txt")

    assert "Sitemap: https://catalog.example.com/sitemap.xml" in body
    assert "Disallow: /admin/" in body and "Disallow: /sales/" in body


def test_every_public_page_has_a_canonical_link_without_its_query(client, settings):
    settings.SITE_URL = "https://catalog.example.com"
    device = DeviceFactory()

    for url, params in (
        (reverse("catalog:home"), {}),
        (reverse("catalog:family-list"), {"treatment": "x"}),
        (device.family.get_absolute_url(), {"sort": "-price"}),
        (device.get_absolute_url(), {}),
    ):
        path = url
        assert f'<link rel="canonical" href="https://catalog.example.com{path}">' in html(client, url, params)


# --- All devices: filters across families ------------------------------------------------------


@pytest.fixture
def spread():
    """Devices in two families with different treatments, prices, currencies, certificates and skin types."""
    acne, fat = TreatmentFactory(slug="acne"), TreatmentFactory(slug="fat")
    lasers = FamilyFactory(slug="lasers", name="Lasers", order=10)
    body = FamilyFactory(slug="body", name="Body", order=20)
    cheap = DeviceFactory(family=lasers, name="Cheap laser", list_price=Decimal("9000"), treatments=[acne])
    dear = DeviceFactory(
        family=lasers, name="Dear laser", list_price=Decimal("30000"), treatments=[acne], skin_type_max=3
    )
    euro = DeviceFactory(family=body, name="Euro cryo", list_price=Decimal("12000"), currency="EUR", treatments=[fat])
    on_request = DeviceFactory(
        family=body, name="Quoted cryo", list_price=None, price_on_request=True, treatments=[fat]
    )
    CertificationFactory(device=cheap, authority="fda_510k")
    return {"cheap": cheap, "dear": dear, "euro": euro, "on_request": on_request}


def names(client, **params) -> list[str]:
    response = client.get(reverse("catalog:family-list"), params)
    assert response.status_code == 200
    return [card.name for card in response.context["devices"]]


def test_all_devices_show_every_family_in_one_grid(client, spread):
    assert names(client) == ["Cheap laser", "Dear laser", "Euro cryo", "Quoted cryo"]


def test_all_devices_filter_by_family_treatment_certificate_and_skin_type(client, spread):
    assert names(client, family="body") == ["Euro cryo", "Quoted cryo"]
    assert names(client, treatment="acne") == ["Cheap laser", "Dear laser"]
    assert names(client, cert="fda_510k") == ["Cheap laser"]
    assert names(client, skin_type=["2", "5"]) == ["Cheap laser", "Euro cryo", "Quoted cryo"]


def test_a_price_bound_keeps_devices_listed_in_the_site_currency(client, spread, settings):
    settings.PUBLIC_PRICES = True  # prices shown to visitors, as the vendor chooses
    assert names(client, price_max="20000") == ["Cheap laser"]
    assert names(client, price_min="10000", sort="-price") == ["Dear laser"]


def test_bad_filters_are_reported_and_ignored_never_an_error(client, spread, settings):
    settings.PUBLIC_PRICES = True  # prices shown to visitors, as the vendor chooses
    response = client.get(reverse("catalog:family-list"), {"price_min": "5", "price_max": "1", "skin_type": "9"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "The maximum is below the minimum." in body
    # The valid bound still applies: devices listed in USD from 5 up.
    assert [card.name for card in response.context["devices"]] == ["Cheap laser", "Dear laser"]


def test_the_filter_form_applies_on_change_with_a_button_for_browsers_without_javascript(client, spread):
    body = html(client, reverse("catalog:family-list"))

    assert "data-apply-on-change" in body and "Apply filters" in body
    assert '<nav class="breadcrumbs"' in body


# --- Search and breadcrumbs ------------------------------------------------------------------


def test_device_search_results_show_picture_key_specs_price_and_call_to_action(client, laser_family, settings):
    settings.PUBLIC_PRICES = True  # prices shown to visitors, as the vendor chooses
    device = DeviceFactory(family=laser_family, name="Searchable laser", specs={"power": 60})
    DeviceImageFactory(device=device)

    body = html(client, reverse("catalog:search"), {"q": "searchable"})

    assert 'class="hit-media"' in body and "Laser power" in body and "USD 10,000" in body
    assert f'href="{device.get_absolute_url()}#consultation">Request a quote' in body
    assert body.count('role="search"') == 1  # the page's own box, not the header's as well


def test_search_and_consultation_pages_have_breadcrumbs(client):
    for url in (reverse("catalog:search"), reverse("quotes:consultation-create")):
        assert '<nav class="breadcrumbs"' in html(client, url)


# --- Wide tables --------------------------------------------------------------------------------


def test_article_tables_scroll_inside_a_focusable_box_with_a_hint():
    rendered = markdown.render("| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |\n").html

    wrapped = markdown.tables_scrollable(rendered)

    assert wrapped.count('<div class="table-scroll" tabindex="0" role="region"') == 2
    assert wrapped.count("Scroll sideways") == 2 and 'id="table-hint-2"' in wrapped
    assert wrapped.count("</table></div></div>") == 2


def test_the_guides_list_has_a_heading_above_its_cards(client):
    ArticleFactory()

    body = html(client, reverse("catalog:article-list"))

    assert body.index("<h2") < body.index("<h3")
