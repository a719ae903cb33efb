"""Whole public pages from the cache: one query when nothing changed, a fresh page after any change."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from catalog import selectors, services
from tests.factories import ArticleFactory, DeviceFactory, TreatmentFactory, UserFactory

pytestmark = pytest.mark.django_db


def get(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


def test_a_second_anonymous_visit_is_answered_with_one_query_and_the_same_page():
    device = DeviceFactory(name="Pico Laser 2000")
    url = device.get_absolute_url()

    first, rendering = get(Client(), url)
    second, cached = get(Client(), url)

    assert first.status_code == second.status_code == 200
    assert rendering > 1 and cached == 1
    assert "Pico Laser 2000" in second.content.decode()


def test_a_change_to_anything_a_page_shows_makes_a_fresh_page():
    device = DeviceFactory(name="Pico Laser 2000")
    other = DeviceFactory(family=device.family, name="Pico Laser 3000")
    client = Client()
    client.get(device.get_absolute_url())

    other.name = "Pico Laser 3000 Plus"
    other.save()
    services.device_changed(device_id=other.pk)  # a related device's card on this page changed

    assert "Pico Laser 3000 Plus" in client.get(device.get_absolute_url()).content.decode()


def test_a_guide_going_to_the_knowledge_base_shows_on_the_cached_list():
    treatment = TreatmentFactory()
    ArticleFactory(title="Choosing a first laser", treatments=[treatment])
    client = Client()
    client.get("/knowledge/")

    ArticleFactory(title="Aftercare after resurfacing", treatments=[treatment])

    assert "Aftercare after resurfacing" in client.get("/knowledge/").content.decode()


def test_the_catalog_version_moves_on_writes_and_removals_and_only_then():
    device = DeviceFactory()
    before = selectors.catalog_version()

    assert selectors.catalog_version() == before
    services.device_changed(device_id=device.pk)
    changed = selectors.catalog_version()
    services.device_delete(device=device)

    assert before != changed != selectors.catalog_version()


def test_signed_in_staff_always_get_a_fresh_page(django_user_model):
    device = DeviceFactory()
    staff = UserFactory(is_staff=True)
    client = Client()
    client.force_login(staff)
    client.get(device.get_absolute_url())

    _, queries = get(client, device.get_absolute_url())

    assert queries > 1


def test_a_missing_device_is_not_cached():
    client = Client()

    assert client.get("/devices/no-such-device/").status_code == 404
    assert client.get("/devices/no-such-device/").status_code == 404


def test_two_visitors_of_one_cached_page_get_their_own_tokens_and_both_can_post():
    device = DeviceFactory()
    url = device.get_absolute_url()
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

    pages = [first.get(url).content.decode(), second.get(url).content.decode()]

    csrf = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1] for page in pages]
    fill = [re.search(r'name="form_token" value="([^"]+)"', page)[1] for page in pages]
    assert csrf[0] != csrf[1] and fill[0] != fill[1]
    assert not any("hole-" in page for page in pages)
    response = second.post("/consultation/", {"csrfmiddlewaretoken": csrf[1], "form_token": fill[1]})
    assert response.status_code == 200  # the form answers its own errors: CSRF let it through
