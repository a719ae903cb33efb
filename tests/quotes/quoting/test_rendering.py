"""PDF rendering: the claim, doing no work twice, crashes and retries, hostile text, the sweep."""

import io
from datetime import timedelta

import pytest
from django.utils import timezone
from pypdf import PdfReader

from config import metrics
from quotes import errors, pdf
from quotes.leads import notifications
from quotes.models import Notification, QuoteRevision
from quotes.quoting import drafts, rendering, sending
from quotes.quoting.lines import LineData
from tests.quotes.quoting.conftest import create, data, render

pytestmark = pytest.mark.django_db


def test_rendering_stores_a_pdf_with_size_pages_and_hash(
    lead, seller, co2, dispatched, django_capture_on_commit_callbacks
):
    quote = create(lead, seller, [LineData(device=co2, options=list(co2.options.all()), quantity=2)])
    with django_capture_on_commit_callbacks(execute=True):
        revision = rendering.quote_pdf_request(quote=quote)
    assert revision.pdf_status == QuoteRevision.PdfStatus.QUEUED and dispatched.of("quote_pdf_render_task") == [
        revision.pk
    ]

    assert render(revision.pk) == "ready"

    revision.refresh_from_db()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(revision.pdf.read())).pages)
    assert (
        revision.pdf_ready and revision.pdf_pages >= 1 and revision.pdf_size > 1000 and len(revision.pdf_sha256) == 64
    )
    for expected in [quote.number, "Fractional CO2 Laser FX-60", "Gynecology handpiece", "52,200.00"]:
        assert expected in text, expected


def test_rendering_the_same_content_twice_does_no_work(
    lead, seller, co2, dispatched, monkeypatch, django_capture_on_commit_callbacks
):
    quote = create(lead, seller, [LineData(device=co2)])
    with django_capture_on_commit_callbacks(execute=True):
        revision = rendering.quote_pdf_request(quote=quote)
    render(revision.pk)
    calls = []
    monkeypatch.setattr(pdf, "html_to_pdf", lambda *a, **k: calls.append(1))

    with django_capture_on_commit_callbacks(execute=True):
        again = rendering.quote_pdf_request(quote=quote)

    assert again.pdf_ready and dispatched.of("quote_pdf_render_task") == [revision.pk]  # nothing queued the second time
    assert render(revision.pk, "task-2") == "ready" and calls == []


def test_the_render_time_is_observed_once_per_render_and_not_when_nothing_is_rendered(
    lead, seller, co2, django_capture_on_commit_callbacks
):
    quote = create(lead, seller, [LineData(device=co2)])
    with django_capture_on_commit_callbacks(execute=True):
        revision = rendering.quote_pdf_request(quote=quote)
    before = render_count()

    render(revision.pk)
    rendering.quote_pdf_request(quote=quote)
    render(revision.pk, "task-2")

    assert render_count() == before + 1


def render_count() -> float:
    (family,) = metrics.QUOTE_PDF_RENDER_SECONDS.collect()
    return next(s.value for s in family.samples if s.name == "quote_pdf_render_seconds_count")


def test_an_edit_after_rendering_queues_a_new_render(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = rendering.quote_pdf_request(quote=quote)
    render(revision.pk)
    drafts.quote_update(quote=quote, actor=seller, data=data(), lines=[LineData(device=co2, quantity=4)])

    again = rendering.quote_pdf_request(quote=quote)

    assert again.pk == revision.pk and again.pdf_status == QuoteRevision.PdfStatus.QUEUED
    assert render(revision.pk, "task-2") == "ready"


def test_a_second_task_waits_while_another_holds_the_render(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = rendering.quote_pdf_request(quote=quote)
    QuoteRevision.objects.filter(pk=revision.pk).update(
        pdf_status=QuoteRevision.PdfStatus.RENDERING, render_task_id="other", render_started_at=timezone.now()
    )
    with pytest.raises(errors.RenderBusy):
        render(revision.pk, "mine")


def test_a_redelivered_task_resumes_its_own_render_and_gives_up_after_repeated_crashes(lead, seller, co2, settings):
    settings.QUOTE_PDF_MAX_ATTEMPTS = 2
    quote = create(lead, seller, [LineData(device=co2)])
    revision = rendering.quote_pdf_request(quote=quote)
    QuoteRevision.objects.filter(pk=revision.pk).update(
        pdf_status=QuoteRevision.PdfStatus.RENDERING,
        render_task_id="t1",
        render_started_at=timezone.now(),
        render_attempts=1,
    )
    assert render(revision.pk, "t1") == "ready"  # the worker died once; the same message runs again

    QuoteRevision.objects.filter(pk=revision.pk).update(
        pdf_status=QuoteRevision.PdfStatus.RENDERING, render_task_id="t1", render_attempts=2, pdf_hash=""
    )
    assert render(revision.pk, "t1") == "failed"
    revision.refresh_from_db()
    assert "stopped the worker" in revision.pdf_error


def test_a_failed_render_can_be_retried(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = rendering.quote_pdf_request(quote=quote)
    rendering.quote_pdf_fail(revision_id=revision.pk, error="Rendering took too long")
    revision.refresh_from_db()
    assert revision.pdf_status == QuoteRevision.PdfStatus.FAILED and revision.pdf_error == "Rendering took too long"

    rendering.quote_pdf_retry(revision=revision)

    assert QuoteRevision.objects.get(pk=revision.pk).pdf_status == QuoteRevision.PdfStatus.QUEUED


def test_hostile_text_in_quote_fields_is_escaped_and_fetches_nothing(lead, seller, co2, dispatched):
    payload = '<img src="http://127.0.0.1:9/x.png"><link rel="attachment" href="file:///etc/passwd">'
    lead.clinic.name = payload
    lead.clinic.save()
    quote = create(
        lead,
        seller,
        [LineData(device=co2)],
        notes=payload + "<style>@import 'file:///etc/passwd';</style>",
        incoterm_place="url(file:///etc/passwd)",
    )
    revision = rendering.quote_pdf_request(quote=quote)
    render(revision.pk)
    revision.refresh_from_db()
    content = revision.pdf.read()
    assert b"/EmbeddedFile" not in content
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "root:" not in text
    assert '<img src="http://127.0.0.1:9/x.png">' in text.replace("\n", "")  # shown as text, not loaded


def test_the_sweeps_requeue_the_render_and_the_email_the_broker_lost(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = sending.quote_send(quote=quote, actor=seller)  # its commit hooks never run here
    past = timezone.now() - timedelta(minutes=10)
    QuoteRevision.objects.filter(pk=revision.pk).update(render_requested_at=past, updated_at=past)

    assert rendering.quote_pdfs_sweep() == 1
    assert notifications.notifications_relay() == 1

    email = quote.notifications.get(kind=Notification.Kind.QUOTE_SENT)
    assert dispatched.of("quote_pdf_render_task") == [revision.pk]
    assert dispatched.of("notification_send_task") == [email.pk]


def test_a_render_the_sweep_sees_queued_only_lately_is_left_alone(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    rendering.quote_pdf_request(quote=quote)

    assert rendering.quote_pdfs_sweep() == 0
    assert dispatched.of("quote_pdf_render_task") == []
