"""Celery application with reliability defaults.

Every setting here answers a failure we expect in production: a worker killed by the
OOM killer, a Redis that pauses, a render that never ends. Tasks themselves are thin
adapters over services (see STYLE.md) and must be safe to run twice.
"""

import os

from celery import Celery, signals

# Connects the request-id and per-task log and metric handlers (Celery signals) in web and worker alike.
from config import logs, metrics  # noqa: F401

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("config")


def configure(app: Celery) -> None:
    """Apply the project's reliability defaults from Django settings."""
    from django.conf import settings

    time_limit = settings.CELERY_TASK_TIME_LIMIT
    transport_options = {}
    if settings.CELERY_BROKER_URL.startswith("filesystem://"):
        # Embedded broker: one folder of message files shared by web and worker. The
        # transport removes a message when it is read, so late acks cannot bring back a
        # task from a hard-killed worker here; production uses Redis, where they do.
        queue_dir = settings.CELERY_QUEUE_DIR
        for sub in ("out", "processed", "control"):
            (queue_dir / sub).mkdir(parents=True, exist_ok=True)
        transport_options = {
            "data_folder_in": str(queue_dir / "out"),
            "data_folder_out": str(queue_dir / "out"),
            "processed_folder": str(queue_dir / "processed"),
            "store_processed": False,
            # Exchange bindings too, or the transport writes them to ./control in the checkout.
            "control_folder": str(queue_dir / "control"),
        }
    else:
        transport_options = {
            # A task not acknowledged within this many seconds is handed to another
            # worker. It must be well above the longest time limit, or a slow but healthy
            # task is run twice; settings.py refuses anything at or below twice the limit.
            "visibility_timeout": settings.CELERY_VISIBILITY_TIMEOUT,
            # Sweep for abandoned (unacked and past visibility) messages every few seconds
            # instead of kombu's default of about 100 s, so a dead worker's task comes
            # back as soon as its visibility timeout has passed.
            "unacked_restore_interval": 5,
            "unacked_restore_throttle": 1,
            # A paused or unreachable Redis must not hang a web request that publishes:
            # commands and connects give up after a few seconds.
            "socket_timeout": 5,
            "socket_connect_timeout": 3,
            "retry_on_timeout": False,
            "health_check_interval": 10,
        }

    app.conf.update(
        broker_url=settings.CELERY_BROKER_URL,
        broker_transport_options=transport_options,
        broker_connection_timeout=3,
        broker_connection_retry_on_startup=True,
        # Publishing from a request retries briefly and then raises; the caller (an
        # outbox relay) records the failure instead of blocking a page for a minute.
        task_publish_retry=True,
        task_publish_retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 1},
        # Acknowledge after the task finishes, and requeue when the worker process dies,
        # so a killed worker's task runs again instead of vanishing. Tasks are idempotent.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        # One message at a time per process: late acks with prefetch would hold several
        # tasks hostage behind a long PDF render.
        worker_prefetch_multiplier=1,
        # JSON only: pickle from a broker is remote code execution waiting to happen.
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        # Results are written to rows by the services, never read from Celery.
        task_ignore_result=True,
        # Hard and soft limits bound every task: a runaway render fails readably (soft
        # limit raises inside the task) and a stuck one is killed (hard limit).
        task_time_limit=time_limit,
        task_soft_time_limit=max(time_limit - 20, int(time_limit * 0.8)),
        # WeasyPrint grows memory with every document; recycle processes regularly.
        worker_max_tasks_per_child=50,
        worker_max_memory_per_child=400_000,  # KiB
        task_always_eager=settings.CELERY_TASK_ALWAYS_EAGER,
        task_eager_propagates=True,
        timezone=settings.TIME_ZONE,
        worker_hijack_root_logger=False,
        beat_schedule=getattr(settings, "CELERY_BEAT_SCHEDULE", {}),
    )


@signals.worker_init.connect(weak=False)
def _serve_worker_metrics(**_):
    # In the worker's main process, before the pool forks: its children count into PROMETHEUS_MULTIPROC_DIR.
    metrics.worker_exporter_start()


configure(app)
app.autodiscover_tasks()
