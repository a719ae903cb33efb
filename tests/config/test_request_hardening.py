"""No input gets a 500: NUL bytes, deep or huge JSON, crafted cursors; one JSON error shape under /api/v1/."""

import base64
import json

import pytest
from django.test import Client
from django.urls import path

from catalog import services
from config import urls as project_urls
from tests.factories import DeviceFactory, PartnerFactory

pytestmark = pytest.mark.django_db


def nested(depth: int) -> str:
    return '{"name": ' + "[" * depth + "]" * depth + "}"


def assert_error_shape(response, status: int, code: str) -> None:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] == code and error["message"]


@pytest.mark.parametrize("url", ["/api/v1/consultations/", "/api/v1/quotes/"])
def test_json_nested_a_thousand_levels_deep_is_a_400(url, client):
    # Both endpoints check a key before the body: with one that may write, the body is parsed and refused.
    _, plain = services.partner_key_create(name="Key", partner=PartnerFactory(), scopes=["quotes:write", "leads:write"])

    response = client.post(url, nested(1000), content_type="application/json", HTTP_AUTHORIZATION=f"Api-Key {plain}")

    assert_error_shape(response, 400, "malformed")
    assert "deeper than" in response.json()["error"]["message"]


def test_json_within_the_depth_limit_is_parsed_as_usual(client):
    response = client.post("/api/v1/consultations/", nested(5), content_type="application/json")

    assert_error_shape(response, 400, "invalid")


@pytest.mark.parametrize("body", ['{"name": "\\ud800"}', '{"name": NaN}', b'{"name": "\xff"}', "{", "[1,]"])
def test_json_that_is_not_json_is_a_400(body, client):
    response = client.post("/api/v1/consultations/", body, content_type="application/json")

    assert_error_shape(response, 400, "malformed")


def test_an_oversized_body_is_a_413_in_the_api_shape(client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    body = '{"message": "' + "x" * 2000 + '"}'

    response = client.post("/api/v1/consultations/", body, content_type="application/json")

    assert_error_shape(response, 413, "too_large")


def test_an_unknown_address_under_the_api_is_a_json_404(client):
    assert_error_shape(client.get("/api/v1/nothing-here/"), 404, "not_found")
    assert_error_shape(client.get("/api/v1/no-such-resource/"), 404, "not_found")


def test_a_wrong_method_under_the_api_is_a_json_405(client):
    response = client.get("/api/v1/consultations/")

    assert_error_shape(response, 405, "method_not_allowed")
    assert response["Allow"]


def _broken(request):
    raise RuntimeError("boom")


# A URLconf of its own for the 500 test, with the project's handlers.
urlpatterns = [path("api/v1/broken/", _broken), path("broken/", _broken)]
handler500 = project_urls.handler500


def test_a_server_error_under_the_api_is_a_json_500_and_a_page_elsewhere(settings):
    settings.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)

    assert_error_shape(client.get("/api/v1/broken/"), 500, "server_error")
    page = client.get("/broken/")
    assert page.status_code == 500 and page["Content-Type"].startswith("text/html")


def test_pages_outside_the_api_keep_their_html_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404 and "We could not find that page" in response.content.decode()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/devices/a%00b/", 404),
        ("/api/v1/families/%00/", 404),
        ("/devices/a%00b/", 404),
        ("/quote/a%00b/", 404),
        ("/consultation/?device=%00", 400),
        ("/api/v1/devices/?family=%00", 400),
        ("/api/v1/devices/?cursor=%00", 400),
        ("/search/?q=a%00", 400),
        ("/api/v1/devices/?a%00=1", 400),
    ],
)
def test_nul_bytes_in_a_path_or_query_are_a_404_or_400(url, status, client):
    DeviceFactory(slug="ab")

    response = client.get(url)

    assert response.status_code == status
    if url.startswith("/api/"):
        assert response.json()["error"]["code"] in ("not_found", "invalid")


def test_a_crafted_cursor_is_a_400_that_says_so(client):
    DeviceFactory()
    for value in ['{"o":"name","v":"\\ud800","i":1}', '{"o":"updated_at","v":"\\udfff","i":1}', "[" * 5000]:
        cursor = base64.urlsafe_b64encode(value.encode()).decode().rstrip("=")
        ordering = "name" if '"name"' in value else "updated_at"

        response = client.get("/api/v1/devices/", {"cursor": cursor, "ordering": ordering})

        assert_error_shape(response, 400, "invalid")
        assert "This cursor is not valid here" in response.json()["error"]["fields"]["cursor"][0]


def test_a_real_cursor_still_pages(client):
    for n in range(3):
        DeviceFactory(name=f"Device {n}")

    first = client.get("/api/v1/devices/", {"page_size": 1, "ordering": "name"}).json()
    second = client.get(first["next"].removeprefix("http://testserver")).json()

    assert [d["name"] for d in first["results"] + second["results"]] == ["Device 0", "Device 1"]
    raw = first["next"].split("cursor=")[1].split("&")[0]
    assert json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))["o"] == "name"


@pytest.mark.parametrize("query", ["family=", "family=a,,b", "certification=,,", "spec=", "spec=&spec=", "spec=power"])
def test_empty_or_malformed_filters_are_a_400_even_to_a_caller_whose_etag_matches(client, query):
    DeviceFactory()

    response = client.get(f"/api/v1/devices/?{query}", HTTP_IF_NONE_MATCH="*")

    assert_error_shape(response, 400, "invalid")
    assert set(response.json()["error"]["fields"]) == {query.split("=")[0]}


def test_a_text_field_is_as_long_as_the_schema_says_whitespace_included(client):
    body = {"name": "\f" + "A" * 120, "clinic_name": "Clínica", "email": "a@b.es", "country": "ES", "consent": True}

    response = client.post("/api/v1/consultations/", body, content_type="application/json")

    assert_error_shape(response, 400, "invalid")
    assert "name" in response.json()["error"]["fields"]


@pytest.mark.parametrize("url", ["/api/v1/schema/", "/api/v1/docs/", "/api/v1/schema/?format=xml"])
@pytest.mark.parametrize("method", ["post", "delete", "options"])
def test_the_schema_and_docs_answer_other_methods_and_formats_in_the_error_shape(client, url, method):
    response = getattr(client, method)(url)

    assert response.status_code in (404, 405)
    assert response["Content-Type"] == "application/json" and response.json()["error"]["code"]
