"""The after-commit half of the outbox relay: publish in a background thread, never in the request.

A buyer's answer must not wait on the broker, and a paused Redis can hold a publish for
seconds. So the request only starts a thread (bounded: when all slots are busy the beat
sweep publishes instead) and returns; the thread publishes with short timeouts and
records what it could not.
"""

import logging
import threading

from django.conf import settings
from django.db import connections

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_threads: set[threading.Thread] = set()


def publish_soon(notification_ids: list[int]) -> bool:
    """Start publishing these notifications in the background; False when all relay slots are busy."""
    if not notification_ids:
        return True
    with _lock:
        _threads.difference_update([t for t in _threads if not t.is_alive()])
        if len(_threads) >= settings.NOTIFICATION_RELAY_THREADS:
            logger.warning("Relay busy; notifications %s wait for the sweep.", notification_ids)
            return False
        thread = threading.Thread(
            target=_publish, args=(list(notification_ids),), name="notification-relay", daemon=True
        )
        _threads.add(thread)
    thread.start()
    return True


def _publish(notification_ids: list[int]) -> None:
    from quotes import services

    try:
        services.notifications_relay(notification_ids=notification_ids)
    except Exception:
        logger.exception("Relay failed for notifications %s; the sweep will retry.", notification_ids)
    finally:
        # This thread's own database connection, not the request's.
        connections.close_all()


def wait_idle(timeout: float = 30) -> bool:
    """Wait for running relay threads (tests, graceful shutdown); True when none is left."""
    with _lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(timeout)
    return not any(t.is_alive() for t in threads)
