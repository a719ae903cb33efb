"""Partner keys (hashed, scoped, revocable, last use recorded), staff sessions, anonymous reads and throttles."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from catalog import keys, roles, services
from catalog.api.access import CatalogThrottle
from catalog.models import Device, Partner, PartnerKey
from tests.catalog.api.conftest import keyed
from tests.factories import DeviceFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def device(laser_family):
    return DeviceFactory(family=laser_family)


def test_a_key_is_stored_only_as_a_hash_and_found_by_its_prefix(make_key):
    key, plain = make_key("catalog:read")

    prefix, _, secret = plain.partition(".")
    stored = PartnerKey.objects.get()
    assert stored.prefix == prefix == key.prefix
    assert secret not in stored.hashed_key and secret not in stored.id
    assert stored.hashed_key.startswith("sha512$$")
    assert PartnerKey.objects.get_from_key(plain) == stored


@pytest.mark.parametrize(
    "header",
    ["Api-Key nope.nope", "Api-Key ", "Api-Key revoked", "Api-Key expired"],
    ids=["unknown", "empty", "revoked", "expired"],
)
def test_a_wrong_revoked_or_expired_key_is_refused_not_treated_as_anonymous(api, device, make_key, header):
    revoked, revoked_plain = make_key("catalog:read")
    services.partner_keys_revoke(key_ids=[revoked.pk])
    expired, expired_plain = make_key("catalog:read")
    PartnerKey.objects.filter(pk=expired.pk).update(expiry_date=timezone.now() - timedelta(days=1))
    header = header.replace("revoked", revoked_plain).replace("expired", expired_plain)

    response = api.get("/api/v1/devices/", HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'


def test_a_key_without_the_catalog_scope_is_forbidden(api, device, make_key):
    _, plain = make_key("leads:write")

    response = api.get("/api/v1/devices/", **keyed(plain))

    assert response.status_code == 403
    assert response.json()["error"] == {
        "code": "forbidden",
        "message": "This API key does not have the catalog:read scope.",
    }


def test_the_last_use_of_a_key_is_recorded_at_most_once_a_minute(api, device, make_key, django_assert_num_queries):
    key, plain = make_key("catalog:read")

    api.get("/api/v1/devices/", **keyed(plain))
    first_use = PartnerKey.objects.get(pk=key.pk).last_used_at
    reloaded = _loaded(key.pk)
    with django_assert_num_queries(0):
        services.partner_key_used(key=reloaded)

    assert first_use is not None
    assert PartnerKey.objects.get(pk=key.pk).last_used_at == first_use
    services.partner_key_used(key=_loaded(key.pk), now=first_use + timedelta(minutes=2))
    assert PartnerKey.objects.get(pk=key.pk).last_used_at == first_use + timedelta(minutes=2)


def _loaded(pk):
    return PartnerKey.objects.get(pk=pk)


def test_staff_signed_in_see_drafts_and_prices(api, device, laser_family):
    draft = DeviceFactory(family=laser_family, status=Device.Status.DRAFT)
    staff = UserFactory(is_staff=True, is_superuser=True)
    api.force_login(staff)

    listed = api.get("/api/v1/devices/?status=draft,published").json()["results"]

    assert {d["id"] for d in listed} == {device.pk, draft.pk}
    assert listed[0]["price"] is not None


def test_a_signed_in_customer_is_just_anonymous(api, device):
    api.force_login(UserFactory())

    item = api.get(f"/api/v1/devices/{device.slug}/").json()

    assert item["price"] is None
    assert api.get("/api/v1/devices/?status=draft").status_code == 403


# --- Throttles ---------------------------------------------------------------------------


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"catalog_anon": "2/minute", "catalog_key": "3/minute"},
    }


def test_anonymous_callers_are_throttled_per_address(api, device, low_rates):
    statuses = [api.get("/api/v1/devices/").status_code for _ in range(3)]
    other_address = api.get("/api/v1/devices/", REMOTE_ADDR="203.0.113.9")

    assert statuses == [200, 200, 429]
    assert other_address.status_code == 200


def test_a_throttled_request_says_when_to_come_back_in_the_error_shape(api, device, low_rates):
    for _ in range(2):
        api.get("/api/v1/families/")

    response = api.get("/api/v1/families/")

    assert response.status_code == 429
    assert response.json()["error"]["code"] == "rate_limited"
    assert 0 < int(response["Retry-After"]) <= 60


def test_each_key_has_its_own_budget_and_may_have_its_own_rate(api, device, make_key, low_rates):
    _, first = make_key("catalog:read")
    _, second = make_key("catalog:read")
    _, generous = make_key("catalog:read", rate_per_minute=10)

    first_statuses = [api.get("/api/v1/devices/", **keyed(first)).status_code for _ in range(4)]

    assert first_statuses == [200, 200, 200, 429]
    assert api.get("/api/v1/devices/", **keyed(second)).status_code == 200
    assert api.get("/api/v1/devices/").status_code == 200
    assert all(api.get("/api/v1/devices/", **keyed(generous)).status_code == 200 for _ in range(10))
    assert api.get("/api/v1/devices/", **keyed(generous)).status_code == 429


def test_a_cache_outage_lets_requests_through_instead_of_failing_them(api, device, low_rates, monkeypatch):
    class BrokenCounter:
        def hit(self, *args, **kwargs):
            raise ConnectionError("cache down")

    monkeypatch.setattr(CatalogThrottle, "counter", BrokenCounter())

    assert [api.get("/api/v1/devices/").status_code for _ in range(3)] == [200, 200, 200]


def test_a_suspended_partners_keys_are_refused_like_revoked_ones(api, device, make_key):
    key, plain = make_key("catalog:read")
    assert api.get("/api/v1/devices/", **keyed(plain)).status_code == 200

    partner = key.partner
    partner.status = Partner.Status.SUSPENDED
    partner.save(update_fields=["status"])  # as the admin does; other processes follow within API_KEY_CACHE_SECONDS

    response = api.get("/api/v1/devices/", **keyed(plain))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_the_consultations_endpoint_refuses_a_bad_key_instead_of_taking_it_as_anonymous(api, db):
    response = api.post("/api/v1/consultations/", {}, format="json", HTTP_AUTHORIZATION="Api-Key nope.nope")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Api-Key realm="api"'


# --- The admin ------------------------------------------------------------------------------


def test_staff_create_a_partner_then_a_key_for_it_in_the_admin_and_see_the_key_once(admin_client, api, device):
    admin_client.post(
        reverse("admin:catalog_partner_add"),
        {
            "name": "MedEquip GmbH",
            "status": "active",
            "contact_name": "Jonas Weber",
            "contact_email": "it@medequip.de",
            "keys-TOTAL_FORMS": "0",
            "keys-INITIAL_FORMS": "0",
        },
    )
    partner = Partner.objects.get()
    response = admin_client.post(
        reverse("admin:catalog_partnerkey_add"),
        {"name": "Marketplace", "partner": partner.pk, "scopes": ["catalog:read", "prices:read"]},
        follow=True,
    )

    key = PartnerKey.objects.get()
    assert key.partner == partner and partner.contact_email == "it@medequip.de"
    message = next(str(m) for m in response.context["messages"] if str(m).startswith("The API key for MedEquip"))
    plain = message.split(" is ")[1].split(" ")[0]
    assert plain.startswith(f"{key.prefix}.")
    assert plain not in key.hashed_key
    assert key.scopes == ["catalog:read", "prices:read"]
    assert key.created_by.username == "admin"
    assert api.get("/api/v1/devices/", **keyed(plain)).json()["results"][0]["price"] is not None
    assert plain not in admin_client.get(reverse("admin:catalog_partnerkey_change", args=[key.pk])).content.decode()
    partner_page = admin_client.get(reverse("admin:catalog_partner_change", args=[partner.pk])).content.decode()
    assert "Marketplace" in partner_page and plain not in partner_page


def test_staff_revoke_keys_for_good(admin_client, api, device, make_key):
    key, plain = make_key("catalog:read")

    admin_client.post(
        reverse("admin:catalog_partnerkey_changelist"), {"action": "revoke", "_selected_action": [key.pk]}
    )

    assert PartnerKey.objects.get(pk=key.pk).revoked is True
    assert api.get("/api/v1/devices/", **keyed(plain)).status_code == 401


def test_catalog_editors_and_sales_cannot_manage_keys(db):
    roles.roles_ensure(app_label="catalog", grants=roles.catalog_grants())

    for group in Group.objects.filter(name__in=[roles.CATALOG_EDITORS, roles.SALES]):
        assert not group.permissions.filter(codename__endswith="partnerkey").exists()
        assert not group.permissions.filter(codename__endswith="_partner").exists()


def test_a_malformed_rate_stops_start_up_with_a_message(tmp_path):
    env = {"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": "config.settings", "DEBUG": "1"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**env, "VAR_DIR": str(tmp_path), "API_ANON_RATE": "lots"},
    )

    assert result.returncode != 0
    assert "API_ANON_RATE must look like 60/minute" in result.stderr


def test_a_window_full_of_requests_empties_when_the_next_window_starts(api, device, low_rates, monkeypatch):
    now = [60 * 16_667 + 20.0]  # 20 s into a minute
    monkeypatch.setattr(CatalogThrottle, "timer", lambda self: now[0])
    statuses = [api.get("/api/v1/devices/").status_code for _ in range(3)]
    refused = api.get("/api/v1/devices/")
    now[0] += 40  # the next minute

    assert statuses == [200, 200, 429]
    assert refused["Retry-After"] == "40"
    assert api.get("/api/v1/devices/").status_code == 200


def test_a_key_revoked_by_another_process_stops_working_within_the_cache_seconds(
    api, device, make_key, settings, monkeypatch
):
    settings.API_KEY_CACHE_SECONDS = 10
    key, plain = make_key("catalog:read")
    assert api.get("/api/v1/devices/", **keyed(plain)).status_code == 200
    # Another process revokes it: this one is not told.
    PartnerKey.objects.filter(pk=key.pk).update(revoked=True)
    now = keys.time.monotonic()

    monkeypatch.setattr(keys.time, "monotonic", lambda: now + 9)
    still_trusted = api.get("/api/v1/devices/", **keyed(plain)).status_code
    monkeypatch.setattr(keys.time, "monotonic", lambda: now + 11)
    refused = api.get("/api/v1/devices/", **keyed(plain)).status_code

    assert (still_trusted, refused) == (200, 401)


def test_a_key_revoked_in_this_process_is_refused_at_once(api, device, make_key, settings):
    settings.API_KEY_CACHE_SECONDS = 3600
    key, plain = make_key("catalog:read")
    assert api.get("/api/v1/devices/", **keyed(plain)).status_code == 200

    services.partner_keys_revoke(key_ids=[key.pk])

    assert api.get("/api/v1/devices/", **keyed(plain)).status_code == 401


def test_without_key_cache_seconds_every_request_verifies_its_key(api, device, make_key, settings):
    settings.API_KEY_CACHE_SECONDS = 0
    key, plain = make_key("catalog:read")
    assert api.get("/api/v1/devices/", **keyed(plain)).status_code == 200

    PartnerKey.objects.filter(pk=key.pk).update(revoked=True)

    assert api.get("/api/v1/devices/", **keyed(plain)).status_code == 401


def test_only_a_digest_of_a_verified_key_is_kept(api, device, make_key):
    _, plain = make_key("catalog:read")
    api.get("/api/v1/devices/", **keyed(plain))

    assert plain not in repr(keys.verified_keys._keys)
