"""Quote PDFs rendered and quotes sent by real Celery workers, on the configured kind of broker.

The filesystem broker (the embedded default) in the first configuration, a throw-away Redis
when REDIS_URL is set (CI's second pass, with PostgreSQL). The worker reads and writes the
test database and the test's media folder; emails go to a file mailbox or an SMTP sink.
"""

import io
import os
import signal
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from quotes import dispatch, tasks
from quotes.models import Lead, Notification, Quote, QuoteRevision
from quotes.quoting import document, drafts, rendering, sending
from quotes.quoting.drafts import QuoteData
from quotes.quoting.lines import MAX_LINES, LineData, quote_totals
from tests.factories import DeviceFactory, DeviceOptionFactory, LeadFactory, PriceTierFactory, SalesUserFactory
from tests.integration.conftest import task_runs, wait_for

D = Decimal
REDIS = bool(os.environ.get("REDIS_URL"))
POSTGRES = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
PdfStatus = QuoteRevision.PdfStatus

# A quote long enough that rendering it takes seconds (about 3 s for 100 lines of four
# options here), so a worker can be killed while it renders.
LONG_LINES, LONG_OPTIONS = 100, 4
# Killed workers render a shorter one (about 1.5 s): still long enough to be killed mid-render,
# short enough that the render that follows fits the small time limit on a busy machine.
KILL_LINES, KILL_OPTIONS = 60, 2
# Small limits for workers that are killed: the render must fit QUOTE_PDF_TIME_LIMIT
# with room to spare, and settings.py wants the visibility timeout above twice the hard limit.
KILL_LIMITS = {"QUOTE_PDF_TIME_LIMIT": "10", "CELERY_TASK_TIME_LIMIT": "11", "CELERY_VISIBILITY_TIMEOUT": "23"}


@pytest.fixture
def limits(settings, monkeypatch):
    """limits({"QUOTE_PDF_TIME_LIMIT": "2", ...}): the worker's env, applied to this process too.

    In production web, beat and worker read one environment, and here that matters: the
    process that publishes a render writes the task's soft time limit into the message,
    and the worker applies the message's limit rather than its own.
    """

    def apply(values: dict[str, str]) -> dict[str, str]:
        for name, value in values.items():
            setattr(settings, name, int(value))
        task = tasks.quote_pdf_render_task
        monkeypatch.setattr(task, "soft_time_limit", settings.QUOTE_PDF_TIME_LIMIT)
        monkeypatch.setattr(task, "_exec_options", None)  # Celery caches the publishing options
        return values

    return apply


@pytest.fixture
def seller(transactional_db):
    return SalesUserFactory(username="sam", first_name="Sam", last_name="Seller", email="sam@vendor.example")


@pytest.fixture
def lead(seller):
    return LeadFactory(owner=seller, status=Lead.Status.QUALIFIED, contact__email="ana@clinica-sol.es")


def quote_data() -> QuoteData:
    return QuoteData(
        currency="USD",
        valid_until=timezone.localdate() + timedelta(days=30),
        incoterm="CIF",
        incoterm_place="Valencia",
        freight=D("1450"),
        tax_rate=D("21"),
    )


def small_quote(lead, seller) -> Quote:
    """Three configured devices, a tier price, a discount, freight and tax."""
    co2 = DeviceFactory(name="Fractional CO2 Laser FX-60", sku="HC-CO2-60", list_price=D("23500"))
    PriceTierFactory(device=co2, min_quantity=3, unit_price=D("22300"))
    handpiece = DeviceOptionFactory(device=co2, name="Gynecology handpiece", price_delta=D("2600"))
    diode = DeviceFactory(name="Diode Hair Removal D-808", sku="HC-DIO-808", list_price=D("18900"))
    hifu = DeviceFactory(name="HIFU Lift Pro 7D", sku="HC-HIFU-7", list_price=D("14250"))
    lines = [
        LineData(device=co2, options=[handpiece], quantity=3, discount_percent=D("5")),
        LineData(device=diode, quantity=1),
        LineData(device=hifu, quantity=2),
    ]
    return drafts.quote_create(lead=lead, actor=seller, data=quote_data(), lines=lines)


def long_quote(lead, seller, *, lines: int = LONG_LINES, options: int = LONG_OPTIONS) -> Quote:
    """Many lines, each with several options: slow to render."""
    devices = [DeviceFactory(name=f"Laser platform {n:02d}", list_price=D("9000") + n) for n in range(10)]
    choices = {
        device.pk: [
            DeviceOptionFactory(device=device, name=f"Handpiece {device.pk}-{k} with its applicator set")
            for k in range(options)
        ]
        for device in devices
    }
    rows = [
        LineData(device=device, options=choices[device.pk], quantity=1 + n % 3, discount_percent=D("2"))
        for n, device in ((n, devices[n % len(devices)]) for n in range(lines))
    ]
    return drafts.quote_create(lead=lead, actor=seller, data=quote_data(), lines=rows)


def pdf_status(revision: QuoteRevision) -> str:
    return QuoteRevision.objects.filter(pk=revision.pk).values_list("pdf_status", flat=True).get()


def wait_for_status(revision: QuoteRevision, status: str, *, timeout: float, interval: float = 0.2) -> QuoteRevision:
    wait_for(lambda: pdf_status(revision) == status, timeout=timeout, interval=interval, what=f"pdf_status={status}")
    revision.refresh_from_db()
    return revision


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def stored_pdfs(quote: Quote) -> list[Path]:
    """Every file the workers stored for the quote (names carry the revision and content hash)."""
    return sorted((Path(settings.MEDIA_ROOT) / "quotes" / quote.number).glob("*.pdf"))


def succeeded(stack, task: str) -> int:
    """How many runs of the task the worker log shows succeeded (a retry is not an end)."""
    return len(task_runs(stack.log, f"quotes.tasks.{task}"))


def money(amount: Decimal) -> str:
    return f"{amount:,.2f}"


# --- Rendering -----------------------------------------------------------------------------


def test_a_worker_renders_a_pdf_showing_the_number_the_lines_and_the_totals(broker, stack, lead, seller):
    quote = small_quote(lead, seller)
    stack(broker_url=broker)

    revision = rendering.quote_pdf_request(quote=quote)  # the task is published when this commits

    revision = wait_for_status(revision, PdfStatus.READY, timeout=60)
    content = revision.pdf.read()
    text = pdf_text(content)
    totals = quote_totals(quote=quote)
    assert quote.number in text
    names = ["Fractional CO2 Laser FX-60", "Gynecology handpiece", "Diode Hair Removal D-808", "HIFU Lift Pro 7D"]
    for expected in names:
        assert expected in text, expected
    assert money(totals.lines[0].net) == "70,965.00"  # 3 × (22,300 tier + 2,600 option) − 5 %
    for amount in [totals.subtotal_gross, totals.discount, totals.freight, totals.tax, totals.total]:
        assert money(amount) in text, money(amount)
    assert (revision.pdf_size, revision.pdf_pages) == (len(content), len(PdfReader(io.BytesIO(content)).pages))
    assert revision.render_attempts == 1 and revision.pdf_error == ""


def test_duplicated_render_and_send_tasks_make_one_pdf_and_one_email(broker, stack, lead, seller):
    quote = long_quote(lead, seller, lines=60, options=2)
    # Every render and send is published twice more, as a sweep racing the first publish
    # would; all of them wait in the queue for two worker processes to take them at once.
    revision = rendering.quote_pdf_request(quote=quote)
    for _ in range(2):
        tasks.quote_pdf_render_task.apply_async(args=[revision.pk])
    sending.quote_send(quote=quote, actor=seller)  # publishes one more render and the email
    email = quote.notifications.get(kind=Notification.Kind.QUOTE_SENT)
    dispatch.wait_idle(15)  # the relay's own publish of the email, after commit
    tasks.notification_send_task.apply_async(args=[email.pk])

    stack(broker_url=broker, pool="prefork", concurrency=2)

    wait_for(lambda: stack.mailbox.messages(), timeout=60, what="the email")
    wait_for(lambda: succeeded(stack, "notification_send_task") >= 2, timeout=30, what="both email deliveries to end")
    revision.refresh_from_db()
    email.refresh_from_db()
    assert [m["To"] for m in stack.mailbox.messages()] == ["ana@clinica-sol.es"]
    assert email.status == Notification.Status.SENT and email.send_attempts == 1
    assert revision.pdf_status == PdfStatus.READY and revision.render_attempts == 1
    retries = task_runs(stack.log, "quotes.tasks.quote_pdf_render_task", state="RETRY")
    assert any("render in progress elsewhere" in run["detail"] for run in retries)  # two deliveries ran at once
    assert [p.name for p in stored_pdfs(quote)] == [Path(revision.pdf.name).name]
    attachment = stack.mailbox.messages()[0].get_payload()[-1]
    assert attachment.get_filename() == f"{quote.number}-rev1.pdf"
    assert attachment.get_payload(decode=True) == revision.pdf.read()


def test_a_send_the_mail_server_turns_away_is_retried_with_backoff_and_delivered_once(
    broker, stack, smtp_sink, lead, seller
):
    quote = long_quote(lead, seller, lines=60, options=2)
    # Two processes, as in production: the email task starts while the PDF still renders.
    stack(broker_url=broker, pool="prefork", concurrency=2, env={"EMAIL_URL": smtp_sink.url})

    revision = sending.quote_send(quote=quote, actor=seller)
    email = quote.notifications.get(kind=Notification.Kind.QUOTE_SENT)

    wait_for(lambda: smtp_sink.messages(), timeout=90, what="the email, after one retry")
    # The delivery that sent it has ended (no retry of it is left to send another).
    wait_for(lambda: succeeded(stack, "notification_send_task") >= 1, timeout=30, what="the email task to end")
    revision.refresh_from_db()
    email.refresh_from_db()
    (message,) = smtp_sink.messages()
    assert message["To"] == "ana@clinica-sol.es" and quote.number in message["Subject"]
    assert message.get_payload()[-1].get_payload(decode=True) == revision.pdf.read()
    assert (smtp_sink.refused, smtp_sink.connections) == (1, 2)
    assert email.status == Notification.Status.SENT and email.send_attempts == 2
    # The first send failure waits the first step of the backoff, however long the email
    # task waited for its PDF before.
    retries = task_runs(stack.log, "quotes.tasks.notification_send_task", state="RETRY")
    assert any(run["detail"].startswith('Retry in 30s: NotificationSendError("SMTPConnectError') for run in retries)


def finished_or_held_up(revision: QuoteRevision) -> bool:
    """The worker finished the render, or waits for a lock this test's transaction holds."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        if cursor.fetchone()[0]:
            return True
    return pdf_status(revision) == PdfStatus.READY


@pytest.mark.skipif(not POSTGRES, reason="SQLite takes its write lock at BEGIN: no render can finish during a send")
def test_a_render_that_finishes_while_the_quote_is_being_sent_is_kept(broker, stack, lead, seller, monkeypatch):
    quote = long_quote(lead, seller, lines=60, options=2)
    stack(broker_url=broker)
    revision = rendering.quote_pdf_request(quote=quote)
    wait_for_status(revision, PdfStatus.RENDERING, timeout=30, interval=0.05)
    take_snapshot = document.quote_snapshot

    def snapshot_while_the_worker_finishes(*, quote):
        # quote_send reads the revision, then snapshots the quote: the render ends meanwhile.
        taken = take_snapshot(quote=quote)
        wait_for(lambda: finished_or_held_up(revision), timeout=30, what="the worker to finish or wait")
        return taken

    monkeypatch.setattr(document, "quote_snapshot", snapshot_while_the_worker_finishes)
    sending.quote_send(quote=quote, actor=seller)

    revision = wait_for_status(revision, PdfStatus.READY, timeout=30)
    wait_for(lambda: stack.mailbox.messages(), timeout=30, what="the email")
    assert revision.render_attempts == 1 and revision.pdf_hash == revision.content_hash
    assert [p.name for p in stored_pdfs(quote)] == [Path(revision.pdf.name).name]
    assert [m["To"] for m in stack.mailbox.messages()] == ["ana@clinica-sol.es"]


# --- Killed workers ------------------------------------------------------------------------


def test_a_render_whose_pool_process_is_killed_is_delivered_again_and_finished(broker, stack, lead, seller, limits):
    quote = long_quote(lead, seller, lines=KILL_LINES, options=KILL_OPTIONS)
    worker = stack(broker_url=broker, pool="prefork", env=limits(KILL_LIMITS))
    revision = rendering.quote_pdf_request(quote=quote)
    wait_for_status(revision, PdfStatus.RENDERING, timeout=30, interval=0.05)
    task_id = revision.render_task_id

    (child,) = worker.pool_processes()
    os.kill(child, signal.SIGKILL)

    revision = wait_for_status(revision, PdfStatus.READY, timeout=60)
    # The same message came back (task_reject_on_worker_lost) and resumed its own claim.
    assert revision.render_task_id == task_id and revision.render_attempts == 2
    assert "WorkerLostError" in stack.log.read_text()
    assert worker.process.poll() is None
    assert [p.name for p in stored_pdfs(quote)] == [Path(revision.pdf.name).name]
    text = pdf_text(revision.pdf.read())
    assert quote.number in text and money(quote_totals(quote=quote).total) in text


@pytest.mark.skipif(not REDIS, reason="Redis keeps a dead worker's unacknowledged message; set REDIS_URL")
def test_a_render_whose_whole_worker_is_killed_is_finished_by_the_next_worker_on_redis(
    broker, stack, lead, seller, limits
):
    quote = long_quote(lead, seller, lines=KILL_LINES, options=KILL_OPTIONS)
    first = stack(broker_url=broker, pool="prefork", env=limits(KILL_LIMITS))
    revision = rendering.quote_pdf_request(quote=quote)
    wait_for_status(revision, PdfStatus.RENDERING, timeout=30, interval=0.05)
    task_id = revision.render_task_id

    first.kill()  # returns once the whole process group is gone: nothing runs the render now
    killed_at = time.monotonic()
    assert pdf_status(revision) == PdfStatus.RENDERING and stored_pdfs(quote) == []
    stack(broker_url=broker, pool="prefork", env=limits(KILL_LIMITS))

    # Redis hands the unacknowledged message out again once its visibility timeout passed.
    visibility_timeout = int(KILL_LIMITS["CELERY_VISIBILITY_TIMEOUT"])
    revision = wait_for_status(revision, PdfStatus.READY, timeout=visibility_timeout + 60)
    assert time.monotonic() - killed_at > visibility_timeout - 5
    assert revision.render_task_id == task_id and revision.render_attempts == 2
    assert [p.name for p in stored_pdfs(quote)] == [Path(revision.pdf.name).name]
    assert quote.number in pdf_text(revision.pdf.read())


@pytest.mark.skipif(REDIS, reason="the filesystem broker's lost message; on Redis the message itself comes back")
def test_a_render_lost_with_its_whole_worker_on_the_filesystem_broker_is_queued_again_by_the_sweep(
    broker, stack, lead, seller, limits
):
    quote = long_quote(lead, seller, lines=KILL_LINES, options=KILL_OPTIONS)
    first = stack(broker_url=broker, pool="prefork", env=limits(KILL_LIMITS))
    revision = rendering.quote_pdf_request(quote=quote)
    wait_for_status(revision, PdfStatus.RENDERING, timeout=30, interval=0.05)
    task_id = revision.render_task_id

    first.kill()
    # The filesystem transport deleted the message when the worker read it: nothing comes back.
    assert list((stack.queue_dir / "out").glob("*.msg")) == []
    stack(broker_url=broker, pool="prefork", env=limits(KILL_LIMITS))
    # A task published after the kill has run: the new worker read the queue, and the render was not in it.
    tasks.notifications_relay_task.apply_async()
    wait_for(lambda: succeeded(stack, "notifications_relay_task") >= 1, timeout=30, what="the new worker's first task")
    assert pdf_status(revision) == PdfStatus.RENDERING
    # The beat sweep (every minute) queues a render whose claim outlived its lease
    # (QUOTE_PDF_TIME_LIMIT + 30 s): the claim is made that old here, and the sweep
    # published as beat would.
    lease = int(KILL_LIMITS["QUOTE_PDF_TIME_LIMIT"]) + 30
    QuoteRevision.objects.filter(pk=revision.pk).update(render_started_at=timezone.now() - timedelta(seconds=lease + 1))
    tasks.quote_pdfs_sweep_task.apply_async()

    revision = wait_for_status(revision, PdfStatus.READY, timeout=60)
    assert revision.render_task_id != task_id and revision.render_attempts == 2
    assert [p.name for p in stored_pdfs(quote)] == [Path(revision.pdf.name).name]
    assert quote.number in pdf_text(revision.pdf.read())


# --- Limits --------------------------------------------------------------------------------


def test_a_runaway_render_fails_readably_at_its_time_limit_and_the_worker_goes_on(broker, stack, lead, seller, limits):
    runaway = long_quote(lead, seller, lines=MAX_LINES, options=8)
    small = small_quote(LeadFactory(owner=seller, status=Lead.Status.QUALIFIED), seller)
    worker = stack(
        broker_url=broker, pool="prefork", env=limits({"QUOTE_PDF_TIME_LIMIT": "2", "CELERY_TASK_TIME_LIMIT": "10"})
    )

    revision = rendering.quote_pdf_request(quote=runaway)

    revision = wait_for_status(revision, PdfStatus.FAILED, timeout=60)
    assert revision.pdf_error.startswith("Rendering took longer than 2 s and was stopped")
    assert "Soft time limit (2s) exceeded" in stack.log.read_text()  # not the hard limit's kill
    assert stored_pdfs(runaway) == [] and not revision.pdf
    assert worker.process.poll() is None
    after = wait_for_status(rendering.quote_pdf_request(quote=small), PdfStatus.READY, timeout=30)
    assert small.number in pdf_text(after.pdf.read())
