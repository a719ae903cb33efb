"""The one builder of the catalog's public representations: what the API returns and what cards show.

Every device, family, treatment and article has, per language, a stored document
(`catalog.models.*Document`): the exact JSON item the API answers, pre-encoded as bytes
in each variant a caller can get (without prices; with prices for `prices:read`), and for
devices the data of the card the catalog pages show. Reads write these bytes out almost
as they are (`catalog.api`), so nothing is serialised per request.

Documents are built here and stored by `catalog.services` in the same transaction as any
change to what they contain. Building is plain Python over prefetched rows: the shapes
are the ones `catalog.api.serializers` describe in the OpenAPI schema (a test proves the
two agree), about ten times faster than running those serializers, which matters when a
family edit rebuilds thousands of devices.

Only live guides appear in a document. A guide scheduled for later is left out and the
document records when it goes live (`expires_at`); a periodic task rebuilds documents
whose moment has come (`services.documents_refresh_expired`).
"""

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

import orjson
from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.utils import timezone, translation
from rest_framework import serializers as drf

from catalog import markdown
from catalog.models import (
    FITZPATRICK_TYPES,
    Article,
    ArticleDocument,
    ArticleFaq,
    ArticleReference,
    Certification,
    Device,
    DeviceDocument,
    DeviceImage,
    DeviceOption,
    Family,
    FamilyDocument,
    SpecDefinition,
    SpecValue,
    Treatment,
    TreatmentDocument,
)

# Rows loaded and built at a time: bounded memory whatever the size of a rebuild.
CHUNK_SIZE = 500

_DATETIME = drf.DateTimeField()
_MONEY = drf.DecimalField(max_digits=12, decimal_places=2)


def languages() -> list[str]:
    """The languages documents are built in: one row per object and language.

    English only today; a translated catalog adds its languages here (settings) and gets
    more rows, with no change to the tables or to the readers.
    """
    return [settings.LANGUAGE_CODE]


def language_current() -> str:
    """The document language for the active request language, English when there is none of it."""
    active = translation.get_language() or settings.LANGUAGE_CODE
    available = languages()
    for candidate in (active, active.split("-")[0]):
        if candidate in available:
            return candidate
    return settings.LANGUAGE_CODE


def encode(data) -> bytes:
    """JSON bytes as the API has always sent them (DRF's renderer escapes these two for script embedding)."""
    return orjson.dumps(data).replace(b"\xe2\x80\xa8", b"\\u2028").replace(b"\xe2\x80\xa9", b"\\u2029")


def absolute_url(path: str) -> str:
    """A URL on the public site (SITE_URL), whatever host the API was called on."""
    return path if path.startswith(("http://", "https://")) else f"{settings.SITE_URL}{path}"


def file_url(file) -> str | None:
    return absolute_url(file.url) if file else None


def json_time(value: datetime | None) -> str | None:
    """A time as the API writes it (DRF's DateTimeField: ISO 8601, Z for UTC)."""
    return None if value is None else _DATETIME.to_representation(value)


def _money(value) -> str | None:
    return None if value is None else _MONEY.to_representation(value)


def _ref(obj) -> dict:
    return {"id": obj.pk, "slug": obj.slug, "name": obj.name}


# --- Devices ---------------------------------------------------------------------------


def devices_loaded(queryset: QuerySet[Device]) -> QuerySet[Device]:
    """Devices with every row their documents show, in a fixed number of queries."""
    return queryset.select_related("family", "successor").prefetch_related(
        Prefetch(
            "spec_values",
            queryset=SpecValue.objects.select_related("definition").order_by("definition__order", "definition__id"),
        ),
        Prefetch("options", queryset=DeviceOption.objects.order_by("kind", "order", "name", "id")),
        Prefetch("certifications", queryset=Certification.objects.order_by("authority", "identifier")),
        Prefetch("images", queryset=DeviceImage.objects.order_by("order", "id")),
        Prefetch("treatments", queryset=Treatment.objects.order_by("order", "name")),
        "price_tiers",
        # Published guides, scheduled ones too: which are live is decided at build time.
        Prefetch(
            "articles",
            queryset=Article.objects.filter(status=Article.Status.PUBLISHED).order_by("-published_at", "-id"),
            to_attr="published_articles",
        ),
    )


def _live(articles: Iterable[Article], now: datetime) -> tuple[list[Article], datetime | None]:
    """The guides that are live at `now`, and when the next scheduled one goes live."""
    live, upcoming = [], []
    for article in articles:
        if article.published_at is not None and article.published_at <= now:
            live.append(article)
        elif article.published_at is not None:
            upcoming.append(article.published_at)
    return live, min(upcoming, default=None)


def _article_ref(article: Article) -> dict:
    return {
        "id": article.pk,
        "slug": article.slug,
        "title": article.title,
        "url": absolute_url(article.get_absolute_url()),
        "published_at": json_time(article.published_at),
    }


def device_item(device: Device, *, articles: list[Article]) -> dict:
    """The API item of a device, with prices (the public variant blanks them: `without_prices`)."""
    return {
        "id": device.pk,
        "slug": device.slug,
        "deleted": False,
        "sku": device.sku,
        "name": device.name,
        "status": device.status,
        "summary": device.summary,
        "description": device.description,
        "featured": device.featured,
        "family": _ref(device.family),
        "url": absolute_url(device.get_absolute_url()),
        "price": {
            "list_price": _money(device.list_price),
            "currency": device.currency,
            "on_request": device.price_on_request,
            "tiers": [
                {"min_quantity": tier.min_quantity, "unit_price": _money(tier.unit_price)}
                for tier in device.price_tiers.all()
            ],
        },
        "warranty_months": device.warranty_months,
        "lead_time_days": device.lead_time_days,
        "skin_types": {
            "min": device.skin_type_min,
            "max": device.skin_type_max,
            "labels": [FITZPATRICK_TYPES[t] for t in device.skin_types],
        },
        "specs": {
            value.definition.key: {
                "label": value.definition.label,
                "unit": value.definition.unit,
                "type": value.definition.value_type,
                "group": value.definition.group,
                "value": value.data,
                "display": value.display,
            }
            for value in device.spec_values.all()
        },
        "options": [
            {
                "id": option.pk,
                "slug": option.slug,
                "kind": option.kind,
                "name": option.name,
                "sku": option.sku,
                "description": option.description,
                "included": option.included,
                "price_delta": f"{option.price_delta:.2f}",
            }
            for option in device.options.all()
        ],
        "certifications": [
            {
                "authority": cert.authority,
                "authority_label": str(cert.get_authority_display()),
                "identifier": cert.identifier,
                "countries": [country.code for country in cert.countries],
                "issued_on": cert.issued_on.isoformat() if cert.issued_on else None,
                "expires_on": cert.expires_on.isoformat() if cert.expires_on else None,
                "evidence_url": file_url(cert.evidence),
            }
            for cert in device.certifications.all()
        ],
        "treatments": [_ref(t) for t in device.treatments.all()],
        "images": [{"url": file_url(image.image), "alt_text": image.alt_text} for image in device.images.all()],
        "brochure_url": file_url(device.brochure),
        "articles": [_article_ref(article) for article in articles],
        "created_at": json_time(device.created_at),
        "updated_at": json_time(device.updated_at),
    }


def without_prices(item: dict) -> dict:
    """The public variant of a device item: no price, no option price deltas."""
    return {
        **item,
        "price": None,
        "options": [{**option, "price_delta": None} for option in item["options"]],
    }


@dataclass(frozen=True)
class FamilyLink:
    name: str
    slug: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass(frozen=True)
class TreatmentLink:
    slug: str
    name: str


@dataclass(frozen=True)
class DeviceLink:
    """Another device a card points at (a discontinued model's successor)."""

    slug: str
    name: str
    url: str

    def get_absolute_url(self) -> str:
        return self.url


class Listed(tuple):
    """A tuple with a manager's `.all()`: a card stands in for a device where the consultation form takes one."""

    def all(self):
        return self


@dataclass(frozen=True)
class DeviceCard:
    """What a device card shows on the catalog pages, read from the stored document."""

    id: int
    slug: str
    url: str
    name: str
    summary: str
    family: FamilyLink
    image_url: str | None
    highlights: list[tuple[str, str]]
    price_label: str
    treatments: Listed
    # Cards stored before these fields existed read as published, with no successor
    # (`manage.py rebuild_documents` brings them in line).
    status: str = Device.Status.PUBLISHED
    successor: DeviceLink | None = None

    def get_absolute_url(self) -> str:
        return self.url

    @property
    def is_discontinued(self) -> bool:
        return self.status == Device.Status.DISCONTINUED

    @classmethod
    def from_stored(cls, data: bytes) -> "DeviceCard":
        fields = orjson.loads(data)
        successor = fields.get("successor")
        return cls(
            **{
                **fields,
                "family": FamilyLink(**fields["family"]),
                "highlights": [tuple(h) for h in fields["highlights"]],
                "treatments": Listed(TreatmentLink(slug, name) for slug, name in fields["treatments"]),
                "successor": DeviceLink(**successor) if successor else None,
            }
        )


def device_card(device: Device) -> dict:
    image = next(iter(device.images.all()), None)
    return {
        "id": device.pk,
        "slug": device.slug,
        "url": device.get_absolute_url(),
        "name": device.name,
        "summary": device.summary,
        "family": {
            "name": device.family.name,
            "slug": device.family.slug,
            "url": device.family.get_absolute_url(),
        },
        "image_url": image.image.url if image else None,
        "highlights": [
            (value.definition.label, value.display) for value in device.spec_values.all() if value.definition.highlight
        ],
        # A discontinued model is no longer sold: its card names no price.
        "price_label": "Discontinued" if device.is_discontinued else device.price_label,
        "treatments": [(t.slug, t.name) for t in device.treatments.all()],
        "status": device.status,
        "successor": _successor_link(device),
    }


def _successor_link(device: Device) -> dict | None:
    successor = device.successor
    if successor is None or successor.status != Device.Status.PUBLISHED:
        return None
    return {"slug": successor.slug, "name": successor.name, "url": successor.get_absolute_url()}


def device_document(device: Device, *, language: str, now: datetime) -> DeviceDocument:
    """The unsaved document of a loaded device (`devices_loaded`) in one language."""
    with translation.override(language):
        articles, expires_at = _live(device.published_articles, now)
        item = device_item(device, articles=articles)
        return DeviceDocument(
            device_id=device.pk,
            language=language,
            slug=device.slug,
            status=device.status,
            position=device.updated_at,
            public=encode(without_prices(item)),
            priced=encode(item),
            card=encode(device_card(device)),
            expires_at=expires_at,
        )


# --- Families and treatments -----------------------------------------------------------


def families_loaded(queryset: QuerySet[Family]) -> QuerySet[Family]:
    return queryset.prefetch_related(
        Prefetch("spec_definitions", queryset=SpecDefinition.objects.order_by("order", "id"))
    )


def family_item(family: Family) -> dict:
    return {
        "id": family.pk,
        "slug": family.slug,
        "deleted": False,
        "name": family.name,
        "pitch": family.pitch,
        "description": family.description,
        "order": family.order,
        "url": absolute_url(family.get_absolute_url()),
        "spec_definitions": [
            {
                "key": definition.key,
                "label": definition.label,
                "unit": definition.unit,
                "type": definition.value_type,
                "choices": [str(choice) for choice in definition.choices],
                "group": definition.group,
                "filterable": definition.filterable,
                "comparable": definition.comparable,
                "highlight": definition.highlight,
                "order": definition.order,
            }
            for definition in family.spec_definitions.all()
        ],
        "created_at": json_time(family.created_at),
        "updated_at": json_time(family.updated_at),
    }


def family_document(family: Family, *, language: str, now: datetime) -> FamilyDocument:
    with translation.override(language):
        return FamilyDocument(
            family_id=family.pk,
            language=language,
            slug=family.slug,
            position=family.updated_at,
            public=encode(family_item(family)),
        )


def treatments_loaded(queryset: QuerySet[Treatment]) -> QuerySet[Treatment]:
    return queryset


def treatment_item(treatment: Treatment) -> dict:
    return {
        "id": treatment.pk,
        "slug": treatment.slug,
        "deleted": False,
        "name": treatment.name,
        "summary": treatment.summary,
        "description": treatment.description,
        "order": treatment.order,
        "url": absolute_url(treatment.get_absolute_url()),
        "created_at": json_time(treatment.created_at),
        "updated_at": json_time(treatment.updated_at),
    }


def treatment_document(treatment: Treatment, *, language: str, now: datetime) -> TreatmentDocument:
    with translation.override(language):
        return TreatmentDocument(
            treatment_id=treatment.pk,
            language=language,
            slug=treatment.slug,
            position=treatment.updated_at,
            public=encode(treatment_item(treatment)),
        )


# --- Articles --------------------------------------------------------------------------


def articles_loaded(queryset: QuerySet[Article]) -> QuerySet[Article]:
    return queryset.prefetch_related(
        Prefetch("faqs", queryset=ArticleFaq.objects.select_related("link_article").order_by("order", "id")),
        Prefetch("references", queryset=ArticleReference.objects.order_by("order", "id")),
        Prefetch("treatments", queryset=Treatment.objects.order_by("order", "name")),
        Prefetch("families", queryset=Family.objects.order_by("order", "name")),
    )


def article_position(article: Article) -> datetime:
    """A scheduled article changes when it goes live, without a write: the later of its last edit and publication."""
    return max(article.updated_at, article.published_at or article.updated_at)


def article_item(article: Article, *, now: datetime) -> tuple[dict, datetime | None]:
    """The API item of an article, and when an FAQ entry's linked guide goes live (None: never by itself)."""
    rendered = markdown.render(article.body)
    faqs, upcoming = [], []
    for faq in article.faqs.all():
        target = faq.link_article
        link = None
        if target is not None and target.status == Article.Status.PUBLISHED and target.published_at is not None:
            if target.published_at <= now:
                link = _article_ref(target)
            else:
                upcoming.append(target.published_at)
        faqs.append({"question": faq.question, "answer": faq.answer, "link": link})
    item = {
        "id": article.pk,
        "slug": article.slug,
        "deleted": False,
        "title": article.title,
        "takeaway": article.takeaway,
        "author": article.author,
        "published_at": json_time(article.published_at),
        "reading_minutes": article.reading_minutes,
        "url": absolute_url(article.get_absolute_url()),
        "body_markdown": article.body,
        "body_html": rendered.html,
        "toc": [{"level": h.level, "text": h.text, "anchor": h.anchor} for h in rendered.toc],
        "faqs": faqs,
        "references": [
            {"citation": ref.citation, "doi": ref.doi, "doi_url": ref.doi_url, "url": ref.url}
            for ref in article.references.all()
        ],
        "treatments": [_ref(t) for t in article.treatments.all()],
        "families": [_ref(f) for f in article.families.all()],
        "created_at": json_time(article.created_at),
        "updated_at": json_time(article_position(article)),
    }
    return item, min(upcoming, default=None)


def article_document(article: Article, *, language: str, now: datetime) -> ArticleDocument:
    with translation.override(language):
        item, expires_at = article_item(article, now=now)
        return ArticleDocument(
            article_id=article.pk,
            language=language,
            slug=article.slug,
            status=article.status,
            live_from=article.published_at if article.status == Article.Status.PUBLISHED else None,
            position=article_position(article),
            public=encode(item),
            expires_at=expires_at,
        )


# --- One entry point per kind ------------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """How to load and build the documents of one kind of row."""

    name: str
    model: type
    document: type
    owner_field: str  # the document's foreign key to its row
    loaded: object  # QuerySet -> QuerySet with what the builder reads
    build: object  # (row, language=, now=) -> unsaved document
    variant_fields: tuple[str, ...]  # stored columns besides the position

    @property
    def owner_id(self) -> str:
        return f"{self.owner_field}_id"


KINDS = {
    "device": Kind(
        "device",
        Device,
        DeviceDocument,
        "device",
        devices_loaded,
        device_document,
        ("slug", "status", "public", "priced", "card", "expires_at"),
    ),
    "family": Kind("family", Family, FamilyDocument, "family", families_loaded, family_document, ("slug", "public")),
    "treatment": Kind(
        "treatment",
        Treatment,
        TreatmentDocument,
        "treatment",
        treatments_loaded,
        treatment_document,
        ("slug", "public"),
    ),
    "article": Kind(
        "article",
        Article,
        ArticleDocument,
        "article",
        articles_loaded,
        article_document,
        ("slug", "status", "live_from", "public", "expires_at"),
    ),
}


def build(*, kind: str, object_ids: Iterable[int] | None = None, now: datetime | None = None) -> Iterator:
    """Unsaved documents of these rows (every row when None) in every language, a chunk of rows at a time."""
    spec = KINDS[kind]
    now = now or timezone.now()
    ids = None if object_ids is None else sorted(set(object_ids))
    rows = spec.model.objects.order_by("pk")
    if ids is not None:
        chunks = (ids[i : i + CHUNK_SIZE] for i in range(0, len(ids), CHUNK_SIZE))
    else:
        all_ids = list(rows.values_list("pk", flat=True))
        chunks = (all_ids[i : i + CHUNK_SIZE] for i in range(0, len(all_ids), CHUNK_SIZE))
    for chunk in chunks:
        for row in spec.loaded(rows.filter(pk__in=chunk)):
            for language in languages():
                yield spec.build(row, language=language, now=now)
