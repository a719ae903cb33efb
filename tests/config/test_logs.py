"""Structured logs: one JSON line per request and per task, with the request id, and no secrets."""

import io
import json
import logging

import pytest
from celery import shared_task
from django.core.cache import cache
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from catalog import services, views
from config import logs
from tests.factories import PartnerFactory, UserFactory


@pytest.fixture
def log_lines():
    """What the configured console handler writes (its JSON formatter and request-id filter), line by line."""
    (handler,) = [h for h in logging.getLogger().handlers if h.get_name() == "console"]
    buffer = io.StringIO()
    previous = handler.setStream(buffer)

    def lines(logger: str = "") -> list[dict]:
        records = [json.loads(line) for line in buffer.getvalue().splitlines() if line.startswith("{")]
        return [r for r in records if not logger or r["logger"] == logger]

    yield lines
    handler.setStream(previous)


@pytest.mark.django_db
def test_each_request_writes_one_json_line_with_its_id_status_and_duration(client, log_lines):
    response = client.get("/api/v1/families/?page_size=10")

    (line,) = log_lines("requests")
    assert response["X-Request-ID"] == line["request_id"] and len(line["request_id"]) == 32
    assert line["method"] == "GET" and line["path"] == "/api/v1/families/?page_size=10"
    assert line["status"] == 200 and line["view"] == "catalog-api:family-list" and line["duration_ms"] >= 0
    assert line["level"] == "INFO" and line["time"]
    assert "user_id" not in line and "key_id" not in line


@pytest.mark.django_db
def test_a_sane_incoming_request_id_is_kept_and_returned(client, log_lines):
    response = client.get("/healthz/", HTTP_X_REQUEST_ID="lb-7f3a.42:edge/1")

    assert response["X-Request-ID"] == "lb-7f3a.42:edge/1"


@pytest.mark.parametrize(
    "incoming", ["", "x" * 129, "has space", "new\nline", '{"json": 1}', "ünïcode", "a;rm -rf"], ids=repr
)
def test_an_insane_incoming_request_id_is_replaced(incoming):
    made = logs.request_id_from(incoming)

    assert made != incoming and len(made) == 32 and made.isalnum()


@pytest.mark.django_db
def test_probes_and_scrapes_are_answered_but_not_logged(client, log_lines, settings):
    settings.METRICS_TOKEN = "t0ken-for-this-test"
    client.get("/healthz/")
    client.get("/readyz/")
    client.get("/metrics", HTTP_AUTHORIZATION="Bearer t0ken-for-this-test")

    assert log_lines("requests") == []


@pytest.mark.django_db
def test_the_buyers_quote_token_is_never_logged(client, log_lines):
    token = "Q-2026-00042.1.aBcDeF-secret-signature"

    client.get(f"/quote/{token}/?token=again-{token}&lang=en")
    client.post(f"/quote/{token}/accept/")

    lines = log_lines()
    assert len(log_lines("requests")) == 2
    for line in lines:
        assert "secret-signature" not in json.dumps(line)
    assert log_lines("requests")[0]["path"] == "/quote/[redacted]/?token=[redacted]&lang=en"
    assert log_lines("requests")[1]["path"] == "/quote/[redacted]/accept/"


@pytest.mark.django_db
def test_a_staff_users_request_carries_the_user_id(client, log_lines):
    user = UserFactory(is_staff=True)
    client.force_login(user)

    client.get("/admin/")

    (line,) = log_lines("requests")
    assert line["user_id"] == user.pk


@pytest.mark.django_db
def test_an_api_key_request_carries_the_key_id_never_the_key(client, log_lines):
    key, plain = services.partner_key_create(name="Mirror", partner=PartnerFactory(), scopes=["catalog:read"])

    client.get("/api/v1/devices/", HTTP_AUTHORIZATION=f"Api-Key {plain}")

    (line,) = log_lines("requests")
    assert line["key_id"] == key.pk and line["status"] == 200
    assert plain.split(".")[-1] not in json.dumps(log_lines())


def test_the_log_line_never_evaluates_a_lazy_user_so_it_adds_no_session_query():
    def evaluated():
        raise AssertionError("the request's user was looked up for the log line")

    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(evaluated)

    assert logs._who(request) == {}


@pytest.mark.django_db
def test_a_user_already_looked_up_is_named():
    user = UserFactory(is_staff=True)
    request = RequestFactory().get("/")
    request.user = SimpleLazyObject(lambda: user)
    request.user.pk  # noqa: B018 - what a view does when it reads the user

    assert logs._who(request) == {"user_id": user.pk}


@pytest.mark.django_db
def test_a_server_error_is_logged_once_at_error_level(client, log_lines, monkeypatch):
    cache.clear()  # the home page is built afresh, not answered from the whole-page cache

    def broken(request):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.selectors, "families_with_counts", broken)
    client.raise_request_exception = False

    response = client.get("/")

    assert response.status_code == 500
    (line,) = log_lines("requests")
    assert line["status"] == 500 and line["level"] == "ERROR"


@shared_task(name="tests.config.logs_probe_task")
def logs_probe_task(fail: bool = False) -> str:
    logging.getLogger("tests.probe").info("inside the task")
    if fail:
        raise ValueError("probe failed")
    return "done"


def test_a_task_writes_one_line_with_its_duration_and_the_request_id_it_came_with(log_lines):
    token = logs.request_id_var.set("req-abc-123")
    try:
        logs_probe_task.apply()
    finally:
        logs.request_id_var.reset(token)

    (line,) = log_lines("tasks")
    assert line["task"] == "tests.config.logs_probe_task" and line["state"] == "SUCCESS"
    assert line["request_id"] == "req-abc-123" and line["duration_ms"] >= 0 and line["retries"] == 0
    (inside,) = log_lines("tests.probe")
    assert inside["request_id"] == "req-abc-123"


def test_a_failed_task_says_why(log_lines):
    logs_probe_task.apply(kwargs={"fail": True}, throw=False)

    (line,) = log_lines("tasks")
    assert line["state"] == "FAILURE" and line["level"] == "ERROR" and "probe failed" in line["detail"]
    assert line["request_id"] == line["task_id"]  # no request caused it: it goes by its own id


def test_a_published_task_carries_the_request_id_in_its_headers():
    headers = {}
    token = logs.request_id_var.set("req-xyz")
    try:
        logs._add_request_id(headers=headers)
    finally:
        logs.request_id_var.reset(token)
    assert headers == {"request_id": "req-xyz"}

    outside = {}
    logs._add_request_id(headers=outside)
    assert outside == {}


def test_sentry_reports_lose_the_quote_token_and_secret_parameters():
    event = {
        "request": {
            "url": "https://catalog.example.com/quote/Q-1.abc-secret/accept/?token=t&page=2",
            "query_string": "api_key=k&page=2",
        }
    }

    cleaned = logs.sentry_before_send(event, {})

    assert cleaned["request"]["url"] == "https://catalog.example.com/quote/[redacted]/accept/?token=[redacted]&page=2"
    assert cleaned["request"]["query_string"] == "api_key=[redacted]&page=2"
