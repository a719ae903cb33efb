"""Loading the demo catalog from `catalog.demo.data` (and the knowledge base from
`catalog.demo.articles`) into the database, idempotently.

Rows are matched by natural keys, so running the loader again updates what changed and
creates nothing twice. A row whose fields already match is not saved again, which keeps
`updated_at` (what API consumers sync on) still when the data did not change.
"""

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction

from catalog import services, specs
from catalog.demo import articles as demo_articles
from catalog.demo import data as demo_data
from catalog.demo.illustrations import device_svg, model_label
from catalog.models import (
    Article,
    ArticleFaq,
    ArticleReference,
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
    # Successors are set once every device exists: a model may name one listed after it.
    for data in demo_data.DEVICES:
        counts["changed"] += _link_successor(sku=data["sku"], successor_slug=data.get("successor"))
    return counts


def _link_successor(*, sku: str, successor_slug: str | None) -> int:
    device = Device.objects.get(sku=sku)
    successor_id = Device.objects.get(slug=successor_slug).pk if successor_slug else None
    if device.successor_id == successor_id:
        return 0
    device.successor_id = successor_id
    device.save(update_fields=["successor"])
    services.device_touch(device_id=device.pk)
    return 1


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
            "treatment_price": Decimal(data["treatment_price"]) if data.get("treatment_price") else None,
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
                "uses_per_unit": option.get("uses_per_unit"),
                "uses_per_treatment": option.get("uses_per_treatment", 1),
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
    handpieces = list(
        device.options.filter(kind__in=[DeviceOption.Kind.HANDPIECE, DeviceOption.Kind.CARTRIDGE])
        .order_by("order", "name")
        .values_list("name", flat=True)
    )
    svg = device_svg(
        name=device.name,
        family_name=family.name,
        illustration=family.illustration,
        accent=accent,
        model=model_label(device.name),
        handpieces=handpieces,
    )
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
    # Family names carry proper names and units (Nd:YAG, CO2, HIFU): never lower-cased.
    return f"Illustration of the {device.name} ({family.name})"[:200]


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


# --- Knowledge base ------------------------------------------------------------

# Demo articles go live at this time of day on their publication date.
ARTICLE_PUBLISH_TIME = time(9, 0, tzinfo=UTC)


@transaction.atomic
def demo_articles_load() -> dict[str, int]:
    """Create or update the demo articles, their links, FAQ entries and references; return row counts.

    Runs after `demo_catalog_load`, whose devices (by SKU or slug), families and treatments
    the articles link to. FAQ entries may link any article, so they are set once all exist.
    """
    counts = {"articles": 0, "faqs": 0, "references": 0, "changed": 0}
    devices: dict[str, Device] = {}
    for device in Device.objects.all():
        devices[device.sku] = devices[device.slug] = device
    families = {family.slug: family for family in Family.objects.all()}
    treatments = {treatment.slug: treatment for treatment in Treatment.objects.all()}

    articles: dict[str, Article] = {}
    contents_changed: dict[str, bool] = {}
    for data in demo_articles.ARTICLES:
        article, changed = _load_article(data=data)
        articles[article.slug] = article
        counts["articles"] += 1
        counts["changed"] += changed
        links_changed = False
        for field, known in (("devices", devices), ("families", families), ("treatments", treatments)):
            links_changed |= _set_article_links(article=article, field=field, keys=data[field], known=known)
        contents_changed[article.slug] = links_changed

    for data in demo_articles.ARTICLES:
        article = articles[data["slug"]]
        faqs, faqs_changed = _load_article_faqs(article=article, faqs=data["faqs"], articles=articles)
        references, references_changed = _load_article_references(article=article, references=data["references"])
        counts["faqs"] += faqs
        counts["references"] += references
        if contents_changed[article.slug] or faqs_changed or references_changed:
            # Links, FAQ entries and references are part of what a consumer syncs with the article.
            services.articles_touch(article_ids=[article.pk])
            counts["changed"] += 1
    return counts


def _load_article(*, data: dict) -> tuple[Article, bool]:
    status = data.get("status", Article.Status.PUBLISHED)
    published_at = None
    if status == Article.Status.PUBLISHED:
        published_at = datetime.combine(date.fromisoformat(data["published"]), ARTICLE_PUBLISH_TIME)
    values = {
        "title": data["title"],
        "takeaway": data["takeaway"],
        "body": data["body"].strip(),
        "status": status,
        "author": data["author"],
        "published_at": published_at,
    }
    # The same reading time the admin computes when an editor saves an article.
    values["reading_minutes"] = services.article_prepare(article=Article(**values)).reading_minutes
    return _upsert(Article, lookup={"slug": data["slug"]}, values=values)


def _set_article_links(*, article: Article, field: str, keys: list[str], known: dict[str, models.Model]) -> bool:
    """Point the article's `field` relation at the rows named in the data; True if it changed."""
    unknown = [key for key in keys if key not in known]
    if unknown:
        raise ValidationError({field: f"Article “{article.slug}” links unknown {field}: {', '.join(unknown)}."})
    wanted = {known[key] for key in keys}
    relation = getattr(article, field)
    if set(relation.all()) == wanted:
        return False
    relation.set(wanted)
    return True


def _load_article_faqs(*, article: Article, faqs: list[dict], articles: dict[str, Article]) -> tuple[int, bool]:
    """Replace the article's FAQ entries when they differ from the data; returns (count, changed)."""
    rows = []
    for order, faq in enumerate(faqs):
        link = faq.get("link")
        if link and link not in articles:
            raise ValidationError(
                {"faqs": f"An FAQ entry of “{article.slug}” links “{link}”, which is not a demo article."}
            )
        row = ArticleFaq(
            article=article,
            question=faq["question"],
            answer=faq.get("answer", ""),
            link_article=articles[link] if link else None,
            order=(order + 1) * 10,
        )
        row.full_clean()
        rows.append(row)
    wanted = [(r.question, r.answer, r.link_article_id, r.order) for r in rows]
    current = list(article.faqs.order_by("order", "id").values_list("question", "answer", "link_article_id", "order"))
    if current == wanted:
        return len(rows), False
    article.faqs.all().delete()
    ArticleFaq.objects.bulk_create(rows)
    return len(rows), True


def _load_article_references(*, article: Article, references: list[dict]) -> tuple[int, bool]:
    """Replace the article's references when they differ from the data; returns (count, changed)."""
    rows = []
    for order, reference in enumerate(references):
        row = ArticleReference(
            article=article,
            citation=reference["citation"],
            doi=reference.get("doi", ""),
            url=reference.get("url", ""),
            order=(order + 1) * 10,
        )
        row.full_clean()
        rows.append(row)
    wanted = [(r.citation, r.doi, r.url, r.order) for r in rows]
    current = list(article.references.order_by("order", "id").values_list("citation", "doi", "url", "order"))
    if current == wanted:
        return len(rows), False
    article.references.all().delete()
    ArticleReference.objects.bulk_create(rows)
    return len(rows), True
