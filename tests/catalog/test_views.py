from decimal import Decimal

import pytest
from django.urls import reverse

from catalog.models import Certification, Device
from tests.factories import (
    CertificationFactory,
    DeviceFactory,
    DeviceImageFactory,
    DeviceOptionFactory,
    PriceTierFactory,
    TreatmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def make_devices(family, count, **extra):
    devices = []
    for i in range(count):
        device = DeviceFactory(
            family=family, specs={"power": 30 + 10 * i, "wavelength": ["10600"], "pulse-energy": (1, 50 + i)}, **extra
        )
        DeviceImageFactory(device=device)
        DeviceOptionFactory(device=device)
        CertificationFactory(device=device)
        devices.append(device)
    return devices


def test_home_lists_families_with_counts_and_featured_devices(client, laser_family):
    make_devices(laser_family, 2, featured=True)
    DeviceFactory(family=laser_family, status=Device.Status.DRAFT, name="Secret prototype")

    response = client.get(reverse("catalog:home"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Fractional CO2 laser" in body
    assert "2 devices" in body
    assert "Secret prototype" not in body


@pytest.mark.parametrize("count", [2, 12])
def test_home_query_count_does_not_grow_with_devices(client, laser_family, count, django_assert_max_num_queries):
    make_devices(laser_family, count, featured=True)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("catalog:home")).status_code == 200


def test_family_page_shows_published_devices_with_key_specs(client, laser_family):
    make_devices(laser_family, 2)
    DeviceFactory(family=laser_family, status=Device.Status.DRAFT, name="Secret prototype")

    response = client.get(laser_family.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    assert "2 devices" in body
    assert "30\u00a0W" in body and "40\u00a0W" in body
    assert "Secret prototype" not in body


@pytest.mark.parametrize("count", [3, 15])
def test_family_page_query_count_is_constant(client, laser_family, count, django_assert_max_num_queries):
    treatment = TreatmentFactory()
    for device in make_devices(laser_family, count):
        device.treatments.add(treatment)
    with django_assert_max_num_queries(8):
        response = client.get(laser_family.get_absolute_url(), {"power_min": "10", "cert": "ce_mdr", "sort": "price"})
    assert response.status_code == 200


def test_family_filters_on_number_range_choice_boolean_treatment_and_certification(client, laser_family):
    treatment = TreatmentFactory(name="Acne scars", slug="acne-scars")
    strong = DeviceFactory(
        family=laser_family,
        name="Strong",
        specs={
            "power": 60,
            "pulse-energy": (5, 200),
            "wavelength": ["10600", "1064"],
            "cooling": True,
            "scan-mode": "Random",
        },
    )
    weak = DeviceFactory(
        family=laser_family,
        name="Weak",
        specs={
            "power": 30,
            "pulse-energy": (1, 20),
            "wavelength": ["10600"],
            "cooling": False,
            "scan-mode": "Sequential",
        },
    )
    strong.treatments.add(treatment)
    CertificationFactory(device=weak, authority=Certification.Authority.FDA_510K, countries=["US"])

    def names(**params):
        response = client.get(laser_family.get_absolute_url(), params)
        return {d.name for d in response.context["devices"]}

    assert names() == {"Strong", "Weak"}
    assert names(power_min="40") == {"Strong"}
    assert names(power_max="40") == {"Weak"}
    # A range satisfies "at least" when the device reaches the value.
    assert names(**{"pulse-energy_min": "100"}) == {"Strong"}
    assert names(wavelength=["1064"]) == {"Strong"}
    assert names(wavelength=["1064", "10600"]) == {"Strong"}
    assert names(**{"scan-mode": ["Random", "Sequential"]}) == {"Strong", "Weak"}
    assert names(cooling="on") == {"Strong"}
    assert names(treatment="acne-scars") == {"Strong"}
    assert names(cert="fda_510k") == {"Weak"}
    assert names(power_min="100") == set()


def test_family_page_sorts_by_price(client, laser_family, settings):
    settings.PUBLIC_PRICES = True
    DeviceFactory(family=laser_family, name="Cheap", list_price=Decimal("1000"))
    DeviceFactory(family=laser_family, name="Dear", list_price=Decimal("9000"))
    DeviceFactory(family=laser_family, name="Ask", list_price=None, price_on_request=True)

    def order(sort):
        return [d.name for d in client.get(laser_family.get_absolute_url(), {"sort": sort}).context["devices"]]

    assert order("price") == ["Cheap", "Dear", "Ask"]
    assert order("-price") == ["Dear", "Cheap", "Ask"]


def test_bad_filter_input_is_reported_and_the_rest_still_applies(client, laser_family):
    DeviceFactory(family=laser_family, name="Strong", specs={"power": 60})
    DeviceFactory(family=laser_family, name="Weak", specs={"power": 30})

    response = client.get(laser_family.get_absolute_url(), {"power_min": "lots", "power_max": "45", "sort": "bogus"})

    assert response.status_code == 200
    assert {d.name for d in response.context["devices"]} == {"Weak"}
    assert "Enter a number." in response.content.decode()


def test_a_minimum_above_the_maximum_is_explained(client, laser_family):
    response = client.get(laser_family.get_absolute_url(), {"power_min": "50", "power_max": "10"})
    assert "The maximum is below the minimum." in response.content.decode()


def test_family_page_works_without_javascript_as_a_plain_get_form(client, laser_family):
    body = client.get(laser_family.get_absolute_url()).content.decode()
    # A plain GET form with its own button; JavaScript only submits it sooner (on change).
    assert (
        '<form method="get" action="/families/fractional-co2-laser/#results" id="filter-form" data-apply-on-change>'
        in body
    )
    assert '<button class="btn" type="submit">Apply filters</button>' in body
    assert 'name="power_min"' in body and 'name="wavelength"' in body


def test_device_page_shows_specs_options_certifications_and_terms(client, laser_family, settings):
    settings.PUBLIC_PRICES = True
    treatment = TreatmentFactory(name="Skin resurfacing", slug="skin-resurfacing")
    device = DeviceFactory(
        family=laser_family,
        name="CO2 FX-60",
        sku="HC-CO2-60",
        list_price=Decimal("24900"),
        warranty_months=36,
        lead_time_days=15,
        skin_type_min=1,
        skin_type_max=4,
        specs={"power": 60, "screen": "10.4 inch"},
        treatments=[treatment],
    )
    DeviceOptionFactory(device=device, name="Gynecology handpiece", price_delta=Decimal("2400"))
    PriceTierFactory(device=device, min_quantity=3, unit_price=Decimal("23500"))
    CertificationFactory(device=device, authority=Certification.Authority.CE_MDR, identifier="CE 2460")

    response = client.get(device.get_absolute_url())

    body = response.content.decode()
    assert response.status_code == 200
    for text in [
        "CO2 FX-60",
        "HC-CO2-60",
        "USD 24,900",
        "3+ units USD 23,500 each",
        "60\u00a0W",
        "10.4 inch",
        "Gynecology handpiece",
        "+USD 2,400",
        "CE (EU MDR)",
        "CE 2460",
        "36 months",
        "15 working days",
        "I–IV",
        "Skin resurfacing",
        "Request a quote",
    ]:
        assert text in body, text


def test_device_page_says_price_on_request(client, laser_family):
    device = DeviceFactory(family=laser_family, list_price=None, price_on_request=True)
    assert "Price on request" in client.get(device.get_absolute_url()).content.decode()


@pytest.mark.parametrize("count", [1, 8])
def test_device_page_query_count_is_constant(client, laser_family, count, django_assert_max_num_queries):
    devices = make_devices(laser_family, count)
    for device in devices[1:]:
        PriceTierFactory(device=device)
    with django_assert_max_num_queries(13):
        assert client.get(devices[0].get_absolute_url()).status_code == 200


def test_draft_devices_are_hidden_from_the_public_but_shown_to_staff(client, laser_family):
    device = DeviceFactory(family=laser_family, status=Device.Status.DRAFT)
    assert client.get(device.get_absolute_url()).status_code == 404

    editor = UserFactory(is_staff=True)
    from django.contrib.auth.models import Group

    editor.groups.add(Group.objects.get(name="Catalog editors"))
    client.force_login(editor, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(device.get_absolute_url())
    assert response.status_code == 200
    assert "Draft: only staff can see this page." in response.content.decode()


def test_discontinued_devices_stay_readable_with_a_notice(client, laser_family):
    device = DeviceFactory(family=laser_family, status=Device.Status.DISCONTINUED)
    response = client.get(device.get_absolute_url())
    assert response.status_code == 200
    assert "discontinued" in response.content.decode()


def test_compare_aligns_specs_and_highlights_differences(client, laser_family):
    a = DeviceFactory(family=laser_family, name="A", specs={"power": 40, "wavelength": ["10600"]})
    b = DeviceFactory(family=laser_family, name="B", specs={"power": 60, "wavelength": ["10600"]})

    response = client.get(reverse("catalog:compare"), {"d": [a.slug, b.slug]})

    comparison = response.context["comparison"]
    rows = {row.label: row for row in comparison.spec_rows}
    assert [d.name for d in comparison.devices] == ["A", "B"]
    assert rows["Laser power"].cells == ["40\u00a0W", "60\u00a0W"] and rows["Laser power"].differs
    assert rows["Wavelength"].cells == ["10600\u00a0nm", "10600\u00a0nm"] and not rows["Wavelength"].differs


def test_compare_accepts_a_comma_list_keeps_four_and_reports_unknown_slugs(client, laser_family):
    devices = DeviceFactory.create_batch(5, family=laser_family)
    slugs = [d.slug for d in devices]

    response = client.get(reverse("catalog:compare"), {"d": ",".join(["nope", *slugs])})

    assert [d.slug for d in response.context["comparison"].devices] == slugs[:3]
    assert response.context["comparison"].missing == ["nope"]
    assert response.context["too_many"]


def test_compare_remove_redirects_to_a_clean_shareable_url(client, laser_family):
    a, b, c = DeviceFactory.create_batch(3, family=laser_family)
    response = client.get(reverse("catalog:compare"), {"d": [a.slug, b.slug, c.slug], "remove": b.slug})
    assert response.status_code == 302
    assert response.url == f"/compare/?d={a.slug}&d={c.slug}"


@pytest.mark.parametrize("count", [2, 4])
def test_compare_query_count_is_constant(client, laser_family, count, django_assert_max_num_queries):
    devices = make_devices(laser_family, count)
    with django_assert_max_num_queries(7):
        assert client.get(reverse("catalog:compare"), {"d": [d.slug for d in devices]}).status_code == 200


def test_compare_does_not_show_drafts(client, laser_family):
    draft = DeviceFactory(family=laser_family, status=Device.Status.DRAFT)
    response = client.get(reverse("catalog:compare"), {"d": draft.slug})
    assert response.context["comparison"].devices == []


def test_treatment_page_lists_its_published_devices(client, laser_family):
    treatment = TreatmentFactory(name="Tattoo removal", slug="tattoo-removal")
    DeviceFactory(family=laser_family, name="Pico One", treatments=[treatment])
    DeviceFactory(family=laser_family, name="Hidden", status=Device.Status.DRAFT, treatments=[treatment])
    body = client.get(reverse("catalog:treatment-detail", args=["tattoo-removal"])).content.decode()
    assert "Pico One" in body and "Hidden" not in body


def test_unknown_pages_get_the_site_404(client):
    response = client.get("/devices/no-such-device/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_the_500_page_looks_like_the_site(client, settings):
    from catalog.views import server_error

    response = server_error(None)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_pages_send_security_headers(client):
    response = client.get(reverse("catalog:home"))
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_healthz_answers_ok(client):
    assert client.get("/healthz/").content == b"ok"


def test_choice_filters_match_non_ascii_choices_on_every_database(client):
    from tests.factories import FamilyFactory, SpecDefinitionFactory

    family = FamilyFactory()
    SpecDefinitionFactory(
        family=family,
        key="cooling-angle",
        label="Cooling",
        value_type="multi_choice",
        choices=["360°", "Flat"],
        filterable=True,
    )
    DeviceFactory(family=family, name="Round", specs={"cooling-angle": ["360°"]})
    DeviceFactory(family=family, name="Flat one", specs={"cooling-angle": ["Flat"]})

    response = client.get(family.get_absolute_url(), {"cooling-angle": "360°"})

    assert [d.name for d in response.context["devices"]] == ["Round"]


def test_home_lists_families_in_the_editors_order(client):
    from tests.factories import FamilyFactory

    for name, order in [("Zeta lasers", 1), ("Alpha lasers", 2)]:
        DeviceFactory(family=FamilyFactory(name=name, order=order))
    families = client.get(reverse("catalog:home")).context["families"]
    assert [f.name for f in families] == ["Zeta lasers", "Alpha lasers"]
