"""Catalog reads, shaped for the pages that use them, with a fixed number of queries each."""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from catalog import documents, markdown, search, specs
from catalog.documents import DeviceCard
from catalog.models import (
    Article,
    ArticleFaq,
    ArticleReference,
    Certification,
    Device,
    DeviceDocument,
    DeviceImage,
    DeviceOption,
    Family,
    LegalPage,
    SpecDefinition,
    SpecValue,
    SyncState,
    Treatment,
)
from catalog.money import format_money
from catalog.specs import ValueType

DEVICES_PER_PAGE = 24


def device_cards(*, device_ids: Sequence[int]) -> list[DeviceCard]:
    """Cards of these devices in this order, read from their stored documents (one query, whatever their number)."""
    ids = list(device_ids)
    stored = dict(
        DeviceDocument.objects.filter(device_id__in=ids, language=documents.language_current()).values_list(
            "device_id", "card"
        )
    )
    return [DeviceCard.from_stored(bytes(stored[pk])) for pk in ids if pk in stored]


@dataclass
class CardPage:
    """One page of device cards: the paginator's page (count, numbers) and the cards on it."""

    page: Page
    cards: list[DeviceCard]
    page_range: list

    @property
    def count(self) -> int:
        return self.page.paginator.count


def device_card_page(devices: QuerySet[Device], *, number, per_page: int = DEVICES_PER_PAGE) -> CardPage:
    """A page of `devices` (filtered and ordered) as cards: a count, the page's ids and their cards (three queries)."""
    page = Paginator(devices.values_list("pk", flat=True), per_page).get_page(number)
    return CardPage(
        page=page,
        cards=device_cards(device_ids=list(page.object_list)),
        page_range=list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
    )


def families_with_counts() -> list[Family]:
    """Families that have published devices, with how many."""
    return list(
        Family.objects.annotate(device_count=Count("devices", filter=Q(devices__status=Device.Status.PUBLISHED)))
        .filter(device_count__gt=0)
        # Aggregating queries drop Meta.ordering, so say it again.
        .order_by("order", "name")
    )


def featured_devices(*, limit: int = 6) -> list[DeviceCard]:
    featured = Device.objects.published().filter(featured=True).order_by("family__order", "name")
    return device_cards(device_ids=list(featured.values_list("pk", flat=True)[:limit]))


def treatments_with_devices() -> list[Treatment]:
    return list(
        Treatment.objects.annotate(device_count=Count("devices", filter=Q(devices__status=Device.Status.PUBLISHED)))
        .filter(device_count__gt=0)
        .order_by("order", "name")
    )


def family_get(*, slug: str) -> Family:
    try:
        return Family.objects.get(slug=slug)
    except Family.DoesNotExist as exc:
        raise Http404("No such family") from exc


def family_definitions(*, family: Family) -> list[SpecDefinition]:
    return list(family.spec_definitions.order_by("order", "id"))


def family_treatments(*, family: Family) -> list[Treatment]:
    """Treatments offered by at least one published device of the family (filter choices)."""
    return list(
        Treatment.objects.filter(
            Exists(
                Device.treatments.through.objects.filter(
                    treatment_id=OuterRef("pk"),
                    device__family=family,
                    device__status=Device.Status.PUBLISHED,
                )
            )
        )
    )


def _spec_filter_q(definition: SpecDefinition, kind: str, value) -> Q:
    values = SpecValue.objects.filter(device_id=OuterRef("pk"), definition=definition)
    is_range = definition.value_type == ValueType.RANGE
    if kind == "min":
        # A range spec satisfies "at least X" when the device can reach X.
        values = values.filter(**{"value_max__gte" if is_range else "value_number__gte": value})
        return Q(Exists(values))
    if kind == "max":
        values = values.filter(**{"value_min__lte" if is_range else "value_number__lte": value})
        return Q(Exists(values))
    if kind == "true":
        return Q(Exists(values.filter(value_bool=True)))
    if kind == "choices":
        if definition.value_type == ValueType.MULTI_CHOICE:
            # A buyer ticking 755 and 1064 wants a device that has both.
            q = Q()
            for choice in value:
                q &= Q(Exists(_choice_values(values, choice)))
            return q
        any_of = Q()
        for choice in value:
            any_of |= Q(Exists(_choice_values(values, choice)))
        return any_of
    raise ValueError(kind)  # pragma: no cover


def _choice_values(values: QuerySet[SpecValue], choice: str) -> QuerySet[SpecValue]:
    return values.with_choice(choice)


def family_devices(
    *, family: Family, spec_filters, treatments: list[str], certs: list[str], sort: str, query: str = ""
) -> QuerySet[Device]:
    """Published devices of the family that pass every filter (and match `query`), in the chosen order."""
    devices = Device.objects.published().filter(family=family)
    if query.strip():
        devices = devices.filter(pk__in=[d.pk for d in search.devices_matching(devices, query=query)])
    for definition, kind, value in spec_filters:
        devices = devices.filter(_spec_filter_q(definition, kind, value))
    devices = _with_treatments_and_certs(devices, treatments=treatments, certs=certs)
    return _sorted(devices, sort=sort)


def _with_treatments_and_certs(devices: QuerySet[Device], *, treatments: list[str], certs: list[str]):
    """Devices indicated for any of the treatments and holding any of the certificates (a filter each)."""
    if treatments:
        devices = devices.filter(
            Exists(Device.treatments.through.objects.filter(device_id=OuterRef("pk"), treatment__slug__in=treatments))
        )
    if certs:
        devices = devices.filter(Exists(Certification.objects.filter(device_id=OuterRef("pk"), authority__in=certs)))
    return devices


def _sorted(devices: QuerySet[Device], *, sort: str, first: Sequence[str] = ()) -> QuerySet[Device]:
    ordering = {
        "name": ["name"],
        "price": [F("list_price").asc(nulls_last=True), "name"],
        "-price": [F("list_price").desc(nulls_last=True), "name"],
        "newest": ["-created_at", "name"],
    }.get(sort or "name", ["name"])
    return devices.order_by(*first, *ordering, "pk")


def all_devices_filtered(
    *,
    families: list[str],
    treatments: list[str],
    certs: list[str],
    skin_types: list[int],
    price_min=None,
    price_max=None,
    currency: str,
    sort: str,
) -> QuerySet[Device]:
    """Published devices of every family that pass the filters, in the chosen order (families in theirs by name).

    A price bound compares list prices in `currency`: devices priced on request or listed in
    another currency have no price to compare and are left out while a bound is set. Ticked
    skin types must all be within the device's range.
    """
    devices = Device.objects.published()
    if families:
        devices = devices.filter(family__slug__in=families)
    devices = _with_treatments_and_certs(devices, treatments=treatments, certs=certs)
    if skin_types:
        devices = devices.filter(skin_type_min__lte=min(skin_types), skin_type_max__gte=max(skin_types))
    if price_min is not None or price_max is not None:
        devices = devices.filter(price_on_request=False, list_price__isnull=False, currency=currency)
        if price_min is not None:
            devices = devices.filter(list_price__gte=price_min)
        if price_max is not None:
            devices = devices.filter(list_price__lte=price_max)
    first = ["family__order", "family__name"] if (sort or "name") == "name" else []
    return _sorted(devices, sort=sort, first=first)


def device_get_for_page(*, slug: str, include_drafts: bool = False) -> Device:
    """One device with everything its page shows, in a fixed number of queries."""
    devices = Device.objects.all() if include_drafts else Device.objects.listed()
    devices = devices.select_related("family", "successor").prefetch_related(
        Prefetch("images", queryset=DeviceImage.objects.order_by("order", "id")),
        Prefetch(
            "spec_values",
            queryset=SpecValue.objects.select_related("definition").order_by("definition__order", "definition__id"),
        ),
        Prefetch("options", queryset=DeviceOption.objects.order_by("kind", "order", "name")),
        Prefetch("certifications", queryset=Certification.objects.order_by("authority")),
        "price_tiers",
        "treatments",
    )
    try:
        return devices.get(slug=slug)
    except Device.DoesNotExist as exc:
        raise Http404("No such device") from exc


@dataclass
class SpecGroup:
    label: str
    rows: list[SpecValue] = field(default_factory=list)


def device_spec_groups(*, device: Device) -> list[SpecGroup]:
    """The device's spec values grouped as its family's definitions group them."""
    labels = dict(SpecDefinition.Group.choices)
    grouped: dict[str, list[SpecValue]] = {}
    for spec_value in device.spec_values.all():
        grouped.setdefault(spec_value.definition.group, []).append(spec_value)
    order = [*labels, *(g for g in grouped if g not in labels)]
    return [SpecGroup(label=labels.get(g, g.title()), rows=grouped[g]) for g in order if g in grouped]


def device_options_by_kind(*, device: Device) -> list[tuple[str, list[DeviceOption]]]:
    labels = dict(DeviceOption.Kind.choices)
    grouped: dict[str, list[DeviceOption]] = {}
    for option in device.options.all():
        option.delta_label = _option_delta_label(option, device.currency)
        grouped.setdefault(option.kind, []).append(option)
    return [
        (DeviceOption.KIND_PLURALS[kind] if len(grouped[kind]) > 1 else labels[kind], grouped[kind])
        for kind in labels
        if kind in grouped
    ]


def _option_delta_label(option: DeviceOption, currency: str) -> str:
    if option.included:
        return "Included"
    if not option.price_delta:
        return "No extra cost"
    sign = "+" if option.price_delta > 0 else "−"
    return f"{sign}{format_money(abs(option.price_delta), currency)}"


def related_devices(*, device_id: int, limit: int = 4) -> list[DeviceCard]:
    """Published devices a buyer of this one would weigh: most treatments in common first, then the
    same family, as cards (one query). A device sharing neither is never related."""
    through = Device.treatments.through
    family_id = Device.objects.filter(pk=device_id).values("family_id")
    treatment_ids = through.objects.filter(device_id=device_id).values("treatment_id")
    shared = (
        through.objects.filter(device_id=OuterRef("device_id"), treatment_id__in=treatment_ids)
        .order_by()
        .values("device_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    cards = (
        DeviceDocument.objects.filter(language=documents.language_current(), status=Device.Status.PUBLISHED)
        .exclude(device_id=device_id)
        .annotate(shared=Coalesce(Subquery(shared), 0), same_family=Q(device__family_id__in=family_id))
        .filter(Q(shared__gt=0) | Q(same_family=True))
        .order_by("-shared", "-same_family", "device__name", "device_id")
        .values_list("card", flat=True)[:limit]
    )
    return [DeviceCard.from_stored(bytes(card)) for card in cards]


def treatment_get(*, slug: str) -> Treatment:
    try:
        return Treatment.objects.get(slug=slug)
    except Treatment.DoesNotExist as exc:
        raise Http404("No such treatment") from exc


def treatment_devices(*, treatment: Treatment) -> QuerySet[Device]:
    return Device.objects.published().filter(treatments=treatment).order_by("family__order", "name", "pk")


# --- The device page ------------------------------------------------------------

DEVICE_PAGE_CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class DevicePageKey:
    """What decides a device page's own content: the device and its sync position, read in one query."""

    device_id: int
    position: datetime
    card: DeviceCard

    def cache_key(self, part: str) -> str:
        # Every change to what the page shows moves the position (catalog.services), so a
        # changed device is a new key and stale entries simply expire.
        return f"device-page:{part}:{self.device_id}:{self.position.timestamp()}:{documents.language_current()}"


def device_page_key(*, slug: str, include_drafts: bool = False) -> DevicePageKey:
    statuses = [Device.Status.PUBLISHED, Device.Status.DISCONTINUED]
    stored = DeviceDocument.objects.filter(slug=slug, language=documents.language_current())
    if not include_drafts:
        stored = stored.filter(status__in=statuses)
    found = stored.values_list("device_id", "position", "card").first()
    if found is None:
        raise Http404("No such device")
    return DevicePageKey(device_id=found[0], position=found[1], card=DeviceCard.from_stored(bytes(found[2])))


def catalog_version() -> str:
    """Moves in the transaction of every change to what public pages show (one small query)."""
    # Written out: it runs on every cached page, and compiling the aggregate cost more than the query.
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT SUM({q('writes')} + {q('removals')}), MAX({q('changed_at')}) FROM {q(SyncState._meta.db_table)}"  # noqa: S608
        )
        count, changed_at = cursor.fetchone()
    # SQLite answers text for the MAX of a datetime: only the characters matter, not the type.
    return f"{count or 0}-{''.join(ch for ch in str(changed_at) if ch.isdigit())}"


def cached_fragment(key: str, render: Callable[[], str], *, timeout: int = DEVICE_PAGE_CACHE_SECONDS) -> str:
    """Rendered HTML from the cache, or rendered now and cached; a cache outage costs a render, never the page."""
    try:
        html = cache.get(key)
    except Exception:
        logger.warning("cache unavailable for %s", key, exc_info=True)
        return render()
    if html is None:
        html = render()
        try:
            cache.set(key, html, timeout)
        except Exception:
            logger.warning("cache unavailable for %s", key, exc_info=True)
    return html


# --- Compare ---------------------------------------------------------------


@dataclass
class CompareRow:
    label: str
    unit: str
    cells: list[str]
    differs: bool


@dataclass
class Comparison:
    devices: list[Device]
    general: list[CompareRow]
    spec_rows: list[CompareRow]
    missing: list[str]


def compare_devices(*, slugs: list[str], prices: bool = True) -> Comparison:
    """Side-by-side rows for up to four devices, specs aligned by definition key and unit."""
    found = {
        d.slug: d
        for d in Device.objects.listed()
        .filter(slug__in=slugs)
        .select_related("family")
        .prefetch_related(
            Prefetch("images", queryset=DeviceImage.objects.order_by("order", "id")),
            Prefetch(
                "spec_values",
                queryset=SpecValue.objects.filter(definition__comparable=True)
                .select_related("definition")
                .order_by("definition__order", "definition__id"),
            ),
            Prefetch("certifications", queryset=Certification.objects.order_by("authority")),
            "treatments",
        )
    }
    devices = [found[s] for s in slugs if s in found]
    missing = [s for s in slugs if s not in found]

    # Align rows by (key, unit): two families that both define "power" in W share a row.
    row_order: list[tuple[str, str]] = []
    labels: dict[tuple[str, str], str] = {}
    cells: dict[tuple[str, str], dict[int, SpecValue]] = {}
    for device in devices:
        for spec_value in device.spec_values.all():
            definition = spec_value.definition
            row_key = (definition.key, definition.unit)
            if row_key not in labels:
                row_order.append(row_key)
                labels[row_key] = definition.label
            cells.setdefault(row_key, {})[device.pk] = spec_value

    spec_rows = []
    for row_key in row_order:
        by_device = cells[row_key]
        texts = [by_device[d.pk].display if d.pk in by_device else "—" for d in devices]
        comparable = [
            specs.sort_key(by_device[d.pk].definition, by_device[d.pk].typed) if d.pk in by_device else None
            for d in devices
        ]
        spec_rows.append(
            CompareRow(label=labels[row_key], unit=row_key[1], cells=texts, differs=len(set(comparable)) > 1)
        )

    def row(label, values):
        return CompareRow(label=label, unit="", cells=values, differs=len(set(values)) > 1)

    general = [
        row("Family", [d.family.name for d in devices]),
        row("Model number", [d.sku for d in devices]),
        *([row("Price", ["Discontinued" if d.is_discontinued else d.price_label for d in devices])] if prices else []),
        row("Warranty", [f"{d.warranty_months} months" for d in devices]),
        row("Lead time", ["—" if d.is_discontinued else f"{d.lead_time_days} working days" for d in devices]),
        row("Fitzpatrick skin types", [d.skin_types_label for d in devices]),
        row(
            "Certifications",
            [", ".join(c.get_authority_display() for c in d.certifications.all()) or "—" for d in devices],
        ),
        row("Treatments", [", ".join(t.name for t in d.treatments.all()) or "—" for d in devices]),
    ]
    return Comparison(devices=devices, general=general, spec_rows=spec_rows, missing=missing)


def compare_candidates(*, exclude: list[str]) -> list[Device]:
    """Published devices a buyer can add to a comparison (for the picker)."""
    return list(
        Device.objects.published().exclude(slug__in=exclude).select_related("family").order_by("family__order", "name")
    )


# --- Knowledge base ----------------------------------------------------------

ARTICLE_HTML_CACHE_SECONDS = 24 * 3600
logger = logging.getLogger(__name__)


def article_cards(queryset: QuerySet[Article]) -> QuerySet[Article]:
    return queryset.prefetch_related(Prefetch("treatments", queryset=Treatment.objects.order_by("order", "name")))


def articles_for_index(*, treatment: str = "", family: str = "", query: str = "") -> list[Article]:
    """Published articles, newest first, narrowed by treatment and family slugs and a search query."""
    articles = Article.objects.published()
    if treatment:
        articles = articles.filter(treatments__slug=treatment)
    if family:
        articles = articles.filter(families__slug=family)
    articles = article_cards(articles.distinct())
    if query.strip():
        return search.articles_matching(articles, query=query)
    return list(articles.order_by("-published_at", "-id"))


def article_filter_choices() -> tuple[list[Treatment], list[Family]]:
    """Treatments and families that published articles are linked to (index filters)."""
    published = Article.objects.published()
    treatments = Treatment.objects.filter(Exists(published.filter(treatments=OuterRef("pk")))).order_by("order", "name")
    families = Family.objects.filter(Exists(published.filter(families=OuterRef("pk")))).order_by("order", "name")
    return list(treatments), list(families)


def article_get_for_page(*, slug: str, include_drafts: bool = False) -> Article:
    articles = Article.objects.all() if include_drafts else Article.objects.published()
    articles = articles.prefetch_related(
        Prefetch("faqs", queryset=ArticleFaq.objects.select_related("link_article").order_by("order", "id")),
        Prefetch("references", queryset=ArticleReference.objects.order_by("order", "id")),
        Prefetch(
            "devices",
            queryset=Device.objects.published().only("pk").order_by("family__order", "name", "pk"),
            to_attr="published_devices",
        ),
        Prefetch("treatments", queryset=Treatment.objects.order_by("order", "name")),
        Prefetch("families", queryset=Family.objects.order_by("order", "name")),
    )
    try:
        return articles.get(slug=slug)
    except Article.DoesNotExist as exc:
        raise Http404("No such article") from exc


def article_rendered(*, article: Article) -> markdown.RenderedMarkdown:
    """The article's sanitised HTML and contents; cached until the article is saved again."""
    key = f"article-html:{article.pk}:{article.updated_at.timestamp()}"
    try:
        rendered = cache.get(key)
    except Exception:  # a cache outage costs a render, never the page
        logger.warning("cache unavailable for %s", key, exc_info=True)
        return markdown.render(article.body)
    if rendered is None:
        rendered = markdown.render(article.body)
        try:
            cache.set(key, rendered, ARTICLE_HTML_CACHE_SECONDS)
        except Exception:
            logger.warning("cache unavailable for %s", key, exc_info=True)
    return rendered


def article_related(*, article: Article, limit: int = 3) -> list[Article]:
    """Other published articles sharing a treatment, device or family, most shared first."""
    treatment_ids = [t.pk for t in article.treatments.all()]
    family_ids = [f.pk for f in article.families.all()]
    device_ids = [d.pk for d in article.published_devices]
    shared = (
        Count("treatments", filter=Q(treatments__in=treatment_ids), distinct=True)
        + Count("families", filter=Q(families__in=family_ids), distinct=True)
        + Count("devices", filter=Q(devices__in=device_ids), distinct=True)
    )
    return list(
        article_cards(
            Article.objects.published()
            .exclude(pk=article.pk)
            .annotate(shared=shared)
            .filter(shared__gt=0)
            .order_by("-shared", "-published_at")
        )[:limit]
    )


# Guide cards name their treatments: prefetched, so a page of guides costs two queries.


def device_articles(*, device: Device, limit: int = 6) -> list[Article]:
    return list(article_cards(Article.objects.published().filter(devices=device)).order_by("-published_at")[:limit])


def family_articles(*, family: Family, limit: int = 6) -> list[Article]:
    return list(article_cards(Article.objects.published().filter(families=family)).order_by("-published_at")[:limit])


def treatment_articles(*, treatment: Treatment, limit: int = 12) -> list[Article]:
    return list(
        article_cards(Article.objects.published().filter(treatments=treatment)).order_by("-published_at")[:limit]
    )


# --- Legal pages -------------------------------------------------------------


def legal_page_get(*, kind: str) -> LegalPage:
    """The vendor's legal page of this kind; a known kind not yet written reads as an empty page, never a 404,
    since every form links it."""
    if kind not in LegalPage.Kind.values:
        raise Http404("No such page")
    page = LegalPage.objects.filter(kind=kind).first()
    return page or LegalPage(kind=kind, title=LegalPage.Kind(kind).label, body="")
