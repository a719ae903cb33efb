"""PDF figures: our render task against bare WeasyPrint on the same HTML, and a worker's memory.

"Ours" is the real Celery task function, called in process as a worker calls it: it claims
the revision, renders the quote template with WeasyPrint through the project-files-only
URL fetcher, stores the file and marks the revision ready. "Bare" is WeasyPrint alone on the
same HTML, its `static:` URLs pointed at the same files on disk. Each worker is a fresh
process (spawned, as a Celery worker child starts bare), rendering in a loop; two workers
run side by side on two revisions of the same quote.
"""

import io
import re
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.db import transaction
from weasyprint import CSS, HTML

from bench.environment import BenchError
from config.celery import app as celery_app
from quotes.models import Quote, QuoteRevision
from quotes.quoting import document, rendering

# --- Glue to quotes/ -----------------------------------------------------------------------
# The only code that names quotes' internals: adapt these functions (and their imports)
# when names move; nothing else in the bench knows them.

RENDER_TASK = "quotes.tasks.quote_pdf_render_task"  # the name the app dispatches it by


@dataclass(frozen=True)
class RenderSubject:
    html: str  # what our task hands WeasyPrint
    revision_ids: list[int]  # one per worker: a claim is per revision


def quote_render_subject(*, copies: int) -> RenderSubject:
    """The demo catalog and sales (with their draft quote), its PDF asked for, and `copies` revisions to render."""
    for command in ("load_demo_catalog", "create_demo_staff", "load_demo_sales"):
        call_command(command, *([] if command == "load_demo_catalog" else ["--force"]), stdout=io.StringIO())
    quote = Quote.objects.order_by("pk").first()
    if quote is None:
        raise BenchError("load_demo_sales made no quote to render.")
    with transaction.atomic():
        revision = rendering.quote_pdf_request(quote=quote)
    html = document.quote_document_html(snapshot=revision.snapshot)
    twins = [
        QuoteRevision.objects.create(
            quote=quote, number=revision.number + n, snapshot=revision.snapshot, content_hash=revision.content_hash
        )
        for n in range(1, copies)
    ]
    return RenderSubject(html=html, revision_ids=[revision.pk, *(twin.pk for twin in twins)])


def quote_render(revision_id: int) -> None:
    """One render by our task, from a freshly queued revision (its stored PDF forgotten, so the task renders)."""
    QuoteRevision.objects.filter(pk=revision_id).update(
        pdf_status=QuoteRevision.PdfStatus.QUEUED, pdf_hash="", render_attempts=0
    )
    outcome = _render_task()(revision_id)
    if outcome != "ready":
        error = QuoteRevision.objects.filter(pk=revision_id).values_list("pdf_error", flat=True).first()
        raise BenchError(f"the render task answered {outcome!r} for revision {revision_id}: {error}")


def _render_task():
    """Our render task as a worker finds it: a worker imports every app's tasks module when it starts."""
    if RENDER_TASK not in celery_app.tasks:
        celery_app.loader.import_default_modules()
    return celery_app.tasks[RENDER_TASK]


def rendered_size(subject: RenderSubject) -> int:
    """The size of the PDF our task stored for the subject's first revision."""
    return QuoteRevision.objects.get(pk=subject.revision_ids[0]).pdf_size or 0


# --- Bare WeasyPrint --------------------------------------------------------------------------

_PROJECT_URL = re.compile(r"\b(static|media):([^\"')\s]+)")


def _file_url(match: re.Match) -> str:
    scheme, name = match.groups()
    path = finders.find(name) if scheme == "static" else str(Path(settings.MEDIA_ROOT) / name)
    if not path:
        raise BenchError(f"no static file {name}")
    return Path(path).resolve().as_uri()


def bare_render(html: str) -> None:
    """WeasyPrint alone, default fetcher, on the same HTML and stylesheet."""
    stylesheet = CSS(filename=finders.find("css/pdf.css"))
    HTML(string=_PROJECT_URL.sub(_file_url, html)).write_pdf(stylesheets=[stylesheet])


# --- One worker's loop -----------------------------------------------------------------------


def _rss_kib() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def render_loop(*, kind: str, revision_id: int, html: str, renders: int, marks: list[int], barrier) -> dict:
    """One warm-up render, wait for the other workers, then `renders` in a row; RSS after the `marks`."""
    render = (lambda: quote_render(revision_id)) if kind == "ours" else (lambda: bare_render(html))
    render()
    barrier.wait(timeout=600)
    rss = []
    started = time.perf_counter()
    for n in range(1, renders + 1):
        render()
        if n in marks:
            rss.append((n, _rss_kib()))
    return {"seconds": time.perf_counter() - started, "rss": rss}
