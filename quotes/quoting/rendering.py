"""Quote PDFs: asked for at once, rendered by a worker that claims the revision, failed readably, retried, swept.

The task (`quotes.tasks.quote_pdf_render_task`) calls `quote_pdf_render` with the revision's id;
the claim is a conditional UPDATE, so a redelivered or duplicated task does the work once.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from config import metrics
from quotes import dispatch, pdf
from quotes.errors import QuoteStateError, RenderBusy, RenderError
from quotes.models import Quote, QuoteRevision
from quotes.quoting import document

logger = logging.getLogger(__name__)

RENDER_TASK = "quotes.tasks.quote_pdf_render_task"


def revision_current(*, quote: Quote) -> QuoteRevision:
    # Locked until the caller's transaction ends. Its save() writes back every field read
    # here: without the lock, a worker finishing the render in between (PostgreSQL lets it)
    # was overwritten back to "rendering" with no file, stuck until the claim's lease ran out.
    revision, _ = QuoteRevision.objects.select_for_update().get_or_create(quote=quote, number=quote.revision)
    return revision


@transaction.atomic
def quote_pdf_request(*, quote: Quote) -> QuoteRevision:
    """Ask for the PDF of the quote's current revision; returns at once, a worker renders it.

    A frozen (sent) revision keeps its snapshot. A draft revision takes a fresh snapshot;
    if its content is what the stored PDF was rendered from, nothing is rendered again.
    """
    quote = Quote.objects.select_for_update().get(pk=quote.pk)
    if not quote.lines.exists():
        raise ValidationError({"lines": "Add at least one device before rendering the quote."})
    revision = revision_current(quote=quote)
    if not revision.is_frozen:
        snapshot = document.quote_snapshot(quote=quote)
        revision.snapshot, revision.content_hash = snapshot, document.snapshot_hash(snapshot)
    if revision.pdf_ready:
        revision.save(update_fields=["snapshot", "content_hash", "updated_at"])
        return revision
    if revision.pdf_status == QuoteRevision.PdfStatus.RENDERING:
        revision.save(update_fields=["snapshot", "content_hash", "updated_at"])
        return revision  # the worker that holds the claim re-checks the hash when it finishes
    revision.pdf_status, revision.pdf_error = QuoteRevision.PdfStatus.QUEUED, ""
    revision.render_requested_at = timezone.now()
    revision.render_attempts = 0
    revision.save()
    dispatch.after_commit(RENDER_TASK, revision.pk)
    return revision


def _render_lease() -> timedelta:
    return timedelta(seconds=settings.QUOTE_PDF_TIME_LIMIT + 30)


def quote_pdf_render(*, revision_id: int, task_id: str = "") -> str:
    """Render one revision's PDF if no other task is doing it; returns what happened.

    The claim is a conditional UPDATE: queued, or rendering under a claim that expired, or
    rendering under this very task id (the broker redelivered our own message because the
    worker died mid-render). The last case counts attempts, so a document that kills its
    worker every time fails readably instead of looping.
    """
    now = timezone.now()
    claim = Q(pdf_status=QuoteRevision.PdfStatus.QUEUED) | Q(
        pdf_status=QuoteRevision.PdfStatus.RENDERING, render_started_at__lt=now - _render_lease()
    )
    if task_id:
        claim |= Q(pdf_status=QuoteRevision.PdfStatus.RENDERING, render_task_id=task_id)
    claimed = QuoteRevision.objects.filter(Q(pk=revision_id) & claim).update(
        pdf_status=QuoteRevision.PdfStatus.RENDERING,
        render_started_at=now,
        render_task_id=task_id,
        render_attempts=F("render_attempts") + 1,
        updated_at=now,
    )
    revision = QuoteRevision.objects.filter(pk=revision_id).select_related("quote").first()
    if revision is None:
        return "missing"
    if not claimed:
        if revision.pdf_status == QuoteRevision.PdfStatus.RENDERING:
            started = revision.render_started_at or now
            raise RenderBusy(retry_after=max(5, int((started + _render_lease() - now).total_seconds())))
        return revision.pdf_status  # ready or failed: nothing to do
    if revision.render_attempts > settings.QUOTE_PDF_MAX_ATTEMPTS:
        quote_pdf_fail(
            revision_id=revision_id,
            error=f"Rendering stopped the worker {revision.render_attempts - 1} times; the quote may be too large.",
        )
        return "failed"
    if revision.pdf_hash == revision.content_hash and revision.pdf and default_storage.exists(revision.pdf.name):
        # Same content as the stored file (for example a repeated request): no second render.
        QuoteRevision.objects.filter(pk=revision_id).update(pdf_status=QuoteRevision.PdfStatus.READY, updated_at=now)
        return "ready"
    content_hash = revision.content_hash
    html = document.quote_document_html(snapshot=revision.snapshot)
    with metrics.QUOTE_PDF_RENDER_SECONDS.time():
        rendered = pdf.html_to_pdf(html, stylesheets=["static:css/pdf.css"])
    if rendered.refused_urls:
        logger.warning("quote revision %s asked for %s", revision_id, ", ".join(rendered.refused_urls[:5]))
    name = f"quotes/{revision.quote.number}/rev{revision.number}-{content_hash[:16]}.pdf"
    try:
        if default_storage.exists(name):
            default_storage.delete(name)
        stored = default_storage.save(name, ContentFile(rendered.content))
    except OSError as exc:
        raise RenderError(f"could not store the PDF: {exc}") from exc
    finished = QuoteRevision.objects.filter(
        pk=revision_id, pdf_status=QuoteRevision.PdfStatus.RENDERING, content_hash=content_hash
    ).update(
        pdf=stored,
        pdf_hash=content_hash,
        pdf_status=QuoteRevision.PdfStatus.READY,
        pdf_error="",
        pdf_size=rendered.size,
        pdf_pages=rendered.pages,
        pdf_sha256=rendered.sha256,
        rendered_at=timezone.now(),
        updated_at=timezone.now(),
    )
    if not finished:
        # The draft changed while we rendered: queue the newer content.
        QuoteRevision.objects.filter(pk=revision_id, pdf_status=QuoteRevision.PdfStatus.RENDERING).update(
            pdf_status=QuoteRevision.PdfStatus.QUEUED, render_requested_at=timezone.now()
        )
        dispatch.after_commit(RENDER_TASK, revision_id)
        return "requeued"
    return "ready"


def quote_pdf_fail(*, revision_id: int, error: str) -> None:
    """Record a render that will not succeed, with a reason staff can read."""
    QuoteRevision.objects.filter(pk=revision_id).exclude(pdf_status=QuoteRevision.PdfStatus.READY).update(
        pdf_status=QuoteRevision.PdfStatus.FAILED, pdf_error=error[:500], updated_at=timezone.now()
    )


def quote_pdf_retry(*, revision: QuoteRevision) -> QuoteRevision:
    """Staff ask again for a failed render."""
    if revision.pdf_status != QuoteRevision.PdfStatus.FAILED:
        raise QuoteStateError("Only a failed render can be retried.")
    QuoteRevision.objects.filter(pk=revision.pk, pdf_status=QuoteRevision.PdfStatus.FAILED).update(
        pdf_status=QuoteRevision.PdfStatus.QUEUED,
        pdf_error="",
        render_attempts=0,
        render_requested_at=timezone.now(),
        updated_at=timezone.now(),
    )
    dispatch.after_commit(RENDER_TASK, revision.pk)
    revision.refresh_from_db()
    return revision


def quote_pdf_file_lost(*, revision: QuoteRevision) -> QuoteRevision:
    """A ready revision whose stored file is gone (a storage lost it): queue its render again, once."""
    now = timezone.now()
    queued = QuoteRevision.objects.filter(pk=revision.pk, pdf_status=QuoteRevision.PdfStatus.READY).update(
        pdf_status=QuoteRevision.PdfStatus.QUEUED,
        pdf_error="",
        render_attempts=0,
        render_requested_at=now,
        updated_at=now,
    )
    if queued:
        logger.warning("the PDF file of quote revision %s is missing; rendering it again", revision.pk)
        dispatch.after_commit(RENDER_TASK, revision.pk)
    revision.refresh_from_db()
    return revision


def quote_pdfs_sweep(*, now=None) -> int:
    """The periodic safety net: queue again the renders whose task never ran (broker outage) or whose
    worker died; returns how many."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.QUOTE_SWEEP_AFTER_SECONDS)
    renders = list(
        QuoteRevision.objects.filter(
            Q(pdf_status=QuoteRevision.PdfStatus.QUEUED, render_requested_at__lt=stale)
            | Q(pdf_status=QuoteRevision.PdfStatus.RENDERING, render_started_at__lt=now - _render_lease())
        ).values_list("pk", flat=True)[:100]
    )
    for revision_id in renders:
        try:
            dispatch.publish(RENDER_TASK, revision_id)
        except Exception:  # the broker is down: the next sweep tries again
            logger.warning("could not queue the render of revision %s; the next sweep will", revision_id, exc_info=True)
            break
    return len(renders)
