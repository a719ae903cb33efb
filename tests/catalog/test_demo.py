"""The demo catalog loader and its data; files go to a per-test MEDIA_ROOT (tests/conftest.py)."""

import copy
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command

from catalog import specs
from catalog.demo import data as demo_data
from catalog.demo import loader as demo
from catalog.demo.illustrations import device_svg
from catalog.models import (
    Certification,
    Device,
    DeviceImage,
    DeviceOption,
    Family,
    PriceTier,
    SpecDefinition,
    SpecValue,
    Treatment,
)

MODELS = [Treatment, Family, SpecDefinition, Device, SpecValue, DeviceOption, PriceTier, Certification, DeviceImage]


def _parse_svg(text: str) -> ET.Element:
    return ET.fromstring(text)  # noqa: S314 - our own generated markup, not untrusted input


def _row_counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.fixture
def data(monkeypatch):
    """A private copy of the demo data that a test may change without touching the module."""
    devices = copy.deepcopy(demo_data.DEVICES)
    monkeypatch.setattr(demo_data, "DEVICES", devices)
    return devices


def _device_data(devices, sku):
    return next(d for d in devices if d["sku"] == sku)


@pytest.mark.django_db
def test_loading_twice_gives_the_same_rows_and_changes_nothing_the_second_time():
    first = demo.demo_catalog_load()
    counts = _row_counts()
    stamps = dict(Device.objects.values_list("sku", "updated_at"))

    second = demo.demo_catalog_load()

    assert _row_counts() == counts
    assert second["changed"] == 0
    assert {k: v for k, v in second.items() if k != "changed"} == {k: v for k, v in first.items() if k != "changed"}
    assert dict(Device.objects.values_list("sku", "updated_at")) == stamps
    assert DeviceImage.objects.count() == Device.objects.count()


@pytest.mark.django_db
def test_the_counts_match_the_rows_in_the_database():
    counts = demo.demo_catalog_load()

    assert counts["treatments"] == Treatment.objects.count()
    assert counts["families"] == Family.objects.count()
    assert counts["spec_definitions"] == SpecDefinition.objects.count()
    assert counts["devices"] == Device.objects.count()
    assert counts["spec_values"] == SpecValue.objects.count()
    assert counts["options"] == DeviceOption.objects.count()
    assert counts["price_tiers"] == PriceTier.objects.count()
    assert counts["certifications"] == Certification.objects.count()


@pytest.mark.django_db
def test_the_command_prints_a_one_line_summary_and_is_idempotent(capsys):
    call_command("load_demo_catalog")
    counts = _row_counts()

    call_command("load_demo_catalog")

    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 2
    assert f"{Device.objects.count()} devices" in out[-1]
    assert "0 rows created or changed" in out[-1]
    assert _row_counts() == counts


@pytest.mark.django_db
def test_the_catalog_has_at_least_24_devices_across_at_least_12_families():
    demo.demo_catalog_load()

    assert Device.objects.count() >= 24
    assert Family.objects.filter(devices__isnull=False).distinct().count() >= 12
    assert Treatment.objects.count() >= 12
    assert Device.objects.filter(status=Device.Status.DRAFT).count() == 1
    assert Device.objects.filter(status=Device.Status.DISCONTINUED).count() == 1
    assert 4 <= Device.objects.filter(featured=True).count() <= 8


@pytest.mark.django_db
def test_every_published_device_is_complete_enough_for_its_page():
    demo.demo_catalog_load()

    published = Device.objects.published().prefetch_related("spec_values", "images", "treatments")
    assert published.count() >= 24
    for device in published:
        assert device.family_id, device.sku
        assert device.summary.strip(), device.sku
        assert len(device.description.split("\n\n")) >= 2, device.sku
        assert len(device.spec_values.all()) >= 4, device.sku
        assert device.treatments.all(), device.sku
        images = list(device.images.all())
        assert images and all(image.alt_text.startswith("Illustration of the ") for image in images), device.sku
        assert default_storage.exists(images[0].image.name), device.sku
        assert device.price_on_request or device.list_price > 0, device.sku
        assert 12 <= device.warranty_months <= 36, device.sku
        assert device.skin_type_min <= device.skin_type_max, device.sku


@pytest.mark.django_db
def test_every_family_has_five_to_nine_specs_with_two_or_three_highlighted():
    demo.demo_catalog_load()

    for family in Family.objects.prefetch_related("spec_definitions"):
        definitions = list(family.spec_definitions.all())
        assert 5 <= len(definitions) <= 9, family.slug
        assert 2 <= sum(d.highlight for d in definitions) <= 3, family.slug
        assert any(d.filterable for d in definitions), family.slug


@pytest.mark.django_db
def test_every_spec_value_fits_its_definition():
    demo.demo_catalog_load()

    values = SpecValue.objects.select_related("definition", "device")
    assert values.exists()
    for value in values:
        assert value.definition.family_id == value.device.family_id
        assert specs.validate_typed(value.definition, value.typed) == [], (value.device.sku, value.definition.key)


@pytest.mark.django_db
def test_an_option_removed_from_the_data_is_removed_on_reload(data):
    demo.demo_catalog_load()
    device = Device.objects.get(sku="HAS-CO2-60")
    assert device.options.filter(slug="smoke-evacuator").exists()
    before = device.updated_at

    fx60 = _device_data(data, "HAS-CO2-60")
    fx60["options"] = [o for o in fx60["options"] if o["slug"] != "smoke-evacuator"]
    demo.demo_catalog_load()

    device.refresh_from_db()
    assert not device.options.filter(slug="smoke-evacuator").exists()
    assert device.options.filter(slug="gynaecology-handpiece").exists()
    assert device.updated_at > before


@pytest.mark.django_db
def test_tiers_certifications_and_spec_values_removed_from_the_data_are_removed_on_reload(data):
    demo.demo_catalog_load()

    fx40 = _device_data(data, "HAS-CO2-40")
    fx40["price_tiers"] = fx40["price_tiers"][:1]
    fx40["certifications"] = [c for c in fx40["certifications"] if c["authority"] != "tga"]
    del fx40["specs"]["weight"]
    demo.demo_catalog_load()

    device = Device.objects.get(sku="HAS-CO2-40")
    assert list(device.price_tiers.values_list("min_quantity", flat=True)) == [3]
    assert not device.certifications.filter(authority=Certification.Authority.TGA).exists()
    assert not device.spec_values.filter(definition__key="weight").exists()
    assert device.spec_values.filter(definition__key="power").exists()


@pytest.mark.django_db
def test_a_changed_field_in_the_data_updates_the_existing_row(data):
    demo.demo_catalog_load()
    pk = Device.objects.get(sku="HAS-QY-1").pk

    qy1 = _device_data(data, "HAS-QY-1")
    qy1["list_price"] = "3950.00"
    qy1["specs"]["max-energy"] = 550
    counts = demo.demo_catalog_load()

    device = Device.objects.get(sku="HAS-QY-1")
    assert device.pk == pk
    assert device.list_price == Decimal("3950.00")
    assert device.spec_values.get(definition__key="max-energy").value_number == 550
    assert counts["changed"] >= 2


@pytest.mark.django_db
def test_a_spec_value_that_does_not_fit_loads_nothing(data):
    _device_data(data, "HAS-PICO-3C")["specs"]["wavelengths"] = ["532", "694"]

    with pytest.raises(ValidationError, match="694"):
        demo.demo_catalog_load()

    assert Device.objects.count() == 0
    assert Family.objects.count() == 0


@pytest.mark.django_db
def test_the_co2_60_w_has_a_gynaecology_handpiece_at_extra_cost():
    demo.demo_catalog_load()

    device = Device.objects.get(sku="HAS-CO2-60")
    assert device.spec_values.get(definition__key="power").value_number == 60
    option = device.options.get(slug="gynaecology-handpiece")
    assert option.kind == DeviceOption.Kind.HANDPIECE
    assert not option.included
    assert option.price_delta > 0


@pytest.mark.django_db
def test_every_pico_laser_offers_532_755_and_1064_nm():
    demo.demo_catalog_load()

    picos = Device.objects.filter(family__slug="picosecond-laser")
    assert picos.count() >= 2
    for device in picos:
        wavelengths = device.spec_values.get(definition__key="wavelengths").value_choices
        assert {"532", "755", "1064"} <= set(wavelengths)


@pytest.mark.django_db
def test_fda_clearance_is_claimed_only_for_some_devices_and_only_for_the_us():
    demo.demo_catalog_load()

    fda = Certification.objects.filter(authority=Certification.Authority.FDA_510K)
    assert 0 < fda.values("device").distinct().count() < Device.objects.count() / 2
    assert all([c.code for c in cert.countries] == ["US"] for cert in fda)


@pytest.mark.django_db
def test_the_stored_illustrations_are_well_formed_svg_without_scripts():
    demo.demo_catalog_load()

    for image in DeviceImage.objects.select_related("device"):
        assert image.image.name == f"devices/demo/{image.device.slug}.svg"
        with default_storage.open(image.image.name) as f:
            text = f.read().decode("utf-8")
        assert "<script" not in text.lower()
        assert "href" not in text  # nothing external, not even a link
        root = _parse_svg(text)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("viewBox") == "0 0 800 600"


def test_every_illustration_kind_draws_well_formed_svg():
    for kind in ["laser_cart", "tower", "tabletop", "body", "analyser", "helmet", "unknown"]:
        svg = device_svg(name="Test device", family_name="Test family", illustration=kind, accent="#336699")
        assert _parse_svg(svg).tag == "{http://www.w3.org/2000/svg}svg"


def test_text_in_an_illustration_is_escaped():
    svg = device_svg(
        name='<script>alert("x")</script> & Co',
        family_name="A <b> family",
        illustration="tower",
        accent="#336699",
        caption=True,
    )

    assert "<script" not in svg
    root = _parse_svg(svg)
    texts = [element.text for element in root.iter() if element.text]
    assert '<script>alert("x")</script> & Co' in texts  # the caption
    assert "A <B> FAMILY" in texts


def test_an_accent_that_is_not_a_hex_colour_is_refused():
    with pytest.raises(ValueError):
        device_svg(name="X", family_name="Y", illustration="tower", accent='red"/><script>')


def test_the_demo_data_uses_unique_natural_keys():
    skus = [d["sku"] for d in demo_data.DEVICES]
    slugs = [d["slug"] for d in demo_data.DEVICES]
    assert len(skus) == len(set(skus))
    assert len(slugs) == len(set(slugs))
    for device in demo_data.DEVICES:
        option_slugs = [o["slug"] for o in device["options"]]
        assert len(option_slugs) == len(set(option_slugs)), device["sku"]
        family = next(f for f in demo_data.FAMILIES if f["slug"] == device["family"])
        assert set(device["specs"]) <= {s["key"] for s in family["specs"]}, device["sku"]
