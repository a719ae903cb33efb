"""Reads for the catalog API: the stored documents a caller may see, pages in sync order, and the state behind ETags.

Every read goes to the document tables (`catalog.models.*Document`), which hold each item's
JSON bytes and sync position, and returns bytes to write out. The unfiltered sync walk, the
partners' hot path, reads one document table along its position index and nothing else;
filters select rows on the catalog tables and narrow the documents by id.
"""

import functools
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.conf import settings
from django.db import connection
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from catalog import documents
from catalog.api import sync
from catalog.api.access import Access
from catalog.models import Article, Device, SyncState, Tombstone


@dataclass(frozen=True)
class Resource:
    kind: str
    model: type
    # Ordering fields are paths on the resource's document queryset.
    orderings: dict[str, sync.Ordering]

    @property
    def spec(self) -> documents.Kind:
        return documents.KINDS[self.kind]

    @property
    def id_field(self) -> str:
        """The document column that holds the item's id (`device_id`, ...)."""
        return self.spec.owner_id

    def documents(self, *, access: Access, language: str) -> QuerySet:
        """The documents of the items this caller may see (the resource's base)."""
        found = self.spec.document.objects.filter(language=language)
        if self.kind == Tombstone.Kind.DEVICE and not access.drafts:
            found = found.filter(status=Device.Status.PUBLISHED)
        if self.kind == Tombstone.Kind.ARTICLE:
            found = found.filter(status=Article.Status.PUBLISHED, live_from__lte=timezone.now())
        return found

    def body_field(self, *, access: Access) -> str:
        """Which stored variant this caller gets."""
        return "priced" if self.kind == Tombstone.Kind.DEVICE and access.prices else "public"

    def tombstones(self, *, access: Access) -> QuerySet[Tombstone]:
        tombstones = Tombstone.objects.filter(kind=self.kind)
        if self.kind == Tombstone.Kind.DEVICE and access.drafts:
            # Unpublished devices are in this caller's base already, as rows.
            tombstones = tombstones.filter(reason=Tombstone.Reason.DELETED)
        else:
            # Deleted drafts were never shown to this caller: it must not learn of them.
            tombstones = tombstones.filter(audience=Tombstone.Audience.PUBLIC)
        return tombstones.annotate(position=F("removed_at"))


DEVICES = Resource(
    kind=Tombstone.Kind.DEVICE,
    model=Device,
    orderings=sync.orderings(
        ("updated_at", "position", True),
        ("created_at", "device__created_at", True),
        ("name", "device__name", False),
        ("sku", "device__sku", False),
    ),
)
FAMILIES = Resource(
    kind=Tombstone.Kind.FAMILY,
    model=documents.KINDS["family"].model,
    orderings=sync.orderings(("updated_at", "position", True), ("name", "family__name", False)),
)
TREATMENTS = Resource(
    kind=Tombstone.Kind.TREATMENT,
    model=documents.KINDS["treatment"].model,
    orderings=sync.orderings(("updated_at", "position", True), ("name", "treatment__name", False)),
)
ARTICLES = Resource(
    kind=Tombstone.Kind.ARTICLE,
    model=Article,
    orderings=sync.orderings(
        # A published article's live_from is its published_at: no join to order by it.
        ("updated_at", "position", True),
        ("published_at", "live_from", True),
        ("title", "article__title", False),
    ),
)


def page(
    *, resource: Resource, access: Access, base: QuerySet, view: QuerySet, narrowed: bool, request: sync.PageRequest
) -> sync.Page:
    """One page of `view` (the caller's documents, narrowed by filters) in the requested order.

    In sync order, items that changed after `request.tombstones_after` but are not in the
    view (filtered out, unpublished, deleted) come as tombstones, so a consumer that had
    them removes them. Entries carry the stored bytes of live items.
    """
    ordering, id_field, body = request.ordering, resource.id_field, resource.body_field(access=access)
    rows = sync.keyset(view.values_list(ordering.field, id_field, body), request=request, id_field=id_field)
    live = [sync.Entry(sync.Position(value, pk), "", bytes(data)) for value, pk, data in rows]
    if not request.sync:
        return sync.Page(entries=live[: request.page_size], has_more=len(live) > request.page_size)

    since = request.tombstones_after
    gone = []
    if narrowed:
        # Items of the base that changed since the consumer's starting point: those the
        # window above did not return left the view. (Both windows walk the same order from
        # the same cursor, so an item of the view earlier than the window's end is in it.)
        listed = {entry.position.id for entry in live}
        changed = sync.keyset(
            base.filter(position__gt=since).values_list("position", id_field, "slug"),
            request=request,
            id_field=id_field,
        )
        gone = [sync.Entry(sync.Position(value, pk), slug) for value, pk, slug in changed if pk not in listed]

    after = request.after
    if after is None or (after.value, after.id) < (since, sync.MAX_ID):
        after = sync.Position(since, sync.MAX_ID)
    tombstone_request = sync.PageRequest(
        page_size=request.page_size, ordering=ordering, after=after, horizon=request.horizon
    )
    removed = sync.keyset(
        resource.tombstones(access=access).values_list("position", "object_id", "slug"),
        request=tombstone_request,
        id_field="object_id",
    )
    gone += [sync.Entry(sync.Position(value, pk), slug) for value, pk, slug in removed]
    return sync.merge_page(live=live, tombstones=gone, request=request)


@dataclass(frozen=True)
class State:
    """What decides whether any list of a resource changed, read in one query without scanning.

    `latest`: the newest position up to the horizon, of documents and tombstones. A change
    that crosses the horizon raises it. `pending`: documents and tombstones younger than the
    horizon (a short index range): a change that takes an item out of the list until it
    settles raises it. `removals`: a maintained counter (SyncState), for removals that leave
    no position behind. Together they change whenever any list of the resource could.
    """

    latest: datetime | None
    pending: int
    removals: int

    def token(self) -> tuple:
        return (self.latest.isoformat() if self.latest else None, self.pending, self.removals)


def state(*, resource: Resource, language: str, horizon: datetime) -> State:
    """The resource's change state up to `horizon`: one query of index probes, its SQL built once."""
    with connection.cursor() as cursor:
        cursor.execute(_state_sql(resource.kind, connection.vendor), _state_params(resource, language, horizon))
        latest_row, pending_rows, latest_gone, pending_gone, removal_count = cursor.fetchone()
    moments = [m for m in (_as_datetime(latest_row), _as_datetime(latest_gone)) if m is not None]
    return State(latest=max(moments, default=None), pending=pending_rows + pending_gone, removals=removal_count or 0)


# The state each list had when this process last read it, for conditional requests only.
_recent_states: dict[tuple, tuple[float, State]] = {}


def state_remember(*, memo: tuple, found: State) -> None:
    """Keep a list's current state under `memo` for API_STATE_CACHE_SECONDS (0: never kept)."""
    seconds = settings.API_STATE_CACHE_SECONDS
    if seconds > 0:
        _recent_states[memo] = (time.monotonic() + seconds, found)


def state_recent(*, memo: tuple) -> State | None:
    """The state this process read within API_STATE_CACHE_SECONDS, or None.

    Only a "not modified" answer is given from it: a change is seen by a conditional request
    at most that many seconds late, as with a response cached for that long, and every body
    is built from a state read afresh.
    """
    kept = _recent_states.get(memo)
    if kept is None or kept[0] <= time.monotonic():
        return None
    return kept[1]


@functools.cache
def _state_sql(kind: str, vendor: str) -> str:
    # Written out rather than compiled from querysets on each request: compiling five
    # querysets cost more than everything else a 304 answer does. Each part is an index
    # probe or a short index range (the documents' (language, position) index, the
    # tombstones' (kind, removed_at) index, SyncState's unique kind).
    q = connection.ops.quote_name
    docs = q(documents.KINDS[kind].document._meta.db_table)
    tombstones, counters = q(Tombstone._meta.db_table), q(SyncState._meta.db_table)
    position, language, removed_at, kind_column = q("position"), q("language"), q("removed_at"), q("kind")
    return (
        f"SELECT (SELECT {position} FROM {docs} WHERE {language} = %s AND {position} <= %s"  # noqa: S608 - names from models
        f" ORDER BY {position} DESC LIMIT 1),"
        f" (SELECT COUNT(*) FROM {docs} WHERE {language} = %s AND {position} > %s),"
        f" (SELECT {removed_at} FROM {tombstones} WHERE {kind_column} = %s AND {removed_at} <= %s"
        f" ORDER BY {removed_at} DESC LIMIT 1),"
        f" (SELECT COUNT(*) FROM {tombstones} WHERE {kind_column} = %s AND {removed_at} > %s),"
        f" (SELECT {q('removals')} FROM {counters} WHERE {kind_column} = %s)"
    )


def _state_params(resource: Resource, language: str, horizon: datetime) -> list:
    at = connection.ops.adapt_datetimefield_value(horizon)
    return [language, at, language, at, resource.kind, at, resource.kind, at, resource.kind]


def _as_datetime(value) -> datetime | None:
    # SQLite hands back text, or a naive datetime when it knows the column's type.
    parsed = value if value is None or isinstance(value, datetime) else parse_datetime(str(value))
    return parsed.replace(tzinfo=UTC) if parsed is not None and parsed.tzinfo is None else parsed


def detail(*, resource: Resource, access: Access, language: str, slug: str) -> tuple[int, datetime, bytes] | None:
    """The id, position and stored bytes of the visible item with this slug, or None (one query)."""
    found = (
        resource.documents(access=access, language=language)
        .filter(slug=slug)
        .values_list(resource.id_field, "position", resource.body_field(access=access))
        .first()
    )
    return None if found is None else (found[0], found[1], bytes(found[2]))
