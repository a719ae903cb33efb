from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from catalog import services
from catalog.models import Device, SpecValue
from tests.factories import DeviceFactory, DeviceOptionFactory, FamilyFactory, SpecDefinitionFactory

pytestmark = pytest.mark.django_db


def test_spec_values_are_stored_typed_and_shown_with_units(laser_family):
    device = DeviceFactory(family=laser_family)

    services.device_set_spec_values(
        device=device,
        values={
            "power": "60 W",
            "pulse-energy": (5, 200),
            "wavelength": ["10600"],
            "scan-mode": "Random",
            "screen": "10.4 inch touch screen",
            "cooling": True,
        },
    )

    shown = {sv.definition.key: sv.display for sv in device.spec_values.select_related("definition")}
    assert shown == {
        "power": "60\u00a0W",
        "pulse-energy": "5–200\u00a0mJ",
        "wavelength": "10600\u00a0nm",
        "scan-mode": "Random",
        "screen": "10.4 inch touch screen",
        "cooling": "Yes",
    }
    assert device.spec_values.get(definition__key="power").value_number == Decimal("60")


def test_invalid_spec_values_are_refused_together_and_nothing_is_saved(laser_family):
    device = DeviceFactory(family=laser_family, specs={"power": 40})

    with pytest.raises(ValidationError) as excinfo:
        services.device_set_spec_values(
            device=device, values={"power": 60, "wavelength": ["808"], "scan-mode": "Zigzag", "colour": "blue"}
        )

    errors = excinfo.value.message_dict
    assert set(errors) == {"wavelength", "scan-mode", "colour"}
    assert "not among the allowed values" in errors["wavelength"][0]
    assert "is not a spec of the Fractional CO2 laser family" in errors["colour"][0]
    # The valid power change was not written either.
    assert device.spec_values.get(definition__key="power").value_number == Decimal("40")


def test_setting_specs_twice_updates_the_same_row(laser_family):
    device = DeviceFactory(family=laser_family, specs={"power": 40})
    services.device_set_spec_values(device=device, values={"power": 60})
    assert SpecValue.objects.filter(device=device).count() == 1


def test_setting_a_spec_moves_the_device_updated_at(laser_family):
    device = DeviceFactory(family=laser_family)
    before = Device.objects.get(pk=device.pk).updated_at
    services.device_set_spec_values(device=device, values={"power": 60})
    assert Device.objects.get(pk=device.pk).updated_at > before


def test_a_spec_value_of_another_family_is_refused_by_model_validation(laser_family):
    other = SpecDefinitionFactory(family=FamilyFactory(), key="power", unit="W")
    device = DeviceFactory(family=laser_family)
    spec_value = SpecValue(device=device, definition=other, value_number=Decimal("5"))
    with pytest.raises(ValidationError, match="belongs to another family"):
        spec_value.full_clean()


def test_model_validation_refuses_a_text_where_a_number_is_defined(laser_family):
    device = DeviceFactory(family=laser_family)
    definition = laser_family.spec_definitions.get(key="power")
    with pytest.raises(ValidationError, match="needs a number value"):
        SpecValue(device=device, definition=definition, value_text="sixty").full_clean()


def test_a_device_needs_a_price_or_price_on_request():
    with pytest.raises(IntegrityError), transaction.atomic():
        DeviceFactory(list_price=None, price_on_request=False)
    assert DeviceFactory(list_price=None, price_on_request=True).price_label == "Price on request"


def test_a_price_together_with_price_on_request_is_refused_by_validation():
    device = DeviceFactory.build(family=FamilyFactory(), list_price=Decimal("10"), price_on_request=True)
    with pytest.raises(ValidationError, match="Leave the price empty"):
        device.full_clean()


def test_skin_types_must_run_lightest_first():
    with pytest.raises(IntegrityError), transaction.atomic():
        DeviceFactory(skin_type_min=5, skin_type_max=2)
    assert DeviceFactory(skin_type_min=1, skin_type_max=4).skin_types_label == "I–IV"


def test_an_included_option_cannot_carry_a_price():
    with pytest.raises(IntegrityError), transaction.atomic():
        DeviceOptionFactory(included=True, price_delta=Decimal("100"))


def test_model_numbers_are_unique():
    DeviceFactory(sku="HC-CO2-60")
    with pytest.raises(IntegrityError), transaction.atomic():
        DeviceFactory(sku="HC-CO2-60")


def test_a_choice_definition_without_choices_is_refused(laser_family):
    definition = SpecDefinitionFactory.build(family=laser_family, key="mode", label="Mode", value_type="choice")
    with pytest.raises(ValidationError, match="at least one allowed value"):
        definition.full_clean()


def test_price_label_formats_whole_amounts_without_cents():
    assert DeviceFactory(list_price=Decimal("18500.00"), currency="EUR").price_label == "EUR 18,500"
    assert DeviceFactory(list_price=Decimal("99.50")).price_label == "USD 99.50"


def test_changing_status_through_the_service_reports_only_real_changes():
    published = DeviceFactory(status=Device.Status.PUBLISHED)
    draft = DeviceFactory(status=Device.Status.DRAFT)
    changed = services.devices_set_status(device_ids=[published.pk, draft.pk], status=Device.Status.PUBLISHED)
    assert changed == 1
    with pytest.raises(ValidationError):
        services.devices_set_status(device_ids=[draft.pk], status="archived")


def test_a_choice_containing_a_separator_is_refused_because_editors_could_not_type_it(laser_family):
    definition = SpecDefinitionFactory.build(
        family=laser_family, key="depth", label="Depth", value_type="choice", choices=["0.5 / 2", "3"]
    )
    with pytest.raises(ValidationError, match="cannot contain"):
        definition.full_clean()
