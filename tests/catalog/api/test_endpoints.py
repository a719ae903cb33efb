"""Every catalog endpoint: its fields, its filters, its errors and its query count."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog import services
from catalog.models import ArticleFaq, ArticleReference, Certification, Device
from tests.catalog.api.conftest import keyed
from tests.factories import (
    ArticleFactory,
    CertificationFactory,
    DeviceFactory,
    DeviceImageFactory,
    DeviceOptionFactory,
    FamilyFactory,
    PriceTierFactory,
    SpecDefinitionFactory,
    TreatmentFactory,
)

pytestmark = pytest.mark.django_db


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["results"]]


@pytest.fixture
def co2(laser_family):
    """A fully described device: specs of every type, option, tier, certificate, image, treatment, guide."""
    treatment = TreatmentFactory(name="Acne scars", slug="acne-scars")
    device = DeviceFactory(
        family=laser_family,
        name="CO2 60",
        slug="co2-60",
        sku="HC-CO2-60",
        list_price=Decimal("18500.00"),
        skin_type_min=1,
        skin_type_max=4,
        treatments=[treatment],
        specs={
            "power": "60 W",
            "pulse-energy": "1-150",
            "wavelength": ["10600"],
            "scan-mode": "Random",
            "screen": '10.4" touch',
            "cooling": True,
        },
    )
    DeviceOptionFactory(device=device, name="Gynecology handpiece", slug="gyn", price_delta=Decimal("1500.00"))
    PriceTierFactory(device=device, min_quantity=3, unit_price=Decimal("17200.00"))
    CertificationFactory(device=device, authority=Certification.Authority.FDA_510K, identifier="K203456")
    DeviceImageFactory(device=device, alt_text="The cart")
    ArticleFactory(devices=[device], title="Resurfacing step by step", slug="resurfacing")
    return device


@pytest.fixture
def public_site(settings):
    """Documents are built with the site's address (catalog.documents): set it before the catalog is made."""
    settings.SITE_URL = "https://catalog.example.com"


def test_a_device_carries_typed_specs_options_certifications_media_and_links(api, public_site, co2):
    item = api.get("/api/v1/devices/co2-60/").json()

    assert item["deleted"] is False
    assert item["sku"] == "HC-CO2-60"
    assert item["family"] == {"id": co2.family_id, "slug": "fractional-co2-laser", "name": "Fractional CO2 laser"}
    assert item["url"] == "https://catalog.example.com/devices/co2-60/"
    assert list(item["specs"]) == ["power", "pulse-energy", "wavelength", "scan-mode", "screen", "cooling"]
    assert {key: spec["value"] for key, spec in item["specs"].items()} == {
        "power": "60",
        "pulse-energy": {"min": "1", "max": "150"},
        "wavelength": ["10600"],
        "scan-mode": "Random",
        "screen": '10.4" touch',
        "cooling": True,
    }
    assert item["specs"]["power"] == {
        "label": "Laser power",
        "unit": "W",
        "type": "number",
        "group": "energy",
        "value": "60",
        "display": "60\u00a0W",
    }
    assert item["options"][0]["name"] == "Gynecology handpiece"
    assert item["certifications"][0]["authority"] == "fda_510k"
    assert item["certifications"][0]["countries"] == ["DE", "FR"]
    assert item["treatments"] == [{"id": co2.treatments.get().pk, "slug": "acne-scars", "name": "Acne scars"}]
    assert item["skin_types"] == {"min": 1, "max": 4, "labels": ["I", "II", "III", "IV"]}
    assert item["images"][0]["url"].startswith("https://catalog.example.com/media/devices/")
    assert item["articles"][0]["url"] == "https://catalog.example.com/knowledge/resurfacing/"
    assert item == api.get("/api/v1/devices/").json()["results"][0]


def test_prices_are_shown_only_to_keys_with_the_prices_scope(api, co2, make_key):
    _, reader = make_key("catalog:read")
    _, pricer = make_key("catalog:read", "prices:read")

    anonymous = api.get("/api/v1/devices/co2-60/").json()
    plain = api.get("/api/v1/devices/co2-60/", **keyed(reader)).json()
    priced = api.get("/api/v1/devices/co2-60/", **keyed(pricer)).json()

    assert anonymous["price"] is None and plain["price"] is None
    assert anonymous["options"][0]["price_delta"] is None
    assert priced["price"] == {
        "list_price": "18500.00",
        "currency": "USD",
        "on_request": False,
        "tiers": [{"min_quantity": 3, "unit_price": "17200.00"}],
    }
    assert priced["options"][0]["price_delta"] == "1500.00"


def test_families_list_their_spec_definitions(api, laser_family):
    family = api.get("/api/v1/families/").json()["results"][0]

    assert family["slug"] == "fractional-co2-laser"
    assert [d["key"] for d in family["spec_definitions"]] == [
        "power",
        "pulse-energy",
        "wavelength",
        "scan-mode",
        "screen",
        "cooling",
    ]
    assert family["spec_definitions"][2] == {
        "key": "wavelength",
        "label": "Wavelength",
        "unit": "nm",
        "type": "multi_choice",
        "choices": ["532", "755", "1064", "10600"],
        "group": "optical",
        "filterable": True,
        "comparable": True,
        "highlight": True,
        "order": 3,
    }
    assert api.get("/api/v1/families/fractional-co2-laser/").json() == family


def test_treatments_are_listed_with_their_page_url(api, db, settings):
    settings.SITE_URL = "https://catalog.example.com"
    TreatmentFactory(name="Tattoo removal", slug="tattoo-removal", summary="Pigment broken up by short pulses.")

    treatment = api.get("/api/v1/treatments/tattoo-removal/").json()

    assert treatment["name"] == "Tattoo removal"
    assert treatment["summary"] == "Pigment broken up by short pulses."
    assert treatment["url"] == "https://catalog.example.com/treatments/tattoo-removal/"


def test_articles_carry_sanitised_html_the_markdown_source_faq_and_references(api, db):
    article = ArticleFactory(
        slug="guide",
        body="## Before\n\n<script>alert(1)</script>\n\n| Step | Time |\n|---|---|\n| Numbing | 45 min |\n",
    )
    other = ArticleFactory(slug="aftercare")
    ArticleFaq.objects.create(article=article, question="Does it hurt?", answer="Little.", link_article=other)
    ArticleReference.objects.create(article=article, citation="Someone. A study. 2020.", doi="10.1111/jocd.13798")
    services.article_changed(article_id=article.pk)  # as the admin does once it saved the inlines

    item = api.get("/api/v1/articles/guide/").json()

    assert item["body_markdown"].startswith("## Before")
    assert "<script>" not in item["body_html"]
    assert '<h2 id="before">Before</h2>' in item["body_html"]
    assert "<table>" in item["body_html"]
    assert item["toc"] == [{"level": 2, "text": "Before", "anchor": "before"}]
    assert item["faqs"][0]["link"]["slug"] == "aftercare"
    assert item["references"][0]["doi_url"] == "https://doi.org/10.1111/jocd.13798"


def test_draft_and_scheduled_articles_are_not_listed(api, db):
    public = ArticleFactory()
    ArticleFactory(status="draft", published_at=None)
    ArticleFactory(published_at=timezone.now() + timedelta(days=1))

    assert ids(api.get("/api/v1/articles/")) == [public.pk]


def test_device_payloads_leave_out_scheduled_and_draft_guides_for_every_caller(api, db, make_key):
    device = DeviceFactory()
    live = ArticleFactory(devices=[device])
    ArticleFactory(devices=[device], published_at=timezone.now() + timedelta(days=1))
    ArticleFactory(devices=[device], status="draft", published_at=None)
    _, plain = make_key("catalog:read", "prices:read", "catalog:drafts")

    for headers in ({}, keyed(plain)):
        item = api.get(f"/api/v1/devices/{device.slug}/", **headers).json()
        listed = api.get("/api/v1/devices/", **headers).json()["results"][0]
        assert [a["id"] for a in item["articles"]] == [live.pk]
        assert [a["id"] for a in listed["articles"]] == [live.pk]
    page = api.get(f"/devices/{device.slug}/").content.decode()
    assert live.title in page


def test_unknown_slugs_are_a_404_in_the_error_shape(api, db):
    response = api.get("/api/v1/devices/nope/")

    assert response.status_code == 404
    assert response.json() == {"error": {"code": "not_found", "message": "No device has the slug “nope”."}}


# --- Filters -------------------------------------------------------------------------


@pytest.fixture
def lasers(laser_family):
    acne = TreatmentFactory(slug="acne-scars")
    weak = DeviceFactory(family=laser_family, specs={"power": 30, "wavelength": ["532"], "pulse-energy": (1, 20)})
    strong = DeviceFactory(
        family=laser_family,
        specs={"power": 60, "wavelength": ["1064", "532"], "pulse-energy": (5, 200), "cooling": True},
        treatments=[acne],
    )
    CertificationFactory(device=strong, authority="fda_510k")
    other_family = FamilyFactory(slug="pico")
    SpecDefinitionFactory(family=other_family, key="power", unit="W", value_type="range")
    pico = DeviceFactory(family=other_family, specs={"power": (20, 50)})
    return weak, strong, pico


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("spec=power>=40", ["strong", "pico"]),
        ("spec=power>=40 W", ["strong", "pico"]),
        ("spec=power<=30", ["weak", "pico"]),
        ("spec=power=60", ["strong"]),
        ("spec=wavelength=1064", ["strong"]),
        ("spec=wavelength=532 nm", ["weak", "strong"]),
        ("spec=wavelength=532,1064", ["strong"]),
        ("spec=cooling=true", ["strong"]),
        ("spec=pulse-energy>=100", ["strong"]),
        ("spec=power>=40&spec=wavelength=532", ["strong"]),
        ("family=pico", ["pico"]),
        ("family=fractional-co2-laser,pico", ["weak", "strong", "pico"]),
        ("treatment=acne-scars", ["strong"]),
        ("certification=fda_510k,ce_mdr", ["strong"]),
        ("family=fractional-co2-laser&spec=power>=40", ["strong"]),
    ],
)
def test_devices_filter_by_family_treatment_certification_and_spec(api, lasers, query, expected):
    by_name = dict(zip(["weak", "strong", "pico"], lasers, strict=True))

    assert ids(api.get(f"/api/v1/devices/?{query}")) == [by_name[n].pk for n in expected]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("spec=power>=40 kW", "Give Laser power in W"),
        ("spec=colour=red", "No family has a spec with the key “colour”"),
        ("spec=wavelength=999", "“999” is not a Wavelength value"),
        ("spec=wavelength>=532", "filter it with ="),
        ("spec=screen=big", "free text"),
        ("spec=power", "is not a spec filter"),
        ("certification=nasa", "nasa"),
    ],
)
def test_a_bad_filter_is_a_400_that_says_what_is_wrong(api, lasers, query, message):
    response = api.get(f"/api/v1/devices/?{query}")

    assert response.status_code == 400
    field = query.split("=")[0]
    assert message in " ".join(response.json()["error"]["fields"][field])


def test_search_narrows_devices_and_articles(api, lasers, db):
    named = DeviceFactory(family=lasers[0].family, name="Picosecond Nd:YAG 1064", summary="Tattoo removal laser.")
    guide = ArticleFactory(title="Tattoo removal aftercare")
    ArticleFactory(title="Hair removal basics")

    assert ids(api.get("/api/v1/devices/?q=picosecond")) == [named.pk]
    assert ids(api.get("/api/v1/articles/?q=tattoo")) == [guide.pk]


def test_articles_filter_by_treatment_family_and_device(api, co2):
    other = ArticleFactory(treatments=[TreatmentFactory(slug="hair-removal")])
    linked = co2.articles.get()

    assert ids(api.get("/api/v1/articles/?device=co2-60")) == [linked.pk]
    assert ids(api.get("/api/v1/articles/?treatment=hair-removal")) == [other.pk]
    assert ids(api.get("/api/v1/articles/?family=fractional-co2-laser")) == []


def test_the_status_filter_needs_the_drafts_scope(api, laser_family, make_key):
    published = DeviceFactory(family=laser_family)
    draft = DeviceFactory(family=laser_family, status=Device.Status.DRAFT)
    _, reader = make_key("catalog:read")
    _, insider = make_key("catalog:read", "catalog:drafts")

    refused = api.get("/api/v1/devices/?status=draft", **keyed(reader))

    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert ids(api.get("/api/v1/devices/?status=draft", **keyed(insider))) == [draft.pk]
    assert ids(api.get("/api/v1/devices/", **keyed(insider))) == [published.pk]
    assert api.get(f"/api/v1/devices/{draft.slug}/", **keyed(insider)).status_code == 200
    assert api.get(f"/api/v1/devices/{draft.slug}/", **keyed(reader)).status_code == 404


# --- Query counts ----------------------------------------------------------------------


def make_full_devices(family, count):
    treatment = TreatmentFactory()
    for i in range(count):
        device = DeviceFactory(family=family, specs={"power": 30 + i, "wavelength": ["10600"]}, treatments=[treatment])
        DeviceOptionFactory(device=device)
        CertificationFactory(device=device)
        DeviceImageFactory(device=device)
        PriceTierFactory(device=device)
        ArticleFactory(devices=[device], treatments=[treatment], families=[family])


@pytest.mark.parametrize("count", [2, 12])
def test_list_query_counts_do_not_grow_with_the_page(api, laser_family, make_key, count, django_assert_max_num_queries):
    make_full_devices(laser_family, count)
    _, plain = make_key("catalog:read", "prices:read")

    # key lookup, state, window, tombstones, then one query per prefetched relation
    with django_assert_max_num_queries(12):
        assert len(ids(api.get("/api/v1/devices/?updated_since=2000-01-01T00:00:00Z", **keyed(plain)))) == count
    with django_assert_max_num_queries(8):
        assert len(ids(api.get("/api/v1/articles/?page_size=100"))) == count
    with django_assert_max_num_queries(4):
        assert api.get("/api/v1/families/").status_code == 200
    with django_assert_max_num_queries(3):
        assert api.get("/api/v1/treatments/").status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_filtered_device_lists_keep_a_constant_query_count(api, laser_family, count, django_assert_max_num_queries):
    make_full_devices(laser_family, count)

    with django_assert_max_num_queries(13):
        response = api.get(
            "/api/v1/devices/?spec=power>=30&spec=wavelength=10600&family=fractional-co2-laser&q=device"
            "&certification=ce_mdr"
        )

    assert len(ids(response)) == count


@pytest.mark.parametrize("page_size", [10, 50, 100])
def test_a_page_of_one_and_a_page_of_many_cost_the_same_queries(
    api, laser_family, make_key, page_size, django_assert_num_queries
):
    """Each device with every related row: specs, option, certificate, image, tier, treatment, guide."""
    make_full_devices(laser_family, 1)
    _, plain = make_key("catalog:read", "prices:read")
    one = f"/api/v1/devices/?page_size={page_size}"
    api.get("/api/v1/families/", **keyed(plain))  # the key is verified and its first use recorded (once a minute)

    # list state, the page of documents, tombstones
    with django_assert_num_queries(3):
        assert len(ids(api.get(one, **keyed(plain)))) == 1
    make_full_devices(laser_family, page_size + 1)
    api.get("/api/v1/families/", **keyed(plain))  # making them may take over a minute on a busy machine
    with django_assert_num_queries(3):
        page = api.get(one, **keyed(plain))
    assert len(ids(page)) == page_size
    with django_assert_num_queries(3):
        assert api.get(page.json()["next"].removeprefix("http://testserver"), **keyed(plain)).status_code == 200
    slug = Device.objects.first().slug
    with django_assert_num_queries(1):
        assert api.get(f"/api/v1/devices/{slug}/", **keyed(plain)).status_code == 200


def test_anonymous_device_payloads_never_list_a_guide_that_is_not_live(api, co2):
    ArticleFactory(devices=[co2], title="Not yet", published_at=timezone.now() + timedelta(days=1))

    assert [a["title"] for a in api.get("/api/v1/devices/co2-60/").json()["articles"]] == ["Resurfacing step by step"]
