"""Prometheus metrics that processes count as they work: tasks and PDF renders.

Request rates and latency per view come from django-prometheus's middleware. These counters
and histograms live in the process that observes them; with several gunicorn workers and
Celery's prefork children, prometheus_client's multiprocess mode (`PROMETHEUS_MULTIPROC_DIR`,
set in the environment before start) writes each process's values to a file that the scrape
adds up. Numbers that describe shared state (queue depth, outbox backlog, failed deliveries)
are not counted here: `config.monitoring` reads them from the database and the broker when
Prometheus scrapes, so every process agrees and a restart loses nothing.

A leaf module (prometheus_client and settings only), so the apps can observe into it.
"""

import hmac
import ipaddress
import os
import threading
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from django.conf import settings
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, make_wsgi_app, multiprocess

# In multiprocess mode each process writes its values under this directory from the first metric
# on: make it if the deployment named one that does not exist yet (emptying it is the deployment's).
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

# Seconds: most tasks take milliseconds, a PDF render about half a second, the limit is minutes.
TASK_BUCKETS = (0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, float("inf"))

TASKS = Counter(
    "celery_tasks_total",
    "Celery tasks run, by task name and final state (SUCCESS, FAILURE, RETRY, ...).",
    ["task", "state"],
)
TASK_SECONDS = Histogram(
    "celery_task_duration_seconds",
    "Time a Celery task took from start to finish, by task name.",
    ["task"],
    buckets=TASK_BUCKETS,
)
QUOTE_PDF_RENDER_SECONDS = Histogram(
    "quote_pdf_render_seconds",
    "Time WeasyPrint took to turn one quote revision into a PDF.",
    buckets=(0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 90, float("inf")),
)


def process_registry() -> CollectorRegistry:
    """What this process (or, in multiprocess mode, every process sharing the directory) counted."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return registry
    return REGISTRY


def metrics_allowed(*, remote_addr: str, authorization: str) -> bool:
    """True for a scraper that brings `Bearer <METRICS_TOKEN>` or comes from METRICS_ALLOWED_NETWORKS."""
    token = settings.METRICS_TOKEN
    scheme, _, given = authorization.partition(" ")
    if token and scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode()):
        return True
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(address in network for network in settings.METRICS_ALLOWED_NETWORKS)


def metrics_enabled() -> bool:
    return bool(settings.METRICS_TOKEN or settings.METRICS_ALLOWED_NETWORKS)


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):  # the scraper polls every few seconds: no line each time
        pass


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def _guarded(app):
    def guarded_app(environ, start_response):
        if not metrics_allowed(
            remote_addr=environ.get("REMOTE_ADDR", ""), authorization=environ.get("HTTP_AUTHORIZATION", "")
        ):
            start_response("403 Forbidden", [("Content-Type", "text/plain")])
            return [b"Forbidden\n"]
        return app(environ, start_response)

    return guarded_app


def worker_exporter_start() -> WSGIServer | None:
    """Serve the worker's task metrics on WORKER_METRICS_PORT (same token and networks as /metrics); None when off."""
    if not settings.WORKER_METRICS_PORT or not metrics_enabled():
        return None
    server = make_server(
        settings.WORKER_METRICS_ADDR,
        settings.WORKER_METRICS_PORT,
        _guarded(make_wsgi_app(process_registry())),
        server_class=_ThreadingWSGIServer,
        handler_class=_QuietHandler,
    )
    threading.Thread(target=server.serve_forever, name="worker-metrics", daemon=True).start()
    return server
