"""A large synthetic catalog for benchmarks: many devices per family with full specs."""

import random
from decimal import Decimal

from catalog import search, services
from catalog.models import Device, DeviceImage, DeviceOption, Family, SpecDefinition


def catalog_generate(*, families: int = 4, devices_per_family: int = 250, seed: int = 7) -> int:
    """Create `families` families with typed definitions and their devices; returns the device count."""
    rng = random.Random(seed)
    made = 0
    for f in range(families):
        family = Family.objects.create(name=f"Bench family {f}", slug=f"bench-family-{f}")
        SpecDefinition.objects.bulk_create(
            [
                SpecDefinition(
                    family=family,
                    key="power",
                    label="Power",
                    unit="W",
                    value_type="number",
                    filterable=True,
                    highlight=True,
                    order=1,
                ),
                SpecDefinition(
                    family=family,
                    key="spot",
                    label="Spot size",
                    unit="mm",
                    value_type="range",
                    filterable=True,
                    order=2,
                ),
                SpecDefinition(
                    family=family,
                    key="wavelength",
                    label="Wavelength",
                    unit="nm",
                    value_type="multi_choice",
                    choices=["532", "755", "808", "1064"],
                    filterable=True,
                    highlight=True,
                    order=3,
                ),
                SpecDefinition(
                    family=family, key="cooling", label="Cooling", value_type="boolean", filterable=True, order=4
                ),
                SpecDefinition(family=family, key="screen", label="Screen", value_type="text", order=5),
            ]
        )
        for d in range(devices_per_family):
            device = Device.objects.create(
                family=family,
                sku=f"B-{f}-{d}",
                name=f"Bench device {f}-{d}",
                slug=f"bench-{f}-{d}",
                summary="Synthetic device.",
                status=Device.Status.PUBLISHED,
                list_price=Decimal(rng.randint(5_000, 60_000)),
            )
            services.device_set_spec_values(
                device=device,
                values={
                    "power": rng.choice([20, 40, 60, 100]),
                    "spot": (rng.randint(1, 5), rng.randint(6, 20)),
                    "wavelength": rng.sample(["532", "755", "808", "1064"], k=rng.randint(1, 3)),
                    "cooling": rng.random() > 0.5,
                    "screen": "10.4 inch touch screen",
                },
            )
            DeviceImage.objects.create(device=device, image="devices/bench.svg", alt_text="Bench device")
            DeviceOption.objects.create(
                device=device, kind="handpiece", name="Handpiece", slug="handpiece", price_delta=Decimal(900)
            )
            made += 1
    search.search_refresh_all()
    return made
