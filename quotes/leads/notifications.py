"""The email outbox: rows written with their cause, relayed to the broker, sent once, failed readably, retried.

pending -> queued (handed to the broker) -> sending (claimed by one worker) -> sent, or failed
after the last retry. The relay publishes right after commit (quotes.dispatch) and again from
its beat sweep, so a row the broker lost, or one a dead worker claimed, is sent later.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from quotes import dispatch, emails
from quotes.errors import AttachmentNotReady, NotificationSendError
from quotes.leads import pipeline
from quotes.models import Notification, QuoteRevision

logger = logging.getLogger(__name__)

SEND_TASK = "quotes.tasks.notification_send_task"
# A publish from the relay gives up quickly: the sweep tries again later anyway. One retry
# covers a pooled connection that went stale while the broker restarted.
PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def notifications_queue(*, rows: list[Notification]) -> list[Notification]:
    """Write outbox rows in the caller's transaction; the relay publishes them once it commits."""
    rows = Notification.objects.bulk_create(rows)
    dispatch.call_after_commit(notifications_relay, notification_ids=[row.pk for row in rows])
    return rows


def _claim_lease() -> timedelta:
    # A claim older than the hard task time limit belongs to a worker that died mid-send.
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def notifications_relay(*, notification_ids: list[int] | None = None, limit: int = 200) -> int:
    """Hand due notifications to the broker, oldest first; returns how many were queued.

    Due: pending ones, queued ones the broker seems to have lost, and claims abandoned by
    a dead worker. The first publish that fails ends the run (the broker is down; the next
    sweep tries again) after recording the error on the row.
    """
    now = timezone.now()
    due = Notification.objects.filter(
        Q(status=Notification.Status.PENDING)
        | Q(
            status=Notification.Status.QUEUED,
            queued_at__lt=now - timedelta(seconds=settings.NOTIFICATION_REQUEUE_AFTER_SECONDS),
        )
        | Q(status=Notification.Status.SENDING, claimed_at__lt=now - _claim_lease())
    )
    if notification_ids is not None:
        due = due.filter(pk__in=notification_ids)
    queued = 0
    for pk in due.order_by("created_at", "pk").values_list("pk", flat=True)[:limit]:
        try:
            dispatch.publish(SEND_TASK, pk, retry_policy=PUBLISH_RETRY_POLICY)
        except Exception as exc:  # any broker failure: leave the row for the sweep
            logger.warning("Could not queue notification %s: %s", pk, exc)
            Notification.objects.filter(pk=pk).update(
                publish_attempts=F("publish_attempts") + 1, publish_error=f"{type(exc).__name__}: {exc}"[:500]
            )
            break
        Notification.objects.filter(pk=pk, status__in=[Notification.Status.PENDING, Notification.Status.QUEUED]).update(
            status=Notification.Status.QUEUED,
            queued_at=timezone.now(),
            publish_attempts=F("publish_attempts") + 1,
            publish_error="",
        )
        queued += 1
    return queued


def notification_send(*, notification_id: int) -> bool:
    """Send one notification's email unless another worker already has; True when this call sent it.

    The claim is a conditional UPDATE only one caller can win, so two deliveries of the same
    message send one email. An email that carries a quotation waits (AttachmentNotReady) until
    its PDF is rendered, and fails readably if it cannot be.
    """
    notification = Notification.objects.select_related("revision__quote").filter(pk=notification_id).first()
    if notification is None:
        return False
    attachments = []
    if notification.revision is not None:
        revision = notification.revision
        if not revision.pdf_ready:
            if revision.pdf_status == QuoteRevision.PdfStatus.FAILED:
                notification_fail(
                    notification_id=notification_id, error=f"The PDF could not be rendered: {revision.pdf_error}"
                )
                return False
            raise AttachmentNotReady(f"the PDF of {revision} is {revision.pdf_status}")
        with revision.pdf.open("rb") as handle:
            attachments.append((f"{revision.quote.number}-rev{revision.number}.pdf", handle.read(), "application/pdf"))
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id)
        .filter(
            Q(status__in=[Notification.Status.PENDING, Notification.Status.QUEUED])
            | Q(status=Notification.Status.SENDING, claimed_at__lt=now - _claim_lease())
        )
        .update(status=Notification.Status.SENDING, claimed_at=now, send_attempts=F("send_attempts") + 1)
    )
    if not claimed:
        return False
    message = emails.email_message(
        template=notification.template,
        context=notification.context,
        to=[notification.recipient],
        reply_to=[notification.reply_to] if notification.reply_to else None,
        attachments=attachments,
    )
    try:
        message.send()
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        # Release the claim so the retry (or the sweep) can try again.
        Notification.objects.filter(pk=notification_id, status=Notification.Status.SENDING).update(
            status=Notification.Status.QUEUED, queued_at=timezone.now(), claimed_at=None, error=reason[:500]
        )
        raise NotificationSendError(reason) from exc
    sent_at = timezone.now()
    with transaction.atomic():
        Notification.objects.filter(pk=notification_id).update(
            status=Notification.Status.SENT, sent_at=sent_at, error="", subject=message.subject[:300]
        )
        pipeline.lead_email_event(
            notification=notification,
            body=f"{notification.get_kind_display()} sent to {notification.recipient}: “{message.subject}”",
            at=sent_at,
        )
    return True


def notification_fail(*, notification_id: int, error: str) -> None:
    """Give up on a notification after its last retry: failed, with the reason, and said so on the timeline."""
    with transaction.atomic():
        failed = Notification.objects.filter(
            pk=notification_id, status__in=[Notification.Status.PENDING, Notification.Status.QUEUED]
        ).update(status=Notification.Status.FAILED, error=error[:500], claimed_at=None)
        if failed:
            notification = Notification.objects.get(pk=notification_id)
            pipeline.lead_email_event(
                notification=notification,
                body=f"{notification.get_kind_display()} to {notification.recipient} could not be sent: {error}",
            )


def notifications_retry(*, notification_ids: list[int]) -> int:
    """Put failed notifications back in the outbox (staff action after fixing the cause)."""
    ids = list(
        Notification.objects.filter(pk__in=notification_ids, status=Notification.Status.FAILED).values_list(
            "pk", flat=True
        )
    )
    Notification.objects.filter(pk__in=ids).update(status=Notification.Status.PENDING, error="")
    if ids:
        dispatch.call_after_commit(notifications_relay, notification_ids=ids)
    return len(ids)
