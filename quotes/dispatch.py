"""One way to hand work to the broker: tasks by name, after the transaction commits, off the caller's thread.

A buyer's answer or a salesperson's click must not wait on the broker, and a paused Redis
can hold a publish for seconds. So a use case asks for its task with `after_commit`; once
the transaction commits, one of a few background threads publishes it. The threads are
bounded (NOTIFICATION_RELAY_THREADS): when all are busy, or the broker refuses, nothing is
lost, because every piece of work is first recorded on its row, and the periodic sweeps
(the outbox relay, the render sweep) publish whatever is still waiting.

Tasks are named, never imported ("quotes.tasks.quote_pdf_render_task"): nothing imports
`quotes.tasks`. Tests swap `publisher` for one that records what would have been published.
"""

import contextvars
import logging
import threading
from collections.abc import Callable

from celery import current_app
from django.conf import settings
from django.db import connections, transaction

logger = logging.getLogger(__name__)


class Publisher:
    """Publishes Celery tasks by name, and runs publishing work on a few background threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._threads: set[threading.Thread] = set()

    def publish(self, task_name: str, args: tuple, *, countdown: int = 0, retry_policy: dict | None = None) -> None:
        """Publish now, in this thread; raises when the broker cannot take the message."""
        options = {"retry": True, "retry_policy": retry_policy} if retry_policy else {"retry": False}
        _task(task_name).apply_async(args=list(args), countdown=countdown or None, **options)

    def in_background(self, function: Callable, *args, **kwargs) -> bool:
        """Run `function(*args, **kwargs)` on a background thread; False (nothing run) when every thread is busy."""
        with self._lock:
            self._threads.difference_update([t for t in self._threads if not t.is_alive()])
            if len(self._threads) >= settings.NOTIFICATION_RELAY_THREADS:
                logger.warning("Publishing threads busy: %s%s waits for the sweep.", function.__name__, args)
                return False
            # The caller's context (its request id, config.logs) goes along, so the tasks it publishes carry it.
            context = contextvars.copy_context()
            thread = threading.Thread(
                target=context.run, args=(_run, function, args, kwargs), name="dispatch", daemon=True
            )
            self._threads.add(thread)
        thread.start()
        return True

    def wait_idle(self, timeout: float = 30) -> bool:
        """Wait for the running threads (tests, graceful shutdown); True when none is left."""
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)
        return not any(t.is_alive() for t in threads)


publisher = Publisher()


def after_commit(task_name: str, *args, countdown: int = 0) -> None:
    """Publish the task named `task_name` with `args` once the current transaction commits."""
    transaction.on_commit(lambda: publisher.in_background(_publish_or_log, task_name, args, countdown))


def call_after_commit(function: Callable, *args, **kwargs) -> None:
    """Run `function`, work that publishes (the outbox relay), on a background thread after commit."""
    transaction.on_commit(lambda: publisher.in_background(function, *args, **kwargs))


def publish(task_name: str, *args, countdown: int = 0, retry_policy: dict | None = None) -> None:
    """Publish now, in the caller's thread (the sweeps); raises when the broker refuses."""
    publisher.publish(task_name, args, countdown=countdown, retry_policy=retry_policy)


def wait_idle(timeout: float = 30) -> bool:
    return publisher.wait_idle(timeout)


_import_lock = threading.Lock()


def _task(name: str):
    app = current_app
    if name not in app.tasks:
        # What a worker does when it starts: import every installed app's tasks module. Under the
        # lock, because a second publishing thread would otherwise find `quotes.tasks` half-imported
        # in sys.modules, skip it, and miss the task it wants.
        with _import_lock:
            if name not in app.tasks:
                app.loader.import_default_modules()
    return app.tasks[name]


def _publish_or_log(task_name: str, args: tuple, countdown: int) -> None:
    try:
        publisher.publish(task_name, args, countdown=countdown)
    except Exception:  # any broker failure: the row keeps the work, a sweep publishes it
        logger.warning("Could not queue %s%s; the sweep will.", task_name, args, exc_info=True)


def _run(function: Callable, args: tuple, kwargs: dict) -> None:
    try:
        function(*args, **kwargs)
    except Exception:
        logger.exception("%s%s failed in the background; the sweep will retry.", function.__name__, args)
    finally:
        # This thread's own database connection, not the request's.
        connections.close_all()
