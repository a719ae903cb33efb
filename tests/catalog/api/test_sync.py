"""Incremental sync: cursor pages, positions that move with every change, tombstones, next_sync."""

import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from catalog import services
from catalog.api import sync
from catalog.models import Article, ArticleFaq, Device, DeviceOption, Tombstone
from scripts.mirror_catalog import RESOURCES, mirror_catalog
from tests.catalog.api.conftest import everything, fetcher, keyed
from tests.catalog.test_admin import device_form
from tests.factories import (
    ArticleFactory,
    CertificationFactory,
    DeviceFactory,
    DeviceImageFactory,
    DeviceOptionFactory,
    FamilyFactory,
    TreatmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def results(api, url, **headers):
    response = api.get(url, **headers)
    assert response.status_code == 200, response.content
    return response.json()


def test_pages_follow_sync_order_and_next_links_reach_every_device_once(api, laser_family):
    devices = [DeviceFactory(family=laser_family) for _ in range(7)]

    seen, url = [], "/api/v1/devices/?page_size=3"
    while url:
        page = results(api, url.removeprefix("http://testserver"))
        seen += [item["id"] for item in page["results"]]
        url = page["next"]

    assert seen == [d.pk for d in sorted(devices, key=lambda d: (d.updated_at, d.pk))]
    assert page["next_sync"] is not None


def test_a_device_edited_while_a_consumer_pages_moves_to_the_end_and_nothing_is_skipped(api, laser_family):
    devices = [DeviceFactory(family=laser_family) for _ in range(6)]
    first = results(api, "/api/v1/devices/?page_size=3")

    services.device_changed(device_id=devices[0].pk)  # seen already: comes again, at the end
    services.device_changed(device_id=devices[4].pk)  # not seen yet: comes once, at the end
    rest, url = [], first["next"]
    while url:
        page = results(api, url.removeprefix("http://testserver"))
        rest += [item["id"] for item in page["results"]]
        url = page["next"]

    assert [i["id"] for i in first["results"]] == [d.pk for d in devices[:3]]
    assert rest == [devices[3].pk, devices[5].pk, devices[0].pk, devices[4].pk]


def test_page_size_above_the_bound_is_refused_not_capped(api, db):
    response = api.get(f"/api/v1/devices/?page_size={sync.MAX_PAGE_SIZE + 1}")

    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"page_size"}


@pytest.mark.parametrize(
    "query",
    [
        "cursor=garbage",
        "updated_since=yesterday",
        "updated_since=2026-01-01T10:00:00",
        "updated_since=",
        "updated_since=2999-01-01T00:00:00Z",
        "ordering=price",
        "ordering=",
        "cursor=",
        "page_size=",
    ],
)
def test_malformed_sync_parameters_are_a_400_naming_the_parameter(api, db, query):
    response = api.get(f"/api/v1/devices/?{query}")

    assert response.status_code == 400
    assert query.split("=")[0] in response.json()["error"]["fields"]


def test_a_cursor_from_another_ordering_is_refused(api, laser_family):
    DeviceFactory.create_batch(3, family=laser_family)
    cursor = results(api, "/api/v1/devices/?page_size=1&ordering=name")["next"].split("cursor=")[1]

    response = api.get(f"/api/v1/devices/?page_size=1&cursor={cursor}")

    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["fields"]


def test_browsing_orders_page_by_name_without_tombstones_or_next_sync(api, laser_family):
    for name in ["Delta", "Alpha", "Charlie", "Bravo"]:
        DeviceFactory(family=laser_family, name=name)

    first = results(api, "/api/v1/devices/?ordering=name&page_size=3")
    second = results(api, first["next"].removeprefix("http://testserver"))
    backwards = results(api, "/api/v1/devices/?ordering=-name")

    assert [d["name"] for d in first["results"] + second["results"]] == ["Alpha", "Bravo", "Charlie", "Delta"]
    assert [d["name"] for d in backwards["results"]] == ["Delta", "Charlie", "Bravo", "Alpha"]
    assert first["next_sync"] is None and second["next_sync"] is None


def test_updated_since_a_moment_ago_is_taken_and_a_moment_ahead_is_not(api, db):
    now = timezone.now()

    past = api.get("/api/v1/devices/", {"updated_since": (now - timedelta(seconds=1)).isoformat()})
    future = api.get("/api/v1/devices/", {"updated_since": (now + timedelta(minutes=1)).isoformat()})

    assert past.status_code == 200
    assert future.status_code == 400
    assert future.json()["error"]["fields"]["updated_since"] == [
        "This time is in the future: use the next_sync link of your last page."
    ]


def test_updated_since_needs_sync_order(api, db):
    response = api.get("/api/v1/devices/?updated_since=2026-01-01T00:00:00Z&ordering=name")

    assert response.status_code == 400
    assert "ordering" in response.json()["error"]["fields"]


# --- What moves a device ---------------------------------------------------------


def changed_since(api, moment, resource="devices"):
    since = moment.isoformat().replace("+00:00", "Z")
    return {item["id"]: item for item in results(api, f"/api/v1/{resource}/", data={"updated_since": since})["results"]}


def mark():
    return timezone.now()


def test_a_spec_value_change_alone_moves_the_device(api, laser_family):
    device = DeviceFactory(family=laser_family, specs={"power": 40})
    before = mark()

    services.device_set_spec_values(device=device, values={"power": "45 W"})

    assert changed_since(api, before)[device.pk]["specs"]["power"]["value"] == "45"


def test_an_article_edit_moves_the_devices_it_links_and_those_it_no_longer_links(api, laser_family):
    kept, dropped = DeviceFactory(family=laser_family), DeviceFactory(family=laser_family)
    article = ArticleFactory(devices=[kept, dropped], title="Old title")
    before = mark()

    before_ids = [kept.pk, dropped.pk]
    Article.objects.filter(pk=article.pk).update(title="New title")
    article.devices.set([kept])
    services.article_changed(article_id=article.pk, device_ids_before=before_ids)

    changed = changed_since(api, before)
    assert changed[kept.pk]["articles"][0]["title"] == "New title"
    assert changed[dropped.pk]["articles"] == []


def test_publishing_and_deleting_an_article_moves_its_devices(api, laser_family):
    device = DeviceFactory(family=laser_family)
    article = ArticleFactory(devices=[device], status=Article.Status.DRAFT, published_at=None)
    before = mark()

    services.articles_set_status(article_ids=[article.pk], status="published")

    assert [a["id"] for a in changed_since(api, before)[device.pk]["articles"]] == [article.pk]
    before = mark()
    services.article_delete(article=Article.objects.get(pk=article.pk))
    assert changed_since(api, before)[device.pk]["articles"] == []


def test_renaming_a_treatment_or_family_moves_their_devices(api, laser_family):
    treatment = TreatmentFactory(name="Acne scars")
    device = DeviceFactory(family=laser_family, treatments=[treatment])
    before = mark()

    treatment.name = "Atrophic acne scars"
    treatment.save()
    services.treatment_changed(treatment_id=treatment.pk)
    laser_family.name = "CO2 laser"
    laser_family.save()
    services.family_changed(family_id=laser_family.pk)

    changed = changed_since(api, before)[device.pk]
    assert changed["treatments"][0]["name"] == "Atrophic acne scars"
    assert changed["family"]["name"] == "CO2 laser"


def test_deleting_an_option_in_the_admin_moves_the_device(admin_client, api, laser_family):
    device = DeviceFactory(family=laser_family, specs={"power": 40})
    option = DeviceOptionFactory(device=device)
    power = device.spec_values.get()
    data = device_form(device, [(power.definition_id, "40 W", power.pk)])
    data |= {
        "options-TOTAL_FORMS": "1",
        "options-INITIAL_FORMS": "1",
        "options-0-id": str(option.pk),
        "options-0-device": str(device.pk),
        "options-0-kind": option.kind,
        "options-0-name": option.name,
        "options-0-slug": option.slug,
        "options-0-price_delta": "500.00",
        "options-0-order": "100",
        "options-0-DELETE": "on",
    }
    before = mark()

    response = admin_client.post(f"/admin/catalog/device/{device.pk}/change/", data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert not DeviceOption.objects.filter(pk=option.pk).exists()
    assert changed_since(api, before)[device.pk]["options"] == []


def test_retitling_an_article_moves_the_guides_whose_faq_links_it(api, db):
    target = ArticleFactory(title="Aftercare")
    linking = ArticleFactory()
    ArticleFaq.objects.create(article=linking, question="What then?", link_article=target)
    before = mark()

    Article.objects.filter(pk=target.pk).update(title="Aftercare, day by day")
    services.article_changed(article_id=target.pk)

    assert changed_since(api, before, "articles")[linking.pk]["faqs"][0]["link"]["title"] == "Aftercare, day by day"


def test_unpublishing_a_device_in_the_admin_leaves_a_tombstone(admin_client, api, laser_family):
    device = DeviceFactory(family=laser_family)
    before = mark()

    response = admin_client.post(
        f"/admin/catalog/device/{device.pk}/change/", device_form(device, []) | {"status": "draft"}
    )

    assert response.status_code == 302
    assert changed_since(api, before)[device.pk]["deleted"] is True


def test_deleting_devices_in_the_admin_leaves_tombstones(admin_client, api, laser_family):
    devices = DeviceFactory.create_batch(2, family=laser_family)
    ids = [d.pk for d in devices]
    before = mark()

    admin_client.post("/admin/catalog/device/", {"action": "delete_selected", "_selected_action": ids, "post": "yes"})

    assert not Device.objects.filter(pk__in=ids).exists()
    assert {pk: item["deleted"] for pk, item in changed_since(api, before).items()} == dict.fromkeys(ids, True)


# --- Tombstones --------------------------------------------------------------------


def test_unpublished_and_deleted_devices_come_back_as_tombstones_to_consumers_asking_for_changes(api, laser_family):
    unpublished, deleted, kept = DeviceFactory.create_batch(3, family=laser_family)
    deleted_id = deleted.pk
    before = mark()

    services.devices_set_status(device_ids=[unpublished.pk], status="draft")
    services.device_delete(device=deleted)

    changed = changed_since(api, before)
    assert changed[unpublished.pk] == {
        "id": unpublished.pk,
        "slug": unpublished.slug,
        "deleted": True,
        "updated_at": changed[unpublished.pk]["updated_at"],
    }
    assert changed[deleted_id]["deleted"] is True
    assert kept.pk not in changed
    assert {d["id"] for d in results(api, "/api/v1/devices/")["results"]} == {kept.pk}


def test_a_device_published_again_loses_its_tombstone(api, laser_family):
    device = DeviceFactory(family=laser_family)
    services.devices_set_status(device_ids=[device.pk], status="discontinued")
    before = mark()

    services.devices_set_status(device_ids=[device.pk], status="published")

    assert changed_since(api, before)[device.pk]["deleted"] is False
    assert not Tombstone.objects.filter(object_id=device.pk).exists()


def test_a_draft_that_was_never_published_leaves_no_trace_for_partners(api, laser_family):
    draft = DeviceFactory(family=laser_family, status=Device.Status.DRAFT, slug="secret-prototype")
    before = timezone.now() - timedelta(days=1)

    services.devices_set_status(device_ids=[draft.pk], status="discontinued")
    services.device_delete(device=Device.objects.get(pk=draft.pk))

    assert b"secret-prototype" not in api.get("/api/v1/devices/", data={"updated_since": before.isoformat()}).content


def test_a_deleted_draft_reaches_every_caller_that_could_have_seen_it_and_no_other(api, laser_family, make_key):
    draft = DeviceFactory(family=laser_family, status=Device.Status.DRAFT, slug="secret-prototype")
    _, drafts_plain = make_key("catalog:read", "catalog:drafts")
    _, plain = make_key("catalog:read", "prices:read")
    every_status = {"status": "draft,published,discontinued"}
    listed = results(api, "/api/v1/devices/", data=every_status, **keyed(drafts_plain))["results"]
    assert [d["slug"] for d in listed] == ["secret-prototype"]
    before = mark()
    statuses = {**every_status, "updated_since": before.isoformat()}

    services.device_delete(device=draft)

    staff = UserFactory(is_staff=True, is_superuser=True)
    for headers, data in [
        (keyed(drafts_plain), {"updated_since": before.isoformat()}),
        (keyed(drafts_plain), statuses),
    ]:
        (tombstone,) = results(api, "/api/v1/devices/", data=data, **headers)["results"]
        assert tombstone["slug"] == "secret-prototype" and tombstone["deleted"] is True
    api.force_login(staff)
    assert [d["deleted"] for d in results(api, "/api/v1/devices/", data=statuses)["results"]] == [True]
    api.logout()
    for headers in [{}, keyed(plain)]:
        response = api.get("/api/v1/devices/", data={"updated_since": before.isoformat()}, **headers)
        assert response.status_code == 200 and response.json()["results"] == []
        assert b"secret-prototype" not in response.content
    assert Tombstone.objects.get().audience == Tombstone.Audience.DRAFTS


def test_a_device_deleted_after_it_was_public_tells_everyone(api, laser_family, make_key):
    device = DeviceFactory(family=laser_family)
    services.devices_set_status(device_ids=[device.pk], status="draft")
    before = mark()

    services.device_delete(device=Device.objects.get(pk=device.pk))

    assert [d["deleted"] for d in changed_since(api, before).values()] == [True]
    assert Tombstone.objects.get().audience == Tombstone.Audience.PUBLIC


def test_a_filtered_sync_gets_a_tombstone_for_a_device_that_no_longer_matches(api, laser_family):
    device = DeviceFactory(family=laser_family, specs={"power": 60})
    before = mark()

    services.device_set_spec_values(device=device, values={"power": 30})
    response = results(api, "/api/v1/devices/", data={"spec": "power>=40", "updated_since": before.isoformat()})

    assert response["results"] == [
        {"id": device.pk, "slug": device.slug, "deleted": True, "updated_at": response["results"][0]["updated_at"]}
    ]


def test_a_device_deleted_during_a_full_listing_comes_as_a_tombstone_before_the_listing_ends(api, laser_family):
    devices = DeviceFactory.create_batch(4, family=laser_family)
    ids = [d.pk for d in devices]
    first = results(api, "/api/v1/devices/?page_size=2")

    services.device_delete(device=devices[0])
    rest, url = [], first["next"]
    while url:
        page = results(api, url.removeprefix("http://testserver"))
        rest += [(d["id"], d["deleted"]) for d in page["results"]]
        url = page["next"]

    assert [d["id"] for d in first["results"]] == ids[:2]
    assert rest == [(ids[2], False), (ids[3], False), (ids[0], True)]


def test_deleted_articles_families_and_treatments_leave_tombstones(api, db):
    article, family, treatment = ArticleFactory(), FamilyFactory(), TreatmentFactory()
    ids = article.pk, family.pk, treatment.pk
    before = mark()

    services.article_delete(article=article)
    services.family_delete(family=family)
    services.treatment_delete(treatment=treatment)

    assert changed_since(api, before, "articles")[ids[0]]["deleted"] is True
    assert changed_since(api, before, "families")[ids[1]]["deleted"] is True
    assert changed_since(api, before, "treatments")[ids[2]]["deleted"] is True


def test_a_scheduled_article_appears_in_sync_when_it_goes_live(api, db, monkeypatch):
    article = ArticleFactory(published_at=timezone.now() + timedelta(seconds=30))
    later = results(api, "/api/v1/articles/")
    assert later["results"] == []

    thirty_one_seconds_later = timezone.now() + timedelta(seconds=31)
    monkeypatch.setattr(timezone, "now", lambda: thirty_one_seconds_later)
    follow = results(api, later["next_sync"].removeprefix("http://testserver"))

    assert [a["id"] for a in follow["results"]] == [article.pk]


def test_changes_younger_than_the_settle_time_wait_for_a_later_request(api, laser_family, settings):
    settings.API_SYNC_SETTLE_SECONDS = 60
    old = DeviceFactory(family=laser_family)
    Device.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(minutes=5))
    services.documents_store(kind="device", object_ids=[old.pk])  # its document, as the row now is
    young = DeviceFactory(family=laser_family)

    listed = results(api, "/api/v1/devices/")

    assert [d["id"] for d in listed["results"]] == [old.pk]
    assert young.pk in {d["id"] for d in results(api, "/api/v1/devices/?ordering=name")["results"]}


# --- A consumer, end to end ----------------------------------------------------------


def published_catalog(api, **headers):
    return {resource: everything(api, resource, **headers) for resource in RESOURCES}


def test_a_consumer_mirrors_the_catalog_and_an_incremental_sync_reproduces_it_exactly(api, laser_family, tmp_path):
    # Given a catalog and a consumer that mirrored it
    treatment = TreatmentFactory()
    devices = [
        DeviceFactory(family=laser_family, specs={"power": 30 + i, "wavelength": ["10600"]}, treatments=[treatment])
        for i in range(5)
    ]
    option = DeviceOptionFactory(device=devices[1])
    ArticleFactory(devices=devices[:2], treatments=[treatment])
    path = tmp_path / "catalog.json"
    mirror_catalog("http://testserver", str(path), get=fetcher(api), out=io.StringIO())
    assert json.loads(path.read_text())["resources"]["devices"]["items"].keys() == {str(d.pk) for d in devices}

    # When the catalog changes: creations, edits (a spec value, an option only), unpublishing, deletion
    created = DeviceFactory(family=laser_family, specs={"power": 80})
    DeviceImageFactory(device=created)
    CertificationFactory(device=created)
    services.device_set_spec_values(device=devices[0], values={"power": "99 W"})
    DeviceOption.objects.filter(pk=option.pk).update(price_delta=Decimal("750.00"), name="Renamed handpiece")
    services.device_changed(device_id=devices[1].pk)
    services.devices_set_status(device_ids=[devices[2].pk], status="draft")
    services.device_delete(device=devices[3])
    ArticleFactory(devices=[devices[4]])
    services.devices_touch(device_ids=[devices[4].pk])
    out = io.StringIO()
    mirrored = mirror_catalog("http://testserver", str(path), get=fetcher(api), out=out)

    # Then the mirror is exactly what a fresh consumer would download now
    catalog = published_catalog(api)
    assert {r: mirrored["resources"][r]["items"] for r in RESOURCES} == catalog
    assert set(catalog["devices"]) == {str(pk) for pk in Device.objects.published().values_list("pk", flat=True)}
    assert catalog["devices"][str(devices[0].pk)]["specs"]["power"]["value"] == "99"
    assert catalog["devices"][str(devices[1].pk)]["options"][0]["name"] == "Renamed handpiece"
    assert "devices: 4 changed, 2 removed, 4 in the mirror" in out.getvalue()


def test_a_consumer_with_nothing_new_to_fetch_is_answered_304(api, laser_family, tmp_path):
    DeviceFactory(family=laser_family)
    path = tmp_path / "catalog.json"
    get = fetcher(api)
    mirror_catalog("http://testserver", str(path), get=get, out=io.StringIO())
    mirror_catalog("http://testserver", str(path), get=get, out=io.StringIO())
    statuses = []

    def counting(url, etag=None):
        status, body, tag = get(url, etag=etag)
        statuses.append(status)
        return status, body, tag

    mirror_catalog("http://testserver", str(path), get=counting, out=io.StringIO())

    assert statuses == [304] * len(RESOURCES)


def test_a_consumer_with_a_prices_key_mirrors_prices(api, laser_family, make_key, tmp_path):
    DeviceFactory(family=laser_family, list_price=Decimal("18500.00"))
    _, plain = make_key("catalog:read", "prices:read")

    mirrored = mirror_catalog(
        "http://testserver", str(tmp_path / "c.json"), get=fetcher(api, **keyed(plain)), out=io.StringIO()
    )

    (device,) = mirrored["resources"]["devices"]["items"].values()
    assert device["price"]["list_price"] == "18500.00"
