"""What an operator's tools ask: is the process up, can it serve, what are the numbers.

`/healthz/` answers as long as the process does (a liveness probe: restart on failure);
`/readyz/` checks the database, the applied migrations, the cache and the broker, each with
its own status, and answers 503 when any fails (a readiness probe: take it out of the load
balancer). Both are cheap, unthrottled and left out of the request log. `/metrics` is
Prometheus's: what processes counted (config.metrics) plus the shared state read at scrape
time, so web processes and workers report the same backlog however many of them run.
"""

import time
import uuid
from collections.abc import Callable, Iterator

from celery import current_app
from django.core.cache import cache
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from config import metrics
from quotes.leads import selectors as lead_selectors
from quotes.quoting import selectors as quote_selectors


class CheckFailed(Exception):
    """A readiness check failed for a reason that is safe to show (no host names or credentials)."""


@require_GET
def healthz(request):
    return HttpResponse("ok", content_type="text/plain")


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


# Once every migration was found applied, this process need not look again: a later deploy only
# adds migrations for the processes it starts.
_migrations_applied = False


def _check_migrations() -> None:
    global _migrations_applied
    if _migrations_applied:
        return
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        raise CheckFailed(f"{len(pending)} migrations not applied")
    _migrations_applied = True


def _check_cache() -> None:
    # A key of its own per call: two probes at once must not read each other's value.
    key, value = f"readyz:{uuid.uuid4().hex}", "ok"
    cache.set(key, value, timeout=5)
    if cache.get(key) != value:
        raise CheckFailed("the cache did not return what was written")


def broker_queue_length(queue: str = "") -> int:
    """Messages waiting in a Celery queue (the default one unless named); raises when the broker is out of reach."""
    app = current_app
    with app.connection_for_read() as conn:
        conn.ensure_connection(max_retries=0)  # one try: a probe must answer, not wait for the broker
        with conn.channel() as channel:
            return channel.queue_declare(queue=queue or app.conf.task_default_queue, durable=True).message_count


def _check_broker() -> None:
    broker_queue_length()


READINESS_CHECKS: dict[str, Callable[[], None]] = {
    "database": _check_database,
    "migrations": _check_migrations,
    "cache": _check_cache,
    "broker": _check_broker,
}


@require_GET
@never_cache
def readyz(request):
    checks, ready = {}, True
    for name, check in READINESS_CHECKS.items():
        started = time.perf_counter()
        result = {"ok": True}
        try:
            check()
        except CheckFailed as exc:
            result = {"ok": False, "error": str(exc)}
        except Exception as exc:  # any failure of the dependency: say which kind, never its connection string
            result = {"ok": False, "error": type(exc).__name__}
        result["ms"] = round((time.perf_counter() - started) * 1000, 1)
        checks[name] = result
        ready = ready and result["ok"]
    return JsonResponse({"status": "ready" if ready else "not ready", "checks": checks}, status=200 if ready else 503)


class SharedStateCollector(Collector):
    """Gauges read from the database and the broker at scrape time (three small queries)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        outbox = lead_selectors.outbox_state()
        family = GaugeMetricFamily(
            "outbox_notifications", "Outbox emails by status (failed: given up at the last retry).", labels=["status"]
        )
        for status, count in outbox.counts.items():
            family.add_metric([status], count)
        yield family
        yield GaugeMetricFamily(
            "outbox_oldest_unsent_seconds",
            "Age of the oldest outbox email not yet sent or failed (0 when none waits).",
            value=outbox.oldest_unsent_age_seconds,
        )
        family = GaugeMetricFamily("quote_pdf_revisions", "Quote revisions by PDF status.", labels=["status"])
        for status, count in quote_selectors.pdf_render_counts().items():
            family.add_metric([status], count)
        yield family
        up = GaugeMetricFamily("celery_broker_up", "1 when the broker answered this scrape.")
        try:
            length = broker_queue_length()
        except Exception:  # an unreachable broker is itself the measurement
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        family = GaugeMetricFamily("celery_queue_length", "Tasks waiting in the broker.", labels=["queue"])
        family.add_metric([current_app.conf.task_default_queue], length)
        yield family


@require_GET
@never_cache
def metrics_view(request):
    if not metrics.metrics_enabled():
        raise Http404("Metrics are off: set METRICS_TOKEN or METRICS_ALLOWED_NETWORKS.")
    if not metrics.metrics_allowed(
        remote_addr=request.META.get("REMOTE_ADDR", ""), authorization=request.headers.get("Authorization", "")
    ):
        return HttpResponseForbidden("Forbidden", content_type="text/plain")
    state = CollectorRegistry()
    state.register(SharedStateCollector())
    # The text format lists metric families one after another, so two registries concatenate.
    body = generate_latest(metrics.process_registry()) + generate_latest(state)
    return HttpResponse(body, content_type=CONTENT_TYPE_LATEST)
