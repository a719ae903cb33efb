"""Loading the demo catalog from `catalog.demo_data` into the database, idempotently.

Rows are matched by natural keys, so running the loader again updates what changed and
creates nothing twice. A row whose fields already match is not saved again, which keeps
`updated_at` (what API consumers sync on) still when the data did not change.
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction

from catalog import demo_data, services, specs
from catalog.illustrations import device_svg
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

IMAGE_DIR = "devices/demo"


def demo_image_path(*, slug: str) -> str:
    """Where the generated illustration of a demo device is stored."""
    return f"{IMAGE_DIR}/{slug}.svg"


@transaction.atomic
def demo_catalog_load() -> dict[str, int]:
    """Create or update the demo treatments, families, specs and devices; return row counts."""
    counts = {
        "treatments": 0,
        "families": 0,
        "spec_definitions": 0,
        "devices": 0,
        "spec_values": 0,
        "options": 0,
        "price_tiers": 0,
        "certifications": 0,
        "images": 0,
        "changed": 0,
    }
    treatments = {}
    for order, data in enumerate(demo_data.TREATMENTS):
        treatment, changed = _upsert(
            Treatment,
            lookup={"slug": data["slug"]},
            values={
                "name": data["name"],
                "summary": data["summary"],
                "description": data["description"],
                "order": (order + 1) * 10,
            },
        )
        treatments[treatment.slug] = treatment
        counts["treatments"] += 1
        counts["changed"] += changed

    families = {}
    for order, data in enumerate(demo_data.FAMILIES):
        family, changed = _upsert(
            Family,
            lookup={"slug": data["slug"]},
            values={
                "name": data["name"],
                "pitch": data["pitch"],
                "description": data["description"],
                "illustration": data["illustration"],
                "order": (order + 1) * 10,
            },
        )
        families[family.slug] = (family, data)
        counts["families"] += 1
        counts["changed"] += changed
        for spec_order, spec in enumerate(data["specs"]):
            _, changed = _upsert(
                SpecDefinition,
                lookup={"family": family, "key": spec["key"]},
                values={
                    "label": spec["label"],
                    "unit": spec.get("unit", ""),
                    "value_type": spec["value_type"],
                    "choices": list(spec.get("choices", [])),
                    "group": spec["group"],
                    "filterable": spec.get("filterable", False),
                    "comparable": spec.get("comparable", True),
                    "highlight": spec.get("highlight", False),
                    "order": (spec_order + 1) * 10,
                },
            )
            counts["spec_definitions"] += 1
            counts["changed"] += changed

    for data in demo_data.DEVICES:
        family, family_data = families[data["family"]]
        device_counts = _load_device(data=data, family=family, family_data=family_data, treatments=treatments)
        for key, value in device_counts.items():
            counts[key] += value
    return counts


def _load_device(*, data: dict, family: Family, family_data: dict, treatments: dict) -> dict[str, int]:
    list_price = data.get("list_price")
    device, changed = _upsert(
        Device,
        lookup={"sku": data["sku"]},
        values={
            "family": family,
            "name": data["name"],
            "slug": data["slug"],
            "summary": data["summary"],
            "description": data["description"],
            "status": data["status"],
            "featured": data.get("featured", False),
            "list_price": Decimal(list_price) if list_price is not None else None,
            "currency": data.get("currency", "USD"),
            "price_on_request": data.get("price_on_request", False),
            "warranty_months": data["warranty_months"],
            "lead_time_days": data["lead_time_days"],
            "skin_type_min": data["skin_type_min"],
            "skin_type_max": data["skin_type_max"],
        },
    )
    counts = {"devices": 1, "changed": int(changed)}
    contents_changed = False

    wanted_treatments = {treatments[slug] for slug in data["treatments"]}
    if set(device.treatments.all()) != wanted_treatments:
        device.treatments.set(wanted_treatments)
        contents_changed = True

    counts["spec_values"], specs_changed = _load_spec_values(device=device, values=data["specs"])
    counts["changed"] += specs_changed

    keep = []
    for order, option in enumerate(data["options"]):
        row, changed = _upsert(
            DeviceOption,
            lookup={"device": device, "slug": option["slug"]},
            values={
                "kind": option["kind"],
                "name": option["name"],
                "sku": option.get("sku", ""),
                "description": option.get("description", ""),
                "price_delta": Decimal(option.get("price_delta", "0")),
                "included": option.get("included", False),
                "order": (order + 1) * 10,
            },
        )
        keep.append(row.pk)
        contents_changed |= changed
    removed, _ = DeviceOption.objects.filter(device=device).exclude(pk__in=keep).delete()
    contents_changed |= bool(removed)
    counts["options"] = len(keep)

    keep = []
    for tier in data["price_tiers"]:
        row, changed = _upsert(
            PriceTier,
            lookup={"device": device, "min_quantity": tier["min_quantity"]},
            values={"unit_price": Decimal(tier["unit_price"])},
        )
        keep.append(row.pk)
        contents_changed |= changed
    removed, _ = PriceTier.objects.filter(device=device).exclude(pk__in=keep).delete()
    contents_changed |= bool(removed)
    counts["price_tiers"] = len(keep)

    keep = []
    for cert in data["certifications"]:
        row, changed = _upsert(
            Certification,
            lookup={"device": device, "authority": cert["authority"], "identifier": cert["identifier"]},
            values={
                "countries": list(cert.get("countries", [])),
                "issued_on": _date(cert.get("issued_on")),
                "expires_on": _date(cert.get("expires_on")),
            },
        )
        keep.append(row.pk)
        contents_changed |= changed
    removed, _ = Certification.objects.filter(device=device).exclude(pk__in=keep).delete()
    contents_changed |= bool(removed)
    counts["certifications"] = len(keep)

    contents_changed |= _save_illustration(device=device, family=family, accent=family_data["accent"])
    counts["images"] = 1

    if contents_changed:
        services.device_touch(device_id=device.pk)
        counts["changed"] += 1
    return counts


def _load_spec_values(*, device: Device, values: dict[str, Any]) -> tuple[int, bool]:
    """Set the device's spec values through the validating service; drop values not in the data."""
    # Values of another family's definitions are left over from a change of family.
    stale = SpecValue.objects.filter(device=device).exclude(
        definition__family=device.family_id, definition__key__in=list(values)
    )
    removed, _ = stale.delete()
    existing = {sv.definition.key: sv for sv in SpecValue.objects.filter(device=device).select_related("definition")}
    changed_values = {}
    for key, value in values.items():
        current = existing.get(key)
        try:
            unchanged = current is not None and specs.from_data(current.definition, value) == current.typed
        except specs.SpecValueError:
            unchanged = False  # the service reports it, naming the key
        if not unchanged:
            changed_values[key] = value
    if changed_values:
        services.device_set_spec_values(device=device, values=changed_values)
    elif removed:
        services.device_touch(device_id=device.pk)
    return len(values), bool(changed_values or removed)


def _save_illustration(*, device: Device, family: Family, accent: str) -> bool:
    """Write the device's SVG at its fixed path (replacing the old file) and keep one image row for it."""
    path = demo_image_path(slug=device.slug)
    svg = device_svg(name=device.name, family_name=family.name, illustration=family.illustration, accent=accent)
    # Delete first: storages pick a new name rather than overwrite an existing file.
    if default_storage.exists(path):
        default_storage.delete(path)
    saved_as = default_storage.save(path, ContentFile(svg.encode("utf-8")))
    _, changed = _upsert(
        DeviceImage,
        lookup={"device": device, "image": saved_as},
        values={"alt_text": _alt_text(device=device, family=family), "order": 0},
    )
    # An illustration stored under the device's former slug; images an editor uploaded stay.
    stale = DeviceImage.objects.filter(device=device, image__startswith=f"{IMAGE_DIR}/").exclude(image=saved_as)
    for image in stale:
        image.image.delete(save=False)
        image.delete()
        changed = True
    return changed


def _alt_text(*, device: Device, family: Family) -> str:
    article = "an" if family.name[:1].lower() in "aeiou" else "a"
    return f"Illustration of the {device.name}, {article} {family.name.lower()}"[:200]


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _upsert(model: type[models.Model], *, lookup: dict[str, Any], values: dict[str, Any]):
    """Like `update_or_create`, but validates the row and saves only fields that differ.

    Returns (row, whether it was created or changed). SQLite does not enforce lengths or
    choices, so `full_clean` is what keeps the demo data loadable on PostgreSQL too.
    """
    row = model.objects.filter(**lookup).first()
    if row is None:
        row = model(**lookup, **values)
        row.full_clean()
        row.save()
        return row, True
    changed = [field for field, value in values.items() if _differs(getattr(row, field), value)]
    if not changed:
        return row, False
    for field in changed:
        setattr(row, field, values[field])
    row.full_clean()
    auto_now = [f.name for f in model._meta.concrete_fields if getattr(f, "auto_now", False)]
    row.save(update_fields=changed + auto_now)
    return row, True


def _differs(current, wanted) -> bool:
    if isinstance(wanted, models.Model):
        return getattr(current, "pk", None) != wanted.pk
    if isinstance(wanted, list) and not isinstance(current, list):
        # A multiple CountryField reads back as a sequence of Country objects, sorted.
        return sorted(str(getattr(item, "code", item)) for item in current) != sorted(wanted)
    return current != wanted
