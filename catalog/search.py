"""Site search over devices, articles and treatments, with one interface on every database.

PostgreSQL: weighted full-text documents (title A, summary/takeaway B, body C) with prefix
matching, ranked, plus trigram word similarity on names and titles for typos; both indexed
(see migration 0003). SQLite: every word must appear in one of the same fields, typos are
corrected against the vocabulary of names and titles, and ranking uses the same weights.
The database vendor decides which path runs; the expectations in tests are the same.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, TrigramWordSimilarity
from django.db import connection
from django.db.models import F, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Lower
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from catalog import specs
from catalog.models import Article, Device, SpecValue, Treatment

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
TRIGRAM_THRESHOLD = 0.45
_TERM = re.compile(r"[\w.]+", re.UNICODE)
_UNSAFE_IN_TSQUERY = re.compile(r"[^\w.]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_UNIT = re.compile(r"[^\W\d_]{1,4}")  # w, nm, mm, mhz, khz


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    eyebrow: str = ""
    score: float = 0.0
    obj: object = None

    @property
    def title_html(self) -> SafeString:
        return highlight(self.title, self.terms, length=len(self.title) + 1)

    terms: list[str] = field(default_factory=list)


@dataclass
class SearchResults:
    query: str
    terms: list[str]
    devices: list[Hit] = field(default_factory=list)
    articles: list[Hit] = field(default_factory=list)
    treatments: list[Hit] = field(default_factory=list)
    corrected: str = ""

    @property
    def total(self) -> int:
        return len(self.devices) + len(self.articles) + len(self.treatments)


def query_terms(query: str) -> list[str]:
    """Lower-case words of a query; a number and the unit after it become one term ("60 W" -> "60w")."""
    words = [w.strip(".") for w in _TERM.findall((query or "")[:MAX_QUERY_LENGTH].lower())]
    words = [w for w in words if w]
    terms: list[str] = []
    for word in words:
        if terms and _NUMBER.fullmatch(terms[-1]) and _UNIT.fullmatch(word):
            terms[-1] += word
        else:
            terms.append(word)
    return terms[:MAX_TERMS]


def _is_numeric(term: str) -> bool:
    return term[:1].isdigit()


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


# --- Documents -------------------------------------------------------------


def device_search_text(*, device: Device) -> str:
    """Spec values in the forms buyers type ("60 W", "60W", "10600 nm"), options and treatments."""
    parts: list[str] = [device.family.name]
    for spec_value in device.spec_values.all():
        definition = spec_value.definition
        typed = spec_value.typed
        unit = definition.unit or ""
        values = [
            specs.to_raw(definition, typed) if definition.value_type != specs.ValueType.BOOLEAN else "",
        ]
        if definition.value_type in (specs.ValueType.CHOICE, specs.ValueType.MULTI_CHOICE):
            values = list(typed.choices)
        elif definition.value_type == specs.ValueType.RANGE:
            values = [
                specs.to_raw(definition, specs.TypedValue(number=typed.minimum)),
                specs.to_raw(definition, specs.TypedValue(number=typed.maximum)),
            ]
        elif definition.value_type == specs.ValueType.NUMBER:
            values = [specs.to_raw(definition, typed)]
        for value in filter(None, values):
            parts.append(f"{value} {unit}".strip())
            if unit and re.fullmatch(r"[\d.]+", value):
                parts.append(f"{value}{unit}")
        if definition.value_type == specs.ValueType.BOOLEAN and typed.boolean:
            parts.append(definition.label)
    parts.extend(option.name for option in device.options.all())
    parts.extend(treatment.name for treatment in device.treatments.all())
    return " ".join(parts)


SEARCH_REFRESH_CHUNK = 500


def search_refresh_devices(*, device_ids: list[int] | None = None) -> int:
    """Rebuild the search documents of these devices (all when None); returns how many."""
    devices = Device.objects.select_related("family").prefetch_related(
        "options", "treatments", Prefetch("spec_values", queryset=SpecValue.objects.select_related("definition"))
    )
    if device_ids is not None:
        devices = devices.filter(pk__in=device_ids)
    count, batch = 0, []
    # In chunks, written back with one UPDATE per chunk: a family edit refreshes thousands of devices.
    for device in devices.iterator(chunk_size=SEARCH_REFRESH_CHUNK):
        device.search_text = device_search_text(device=device)
        batch.append(device)
        if len(batch) == SEARCH_REFRESH_CHUNK:
            count += Device.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        count += Device.objects.bulk_update(batch, ["search_text"])
    if _is_postgres():
        targets = Device.objects.all() if device_ids is None else Device.objects.filter(pk__in=device_ids)
        targets.update(
            search_vector=SearchVector("name", "sku", weight="A", config="simple")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("search_text", weight="B", config="simple")
            + SearchVector("description", weight="C", config="english")
        )
    return count


def search_refresh_articles(*, article_ids: list[int] | None = None) -> None:
    """Rebuild the full-text documents of these articles (all when None); PostgreSQL only."""
    if not _is_postgres():
        return
    targets = Article.objects.all() if article_ids is None else Article.objects.filter(pk__in=article_ids)
    targets.update(
        search_vector=SearchVector("title", weight="A", config="english")
        + SearchVector("takeaway", weight="B", config="english")
        + SearchVector("body", weight="C", config="english")
    )


def search_refresh_all() -> None:
    search_refresh_devices()
    search_refresh_articles()


# --- Queries -----------------------------------------------------------------


def _tsquery(terms: list[str]) -> SearchQuery:
    # Prefix matching ("pico" finds "picosecond"); only word characters and dots reach the
    # raw tsquery, so no operator can be injected.
    # Numbers match whole tokens ("60" must not find "600"); words match as prefixes.
    cleaned = [_UNSAFE_IN_TSQUERY.sub("", t).strip(".") for t in terms]
    raw = " & ".join(t if _is_numeric(t) else f"{t}:*" for t in cleaned if t)
    return SearchQuery(raw, search_type="raw", config="simple") | SearchQuery(raw, search_type="raw", config="english")


def _pg_search(queryset: QuerySet, *, terms: list[str], title_field: str, limit: int) -> list:
    """Full-text matches ranked; only when there are none, names within trigram distance (typos)."""
    query = _tsquery(terms)
    matches = list(
        queryset.annotate(score=SearchRank(F("search_vector"), query, weights=[0.1, 0.3, 0.6, 1.0]))
        .filter(search_vector=query)
        .order_by("-score", title_field)[:limit]
    )
    if matches:
        return matches
    return list(
        queryset.annotate(score=TrigramWordSimilarity(" ".join(terms), Lower(title_field)))
        .filter(score__gte=TRIGRAM_THRESHOLD)
        .order_by("-score", title_field)[:limit]
    )


def _fallback_search(queryset: QuerySet, *, terms: list[str], weighted_fields: dict[str, int], limit: int) -> list:
    condition = Q()
    for term in terms:
        any_field = Q()
        for name in weighted_fields:
            if _is_numeric(term):
                # Whole numbers only, as PostgreSQL's tokens: "60" finds "60 W", not "10600".
                any_field |= Q(**{f"{name}__iregex": rf"(^|[^0-9.]){re.escape(term)}([^0-9a-z.]|$)"})
            else:
                any_field |= Q(**{f"{name}__icontains": term})
        condition &= any_field
    rows = list(queryset.filter(condition)[: limit * 5])
    for row in rows:
        row.score = sum(
            weight * sum(term in (getattr(row, name) or "").lower() for term in terms)
            for name, weight in weighted_fields.items()
        )
    rows.sort(key=lambda r: -r.score)
    return rows[:limit]


def _vocabulary() -> list[str]:
    words: set[str] = set()
    for text in [
        *Device.objects.published().values_list("name", flat=True),
        *Article.objects.published().values_list("title", flat=True),
        *Treatment.objects.values_list("name", flat=True),
    ]:
        words.update(w for w in query_terms(text) if len(w) > 3 and not w.isdigit())
    return sorted(words)


def _corrected_terms(terms: list[str]) -> list[str]:
    """Replace words that match nothing by the closest word in names and titles (SQLite typos)."""
    vocabulary = _vocabulary()
    fixed = []
    for term in terms:
        if len(term) < 4 or term.isdigit() or any(term in word for word in vocabulary):
            fixed.append(term)
            continue
        close = difflib.get_close_matches(term, vocabulary, n=1, cutoff=0.75)
        fixed.append(close[0] if close else term)
    return fixed


def site_search(*, query: str, limit: int = 20, device_limit: int | None = None) -> SearchResults:
    """Published devices, articles and treatments that match `query`, best first per kind.

    Up to `limit` of each kind, or `device_limit` devices (the search page pages through them).
    """
    terms = query_terms(query)
    results = SearchResults(query=(query or "").strip()[:MAX_QUERY_LENGTH], terms=terms)
    if not terms:
        return results
    limits = {"limit": limit, "device_limit": device_limit or limit}
    if _is_postgres():
        found_devices, found_articles, found_treatments = _pg_search_all(terms=terms, **limits)
    else:
        found_devices, found_articles, found_treatments = _fallback_search_all(terms=terms, **limits)
        if not (found_devices or found_articles or found_treatments):
            corrected = _corrected_terms(terms)
            if corrected != terms:
                results.corrected, terms = " ".join(corrected), corrected
                found_devices, found_articles, found_treatments = _fallback_search_all(terms=terms, **limits)
    results.devices = [
        Hit(
            kind="device",
            title=d.name,
            url=d.get_absolute_url(),
            eyebrow=d.family.name,
            snippet=highlight(d.summary, terms),
            score=float(d.score),
            obj=d,
            terms=terms,
        )
        for d in found_devices
    ]
    results.articles = [
        Hit(
            kind="article",
            title=a.title,
            url=a.get_absolute_url(),
            eyebrow="Clinical guide",
            snippet=highlight(a.takeaway, terms),
            score=float(a.score),
            obj=a,
            terms=terms,
        )
        for a in found_articles
    ]
    results.treatments = [
        Hit(
            kind="treatment",
            title=t.name,
            url=t.get_absolute_url(),
            eyebrow="Treatment",
            snippet=highlight(t.summary, terms),
            score=float(t.score),
            obj=t,
            terms=terms,
        )
        for t in found_treatments
    ]
    return results


def _pg_search_all(*, terms: list[str], limit: int, device_limit: int) -> tuple[list, list, list]:
    return (
        _pg_search(
            Device.objects.published().select_related("family"), terms=terms, title_field="name", limit=device_limit
        ),
        _pg_search(Article.objects.published(), terms=terms, title_field="title", limit=limit),
        _treatments_pg(Treatment.objects.all(), terms=terms, limit=limit),
    )


def _fallback_search_all(*, terms: list[str], limit: int, device_limit: int) -> tuple[list, list, list]:
    return (
        _fallback_search(
            Device.objects.published().select_related("family"),
            terms=terms,
            weighted_fields={"name": 6, "sku": 6, "summary": 3, "search_text": 3, "description": 1},
            limit=device_limit,
        ),
        _fallback_search(
            Article.objects.published(),
            terms=terms,
            weighted_fields={"title": 6, "takeaway": 3, "body": 1},
            limit=limit,
        ),
        _fallback_search(
            Treatment.objects.all(),
            terms=terms,
            weighted_fields={"name": 6, "summary": 3, "description": 1},
            limit=limit,
        ),
    )


def _treatments_pg(queryset: QuerySet, *, terms: list[str], limit: int) -> list:
    condition = Q()
    for term in terms:
        condition &= Q(name__icontains=term) | Q(summary__icontains=term)
    matches = list(queryset.filter(condition).annotate(score=Value(1.0)).order_by("order", "name")[:limit])
    if matches:
        return matches
    return list(
        queryset.annotate(score=TrigramWordSimilarity(" ".join(terms), Lower("name")))
        .filter(score__gte=TRIGRAM_THRESHOLD)
        .order_by("-score", "name")[:limit]
    )


def highlight(text: str, terms: list[str], *, length: int = 240) -> SafeString:
    """Text around the first match with every match wrapped in <mark>; all text is escaped."""
    text = text or ""
    usable = sorted({t for t in terms if t}, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(t) for t in usable), re.IGNORECASE) if usable else None
    first = pattern.search(text) if pattern else None
    start = max(0, first.start() - 60) if first else 0
    excerpt = text[start : start + length]
    pieces = ["…" if start > 0 else ""]
    cursor = 0
    for match in pattern.finditer(excerpt) if pattern else []:
        pieces.append(escape(excerpt[cursor : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        cursor = match.end()
    pieces.append(escape(excerpt[cursor:]))
    pieces.append("…" if start + length < len(text) else "")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text is escaped above


def devices_matching(queryset: QuerySet[Device], *, query: str, limit: int = 200) -> list[Device]:
    """Devices of `queryset` that match `query`, best first (the family page's `?q=`)."""
    terms = query_terms(query)
    if _is_postgres():
        return _pg_search(queryset, terms=terms, title_field="name", limit=limit)
    fields = {"name": 6, "sku": 6, "summary": 3, "search_text": 3, "description": 1}
    return _fallback_search(queryset, terms=terms, weighted_fields=fields, limit=limit)


def articles_matching(queryset: QuerySet[Article], *, query: str, limit: int = 200) -> list[Article]:
    """Articles of `queryset` that match `query`, best first (the knowledge base's `?q=`)."""
    terms = query_terms(query)
    if _is_postgres():
        return _pg_search(queryset, terms=terms, title_field="title", limit=limit)
    return _fallback_search(queryset, terms=terms, weighted_fields={"title": 6, "takeaway": 3, "body": 1}, limit=limit)
