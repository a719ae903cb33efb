"""Search relevance: the same expectations on SQLite (fallback) and PostgreSQL (full text + trigram)."""

import pytest
from django.urls import reverse

from catalog import search
from catalog.models import Article, Device
from tests.factories import (
    ArticleFactory,
    DeviceFactory,
    FamilyFactory,
    SpecDefinitionFactory,
    TreatmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog():
    co2 = FamilyFactory(name="Fractional CO2 laser", slug="co2")
    SpecDefinitionFactory(family=co2, key="power", label="Laser power", unit="W", value_type="number")
    SpecDefinitionFactory(family=co2, key="wavelength", label="Wavelength", unit="nm", value_type="number")
    pico = FamilyFactory(name="Picosecond laser", slug="pico")
    SpecDefinitionFactory(
        family=pico,
        key="wavelengths",
        label="Wavelengths",
        unit="nm",
        value_type="multi_choice",
        choices=["532", "755", "1064"],
    )
    diode = FamilyFactory(name="Diode laser hair removal", slug="diode")
    SpecDefinitionFactory(
        family=diode,
        key="wavelengths",
        label="Wavelengths",
        unit="nm",
        value_type="multi_choice",
        choices=["755", "808", "1064"],
    )
    tattoo = TreatmentFactory(name="Tattoo removal", slug="tattoo-removal", summary="Breaking up ink particles.")
    TreatmentFactory(name="Hair removal", slug="hair-removal", summary="Long-term reduction of unwanted hair.")
    devices = {
        "co2-40": DeviceFactory(
            family=co2,
            name="Fractional CO2 Laser FX-40",
            sku="HC-CO2-40",
            summary="Ablative resurfacing.",
            specs={"power": 40, "wavelength": 10600},
        ),
        "co2-60": DeviceFactory(
            family=co2,
            name="Fractional CO2 Laser FX-60",
            sku="HC-CO2-60",
            summary="Ablative resurfacing with more power.",
            specs={"power": 60, "wavelength": 10600},
        ),
        "pico": DeviceFactory(
            family=pico,
            name="Picosecond Laser PS-3",
            sku="HC-PS-3",
            summary="Tattoo and pigment.",
            specs={"wavelengths": ["532", "755", "1064"]},
            treatments=[tattoo],
        ),
        "diode": DeviceFactory(
            family=diode,
            name="Trilaser Diode DL-1600",
            sku="HC-DL-1600",
            summary="Hair removal for every skin type.",
            specs={"wavelengths": ["755", "808", "1064"]},
        ),
        "draft": DeviceFactory(family=pico, name="Picosecond Prototype", status=Device.Status.DRAFT),
    }
    articles = {
        "aftercare": ArticleFactory(
            title="Aftercare after CO2 resurfacing",
            slug="aftercare",
            takeaway="Keep the skin moist and out of the sun.",
            body="Healing takes one to two weeks.",
        ),
        "mentions": ArticleFactory(
            title="Choosing a first device",
            slug="choosing",
            takeaway="Start with what your patients ask for.",
            body="Budget for consumables. Good aftercare advice keeps patients coming back.",
        ),
        "pico-vs-q": ArticleFactory(
            title="Picosecond versus Q-switched lasers for tattoos",
            slug="pico-vs-q",
            takeaway="Shorter pulses break ink into finer particles.",
        ),
        "draft": ArticleFactory(title="Aftercare draft notes", slug="draft-aftercare", status=Article.Status.DRAFT),
    }
    search.search_refresh_all()
    return devices, articles


def device_names(query):
    return [hit.title for hit in search.site_search(query=query).devices]


def article_slugs(query):
    return [hit.obj.slug for hit in search.site_search(query=query).articles]


def test_a_word_prefix_finds_picosecond_devices_and_guides(catalog):
    assert device_names("pico") == ["Picosecond Laser PS-3"]
    assert article_slugs("pico") == ["pico-vs-q"]


@pytest.mark.parametrize("query", ["60W", "60 W", "60w"])
def test_power_with_or_without_a_space_finds_the_60_watt_laser(catalog, query):
    assert device_names(query) == ["Fractional CO2 Laser FX-60"]


def test_a_wavelength_finds_every_device_that_has_it(catalog):
    assert sorted(device_names("10600")) == ["Fractional CO2 Laser FX-40", "Fractional CO2 Laser FX-60"]
    assert sorted(device_names("755")) == ["Picosecond Laser PS-3", "Trilaser Diode DL-1600"]
    assert sorted(device_names("755 nm")) == ["Picosecond Laser PS-3", "Trilaser Diode DL-1600"]


def test_a_model_number_finds_its_device(catalog):
    assert device_names("HC-DL-1600") == ["Trilaser Diode DL-1600"]


def test_a_typo_still_finds_the_treatment(catalog):
    results = search.site_search(query="tatoo")
    assert [hit.title for hit in results.treatments] == ["Tattoo removal"]


def test_a_title_match_ranks_above_a_body_mention(catalog):
    assert article_slugs("aftercare") == ["aftercare", "choosing"]


def test_drafts_are_never_found(catalog):
    assert "Picosecond Prototype" not in device_names("picosecond")
    assert "draft-aftercare" not in article_slugs("aftercare")


def test_an_empty_or_symbol_only_query_finds_nothing(catalog):
    assert search.site_search(query="").total == 0
    assert search.site_search(query="  ::&|!  ").total == 0


def test_operators_in_the_query_cannot_break_it(catalog):
    assert search.site_search(query="pico & | ! ( ) : * '").devices[0].title == "Picosecond Laser PS-3"


def test_matches_are_highlighted_and_text_is_escaped():
    html = search.highlight("<b>Pico</b> lasers & pico pulses", ["pico"])
    assert html == "&lt;b&gt;<mark>Pico</mark>&lt;/b&gt; lasers &amp; <mark>pico</mark> pulses"


def test_a_term_that_looks_like_an_entity_does_not_break_escaping():
    assert search.highlight("a & b", ["amp"]) == "a &amp; b"


def test_the_search_page_groups_results_by_kind(client, catalog):
    response = client.get(reverse("catalog:search"), {"q": "pico"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Devices" in body and "Clinical guides" in body
    assert "<mark>Pico</mark>" in body or "<mark>pico</mark>" in body


def test_the_search_page_query_count_is_bounded(client, catalog, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        client.get(reverse("catalog:search"), {"q": "laser"})


def test_the_family_page_searches_within_the_family(client, catalog):
    response = client.get("/families/co2/", {"q": "FX-60"})
    assert [d.name for d in response.context["devices"]] == ["Fractional CO2 Laser FX-60"]


def test_the_knowledge_base_searches_guides(client, catalog):
    response = client.get(reverse("catalog:article-list"), {"q": "tattoos"})
    assert [a.slug for a in response.context["page"].object_list] == ["pico-vs-q"]
