"""No request of any shape is a 5xx: arbitrary paths, query strings and bodies to every URL pattern.

The patterns come from the resolver itself (admin included), so a new page is covered the day
it is added. Each pattern is called anonymously, with a partner key of each scope or as a
signed-in superuser; its parameters are real ids, slugs and tokens or arbitrary text, its query
and body arbitrary bytes, form fields or JSON.
"""

import json
from decimal import Decimal
from urllib.parse import quote, urlencode

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.test import Client
from django.urls import URLResolver, get_resolver
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from catalog import services as catalog_services
from catalog.api.access import CatalogThrottle
from catalog.models import PartnerKey
from quotes import dispatch
from quotes.quoting import drafts, rendering, sending
from quotes.quoting.lines import LineData
from tests.factories import (
    ArticleFactory,
    ConsultationRequestFactory,
    DeviceFactory,
    DeviceOptionFactory,
    LeadFactory,
    PartnerFactory,
    SalesUserFactory,
    UserFactory,
)
from tests.publishers import RecordingPublisher
from tests.quotes.quoting.conftest import data as quote_terms

pytestmark = pytest.mark.django_db

METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
CONTENT_TYPES = [
    "application/json",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=BoUnDaRy",
    "text/plain",
    "application/json; charset=latin-1",
]
CALLERS = ["anonymous", "staff", *PartnerKey.Scope.values]
# Field names the site's forms and API bodies read, so generated bodies reach validation.
FIELD_NAMES = [
    "name",
    "clinic_name",
    "email",
    "phone",
    "country",
    "devices",
    "treatments",
    "message",
    "consent",
    "lead",
    "currency",
    "lines",
    "device",
    "options",
    "quantity",
    "unit_price",
    "discount_percent",
    "freight",
    "tax_rate",
    "valid_until",
    "incoterm",
    "reason",
    "confirm",
    "status",
    "body",
    "owner",
    "form_token",
    "website",
    "page",
    "d",
    "q",
    "cursor",
    "page_size",
    "updated_since",
    "ordering",
    "spec",
    "family",
    "revision",
    "lines-TOTAL_FORMS",
    "lines-0-device",
    "lines-0-quantity",
    "action",
    "_selected_action",
]


def url_patterns() -> list[str]:
    """Every route the resolver knows, as text with its converters (`api/v1/quotes/<int:pk>/`)."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            else:
                yield prefix + str(pattern.pattern)

    return sorted(set(walk(get_resolver().url_patterns, "")))


def _segments(route: str) -> list[tuple[str, str]]:
    """The route as (literal, parameter kind) pieces; a regex route's group is one `path` parameter."""
    if route.startswith("^"):
        literal = route.lstrip("^").split("(")[0]
        return [(literal, "path")]
    pieces, rest = [], route
    while "<" in rest:
        literal, _, after = rest.partition("<")
        spec, _, rest = after.partition(">")
        kind = spec.split(":")[0] if ":" in spec else "str"
        pieces.append((literal, kind))
    pieces.append((rest, ""))
    return pieces


@pytest.fixture
def world(db, monkeypatch, settings, request):
    """Rows the generated ids, slugs and tokens may name, keys of every scope, and a superuser."""
    monkeypatch.setattr(dispatch, "publisher", RecordingPublisher())
    monkeypatch.setattr(CatalogThrottle, "cache", LocMemCache(f"fuzz-{request.node.nodeid}", {}))
    settings.CONSULTATION_RATE_PER_IP = settings.CONSULTATION_RATE_PER_EMAIL = 10_000
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    seller = SalesUserFactory()
    device = DeviceFactory(list_price=Decimal("23500"))
    DeviceOptionFactory(device=device)
    article = ArticleFactory(devices=[device])
    lead = LeadFactory(owner=seller, status="qualified")
    quote = drafts.quote_create(lead=lead, actor=seller, data=quote_terms(), lines=[LineData(device=device)])
    revision = sending.quote_send(quote=quote, actor=seller)
    rendering.quote_pdf_render(revision_id=revision.pk, task_id="fuzz")
    consultation = ConsultationRequestFactory()
    keys = {
        scope: catalog_services.partner_key_create(name=scope, partner=PartnerFactory(), scopes=[scope])[1]
        for scope in PartnerKey.Scope.values
    }
    superuser = UserFactory(is_staff=True, is_superuser=True)
    known = [
        str(value)
        for value in [
            device.pk,
            device.slug,
            device.family.slug,
            article.slug,
            lead.pk,
            quote.pk,
            revision.number,
            consultation.reference,
            sending.quote_link_token(revision=revision),
            seller.pk,
        ]
    ]
    return {"keys": keys, "superuser": superuser, "known": known}


# Values that broke or could break a view: NUL (PostgreSQL refuses it), huge numbers, escapes.
NASTY = ["\x00", "a\x00b", "%00", "..", "../../etc/passwd", "'", '"', "<a href=x>", "\u202e", "9" * 30, "-1", "0"]


def _text(**kwargs):
    return st.one_of(st.sampled_from(NASTY), st.text(st.characters(codec="utf-8"), **kwargs))


def parameter(kind: str, known: list[str]):
    arbitrary = _text(min_size=1, max_size=40)
    if kind == "int":
        arbitrary = st.one_of(st.integers(0, 2**70).map(str), arbitrary)
    return st.one_of(st.sampled_from(known), arbitrary)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELD_NAMES) | _text(max_size=10), children, max_size=6)
    ),
    max_leaves=15,
)


@st.composite
def requests(draw, route: str, known: list[str]):
    path = "/"
    for literal, kind in _segments(route):
        path += literal
        if kind:
            path += quote(draw(parameter(kind, known)), safe="")
    pairs = draw(st.lists(st.tuples(st.sampled_from(FIELD_NAMES) | _text(max_size=8), _text(max_size=30)), max_size=4))
    query = urlencode(pairs) if draw(st.booleans()) else quote(draw(_text(max_size=40)), safe="=&")
    content_type = draw(st.sampled_from(CONTENT_TYPES))
    body = draw(
        st.one_of(
            st.binary(max_size=200),
            JSON.map(lambda value: json.dumps(value).encode()),
            st.lists(st.tuples(st.sampled_from(FIELD_NAMES), _text(max_size=30)), max_size=6).map(
                lambda pairs: urlencode(pairs).encode()
            ),
        )
    )
    method = draw(st.sampled_from(METHODS))
    caller = draw(st.sampled_from(CALLERS))
    return method, f"{path}?{query}" if query else path, content_type, body, caller


def call(world, method, url, content_type, body, caller):
    """The response, checked: never a 5xx, and under /api/ every error in the API's one JSON shape."""
    client = Client()
    headers = {}
    if caller == "staff":
        client.force_login(world["superuser"], backend="django.contrib.auth.backends.ModelBackend")
    elif caller != "anonymous":
        headers["HTTP_AUTHORIZATION"] = f"Api-Key {world['keys'][caller]}"
    response = client.generic(method, url, data=body, content_type=content_type, **headers)
    described = (method, url, caller, response.status_code)
    assert response.status_code < 500, described
    if response.get("Content-Type") and url.startswith("/api/") and response.status_code >= 400 and method != "HEAD":
        assert response["Content-Type"] == "application/json", described
        error = json.loads(response.content)["error"]
        assert error["code"] and error["message"], described
    return response


# A few examples per pattern, all in one test so the rows are made once: well under a minute.
EXAMPLES_PER_PATTERN = 2  # besides the two explicit examples
BOUNDED = settings(
    max_examples=EXAMPLES_PER_PATTERN,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


def fill(route: str, value: str) -> str:
    """The route with every parameter set to `value` (URL-quoted)."""
    return "/" + "".join(literal + (quote(value, safe="") if kind else "") for literal, kind in _segments(route))


def _pattern_check(world, route: str):
    @BOUNDED
    @given(request=requests(route, world["known"]))
    # Always tried, whatever the random draw: a NUL everywhere as staff (who reach every view),
    # and a body nested a thousand levels deep.
    @example(request=("GET", fill(route, "a\x00b") + "?q=%00&page=%00", "text/plain", b"", "staff"))
    @example(request=("POST", fill(route, "9" * 30), "application/json", b"[" * 1000 + b"]" * 1000, "anonymous"))
    def check(request):
        call(world, *request)

    return check


def test_no_request_to_any_url_pattern_is_a_server_error(world):
    for route in url_patterns():
        _pattern_check(world, route)()


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(path=st.lists(_text(min_size=1, max_size=12), min_size=1, max_size=4), caller=st.sampled_from(CALLERS))
def test_no_arbitrary_path_is_a_server_error(world, path, caller):
    url = "/" + "/".join(quote(part, safe="") for part in path) + "/"

    call(world, "GET", url, "text/plain", b"", caller)


def test_the_patterns_cover_the_site():
    routes = url_patterns()

    assert {"api/v1/quotes/<str:quote_id>/pdf/", "devices/<slug:slug>/", "quote/<str:token>/"} <= set(routes)
    assert any(route.startswith("admin/") for route in routes)
