"""The OpenAPI schema: generated without warnings, valid, served with working docs, and honoured (schemathesis).

Schemathesis runs over every operation (catalog, consultations, quotes) with all its checks, positive,
negative and stateful, anonymously and with a key of each scope.
"""

import re
from io import StringIO
from pathlib import Path

import pytest
import schemathesis
import yaml
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig

from catalog import services
from catalog.models import Article, Device, DeviceOption, Family, PartnerKey, Treatment
from config.wsgi import application
from quotes import dispatch
from quotes.quoting import drafts, rendering
from quotes.quoting.lines import LineData
from tests.catalog.api.test_endpoints import make_full_devices
from tests.factories import ArticleFactory, DeviceFactory, LeadFactory, PartnerFactory, SalesUserFactory
from tests.publishers import RecordingPublisher
from tests.quotes.quoting.conftest import data as quote_terms

pytestmark = pytest.mark.django_db


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
def api_world(laser_family, settings, monkeypatch):
    """What every operation can act on: published and draft devices, a guide, an open lead with a
    rendered quote; a key of each scope; generous limits so every call reaches its view."""
    monkeypatch.setattr(dispatch, "publisher", RecordingPublisher())
    settings.CONSULTATION_RATE_PER_IP = settings.CONSULTATION_RATE_PER_EMAIL = 10_000
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    make_full_devices(laser_family, 3)
    devices = list(Device.objects.filter(family=laser_family, status="published").order_by("id"))
    DeviceFactory(family=laser_family, status="draft")
    ArticleFactory(body="## Steps\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", devices=devices[:1])
    seller = SalesUserFactory()
    lead = LeadFactory(owner=seller, status="qualified")
    quote = drafts.quote_create(lead=lead, actor=seller, data=quote_terms(), lines=[LineData(device=devices[0])])
    revision = rendering.quote_pdf_request(quote=quote)
    rendering.quote_pdf_render(revision_id=revision.pk, task_id="schema")
    keys = {
        scope: services.partner_key_create(name=scope, partner=PartnerFactory(), scopes=[scope])[1]
        for scope in PartnerKey.Scope.values
    }
    return keys


@pytest.fixture
def wsgi_in_test_transaction():
    """Run the real WSGI app inside the test's transaction, as Django's test client does:
    without closing the connection at the end of every request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield application
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Bounded: two dozen calls per operation, mode and caller, in-process; about a minute in all.
BOUNDED = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
STATEFUL = settings(
    max_examples=20,
    stateful_step_count=5,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
# Every check is on. One is told what the schema cannot say: some well-formed input is still refused
# (400, documented on these operations) because it names rows that do not exist or breaks a rule
# about state: a lead id or device slug, a cursor this server did not issue, a time in the future,
# an Idempotency-Key used before.
ACCEPTED_OR_REFUSED_BY_STATE = ["2xx", "3xx", "400", "401", "403", "404", "409", "429"]
CONFIG = SchemathesisConfig.from_dict(
    {
        "operations": [
            {
                "include-operation-id-regex": "^(quotes_create|[a-z]+_list)$",
                "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED_OR_REFUSED_BY_STATE}},
            },
            {
                # The same Idempotency-Key with another body is a 422 (documented), and generated keys repeat.
                "include-operation-id": "consultations_create",
                "checks": {"positive_data_acceptance": {"expected-statuses": [*ACCEPTED_OR_REFUSED_BY_STATE, "422"]}},
            },
        ]
    }
)
# Schemathesis asks for gzip as requests does, but its in-process client does not
# decompress: ask for plain bodies (compression has its own tests in test_conditional).
PLAIN = {"Accept-Encoding": "identity"}


def _operation_check(operation, mode, headers):
    @given(case=operation.as_strategy(generation_mode=mode))
    @BOUNDED
    def check(case):
        case.call_and_validate(headers=headers)  # every check schemathesis has

    return check


@pytest.mark.parametrize("caller", ["anonymous", *PartnerKey.Scope.values])
def test_schemathesis_passes_every_operation_with_all_checks_and_workflows(caller, api_world, wsgi_in_test_transaction):
    headers = dict(PLAIN)
    if caller != "anonymous":
        headers["Authorization"] = f"Api-Key {api_world[caller]}"
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", wsgi_in_test_transaction, config=CONFIG)

    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 13  # catalog 8, consultations 1, quotes 4

    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _operation_check(operation, mode, headers)()

    class Workflows(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"headers": headers}

    Workflows.run(settings=STATEFUL)


def _examples(node, found=None) -> list:
    """Every example value in the schema (request and response bodies, parameters)."""
    found = [] if found is None else found
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "examples" and isinstance(value, dict):
                found.extend(example["value"] for example in value.values() if "value" in example)
            else:
                _examples(value, found)
    elif isinstance(node, list):
        for item in node:
            _examples(item, found)
    return found


def _named_slugs(node, found=None) -> set[str]:
    """The slugs an example names: `slug`, `device` values and lists of `devices`, `options`, `treatments`."""
    found = set() if found is None else found
    if isinstance(node, dict):
        if node.get("deleted") is True:
            return found  # a tombstone names what is gone
        for key, value in node.items():
            if key in ("slug", "device") and isinstance(value, str):
                found.add(value)
            elif key in ("devices", "options", "treatments") and isinstance(value, list):
                found.update(item for item in value if isinstance(item, str))
            _named_slugs(value, found)
    elif isinstance(node, list):
        for item in node:
            _named_slugs(item, found)
    return found


def test_the_examples_of_the_schema_and_the_readme_name_what_the_demo_data_has(client, settings):
    settings.PUBLIC_PRICES = True
    call_command("load_demo_catalog", verbosity=0)
    known = {
        *Device.objects.values_list("slug", flat=True),
        *DeviceOption.objects.values_list("slug", flat=True),
        *Family.objects.values_list("slug", flat=True),
        *Treatment.objects.values_list("slug", flat=True),
        *Article.objects.values_list("slug", flat=True),
    }
    schema = client.get("/api/v1/schema/?format=json").json()
    readme = (Path(__file__).resolve().parents[3] / "README.md").read_text()

    examples = _examples(schema)
    named = _named_slugs(examples)
    in_readme = set(re.findall(r"/api/v1/devices/([a-z0-9][-a-z0-9]+)/", readme))
    in_readme |= set(re.findall(r'"(?:device|devices|options|treatments)":\s*\[?"([a-z0-9][-a-z0-9]+)"', readme))
    for filtered in re.findall(r"(?:family|treatment)=([a-z0-9][-a-z0-9,]+)", readme):
        in_readme |= set(filtered.split(","))

    assert len(examples) > 10 and {"fractional-co2-laser-fx-60", "gynaecology-handpiece"} <= named
    assert named - known == set()
    assert in_readme - known == set()
    device_example = next(e for e in examples if isinstance(e, dict) and e.get("sku") and "specs" in e)
    real = client.get(f"/api/v1/devices/{device_example['slug']}/").json()
    for field in ["sku", "name", "summary", "warranty_months", "lead_time_days", "skin_types", "price"]:
        assert device_example[field] == real[field], field
    assert device_example["family"]["slug"] == real["family"]["slug"]
    for key, spec in device_example["specs"].items():
        assert real["specs"][key] == spec, key
    real_options = {option["slug"]: option for option in real["options"]}
    for option in device_example["options"]:
        assert {k: v for k, v in real_options[option["slug"]].items() if k != "id"} == {
            k: v for k, v in option.items() if k != "id"
        }
    assert {t["slug"] for t in device_example["treatments"]} <= {t["slug"] for t in real["treatments"]}
    assert {a["slug"] for a in device_example["articles"]} <= {a["slug"] for a in real["articles"]}
