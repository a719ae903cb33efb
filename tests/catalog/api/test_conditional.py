"""Conditional GET: ETag and Last-Modified on lists and items, 304 without serialising, in one or two queries."""

import gzip
import json
from datetime import timedelta
from email.utils import format_datetime

import pytest
from django.utils import timezone

from catalog import keys, services
from catalog.api import selectors
from catalog.api.serializers import DeviceSerializer
from catalog.models import Device
from tests.catalog.api.conftest import keyed
from tests.factories import DeviceFactory, DeviceOptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def devices(laser_family):
    return [DeviceFactory(family=laser_family, specs={"power": 40 + i}) for i in range(3)]


def test_an_unchanged_list_answers_304_in_one_query_without_serialising(
    api, devices, monkeypatch, django_assert_num_queries
):
    etag = api.get("/api/v1/devices/")["ETag"]

    def refuse(*args, **kwargs):
        raise AssertionError("serialised")

    monkeypatch.setattr(DeviceSerializer, "to_representation", refuse)
    with django_assert_num_queries(1):
        response = api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


def test_with_a_key_verified_moments_ago_a_304_costs_one_query(api, devices, make_key, django_assert_num_queries):
    _, plain = make_key("catalog:read")
    etag = api.get("/api/v1/devices/", **keyed(plain))["ETag"]

    with django_assert_num_queries(1):
        response = api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=etag, **keyed(plain))

    assert response.status_code == 304


def test_a_key_not_verified_lately_costs_one_query_more(api, devices, make_key, django_assert_num_queries):
    _, plain = make_key("catalog:read")
    etag = api.get("/api/v1/devices/", **keyed(plain))["ETag"]
    keys.verified_keys.forget()

    with django_assert_num_queries(2):
        response = api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=etag, **keyed(plain))

    assert response.status_code == 304


@pytest.mark.parametrize(
    "change",
    [
        lambda d: services.device_set_spec_values(device=d, values={"power": 99}),
        lambda d: services.device_changed(device_id=DeviceOptionFactory(device=d).device_id),
        lambda d: services.devices_set_status(device_ids=[d.pk], status="draft"),
        lambda d: services.device_delete(device=d),
    ],
    ids=["spec value", "option", "unpublished", "deleted"],
)
def test_any_change_to_what_a_list_shows_changes_its_etag(api, devices, change):
    etag = api.get("/api/v1/devices/")["ETag"]

    change(devices[1])
    response = api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag


def test_the_etag_depends_on_the_query_and_on_what_the_key_may_see(api, devices, make_key):
    _, pricer = make_key("catalog:read", "prices:read")

    anonymous = api.get("/api/v1/devices/")["ETag"]

    assert api.get("/api/v1/devices/", **keyed(pricer))["ETag"] != anonymous
    assert api.get("/api/v1/devices/?page_size=2")["ETag"] != anonymous
    assert api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=anonymous, **keyed(pricer)).status_code == 200


def test_weak_and_listed_etags_match_too(api, devices):
    etag = api.get("/api/v1/devices/")["ETag"]

    assert api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=f'"other", W/{etag}').status_code == 304
    assert api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_an_item_answers_304_until_it_changes(api, devices, django_assert_num_queries):
    url = f"/api/v1/devices/{devices[0].slug}/"
    etag = api.get(url)["ETag"]

    with django_assert_num_queries(1):
        assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    services.device_set_spec_values(device=devices[0], values={"power": 12})
    changed = api.get(url, HTTP_IF_NONE_MATCH=etag)

    assert changed.status_code == 200
    assert changed.json()["specs"]["power"]["value"] == "12"


def test_if_modified_since_answers_304_once_the_last_change_has_settled(api, devices):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Device.objects.update(updated_at=an_hour_ago)
    services.documents_store(kind="device")  # their documents, as the rows now are
    url = f"/api/v1/devices/{devices[0].slug}/"

    first = api.get(url)
    last_modified = first["Last-Modified"]
    listed = api.get("/api/v1/devices/")

    assert api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    assert api.get("/api/v1/devices/", HTTP_IF_MODIFIED_SINCE=listed["Last-Modified"]).status_code == 304
    earlier = format_datetime(an_hour_ago - timedelta(minutes=1), usegmt=True)
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200
    tomorrow = format_datetime(timezone.now() + timedelta(days=1), usegmt=True)
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=tomorrow).status_code == 200
    services.device_changed(device_id=devices[0].pk)
    assert api.get("/api/v1/devices/", HTTP_IF_MODIFIED_SINCE=listed["Last-Modified"]).status_code == 200


def test_a_change_younger_than_a_second_sends_no_last_modified(api, devices, monkeypatch):
    services.device_changed(device_id=devices[0].pk)
    changed_at = Device.objects.get(pk=devices[0].pk).updated_at
    monkeypatch.setattr(timezone, "now", lambda: changed_at)  # read in the same instant, however busy the machine

    response = api.get(f"/api/v1/devices/{devices[0].slug}/")

    # HTTP dates have whole seconds: a later change in the same second would go unnoticed.
    assert "Last-Modified" not in response
    assert response["ETag"]


def test_responses_vary_by_key_and_are_revalidated(api, devices):
    response = api.get("/api/v1/devices/")

    assert response["Cache-Control"] == "private, no-cache"
    assert "Authorization" in response["Vary"]


def test_bodies_are_gzipped_for_clients_that_accept_it_and_revalidate_with_the_weak_etag(api, devices):
    plain = api.get("/api/v1/devices/")

    zipped = api.get("/api/v1/devices/", HTTP_ACCEPT_ENCODING="gzip, deflate")

    assert "Content-Encoding" not in plain
    assert zipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(zipped.content) == plain.content
    assert int(zipped["Content-Length"]) == len(zipped.content) < len(plain.content)
    assert "Accept-Encoding" in zipped["Vary"] and "Authorization" in zipped["Vary"]
    assert zipped["ETag"] == f"W/{plain['ETag']}"
    again = api.get("/api/v1/devices/", HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=zipped["ETag"])
    assert again.status_code == 304
    item = api.get(f"/api/v1/devices/{devices[0].slug}/", HTTP_ACCEPT_ENCODING="gzip")
    assert json.loads(gzip.decompress(item.content))["id"] == devices[0].pk


def test_deleting_a_draft_no_partner_saw_still_changes_the_drafts_callers_etag(api, laser_family, make_key):
    draft = DeviceFactory(family=laser_family, status=Device.Status.DRAFT)
    _, insider = make_key("catalog:read", "catalog:drafts")
    etag = api.get("/api/v1/devices/?status=draft", **keyed(insider))["ETag"]

    services.device_delete(device=draft)
    response = api.get("/api/v1/devices/?status=draft", HTTP_IF_NONE_MATCH=etag, **keyed(insider))

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_a_304_within_the_state_seconds_costs_no_query(api, devices, make_key, settings, django_assert_num_queries):
    settings.API_STATE_CACHE_SECONDS = 1
    _, plain = make_key("catalog:read")
    etag = api.get("/api/v1/devices/", **keyed(plain))["ETag"]

    with django_assert_num_queries(0):
        response = api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=etag, **keyed(plain))

    assert response.status_code == 304


def test_a_change_reaches_conditional_requests_once_the_state_seconds_pass(api, devices, settings, monkeypatch):
    settings.API_STATE_CACHE_SECONDS = 1
    etag = api.get("/api/v1/devices/")["ETag"]
    services.device_set_spec_values(device=devices[0], values={"power": 99})
    now = selectors.time.monotonic()

    monkeypatch.setattr(selectors.time, "monotonic", lambda: now + 0.5)
    within = api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=etag)
    unconditional = api.get("/api/v1/devices/")
    monkeypatch.setattr(selectors.time, "monotonic", lambda: now + 1.5)
    after = api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=etag)

    assert within.status_code == 304  # as if asked half a second earlier
    assert unconditional.status_code == 200 and unconditional["ETag"] != etag
    assert after.status_code == 200 and after["ETag"] == unconditional["ETag"]


def test_a_stale_etag_is_answered_from_a_fresh_state_even_within_the_state_seconds(api, devices, settings):
    settings.API_STATE_CACHE_SECONDS = 60
    old_etag = api.get("/api/v1/devices/")["ETag"]
    services.device_set_spec_values(device=devices[0], values={"power": 99})
    current = api.get("/api/v1/devices/")  # a body: read afresh, and remembered

    response = api.get("/api/v1/devices/", HTTP_IF_NONE_MATCH=old_etag)

    assert response.status_code == 200
    assert response["ETag"] == current["ETag"] != old_etag


def test_a_spec_label_edited_through_the_service_turns_a_304_into_a_200(api, devices, laser_family):
    device = devices[0]
    urls = [f"/api/v1/devices/{device.slug}/", f"/api/v1/families/{laser_family.slug}/", "/api/v1/devices/"]
    etags = {url: api.get(url)["ETag"] for url in urls}
    assert all(api.get(url, HTTP_IF_NONE_MATCH=etags[url]).status_code == 304 for url in urls)
    family_before = type(laser_family).objects.get(pk=laser_family.pk).updated_at

    definition = laser_family.spec_definitions.get(key="power")
    definition.label = "Output power"
    definition.save()
    services.family_changed(family_id=laser_family.pk)

    assert type(laser_family).objects.get(pk=laser_family.pk).updated_at > family_before
    for url in urls:
        response = api.get(url, HTTP_IF_NONE_MATCH=etags[url])
        assert response.status_code == 200, url
    assert api.get(urls[0]).json()["specs"]["power"]["label"] == "Output power"
    assert api.get(urls[1]).json()["spec_definitions"][0]["label"] == "Output power"
