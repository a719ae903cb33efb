"""Settings come from the environment: check each configuration in a fresh interpreter."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, django
from django.conf import settings
django.setup()
from config.celery import app
print(json.dumps({
    "db": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "broker": app.conf.broker_url,
    "transport": app.conf.broker_transport_options,
    "acks_late": app.conf.task_acks_late,
    "reject_on_lost": app.conf.task_reject_on_worker_lost,
    "serializers": app.conf.accept_content,
    "time_limit": app.conf.task_time_limit,
    "email": settings.EMAIL_BACKEND,
    "debug": settings.DEBUG,
    "secure_cookie": settings.SESSION_COOKIE_SECURE,
    "seller": settings.QUOTE_SELLER,
    "page_size": settings.QUOTE_PAGE_SIZE,
}))
"""

BASE_ENV = {
    "PATH": os.environ["PATH"],
    "DJANGO_SETTINGS_MODULE": "config.settings",
    "HOME": os.environ.get("HOME", "/"),
}


def probe(tmp_path, **env):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**BASE_ENV, "VAR_DIR": str(tmp_path), **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_embedded_defaults_need_no_services(tmp_path):
    conf = probe(tmp_path, DEBUG="1")

    assert conf["db"] == "django.db.backends.sqlite3"
    assert conf["db_name"] == str(tmp_path / "db.sqlite3")
    assert conf["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert conf["broker"] == "filesystem://"
    assert conf["transport"]["data_folder_in"] == str(tmp_path / "queue" / "out")
    assert conf["email"] == "django.core.mail.backends.console.EmailBackend"


def test_database_and_redis_urls_switch_to_postgresql_and_redis(tmp_path):
    conf = probe(
        tmp_path,
        DEBUG="1",
        DATABASE_URL="postgres://u:p@db.internal:5432/catalog",
        REDIS_URL="redis://cache:6379/2",
        EMAIL_URL="smtp+tls://user:pw@mail.internal:587",
    )

    assert conf["db"] == "django.db.backends.postgresql"
    assert conf["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert conf["broker"] == "redis://cache:6379/2"
    assert conf["email"] == "django.core.mail.backends.smtp.EmailBackend"
    transport = conf["transport"]
    assert transport["visibility_timeout"] > 2 * conf["time_limit"]
    assert transport["socket_timeout"] <= 5 and transport["socket_connect_timeout"] <= 5
    assert transport["unacked_restore_interval"] <= 10


def test_celery_is_reliable_by_default(tmp_path):
    conf = probe(tmp_path, DEBUG="1")
    assert conf["acks_late"] is True
    assert conf["reject_on_lost"] is True
    assert conf["serializers"] == ["json"]
    assert conf["time_limit"] > 0


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**BASE_ENV, "VAR_DIR": str(tmp_path), "DEBUG": "0"},
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_visibility_timeout_too_close_to_the_time_limit_is_refused(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={
            **BASE_ENV,
            "VAR_DIR": str(tmp_path),
            "DEBUG": "1",
            "CELERY_TASK_TIME_LIMIT": "100",
            "CELERY_VISIBILITY_TIMEOUT": "150",
        },
    )
    assert result.returncode != 0
    assert "more than twice" in result.stderr


def test_a_malformed_boolean_fails_loudly(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**BASE_ENV, "VAR_DIR": str(tmp_path), "DEBUG": "1", "CELERY_TASK_TIME_LIMIT": "soon"},
    )
    assert result.returncode != 0


@pytest.mark.parametrize("debug", ["0"])
def test_check_deploy_is_clean_with_production_settings(tmp_path, debug):
    env = {
        **BASE_ENV,
        "VAR_DIR": str(tmp_path),
        "DEBUG": debug,
        "SECRET_KEY": "k3v9-production-like-secret-" + "x" * 40 + "-QpL2",
        "ALLOWED_HOSTS": "catalog.example.com",
        "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


SENTRY_PROBE = """
import json, django
django.setup()
import sentry_sdk
client = sentry_sdk.get_client()
print(json.dumps({
    "active": client.is_active(),
    "pii": client.options["send_default_pii"],
    "integrations": sorted(client.integrations),
    "traces": client.options["traces_sample_rate"],
}))
"""


def sentry(tmp_path, **env) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", SENTRY_PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**BASE_ENV, "VAR_DIR": str(tmp_path), "DEBUG": "1", **env},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_error_reporting_is_off_without_a_dsn(tmp_path):
    assert sentry(tmp_path)["active"] is False


def test_one_variable_turns_on_error_reporting_for_web_and_worker_without_personal_data(tmp_path):
    conf = sentry(tmp_path, SENTRY_DSN="https://public@errors.example.invalid/1")

    assert conf["active"] is True and conf["pii"] is False and conf["traces"] == 0
    assert {"django", "celery"} <= set(conf["integrations"])


@pytest.mark.parametrize("value", ["10.0.0.0/33", "not-a-network"])
def test_a_malformed_metrics_network_stops_start_up(tmp_path, value):
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**BASE_ENV, "VAR_DIR": str(tmp_path), "DEBUG": "1", "METRICS_ALLOWED_NETWORKS": value},
    )

    assert result.returncode != 0 and "METRICS_ALLOWED_NETWORKS must list networks" in result.stderr


def test_make_run_gets_a_demo_seller_with_legal_and_bank_details(tmp_path):
    seller = probe(tmp_path, DEBUG="1")["seller"]

    assert seller["legal_name"] and seller["tax_id"] and seller["iban"] and seller["bic"] and seller["terms"]
    assert "example.com" not in seller["email"] and "localhost" not in seller["website"]


def test_production_shows_only_the_seller_details_it_was_given(tmp_path):
    conf = probe(
        tmp_path,
        SECRET_KEY="x" * 50,
        SITE_URL="https://shop.vendor.example",
        SELLER_LEGAL_NAME="Vendor GmbH",
        SELLER_TAX_ID="DE123456789",
        SELLER_ADDRESS="Hauptstraße 1,10115 Berlin,Germany",
        QUOTE_PAGE_SIZE="Letter",
    )

    seller = conf["seller"]
    assert seller["legal_name"] == "Vendor GmbH" and seller["tax_id"] == "DE123456789"
    assert seller["address"] == ["Hauptstraße 1", "10115 Berlin", "Germany"]
    assert seller["website"] == "shop.vendor.example"  # the letterhead follows SITE_URL
    assert seller["iban"] == seller["bic"] == seller["terms"] == seller["registration"] == ""
    assert conf["page_size"] == "Letter"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"QUOTE_PAGE_SIZE": "A5"}, "QUOTE_PAGE_SIZE must be A4 or Letter"),
        ({"SELLER_IBAN": "DE89 3704 0044 0532 0130 00"}, "SELLER_BIC must be set with SELLER_IBAN"),
    ],
)
def test_malformed_seller_settings_fail_loudly(tmp_path, env, message):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**BASE_ENV, "VAR_DIR": str(tmp_path), "SECRET_KEY": "x" * 50, **env},
    )
    assert result.returncode != 0
    assert message in result.stderr
