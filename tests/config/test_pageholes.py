"""Per-visitor values in shared HTML: markers in templates, filled in each response."""

import time

from django.http import HttpResponse
from django.test import RequestFactory

from config import pageholes


def respond(content: str, content_type: str = "text/html; charset=utf-8"):
    request = RequestFactory().get("/")
    return request, pageholes.HolesMiddleware(lambda r: HttpResponse(content, content_type=content_type))(request)


def test_markers_are_stable_and_unguessable_without_the_secret_key(settings):
    csrf = pageholes.marker("csrf")

    assert csrf == pageholes.marker("csrf") != pageholes.marker("fill")
    assert settings.SECRET_KEY not in csrf and len(csrf) > 24


def test_the_csrf_marker_becomes_the_visitors_token_and_asks_for_the_cookie():
    request, response = respond(f'<input name="csrfmiddlewaretoken" value="{pageholes.marker("csrf")}">')

    assert pageholes.marker("csrf") not in response.content.decode()
    assert request.META.get("CSRF_COOKIE_NEEDS_UPDATE") is True


def test_the_fill_marker_becomes_a_signed_note_of_now():
    _, response = respond(f'<input name="form_token" value="{pageholes.marker("fill")}">')

    token = response.content.decode().split('value="')[1].split('"')[0]
    assert 0 <= pageholes.fill_seconds(token) < 60


def test_other_responses_are_left_alone():
    marker = pageholes.marker("csrf")

    _, json = respond(f'{{"a": "{marker}"}}', "application/json")
    _, plain = respond("<p>nothing to fill</p>")

    assert json.content.decode() == f'{{"a": "{marker}"}}'
    assert plain.content == b"<p>nothing to fill</p>"


def test_a_forged_or_foreign_fill_token_reads_as_none():
    assert pageholes.fill_seconds("forged") is None
    assert pageholes.fill_seconds(pageholes.fill_token_new(issued_at=time.time() - 5)) >= 5
