import pytest
from django.core.cache.backends.locmem import LocMemCache
from rest_framework.test import APIClient

from catalog import services
from catalog.api.access import CatalogThrottle
from catalog.counters import CacheCounter
from tests.factories import PartnerFactory


@pytest.fixture(autouse=True)
def _api_settings(settings, monkeypatch, request):
    """Changes show at once (no settle delay); throttles are generous and count afresh in every test."""
    settings.API_SYNC_SETTLE_SECONDS = 0
    settings.API_STATE_CACHE_SECONDS = 0  # test_conditional.py tests the short memo of list states itself
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"catalog_anon": "100000/minute", "catalog_key": "100000/minute"},
    }
    monkeypatch.setattr(CatalogThrottle, "counter", CacheCounter(LocMemCache(f"throttle-{request.node.nodeid}", {})))


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def make_key(db):
    """A partner key with these scopes; returns (key, plain key)."""

    def make(*scopes, **extra):
        return services.partner_key_create(
            name=extra.pop("name", "Test key"),
            partner=extra.pop("partner", None) or PartnerFactory(name="Partner GmbH"),
            scopes=list(scopes) or ["catalog:read"],
            **extra,
        )

    return make


def keyed(plain: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Api-Key {plain}"}


def fetcher(api, **headers):
    """What the mirror script calls to GET a URL, answered by the test client: (status, body, etag)."""

    def get(url, etag=None):
        extra = dict(headers)
        if etag:
            extra["HTTP_IF_NONE_MATCH"] = etag
        response = api.get(url.removeprefix("http://testserver"), **extra)
        assert response.status_code in (200, 304), response.content
        return response.status_code, (response.json() if response.status_code == 200 else None), response.get("ETag")

    return get


def everything(api, resource, **headers) -> dict[str, dict]:
    """A fresh full listing of a resource, all pages, by id: what a new consumer would get now."""
    items, url = {}, f"/api/v1/{resource}/?page_size=100"
    while url:
        page = api.get(url.removeprefix("http://testserver"), **headers).json()
        for item in page["results"]:
            assert not item["deleted"]
            items[str(item["id"])] = item
        url = page["next"]
    return items
