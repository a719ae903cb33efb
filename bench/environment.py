"""Where the bench runs: a production-like environment on a dedicated PostgreSQL database.

The bench process and the gunicorn it starts share one environment: `DEBUG=0`, the bench
settings (the project's, plus the reference endpoint), plain HTTP on 127.0.0.1, files under
`var/bench/`. Only the database and Redis come from outside (`DATABASE_URL`, `REDIS_URL`).
"""

import os
from dataclasses import dataclass
from pathlib import Path

import environ
import psycopg
import redis
from psycopg import sql

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var" / "bench"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/catalog_bench"
# The cache the app shares between its processes in production. When REDIS_URL is not set and
# a Redis answers locally, the bench takes this database of it as its own and empties it.
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"


class BenchError(Exception):
    """The bench cannot run here; the message says what to do."""


@dataclass(frozen=True)
class Database:
    url: str
    name: str
    host: str
    port: int
    user: str
    password: str


def bench_database() -> Database:
    """The database to benchmark on: `DATABASE_URL` if set, else a local `catalog_bench`."""
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    config = environ.Env.db_url_config(url)
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise BenchError(
            f"The bench measures on PostgreSQL, and DATABASE_URL is {url!r}. "
            f"Unset it to use {DEFAULT_DATABASE_URL}, or give a postgres:// URL."
        )
    name = config["NAME"]
    if "bench" not in name:
        # The bench drops and recreates its database on every run.
        raise BenchError(
            f"The bench drops and recreates its database, so its name must contain 'bench' (not {name!r}). "
            f"Unset DATABASE_URL to use {DEFAULT_DATABASE_URL}, or name another one such as my_catalog_bench."
        )
    return Database(
        url=url,
        name=name,
        host=config.get("HOST") or "127.0.0.1",
        port=int(config.get("PORT") or 5432),
        user=config.get("USER") or "postgres",
        password=config.get("PASSWORD") or "",
    )


def database_recreate(database: Database) -> str:
    """Drop and create the bench database (an empty one each run); returns the server's version."""
    try:
        connection = psycopg.connect(
            host=database.host,
            port=database.port,
            user=database.user,
            password=database.password or None,
            dbname="postgres",
            autocommit=True,
            connect_timeout=5,
        )
    except psycopg.OperationalError as exc:
        raise BenchError(
            f"PostgreSQL is not reachable at {database.host}:{database.port} as {database.user!r}: "
            f"{str(exc).strip()}\nStart it (for example: service postgresql start), or point DATABASE_URL "
            "at a server where this user may create databases."
        ) from exc
    with connection:
        name = sql.Identifier(database.name)
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
        return connection.execute("SHOW server_version").fetchone()[0]


def app_environ(database: Database) -> dict[str, str]:
    """The environment of the app under test (this process and gunicorn): production, minus TLS."""
    overrides = {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DATABASE_URL": database.url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SITE_URL": "http://127.0.0.1",
        # Plain HTTP on the loopback: no redirect to https, cookies without the Secure flag.
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "SECURE_HSTS_SECONDS": "0",
        # No collectstatic step: WhiteNoise serves from the app folders; pages only name the files.
        "STATICFILES_MANIFEST": "0",
        "VAR_DIR": str(VAR_DIR),
        "LOG_LEVEL": "WARNING",
    }
    redis_url = os.environ.get("REDIS_URL") or _own_redis()
    if redis_url:
        overrides["REDIS_URL"] = redis_url
    return {**os.environ, **overrides}


def _own_redis() -> str:
    """DEFAULT_REDIS_URL, emptied, when a local Redis answers; "" (each process caches alone) when none does."""
    try:
        client = redis.Redis.from_url(DEFAULT_REDIS_URL, socket_connect_timeout=1)
        client.flushdb()
    except redis.RedisError:
        return ""
    return DEFAULT_REDIS_URL
