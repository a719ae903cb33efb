"""Celery adapters: each takes ids, calls one service, and owns its retry policy.

Nothing imports this module: the use cases publish these tasks by name (quotes.dispatch) and
the worker finds them by autodiscovery. Each is safe to run twice: the service claims its row.
"""

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
# An email that carries a quotation waits for its PDF, 5 s at a time and up to five minutes,
# without spending its send retries; a render that takes longer has failed or died, and the
# email says so rather than wait for ever.
PDF_WAIT_SECONDS = 5
PDF_WAITS = 60


def send_backoff(retries: int) -> int:
    """Seconds before retry number `retries + 1`: 30, 60, 120, 240, 480, capped at ten minutes."""
    return min(SEND_BACKOFF_MAX, 30 * 2**retries)


@shared_task(bind=True, max_retries=SEND_MAX_RETRIES + PDF_WAITS, acks_late=True)
def notification_send_task(self, notification_id: int, failures: int = 0) -> bool:
    try:
        return notifications.notification_send(notification_id=notification_id)
    except errors.AttachmentNotReady as exc:
        if self.request.retries >= self.max_retries:
            notifications.notification_fail(
                notification_id=notification_id,
                error=f"The PDF was not ready after {PDF_WAITS * PDF_WAIT_SECONDS // 60} minutes; "
                "render it again from the quote page, then retry the email.",
            )
            return False
        raise self.retry(exc=exc, countdown=PDF_WAIT_SECONDS) from exc
    except errors.NotificationSendError as exc:
        # Failed sends are counted in `failures`, not self.request.retries: that counts the
        # waits for the PDF too, so a send that had waited once would back off 60 s instead
        # of 30 s, and one that had waited five times would fail at its first error, unretried.
        if failures >= SEND_MAX_RETRIES:
            notifications.notification_fail(notification_id=notification_id, error=str(exc))
            return False
        kwargs = {**(self.request.kwargs or {}), "failures": failures + 1}
        raise self.retry(exc=exc, countdown=send_backoff(failures), kwargs=kwargs) from exc


@shared_task
def notifications_relay_task() -> int:
    """The periodic sweep: publish whatever the after-commit relay could not."""
    return notifications.notifications_relay()


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


@shared_task
def quote_pdfs_sweep_task() -> int:
    return rendering.quote_pdfs_sweep()


@shared_task
def quotes_expire_task() -> int:
    return sending.quotes_expire()
