"""Structured logs: one JSON line per request and per task, tied together by a request id.

The request id comes from a sane incoming `X-Request-ID` (the proxy's) or is made here, is
returned as a header, and rides along on every log record of the request (a context
variable read by `RequestIdFilter`). Tasks that a request enqueues carry it in their message
headers (`before_task_publish`), and the worker puts it back in context while the task runs;
the after-commit publisher copies the request's context onto its background thread
(quotes.dispatch), so the id survives the hop.

What is never logged: headers (Authorization, cookies), bodies, and the secret parts of
URLs: path arguments such as the buyer's signed quote token are replaced by `[redacted]`,
and so are query parameters whose names say they hold a secret.
"""

import contextvars
import logging
import re
import time
import uuid
from urllib.parse import parse_qsl, urlencode

import sentry_sdk
from celery import signals
from django.conf import settings
from django.utils.functional import empty
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

from config import metrics

request_log = logging.getLogger("requests")
task_log = logging.getLogger("tasks")

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")

REQUEST_ID_HEADER = "X-Request-ID"
# Up to 128 characters a log search can handle: letters, digits and - _ . : /  (UUIDs, proxy ids).
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9._:/-]{1,128}")
# URL path arguments and query parameters whose values are secrets.
SECRET_NAMES = re.compile(r"token|secret|signature|password|passwd|api[-_]?key|^key$|^sig$|^code$", re.IGNORECASE)
REDACTED = "[redacted]"
# Paths probed constantly by load balancers and Prometheus: answered, never logged per request.
QUIET_PATHS = frozenset({"/healthz/", "/readyz/", "/metrics"})


def current_request_id() -> str:
    return request_id_var.get()


def request_id_from(value: str | None) -> str:
    """The incoming id when it is sane, else a new one."""
    if value and _SANE_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


def redact_query(query: str) -> str:
    """The query string with the values of secret-named parameters replaced."""
    if not query:
        return ""
    pairs = parse_qsl(query, keep_blank_values=True)
    return urlencode([(k, REDACTED if SECRET_NAMES.search(k) else v) for k, v in pairs], safe="[]")


def redact_path(path: str, kwargs: dict | None) -> str:
    """The path with the values of secret-named URL arguments (the quote link's token) replaced."""
    for name, value in (kwargs or {}).items():
        if SECRET_NAMES.search(name) and isinstance(value, str) and value:
            path = path.replace(value, REDACTED)
    return path


# Paths whose secret cannot be found by URL resolution (an event reported from elsewhere, such as
# Sentry's): the buyer's quote link is /quote/<token>/...
_QUOTE_LINK = re.compile(r"(/quote/)[^/?#]+")


def redact_url(url: str) -> str:
    """A whole URL (path and query) with its secrets replaced, without resolving it."""
    base, _, query = url.partition("?")
    base = _QUOTE_LINK.sub(r"\1" + REDACTED, base)
    return f"{base}?{redact_query(query)}" if query else base


class RequestIdFilter(logging.Filter):
    """Adds the current request id to every record, so any line can be joined to its request."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


def _who(request) -> dict:
    """The user or API key behind the request, without running a query to find out."""
    who = {}
    auth = getattr(request, "auth", None)
    if auth is not None and getattr(auth, "prefix", None):
        who["key_id"] = auth.pk
    # The auth middleware's user is lazy: read it only if something already did (or DRF set it),
    # so logging never adds a session query to a cached public page.
    user = request.__dict__.get("_cached_user")
    if user is None:
        lazy = request.__dict__.get("user")
        wrapped = getattr(lazy, "_wrapped", lazy)
        user = None if wrapped is empty else wrapped
    if user is not None and getattr(user, "is_authenticated", False):
        who["user_id"] = user.pk
    return who


class RequestLogMiddleware:
    """Outermost middleware: assigns the request id, times the request, writes its one log line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_from(request.headers.get(REQUEST_ID_HEADER))
        token = request_id_var.set(request_id)
        request.request_id = request_id
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request_id
            if request.path not in QUIET_PATHS:
                self._log(request, response.status_code, started)
            return response
        except Exception:
            # Django turns exceptions into 500 responses inside; this catches only what escapes.
            self._log(request, 500, started)
            raise
        finally:
            request_id_var.reset(token)

    def _log(self, request, status: int, started: float) -> None:
        match = getattr(request, "resolver_match", None)
        path = redact_path(request.path, match.kwargs if match else None)
        query = redact_query(request.META.get("QUERY_STRING", ""))
        fields = {
            "method": request.method,
            "path": path + (f"?{query}" if query else ""),
            "view": match.view_name if match else "",
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            **_who(request),
        }
        level = logging.ERROR if status >= 500 else logging.INFO
        request_log.log(level, "%s %s %s", request.method, fields["path"], status, extra=fields)


# --- Celery -----------------------------------------------------------------
# The same request id travels in the task message's headers; each task writes one line when it
# ends, with its duration, and counts into the task metrics.

_task_started: dict[str, tuple[float, contextvars.Token]] = {}


@signals.before_task_publish.connect(weak=False)
def _add_request_id(headers=None, **_):
    request_id = request_id_var.get()
    if headers is not None and request_id and "request_id" not in headers:
        headers["request_id"] = request_id


@signals.task_prerun.connect(weak=False)
def _task_started_now(task_id=None, task=None, **_):
    # From the message's headers; a task run eagerly (in the caller) keeps the caller's id; a task no
    # request caused (beat's sweeps) goes by its own id, so its lines can still be joined.
    request_id = getattr(task.request, "request_id", None) or request_id_var.get() or task_id
    _task_started[task_id] = (time.perf_counter(), request_id_var.set(request_id))


@signals.task_postrun.connect(weak=False)
def _task_finished(task_id=None, task=None, state=None, retval=None, **_):
    started, token = _task_started.pop(task_id, (None, None))
    if started is None:
        return
    seconds = time.perf_counter() - started
    metrics.TASKS.labels(task=task.name, state=state or "UNKNOWN").inc()
    metrics.TASK_SECONDS.labels(task=task.name).observe(seconds)
    fields = {
        "task": task.name,
        "task_id": task_id,
        "state": state,
        "retries": task.request.retries,
        "duration_ms": round(seconds * 1000, 1),
    }
    if state in ("RETRY", "FAILURE"):
        # Why: "Retry in 30s: NotificationSendError(...)" or the exception (its traceback is Celery's own line).
        fields["detail"] = str(retval)[:500]
    task_log.log(
        logging.ERROR if state == "FAILURE" else logging.INFO,
        "%s %s %s",
        task.name,
        task_id,
        state,
        extra=fields,
    )
    request_id_var.reset(token)


# --- Sentry -----------------------------------------------------------------


def sentry_start() -> None:
    """Report errors to Sentry when SENTRY_DSN is set (web and worker alike); otherwise nothing."""
    if not settings.SENTRY_DSN:
        return
    sentry_sdk.init(
        dsn=settings.SENTRY_DSN,
        environment=settings.SENTRY_ENVIRONMENT,
        release=settings.SENTRY_RELEASE or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        send_default_pii=settings.SENTRY_SEND_PII,
        traces_sample_rate=settings.SENTRY_TRACES_SAMPLE_RATE,
        before_send=sentry_before_send,
    )


def sentry_before_send(event: dict, hint: dict) -> dict:
    """Cut secrets out of an error report's URL and query before it leaves (Sentry scrubs headers and cookies)."""
    request = event.get("request") or {}
    if request.get("url"):
        request["url"] = redact_url(request["url"])
    if isinstance(request.get("query_string"), str):
        request["query_string"] = redact_query(request["query_string"])
    return event
