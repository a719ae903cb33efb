import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and generated files go to a fresh folder per test, never to var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def laser_family(db):
    """A fractional CO2-like family with one definition of every value type."""
    from tests.factories import FamilyFactory, SpecDefinitionFactory

    family = FamilyFactory(name="Fractional CO2 laser", slug="fractional-co2-laser")
    SpecDefinitionFactory(
        family=family,
        key="power",
        label="Laser power",
        unit="W",
        value_type="number",
        filterable=True,
        highlight=True,
        order=1,
        group="energy",
    )
    SpecDefinitionFactory(
        family=family,
        key="pulse-energy",
        label="Pulse energy",
        unit="mJ",
        value_type="range",
        filterable=True,
        order=2,
        group="energy",
    )
    SpecDefinitionFactory(
        family=family,
        key="wavelength",
        label="Wavelength",
        unit="nm",
        value_type="multi_choice",
        choices=["532", "755", "1064", "10600"],
        filterable=True,
        highlight=True,
        order=3,
        group="optical",
    )
    SpecDefinitionFactory(
        family=family,
        key="scan-mode",
        label="Scan mode",
        value_type="choice",
        choices=["Random", "Sequential", "Parallel"],
        filterable=True,
        order=4,
    )
    SpecDefinitionFactory(family=family, key="screen", label="Screen", value_type="text", order=5, group="interface")
    SpecDefinitionFactory(
        family=family,
        key="cooling",
        label="Integrated cooling",
        value_type="boolean",
        filterable=True,
        order=6,
        group="cooling",
    )
    return family
