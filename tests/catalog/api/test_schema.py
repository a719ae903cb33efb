"""The OpenAPI schema: generated without warnings, valid, served with working docs, and honoured (schemathesis)."""

import re
from io import StringIO

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from tests.catalog.api.test_endpoints import make_full_devices
from tests.factories import ArticleFactory, DeviceFactory

pytestmark = pytest.mark.django_db
CATALOG_PATHS = r"^/api/v1/(devices|families|treatments|articles)/"


def test_the_schema_generates_without_warnings_and_validates(tmp_path):
    out = tmp_path / "schema.yaml"

    # --fail-on-warn turns any warning (a field without a type, an enum clash) into an error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out), stderr=StringIO())

    schema = yaml.safe_load(out.read_text())
    paths = schema["paths"]
    for resource in ["devices", "families", "treatments", "articles"]:
        listing = paths[f"/api/v1/{resource}/"]["get"]
        assert {"200", "304", "400", "401", "403", "429"} <= set(listing["responses"])
        assert {"cursor", "page_size", "updated_since", "ordering"} <= {p["name"] for p in listing["parameters"]}
        assert all(p.get("description") for p in listing["parameters"]), resource
        assert "404" in paths[f"/api/v1/{resource}/{{slug}}/"]["get"]["responses"]
    device_filters = {p["name"] for p in paths["/api/v1/devices/"]["get"]["parameters"]}
    assert {"family", "treatment", "certification", "status", "spec", "q"} <= device_filters
    assert schema["components"]["securitySchemes"]["PartnerKey"]["in"] == "header"
    assert "## Sync" in schema["info"]["description"]


def test_the_docs_page_loads_everything_from_this_site_with_no_inline_script(client):
    page = client.get("/api/v1/docs/")
    html = page.content.decode()
    script = client.get("/api/v1/docs/?script=")

    assert page.status_code == 200
    assert "<style" not in html
    assert re.findall(r"<script>", html) == []
    sources = re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', html)
    assert sources and all(src.startswith("/") for src in sources)
    assert all(client.get(src).status_code == 200 for src in sources if src.startswith("/static/"))
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/v1/schema/" in script.content.decode()


def test_the_schema_is_served(client):
    response = client.get("/api/v1/schema/?format=json")

    assert response.status_code == 200
    assert "/api/v1/devices/" in response.json()["paths"]


@pytest.fixture
def catalog_data(laser_family):
    make_full_devices(laser_family, 3)
    DeviceFactory(family=laser_family, status="draft")
    ArticleFactory(body="## Steps\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")


@pytest.fixture
def wsgi_in_test_transaction():
    """Run the real WSGI app inside the test's transaction, as Django's test client does:
    without closing the connection at the end of every request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_schemathesis_finds_no_server_error_and_no_response_outside_the_schema(catalog_data, wsgi_in_test_transaction):
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_in_test_transaction)
    catalog = schema.include(method="GET", path_regex=CATALOG_PATHS)
    conformance = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
    # Bounded: a few hundred requests in-process, seconds in all.
    bounded = settings(
        max_examples=150,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large],
    )

    # Schemathesis asks for gzip as requests does, but its in-process client does not
    # decompress: ask for plain bodies (compression has its own tests in test_conditional).
    plain = {"Accept-Encoding": "identity"}

    @given(case=catalog.as_strategy(generation_mode=GenerationMode.POSITIVE))
    @bounded
    def valid_requests(case):
        case.call_and_validate(checks=conformance, headers=plain)

    @given(case=catalog.as_strategy(generation_mode=GenerationMode.NEGATIVE))
    @bounded
    def invalid_requests(case):
        case.call_and_validate(
            checks=[not_a_server_error, status_code_conformance, content_type_conformance], headers=plain
        )

    valid_requests()
    invalid_requests()
