"""Cursor pages, sync positions and conditional GET for the catalog API.

Every syncable row has a *position*: `(position, id)`, where `position` is when its payload
last changed (for a tombstone, when it left the catalog). Pages are keyset pages over that
position (or over another ordering when a caller asks for one): the cursor names the last
row served, and the next page starts strictly after it, so rows that change while a
consumer pages move to the end instead of shifting pages under it.

Lists in sync order carry tombstones for whatever left the list after the point the
consumer started from (`updated_since`, or the moment a full listing began), and a
`next_sync` link on their last page to ask for what changes later.

Positions come from the web servers' clocks when a change is saved, but the change becomes
visible only when its transaction commits, a little later. A consumer whose cursor passed
a position before that commit would never see the row. So lists in sync order show only
positions at least API_SYNC_SETTLE_SECONDS old (the *horizon*); a change younger than that
shows up on a later request, at its own position, still ahead of every cursor.
"""

import base64
import binascii
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from typing import Any

import orjson
from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from rest_framework.exceptions import ValidationError

MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 50
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Ordering:
    """One way to order a list: a field (or annotation) with the row id breaking ties."""

    name: str
    field: str
    descending: bool = False
    is_time: bool = False

    @property
    def is_sync(self) -> bool:
        return self.field == "position" and not self.descending


def orderings(*specs: tuple[str, str, bool]) -> dict[str, Ordering]:
    """Build the `ordering` choices of a resource from (name, field, is_time); each gets a descending twin."""
    found = {}
    for name, field, is_time in specs:
        found[name] = Ordering(name=name, field=field, is_time=is_time)
        found[f"-{name}"] = Ordering(name=f"-{name}", field=field, descending=True, is_time=is_time)
    return found


@dataclass(frozen=True)
class Position:
    value: Any
    id: int


MAX_ID = 2**63 - 1


@dataclass(frozen=True)
class PageRequest:
    page_size: int
    ordering: Ordering
    after: Position | None
    horizon: datetime | None
    # Rows that changed after this moment and no longer belong to the list come as tombstones
    # (sync order only): `updated_since`, or when a full listing's first page was served.
    tombstones_after: datetime | None = None

    @property
    def sync(self) -> bool:
        return self.tombstones_after is not None


def page_request(query_params, *, choices: dict[str, Ordering], default: str = "updated_at") -> PageRequest:
    """Parse `page_size`, `ordering`, `cursor` and `updated_since`; every problem is a 400 naming its parameter."""
    errors: dict[str, list[str]] = {}

    # A parameter given is a parameter checked: `page_size=` (empty) is a 400, as the schema says.
    raw_size = query_params.get("page_size")
    page_size = DEFAULT_PAGE_SIZE
    if raw_size is not None:
        if not raw_size.isdigit() or not 1 <= int(raw_size) <= MAX_PAGE_SIZE:
            errors["page_size"] = [f"Give a whole number from 1 to {MAX_PAGE_SIZE}, not “{raw_size[:20]}”."]
        else:
            page_size = int(raw_size)

    name = query_params.get("ordering", default)
    ordering = choices.get(name)
    if ordering is None:
        errors["ordering"] = [f"Order by one of: {', '.join(choices)}."]
        ordering = choices[default]

    updated_since = None
    if "updated_since" in query_params:
        updated_since = _parse_time(query_params.get("updated_since", ""))
        if updated_since is None:
            errors["updated_since"] = ["Give an ISO 8601 time with its offset, such as 2026-03-02T10:15:00Z."]
        elif updated_since > timezone.now():
            # No change can be newer than now; a future time would hand out a next_sync that skips changes.
            errors["updated_since"] = ["This time is in the future: use the next_sync link of your last page."]
            updated_since = None
        elif not ordering.is_sync:
            errors["ordering"] = ["Changes (updated_since) come in sync order: leave ordering out or use updated_at."]

    after, started = None, None
    raw_cursor = query_params.get("cursor")
    if raw_cursor is not None:
        decoded = decode_cursor(raw_cursor, ordering=ordering)
        if decoded is None:
            errors["cursor"] = ["This cursor is not valid here: follow the `next` link exactly as given."]
        else:
            after, started = decoded

    if errors:
        raise ValidationError(errors)
    if updated_since is not None:
        # Strictly after the given time: every id at that instant was served already.
        since = Position(value=updated_since, id=MAX_ID)
        if after is None or (after.value, after.id) < (since.value, since.id):
            after = since
    if not ordering.is_sync:
        return PageRequest(page_size=page_size, ordering=ordering, after=after, horizon=None)
    horizon = sync_horizon()
    return PageRequest(
        page_size=page_size,
        ordering=ordering,
        after=after,
        horizon=horizon,
        tombstones_after=started or updated_since or horizon,
    )


def sync_horizon() -> datetime:
    return timezone.now() - timedelta(seconds=settings.API_SYNC_SETTLE_SECONDS)


def _parse_time(raw: str) -> datetime | None:
    try:
        parsed = parse_datetime(raw.strip().replace(" ", "+"))
    except ValueError:
        return None
    if parsed is None or parsed.tzinfo is None:
        return None
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


# --- Cursors -----------------------------------------------------------------------


def encode_cursor(*, ordering: Ordering, position: Position, started: datetime | None = None) -> str:
    """An opaque token: the ordering, the last position served and (sync order) where tombstones start."""
    data = {
        "o": ordering.name,
        "v": position.value.astimezone(UTC).isoformat() if ordering.is_time else position.value,
        "i": position.id,
    }
    if started is not None:
        data["s"] = started.astimezone(UTC).isoformat()
    return base64.urlsafe_b64encode(orjson.dumps(data)).decode().rstrip("=")


def decode_cursor(raw: str, *, ordering: Ordering) -> tuple[Position, datetime | None] | None:
    """The position a cursor names and its tombstone start, or None when it is not a cursor of this ordering."""
    try:
        # orjson refuses what no cursor of ours holds (lone surrogates, NaN), so every string is valid text.
        data = orjson.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    except (binascii.Error, ValueError):
        return None
    if not isinstance(data, dict) or data.get("o") != ordering.name:
        return None
    value, row_id, started = data.get("v"), data.get("i"), data.get("s")
    if not isinstance(row_id, int) or isinstance(row_id, bool) or not 0 <= row_id <= MAX_ID:
        return None
    if ordering.is_time:
        value = _parse_time(value) if isinstance(value, str) else None
    elif not isinstance(value, str) or "\x00" in value:
        value = None
    if started is not None:
        started = _parse_time(started) if isinstance(started, str) and ordering.is_sync else None
        if started is None:
            return None
    return None if value is None else (Position(value=value, id=row_id), started)


# --- Keyset pages ------------------------------------------------------------------


def keyset(queryset: QuerySet, *, request: PageRequest, field: str | None = None, id_field: str = "id") -> QuerySet:
    """The rows after the request's position, up to its horizon, in its order (page_size + 1 of them)."""
    ordering = request.ordering
    field = field or ordering.field
    if request.horizon is not None:
        queryset = queryset.filter(**{f"{field}__lte": request.horizon})
    if request.after is not None:
        op = "lt" if ordering.descending else "gt"
        value, row_id = request.after.value, request.after.id
        queryset = queryset.filter(
            # The plain bound lets the index scan start at the cursor instead of filtering
            # every earlier row out: the last page costs what the first does.
            **{f"{field}__{op}e": value}
        ).filter(Q(**{f"{field}__{op}": value}) | Q(**{field: value, f"{id_field}__{op}": row_id}))
    prefix = "-" if ordering.descending else ""
    return queryset.order_by(f"{prefix}{field}", f"{prefix}{id_field}")[: request.page_size + 1]


@dataclass(frozen=True)
class Entry:
    """One row of a page: a live object, or a tombstone (`obj` is None)."""

    position: Position
    slug: str
    obj: Any = None

    @property
    def deleted(self) -> bool:
        return self.obj is None


@dataclass(frozen=True)
class Page:
    entries: list[Entry]
    has_more: bool


def merge_page(*, live: list[Entry], tombstones: list[Entry], request: PageRequest) -> Page:
    """The first page_size entries of both keyset windows in position order (tombstones only come in sync order)."""
    merged = sorted([*live, *tombstones], key=lambda e: (e.position.value, e.position.id))
    if request.ordering.descending:
        merged.reverse()
    return Page(entries=merged[: request.page_size], has_more=len(merged) > request.page_size)


def links(
    *, request, page: Page, page_request: PageRequest, latest: datetime | None = None
) -> tuple[str | None, str | None]:
    """`next` (the following page, or None at the end) and `next_sync` (where to ask for later changes).

    `latest` is the latest position of any row or tombstone of the resource up to the horizon
    (`selectors.state`): at the end of a list nothing between the last item served and it
    concerns this consumer, so later syncs start there and skip older tombstones.
    """
    ordering = page_request.ordering
    base = request.query_params.copy()
    base.pop("cursor", None)

    next_url = None
    if page.has_more:
        params = base.copy()
        params["cursor"] = encode_cursor(
            ordering=ordering, position=page.entries[-1].position, started=page_request.tombstones_after
        )
        next_url = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")

    next_sync = None
    if not page.has_more and ordering.is_sync:
        # Everything up to the last position served is delivered, and no later change can
        # get an earlier position (see the horizon above): later changes come strictly after it.
        last = page.entries[-1].position if page.entries else page_request.after
        since = max(moment for moment in (last and last.value, latest, EPOCH) if moment is not None)
        params = base.copy()
        params["updated_since"] = _iso(since)
        next_sync = request.build_absolute_uri(f"{request.path}?{params.urlencode()}")
    return next_url, next_sync


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


# --- Conditional GET ---------------------------------------------------------------


@dataclass(frozen=True)
class Validators:
    etag: str
    last_modified: datetime | None


def validators(*, request, variant: str, state: tuple, last_modified: datetime | None) -> Validators:
    """A strong ETag over what decides the body: the URL (links in it are absolute), the caller's view, the state."""
    query = sorted((k, v) for k in request.query_params for v in request.query_params.getlist(k))
    url = request.build_absolute_uri(request.path)
    digest = hashlib.sha256(repr((url, query, variant, state)).encode()).hexdigest()[:32]
    return Validators(etag=f'"{digest}"', last_modified=last_modified)


def is_conditional(request) -> bool:
    """Does the request carry a validator (If-None-Match or If-Modified-Since)?"""
    return "If-None-Match" in request.headers or "If-Modified-Since" in request.headers


def not_modified(request, found: Validators) -> bool:
    """RFC 9110: If-None-Match decides when present (weak comparison); else If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        if if_none_match.strip() == "*":
            return True
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        return found.etag in tags
    if_modified_since = request.headers.get("If-Modified-Since")
    if if_modified_since and found.last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError, IndexError):
            return False
        if since.tzinfo is None:
            since = since.replace(tzinfo=UTC)
        # A date in the future is not a date the server gave: ignore it (RFC 9110, 13.1.3).
        return found.last_modified <= since <= timezone.now()
    return False


def http_date(moment: datetime) -> str:
    return format_datetime(moment.astimezone(UTC), usegmt=True)


def collection_last_modified(*, latest: datetime | None, horizon: datetime | None) -> datetime | None:
    """Last-Modified of a list: the latest change, rounded up to the second, once it is settled.

    HTTP dates have whole seconds. Rounding up and waiting until the rounded time is behind
    the horizon means no later change can share the second a client was given. Until then
    the list sends no Last-Modified, and clients use the ETag.
    """
    if latest is None:
        return None
    rounded = latest.replace(microsecond=0) + (timedelta(seconds=1) if latest.microsecond else timedelta(0))
    limit = horizon or sync_horizon()
    return rounded if rounded <= limit else None
