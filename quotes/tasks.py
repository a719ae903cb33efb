"""Celery adapters for the outbox: each takes ids, calls one service, owns its retry policy."""

import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings

from quotes import errors
from quotes.leads import notifications
from quotes.quoting import rendering, sending

logger = logging.getLogger(__name__)

SEND_MAX_RETRIES = 5
SEND_BACKOFF_MAX = 600


def send_backoff(retries: int) -> int:
    """Seconds before retry number `retries + 1`: 30, 60, 120, 240, 480, capped at ten minutes."""
    return min(SEND_BACKOFF_MAX, 30 * 2**retries)


@shared_task(bind=True, max_retries=SEND_MAX_RETRIES, acks_late=True)
def notification_send_task(self, notification_id: int) -> None:
    try:
        notifications.notification_send(notification_id=notification_id)
    except errors.NotificationSendError as exc:
        if self.request.retries >= self.max_retries:
            notifications.notification_fail(notification_id=notification_id, error=str(exc))
            return
        raise self.retry(exc=exc, countdown=send_backoff(self.request.retries)) from exc


@shared_task
def notifications_relay_task() -> int:
    """The periodic sweep: publish whatever the after-commit relay could not."""
    return notifications.notifications_relay()


# --- Quotes --------------------------------------------------------------------------------

RENDER_MAX_RETRIES = 4


@shared_task(
    bind=True,
    max_retries=RENDER_MAX_RETRIES,
    acks_late=True,
    soft_time_limit=settings.QUOTE_PDF_TIME_LIMIT,
)
def quote_pdf_render_task(self, revision_id: int) -> str:
    try:
        return rendering.quote_pdf_render(revision_id=revision_id, task_id=self.request.id or "")
    except errors.RenderBusy as exc:
        raise self.retry(exc=exc, countdown=exc.retry_after, max_retries=RENDER_MAX_RETRIES + 10) from exc
    except SoftTimeLimitExceeded:
        rendering.quote_pdf_fail(
            revision_id=revision_id,
            error=f"Rendering took longer than {settings.QUOTE_PDF_TIME_LIMIT} s and was stopped; "
            "split the quote or remove lines, then retry.",
        )
        return "failed"
    except errors.RenderError as exc:
        if self.request.retries >= self.max_retries:
            rendering.quote_pdf_fail(revision_id=revision_id, error=str(exc))
            return "failed"
        raise self.retry(exc=exc, countdown=send_backoff(self.request.retries)) from exc
    except Exception as exc:  # a bug or bad data: no retry would help, say so on the row
        logger.exception("rendering quote revision %s failed", revision_id)
        rendering.quote_pdf_fail(revision_id=revision_id, error=f"Rendering failed: {type(exc).__name__}: {exc}")
        return "failed"


# Waiting for the PDF (5 s a time) is no send failure: up to five minutes of it, besides the send retries.
PDF_WAITS = 60


@shared_task(bind=True, max_retries=SEND_MAX_RETRIES + PDF_WAITS, acks_late=True)
def quote_email_send_task(self, revision_id: int, failures: int = 0) -> str:
    try:
        return sending.quote_email_send_run(revision_id=revision_id)
    except sending.EmailNotReady as exc:
        # The PDF is still rendering: wait for it without spending the send retries.
        raise self.retry(exc=exc, countdown=5) from exc
    except Exception as exc:
        # Failed sends are counted in `failures`, not self.request.retries: that counts the
        # waits for the PDF too, so a send that had waited once backed off 60 s instead of
        # 30 s, and one that had waited five times failed at its first error, unretried.
        if failures >= SEND_MAX_RETRIES:
            sending.quote_email_fail(revision_id=revision_id, error=f"{type(exc).__name__}: {exc}")
            return "failed"
        kwargs = {**(self.request.kwargs or {}), "failures": failures + 1}
        raise self.retry(exc=exc, countdown=send_backoff(failures), kwargs=kwargs) from exc


@shared_task(bind=True, max_retries=SEND_MAX_RETRIES, acks_late=True)
def quote_owner_notify_task(self, quote_id: int, event: str) -> bool:
    try:
        return sending.quote_owner_notify(quote_id=quote_id, event=event)
    except Exception as exc:
        if self.request.retries >= SEND_MAX_RETRIES:
            logger.exception("could not tell the owner of quote %s", quote_id)
            return False
        raise self.retry(exc=exc, countdown=send_backoff(self.request.retries)) from exc


@shared_task
def quotes_sweep_task() -> dict:
    return rendering.quotes_sweep()


@shared_task
def quotes_expire_task() -> int:
    return sending.quotes_expire()
