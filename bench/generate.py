"""A large synthetic catalog for the benchmarks, written with bulk inserts.

Every device carries what a real one does: 8 or 9 typed spec values, an option, a
certification, a treatment, a price tier and an image; about one in ten has linked guides
(one in a hundred has six, the most a device page shows). One family is large (a sixth of
the catalog: 3,336 devices of 20,000) and one is small (30), for the family page figures.
Change times are spread over the past year, as in a catalog with a history, so every row
is past the sync horizon from the start.

The many rows go in with PostgreSQL's COPY (seconds for 20,000 devices, where `bulk_create`
takes a minute), built from model instances so every field's default and conversion is the
model's own. Whatever the project derives from rows (stored documents, when it has them) is
then rebuilt through its own management commands, so the same generator serves every
version of the read path.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from django.core.management import call_command, get_commands
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.utils import timezone
from psycopg import sql

from catalog import specs
from catalog.models import (
    Article,
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

# Derived data the project rebuilds after rows are written behind its back, in this order.
REBUILD_COMMANDS = ("rebuild_documents",)
# Six families share the catalog after the small one: the first is the "large" family.
SHARING_FAMILIES = 6
SMALL_FAMILY_SIZE = 30
LARGE_FAMILY_SHARE = Decimal("0.1668")  # 3,336 of 20,000

TREATMENTS = [
    "Acne scars",
    "Skin resurfacing",
    "Pigmentation",
    "Tattoo removal",
    "Hair removal",
    "Vascular lesions",
    "Skin tightening",
    "Fat reduction",
    "Body contouring",
    "Rejuvenation",
    "Melasma",
    "Stretch marks",
]
WAVELENGTHS = ["532", "755", "808", "1064", "10600"]
SCAN_MODES = ["Random", "Sequential", "Parallel"]
AUTHORITIES = [a for a, _ in Certification.Authority.choices]
MARKETS = [["US"], ["DE", "FR", "ES", "IT"], ["GB"], ["AU"], ["CA"], []]


@dataclass(frozen=True)
class GeneratedCatalog:
    devices: int
    spec_values: int
    families: dict[str, int]  # slug: device count, largest first
    large_family: str
    small_family: str
    articles: int
    rebuilt_with: tuple[str, ...]


def family_sizes(devices: int) -> list[int]:
    """How many devices each family gets: one large, one small, the rest shared evenly."""
    small = min(SMALL_FAMILY_SIZE, max(1, devices // 20))
    large = max(1, int((devices * LARGE_FAMILY_SHARE).to_integral_value()))
    rest = max(0, devices - small - large)
    others = SHARING_FAMILIES - 1
    shares = [rest // others + (1 if i < rest % others else 0) for i in range(others)]
    return [large, small, *shares]


def _definitions(family: Family) -> list[SpecDefinition]:
    number, range_, text = specs.ValueType.NUMBER, specs.ValueType.RANGE, specs.ValueType.TEXT
    choice, multi, boolean = specs.ValueType.CHOICE, specs.ValueType.MULTI_CHOICE, specs.ValueType.BOOLEAN
    rows = [
        ("power", "Laser power", "W", number, [], "energy", True, True),
        ("wavelength", "Wavelength", "nm", multi, WAVELENGTHS, "optical", True, True),
        ("spot-size", "Spot size", "mm", range_, [], "optical", True, False),
        ("pulse-energy", "Pulse energy", "mJ", range_, [], "energy", True, False),
        ("scan-mode", "Scan mode", "", choice, SCAN_MODES, "treatment", True, False),
        ("cooling", "Contact cooling", "", boolean, [], "cooling", True, False),
        ("screen", "Screen", "", text, [], "interface", False, False),
        ("weight", "Weight", "kg", number, [], "physical", False, False),
        ("frequency", "Repetition rate", "Hz", number, [], "energy", True, True),
    ]
    return [
        SpecDefinition(
            family=family,
            key=key,
            label=label,
            unit=unit,
            value_type=value_type,
            choices=choices,
            group=group,
            filterable=filterable,
            highlight=highlight,
            order=order,
        )
        for order, (key, label, unit, value_type, choices, group, filterable, highlight) in enumerate(rows, start=1)
    ]


def _spec_data(rng: random.Random, index: int) -> dict:
    """One device's values by key; every other device has no pulse energy (8 specs, else 9)."""
    low = rng.randint(1, 5)
    values = {
        "power": rng.choice([15, 30, 40, 60, 100, 120]),
        "wavelength": sorted(rng.sample(WAVELENGTHS, k=rng.randint(1, 3)), key=WAVELENGTHS.index),
        "spot-size": (low, low + rng.randint(2, 15)),
        "pulse-energy": (rng.randint(1, 50), rng.randint(60, 300)),
        "scan-mode": rng.choice(SCAN_MODES),
        "cooling": rng.random() > 0.4,
        "screen": f"{rng.choice(['8', '10.4', '12.1', '15.6'])} inch touch screen",
        "weight": rng.randint(18, 140),
        "frequency": rng.choice([1, 5, 10, 20]),
    }
    if index % 2:
        del values["pulse-energy"]
    return values


def _copy(model, objs: list) -> None:
    """Write model instances with COPY: every concrete field (the pk when it is set), as the model prepares it.

    A field the instance leaves empty gets what a save would give it (auto_now stamps);
    one it sets (the devices' change times) is written as set.
    """
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if not (f.primary_key and objs[0].pk is None)]
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(model._meta.db_table), sql.SQL(", ").join(sql.Identifier(f.column) for f in fields)
    )
    database = connections[DEFAULT_DB_ALIAS]  # not the per-context proxy: this loop runs a million times
    with database.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for obj in objs:
            row = []
            for f in fields:
                value = getattr(obj, f.attname)
                if value is None:
                    value = f.pre_save(obj, add=True)
                row.append(f.get_db_prep_save(value, database))
            copy.write_row(row)


def _take_ids(model, count: int) -> list[int]:
    """Reserve `count` primary keys from the table's sequence, so rows written by COPY can be referred to."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


@transaction.atomic
def _insert(*, devices: int, seed: int) -> GeneratedCatalog:
    rng = random.Random(seed)
    now = timezone.now()
    treatments = Treatment.objects.bulk_create(
        [Treatment(name=name, slug=f"bench-{i}", order=i) for i, name in enumerate(TREATMENTS)]
    )
    sizes = family_sizes(devices)
    families = Family.objects.bulk_create(
        [
            Family(name=f"Bench family {f} ({size} devices)", slug=f"bench-family-{f}", order=f)
            for f, size in enumerate(sizes)
        ]
    )
    definitions_by_family = {
        family.pk: {d.key: d for d in SpecDefinition.objects.bulk_create(_definitions(family))} for family in families
    }

    device_rows = []
    ids = iter(_take_ids(Device, devices))
    # Change times spread over the past year in random order (edits touch any device), one
    # moment each, all older than the sync horizon.
    moments = list(range(devices))
    rng.shuffle(moments)
    step = timedelta(days=365) / max(1, devices)
    for family, size in zip(families, sizes, strict=True):
        for i in range(size):
            list_price = Decimal(rng.randint(80, 900) * 100)
            low_skin = rng.randint(1, 3)
            changed = now - timedelta(days=366) + step * moments[len(device_rows)]
            device_rows.append(
                Device(
                    id=next(ids),
                    family_id=family.pk,
                    sku=f"BN-{family.order}-{i:05d}",
                    name=f"Bench {family.order}-{i:05d} {rng.choice(['Pro', 'Duo', 'Max', 'Compact', 'Plus'])}",
                    slug=f"bench-{family.order}-{i:05d}",
                    summary="A synthetic device with a full set of specifications, for benchmarks.",
                    description="First paragraph of a longer description.\n\nSecond paragraph, with details.",
                    status=Device.Status.PUBLISHED,
                    featured=i < 2,
                    list_price=list_price,
                    currency="USD",
                    warranty_months=rng.choice([12, 24, 36]),
                    lead_time_days=rng.choice([10, 21, 30]),
                    skin_type_min=low_skin,
                    skin_type_max=rng.randint(low_skin, 6),
                    created_at=changed,
                    updated_at=changed,
                )
            )
    _copy(Device, device_rows)

    spec_values, options, tiers, certifications, images, device_treatments = [], [], [], [], [], []
    through = Device.treatments.through
    typed_values: dict[tuple, specs.TypedValue] = {}  # few distinct values: parse each once
    for index, device in enumerate(device_rows):
        definitions = definitions_by_family[device.family_id]
        for key, value in _spec_data(rng, index).items():
            definition = definitions[key]
            memo = (definition.pk, repr(value))
            if memo not in typed_values:
                typed_values[memo] = specs.from_data(definition, value)
            spec_value = SpecValue(device_id=device.pk, definition_id=definition.pk)
            spec_value.set_typed(typed_values[memo])
            spec_values.append(spec_value)
        options.append(
            DeviceOption(
                device_id=device.pk,
                kind=DeviceOption.Kind.HANDPIECE,
                name="Fractional scanner handpiece",
                slug="fractional-scanner",
                sku=f"{device.sku}-HP",
                description="Scanner handpiece with 7 spot patterns.",
                price_delta=Decimal(rng.choice([900, 1500, 2400])),
            )
        )
        tiers.append(PriceTier(device_id=device.pk, min_quantity=3, unit_price=device.list_price * Decimal("0.95")))
        issued = date(2022, 1, 1) + timedelta(days=rng.randint(0, 700))
        certifications.append(
            Certification(
                device_id=device.pk,
                authority=AUTHORITIES[index % len(AUTHORITIES)],
                identifier=f"K{200000 + index}",
                countries=MARKETS[index % len(MARKETS)],
                issued_on=issued,
                expires_on=issued + timedelta(days=5 * 365),
            )
        )
        images.append(
            DeviceImage(device_id=device.pk, image="devices/bench.svg", alt_text=f"{device.name}, front view")
        )
        device_treatments.append(through(device_id=device.pk, treatment_id=treatments[index % len(treatments)].pk))
    for model, objs in [
        (SpecValue, spec_values),
        (DeviceOption, options),
        (PriceTier, tiers),
        (Certification, certifications),
        (DeviceImage, images),
        (through, device_treatments),
    ]:
        _copy(model, objs)

    articles = _insert_guides(devices=device_rows, families=families, treatments=treatments, now=now)
    by_slug = {family.slug: size for family, size in zip(families, sizes, strict=True)}
    return GeneratedCatalog(
        devices=len(device_rows),
        spec_values=len(spec_values),
        families=dict(sorted(by_slug.items(), key=lambda item: -item[1])),
        large_family=families[0].slug,
        small_family=families[1].slug,
        articles=articles,
        rebuilt_with=(),
    )


def _insert_guides(*, devices: list[Device], families: list[Family], treatments: list[Treatment], now) -> int:
    """Published guides: one linked to every tenth device, six to every hundredth."""
    guides = Article.objects.bulk_create(
        [
            Article(
                title=f"Bench guide {i}: settings, step by step",
                slug=f"bench-guide-{i}",
                takeaway="Start low, test a spot, and raise the energy only when the skin answers as expected.",
                body="## Before\n\nPrepare the skin.\n\n## During\n\n| step | setting |\n|---|---|\n| 1 | 10 mJ |\n",
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(days=400 - i),
            )
            for i in range(12)
        ]
    )
    article_devices, article_families, article_treatments = [], [], []
    for index, device in enumerate(devices):
        if index % 10:
            continue
        linked = guides[:6] if index % 100 == 0 else [guides[(index // 10) % len(guides)]]
        article_devices += [Article.devices.through(article=guide, device=device) for guide in linked]
    for i, guide in enumerate(guides):
        article_families.append(Article.families.through(article=guide, family=families[i % len(families)]))
        article_treatments.append(Article.treatments.through(article=guide, treatment=treatments[i]))
    _copy(Article.devices.through, article_devices)
    Article.families.through.objects.bulk_create(article_families)
    Article.treatments.through.objects.bulk_create(article_treatments)
    return len(guides)


def catalog_generate(*, devices: int = 20_000, seed: int = 7) -> GeneratedCatalog:
    """Write the synthetic catalog into an empty database, then rebuild what the project derives from it."""
    if Device.objects.exists():
        raise RuntimeError("The bench generates into an empty catalog; this database has devices already.")
    generated = _insert(devices=devices, seed=seed)
    available = get_commands()
    rebuilt = tuple(name for name in REBUILD_COMMANDS if name in available)
    for name in rebuilt:
        call_command(name)
    return replace(generated, rebuilt_with=rebuilt)
