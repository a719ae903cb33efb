"""Client addresses behind proxies: one rule (config.clientip) for lockout, throttles, rate limits and stored addresses.

The proxy in these tests is 10.0.0.5 (REMOTE_ADDR); each client writes what it likes into
X-Forwarded-For, and the proxy appends the address it saw.
"""

import pytest
from axes.models import AccessAttempt
from django.core.cache.backends.locmem import LocMemCache
from django.test import RequestFactory
from django.urls import reverse

from catalog.api.access import CatalogThrottle
from config.clientip import client_ip
from quotes.models import ConsultationRequest
from tests.factories import DeviceFactory, UserFactory

PROXY = "10.0.0.5"
ANA, BEN = "81.2.69.142", "93.184.216.34"


def through_proxy(client_address: str, claimed: str = "") -> dict[str, str]:
    """What reaches the app when a client at `client_address` sends X-Forwarded-For: `claimed` via one proxy."""
    chain = f"{claimed}, {client_address}" if claimed else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def address_of(**meta) -> str | None:
    return client_ip(RequestFactory().get("/", **meta))


@pytest.mark.parametrize(
    ("proxies", "meta", "expected"),
    [
        # No proxy configured: the header is anyone's to write and is ignored.
        (0, {"REMOTE_ADDR": ANA, "HTTP_X_FORWARDED_FOR": BEN}, ANA),
        (0, {"REMOTE_ADDR": ANA}, ANA),
        # One proxy, honest client.
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ANA}, ANA),
        # One proxy, spoofing client: what it wrote is to the left of what the proxy saw.
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{BEN}, {ANA}"}, ANA),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"1.1.1.1, {BEN}, 8.8.8.8, {ANA}"}, ANA),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"not-an-address, {ANA}"}, ANA),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "2a00:1450:4001:81b::200e"}, "2a00:1450:4001:81b::200e"),
        # Two proxies (load balancer, then nginx): the balancer's view is one from the right.
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": f"{BEN}, {ANA}, 10.0.0.4"}, ANA),
        # A request that did not pass the proxies (a health check): the socket's address.
        (1, {"REMOTE_ADDR": PROXY}, PROXY),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": ANA}, PROXY),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "garbage"}, PROXY),
    ],
)
def test_the_client_is_the_address_the_outermost_proxy_saw(settings, proxies, meta, expected):
    settings.PROXY_COUNT = proxies

    assert address_of(**meta) == expected


def test_axes_asks_the_same_function(settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "config.clientip.client_ip"


# --- Every user of an address follows it ----------------------------------------------------


@pytest.fixture
def behind_one_proxy(settings):
    settings.PROXY_COUNT = 1


@pytest.fixture
def fresh_throttle(monkeypatch, request):
    monkeypatch.setattr(CatalogThrottle, "cache", LocMemCache(f"throttle-{request.node.nodeid}", {}))


@pytest.mark.django_db
def test_the_consultation_limit_counts_each_client_behind_the_proxy_and_stores_its_address(
    client, settings, behind_one_proxy, api_request
):
    settings.CONSULTATION_RATE_PER_IP = 1

    ana = client.post("/api/v1/consultations/", api_request("ana@a.example"), "application/json", **through_proxy(ANA))
    ben = client.post("/api/v1/consultations/", api_request("ben@b.example"), "application/json", **through_proxy(BEN))
    ana_spoofing = client.post(
        "/api/v1/consultations/", api_request("ana2@a.example"), "application/json", **through_proxy(ANA, claimed=BEN)
    )

    assert (ana.status_code, ben.status_code, ana_spoofing.status_code) == (201, 201, 429)
    assert sorted(ConsultationRequest.objects.values_list("ip_address", flat=True)) == sorted([ANA, BEN])


@pytest.mark.django_db
def test_the_anonymous_api_throttle_counts_each_client_behind_the_proxy(
    client, settings, behind_one_proxy, fresh_throttle
):
    DeviceFactory()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"catalog_anon": "1/minute", "catalog_key": "10/minute"},
    }

    first = client.get("/api/v1/families/", **through_proxy(ANA))
    other_client = client.get("/api/v1/families/", **through_proxy(BEN))
    spoofed_again = client.get("/api/v1/families/", **through_proxy(ANA, claimed="203.0.113.77"))

    assert (first.status_code, other_client.status_code, spoofed_again.status_code) == (200, 200, 429)


@pytest.mark.django_db
def test_the_admin_lockout_is_per_client_behind_the_proxy(client, settings, behind_one_proxy):
    UserFactory(username="editor", is_staff=True)
    url = reverse("admin:login")
    for n in range(settings.AXES_FAILURE_LIMIT):
        # A different made-up address each time does not reset the count.
        client.post(url, {"username": "editor", "password": "wrong"}, **through_proxy(ANA, claimed=f"1.2.3.{n}"))

    locked = client.post(url, {"username": "editor", "password": "correct horse battery"}, **through_proxy(ANA))
    colleague = client.post(url, {"username": "editor", "password": "correct horse battery"}, **through_proxy(BEN))

    assert locked.status_code == 429
    assert colleague.status_code == 302
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {ANA}


@pytest.fixture
def api_request(db):
    device = DeviceFactory(slug="co2-60")

    def build(email: str) -> dict:
        return {
            "name": "Ana García",
            "clinic_name": "Clínica Sol",
            "email": email,
            "country": "ES",
            "devices": [device.slug],
            "consent": True,
        }

    return build
