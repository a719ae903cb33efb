"""Reads for the catalog API: what each caller may see, pages in sync order, and the state behind ETags.

Each resource has a *base* (the rows a caller may see, with their sync position `sync_at`),
the prefetches its serializer needs (a fixed number of queries per page), and a kind of
tombstone. `page` and `state` work the same way for all of them.
"""

from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.db import connection
from django.db.models import DateTimeField, Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce, Greatest
from django.utils.dateparse import parse_datetime

from catalog.api import sync
from catalog.api.access import Access
from catalog.models import (
    Article,
    ArticleFaq,
    ArticleReference,
    Certification,
    Device,
    DeviceImage,
    DeviceOption,
    Family,
    SpecDefinition,
    SpecValue,
    Tombstone,
    Treatment,
)


@dataclass(frozen=True)
class Resource:
    kind: str
    model: type
    orderings: dict[str, sync.Ordering]
    prefetches: list = field(default_factory=list)
    select: tuple[str, ...] = ()

    def base(self, *, access: Access) -> QuerySet:
        """The rows this caller may see, each with its sync position."""
        return _BASES[self.kind](access)

    def tombstones(self, *, access: Access) -> QuerySet[Tombstone]:
        tombstones = Tombstone.objects.filter(kind=self.kind)
        if self.kind == Tombstone.Kind.DEVICE and access.drafts:
            # Unpublished devices are in this caller's base already, as rows.
            tombstones = tombstones.filter(reason=Tombstone.Reason.DELETED)
        return tombstones.annotate(sync_at=F("removed_at"))

    def everything(self) -> QuerySet:
        """Every row whatever its status: any change to any of them may change some caller's list."""
        return _with_position(self.kind, self.model.objects.all())

    def loaded(self, queryset: QuerySet) -> QuerySet:
        return queryset.select_related(*self.select).prefetch_related(*self.prefetches)


def _with_position(kind: str, queryset: QuerySet) -> QuerySet:
    if kind == Tombstone.Kind.ARTICLE:
        # A scheduled article changes when it goes live, without a write: its position is
        # the later of its last edit and its publication.
        return queryset.annotate(
            sync_at=Greatest("updated_at", Coalesce("published_at", "updated_at"), output_field=DateTimeField())
        )
    return queryset.annotate(sync_at=F("updated_at"))


_BASES = {
    Tombstone.Kind.DEVICE: lambda access: _with_position(
        "device", Device.objects.all() if access.drafts else Device.objects.published()
    ),
    Tombstone.Kind.ARTICLE: lambda access: _with_position("article", Article.objects.published()),
    Tombstone.Kind.FAMILY: lambda access: _with_position("family", Family.objects.all()),
    Tombstone.Kind.TREATMENT: lambda access: _with_position("treatment", Treatment.objects.all()),
}

DEVICES = Resource(
    kind=Tombstone.Kind.DEVICE,
    model=Device,
    orderings=sync.orderings(
        ("updated_at", "sync_at", True),
        ("created_at", "created_at", True),
        ("name", "name", False),
        ("sku", "sku", False),
    ),
    select=("family",),
    prefetches=[
        Prefetch(
            "spec_values",
            queryset=SpecValue.objects.select_related("definition").order_by("definition__order", "definition__id"),
        ),
        Prefetch("options", queryset=DeviceOption.objects.order_by("kind", "order", "name", "id")),
        Prefetch("certifications", queryset=Certification.objects.order_by("authority", "identifier")),
        Prefetch("images", queryset=DeviceImage.objects.order_by("order", "id")),
        Prefetch("treatments", queryset=Treatment.objects.order_by("order", "name")),
        "price_tiers",
        # Linked guides that are published (or scheduled: partners show them from published_at).
        Prefetch(
            "articles",
            queryset=Article.objects.filter(status=Article.Status.PUBLISHED).order_by("-published_at", "-id"),
            to_attr="listed_articles",
        ),
    ],
)
FAMILIES = Resource(
    kind=Tombstone.Kind.FAMILY,
    model=Family,
    orderings=sync.orderings(("updated_at", "sync_at", True), ("name", "name", False)),
    prefetches=[Prefetch("spec_definitions", queryset=SpecDefinition.objects.order_by("order", "id"))],
)
TREATMENTS = Resource(
    kind=Tombstone.Kind.TREATMENT,
    model=Treatment,
    orderings=sync.orderings(("updated_at", "sync_at", True), ("name", "name", False)),
)
ARTICLES = Resource(
    kind=Tombstone.Kind.ARTICLE,
    model=Article,
    orderings=sync.orderings(
        ("updated_at", "sync_at", True), ("published_at", "published_at", True), ("title", "title", False)
    ),
    prefetches=[
        Prefetch("faqs", queryset=ArticleFaq.objects.select_related("link_article").order_by("order", "id")),
        Prefetch("references", queryset=ArticleReference.objects.order_by("order", "id")),
        Prefetch("treatments", queryset=Treatment.objects.order_by("order", "name")),
        Prefetch("families", queryset=Family.objects.order_by("order", "name")),
    ],
)


def page(*, resource: Resource, access: Access, view: QuerySet, request: sync.PageRequest) -> sync.Page:
    """One page of `view` (the caller's filtered rows) in the requested order.

    In sync order, rows that changed after `request.tombstones_after` but are no longer in
    the view (filtered out, unpublished, deleted) come as tombstones, so a consumer that had
    them removes them.
    """
    ordering = request.ordering
    if not request.sync:
        rows = list(resource.loaded(sync.keyset(view, request=request)))
        live = [sync.Entry(sync.Position(getattr(r, ordering.field), r.pk), r.slug, r) for r in rows]
        return sync.Page(entries=live[: request.page_size], has_more=len(live) > request.page_size)

    since = request.tombstones_after
    changed = (
        resource.base(access=access)
        .annotate(in_view=Exists(view.filter(pk=OuterRef("pk"))))
        .filter(Q(in_view=True) | Q(sync_at__gt=since))
    )
    rows = list(resource.loaded(sync.keyset(changed, request=request)))
    live = [sync.Entry(sync.Position(r.sync_at, r.pk), r.slug, r if r.in_view else None) for r in rows]

    after = request.after
    if after is None or (after.value, after.id) < (since, sync.MAX_ID):
        after = sync.Position(since, sync.MAX_ID)
    tombstone_request = sync.PageRequest(
        page_size=request.page_size, ordering=ordering, after=after, horizon=request.horizon
    )
    removed = sync.keyset(resource.tombstones(access=access), request=tombstone_request, id_field="object_id")
    gone = [sync.Entry(sync.Position(t.sync_at, t.object_id), t.slug) for t in removed]
    return sync.merge_page(live=live, tombstones=gone, request=request)


def state(*, resource: Resource, horizon: datetime) -> tuple[datetime | None, int]:
    """The latest position up to `horizon` and how many rows and tombstones there are, in one query.

    Every change to a row the API shows moves its position to the present, and every
    removal writes a tombstone, so the pair changes whenever any list of the resource could:
    a row crossing the horizon raises the maximum, one leaving lowers the count.
    """
    rows = resource.everything().filter(sync_at__lte=horizon).order_by().values("sync_at")
    tombstones = (
        Tombstone.objects.filter(kind=resource.kind, removed_at__lte=horizon)
        .order_by()
        .annotate(sync_at=F("removed_at"))
        .values("sync_at")
    )
    rows_sql, rows_params = rows.query.get_compiler(connection=connection).as_sql()
    tombstones_sql, tombstones_params = tombstones.query.get_compiler(connection=connection).as_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT MAX(changes.sync_at), COUNT(*) FROM ({rows_sql} UNION ALL {tombstones_sql}) changes",  # noqa: S608 - both parts are compiled querysets with parameters
            [*rows_params, *tombstones_params],
        )
        latest, count = cursor.fetchone()
    return _as_datetime(latest), count


def _as_datetime(value) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    parsed = parse_datetime(str(value))  # SQLite hands back text
    return parsed.replace(tzinfo=UTC) if parsed is not None and parsed.tzinfo is None else parsed


def detail_state(*, resource: Resource, access: Access, slug: str) -> tuple[int, datetime] | None:
    """The id and position of the visible row with this slug, or None (one query)."""
    return resource.base(access=access).filter(slug=slug).order_by("pk").values_list("pk", "sync_at").first()


def detail(*, resource: Resource, access: Access, pk: int):
    return resource.loaded(resource.base(access=access)).get(pk=pk)
