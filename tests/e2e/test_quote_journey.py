"""A salesperson quotes a lead, renders and sends the PDF; the clinic accepts online; the lead is won."""

import dataclasses
import re
import shutil
import subprocess
import threading
import time
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from playwright.sync_api import expect

from catalog.models import Device
from quotes import dispatch, errors
from quotes.leads import notifications
from quotes.models import Lead, Notification, Quote
from quotes.quoting import drafts, rendering
from quotes.quoting.lines import LineData, line_running_costs, lines_totals
from tests.e2e.conftest import ARTIFACTS
from tests.factories import ConsultationRequestFactory, ContactFactory, LeadFactory, SalesUserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_catalog(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_catalog", verbosity=0)


class InProcessWorker(dispatch.Publisher):
    """Runs published renders and emails on background threads of this process instead of a Celery worker.

    The live server and these threads share the test database, as a worker would. A render
    starts once the test lets it (`renders_may_start`), so the quote page is seen waiting
    before the PDF is ready; an email waits for its PDF, as the email task does.
    """

    def __init__(self):
        super().__init__()
        self.threads = []
        self.renders_may_start = threading.Event()
        self.rendered = threading.Event()

    def publish(self, task_name, args, *, countdown=0, retry_policy=None):
        work = {
            "quotes.tasks.quote_pdf_render_task": self.render,
            "quotes.tasks.notification_send_task": self.email,
        }[task_name]
        thread = threading.Thread(target=self._run, args=(work, *args), daemon=True)
        self.threads.append(thread)
        thread.start()

    @staticmethod
    def _run(work, *args):
        try:
            work(*args)
        finally:
            connection.close()

    def render(self, revision_id):
        assert self.renders_may_start.wait(30)
        rendering.quote_pdf_render(revision_id=revision_id, task_id="e2e")
        self.rendered.set()

    def email(self, notification_id):
        try:
            notifications.notification_send(notification_id=notification_id)
        except errors.AttachmentNotReady:  # the task waits for the PDF
            assert self.rendered.wait(30)
            notifications.notification_send(notification_id=notification_id)


@pytest.fixture
def worker_threads(monkeypatch):
    worker = InProcessWorker()
    monkeypatch.setattr(dispatch, "publisher", worker)
    yield worker
    assert worker.wait_idle(30)
    for thread in worker.threads:
        thread.join(30)


def wait_for(condition, seconds=20):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.1)


def watch(page, problems):
    """Collect script errors, CSP refusals and failed requests; the refused save is expected."""

    def response(response):
        expected = response.status == 400 and response.request.method == "POST" and "/sales/quotes/new/" in response.url
        if response.status >= 400 and not expected and not response.url.endswith("/favicon.ico"):
            problems.append(f"{response.status} {response.url}")

    page.on("response", response)
    page.on("pageerror", lambda error: problems.append(str(error)))
    # Failed loads are judged by their response above; everything else logged as an error counts.
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and problems.append(message.text)
        ),
    )


def shot(screenshot, page, name):
    """A full-page screenshot from the top, so the sticky header sits where a reader sees it."""
    page.evaluate("() => window.scrollTo(0, 0)")
    return screenshot(page, name)


def pdf_to_png(pdf_path, stem):
    """The PDF as PNGs beside the screenshots (pdftoppm draws WeasyPrint's gradients white)."""
    if shutil.which("pdftocairo"):
        subprocess.run(["pdftocairo", "-png", "-r", "70", str(pdf_path), str(ARTIFACTS / stem)], check=True)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_quote_goes_from_the_lead_to_accepted_and_the_lead_is_won(
    live_server, settings, demo_catalog, worker_threads, page_at, screenshot, width
):
    settings.SITE_URL = live_server.url  # the link in the email opens this server
    seller = SalesUserFactory(username="sofia", first_name="Sofía", last_name="Ruiz", email="sofia@vendor.example")
    co2 = Device.objects.get(slug="fractional-co2-laser-fx-60")
    pico = Device.objects.get(slug="picosecond-laser-ps-3-compact")
    contact = ContactFactory(
        name="Dr. Ana García",
        email="ana@clinica-sol.es",
        clinic__name="Clínica Dermatológica Sol",
        clinic__country="ES",
    )
    lead = LeadFactory(contact=contact, owner=seller, status=Lead.Status.QUALIFIED)
    lead.devices.add(co2)
    ConsultationRequestFactory(lead=lead, contact=contact, clinic_name=contact.clinic.name, email=contact.email)

    # The salesperson logs in and opens the lead: no quote yet.
    sales = page_at(width)
    problems = []
    watch(sales, problems)
    sales.goto(live_server.url + lead.get_absolute_url())
    sales.get_by_label("Username").fill("sofia")
    sales.get_by_label("Password").fill("correct horse battery")
    sales.get_by_role("button", name="Sign in").click()
    sales.wait_for_url(f"**{lead.get_absolute_url()}")
    expect(sales.get_by_text("No quote yet.")).to_be_visible()

    # "Create quote" starts with the device the clinic asked about, priced at once.
    sales.get_by_role("link", name="Create quote").click()
    sales.wait_for_url("**/sales/quotes/new/?lead=*")
    first = sales.locator("[data-line='lines-0']")
    expect(first.get_by_label("Device")).to_have_value(str(co2.pk))
    expect(first.get_by_label("Operator and patient safety goggles")).to_be_checked()
    total = sales.locator("[data-total='total']")
    expect(total).to_have_text("23,500.00")

    # Totals follow the typing: quantity, a handpiece, a discount, freight and tax.
    first.get_by_label("Quantity").fill("2")
    first.get_by_label("Gynaecology handpiece").check()
    first.get_by_label("Discount (%)").fill("5")
    co2_line = LineData(
        device=co2,
        options=list(co2.options.filter(included=True) | co2.options.filter(slug="gynaecology-handpiece")),
        quantity=2,
        discount_percent=Decimal("5"),
    )
    terms = {"currency": "USD", "freight": Decimal("1450"), "tax_rate": Decimal("21")}
    one_line = lines_totals(lines=[co2_line], **terms)
    expect(first.locator("[data-line-amount] strong")).to_have_text(f"{one_line.lines[0].net:,.2f}")
    # Running costs follow the typing too: treatments a week give consumables and payback beside the line.
    first.get_by_text("Running costs and payback", exact=True).click()
    first.get_by_label("Treatments per week").fill("8")
    running = line_running_costs(
        line=dataclasses.replace(co2_line, treatments_per_week=8), net=one_line.lines[0].net, currency="USD"
    )
    expect(first.locator("[data-line-running]")).to_have_text(
        f"Consumables {running.consumables_per_treatment:,.2f} a treatment, {running.consumables_year:,.2f} in "
        f"12 months · at {running.price_per_treatment:,.2f} a treatment: payback in about "
        f"{running.payback_months} month{'s' if running.payback_months != 1 else ''}"
    )
    sales.get_by_label("Incoterm").select_option("CIF")
    sales.get_by_label("Named place").fill("Valencia")
    sales.get_by_label("Freight").fill("1450")
    sales.get_by_label("Tax rate (%)").fill("21")
    expect(total).to_have_text(f"{one_line.total:,.2f}")

    # A second line, added in place; the new device's options appear when it is chosen.
    sales.get_by_role("button", name="Add a line").click()
    second = sales.locator("[data-line='lines-1']")
    second.get_by_label("Device").select_option(str(pico.pk))
    second.get_by_label("Fractional lens handpiece").check()
    pico_options = pico.options.filter(included=True) | pico.options.filter(slug="fractional-lens")
    expected = lines_totals(lines=[co2_line, LineData(device=pico, options=list(pico_options))], **terms)
    expect(total).to_have_text(f"{expected.total:,.2f}")
    shot(screenshot, sales, f"quote-editor-{width}")

    # A manual price without its reason, and no validity date: refused beside the fields, nothing lost.
    second.get_by_text("Set a manual unit price").click()
    second.get_by_label("Manual unit price").fill("12500")
    sales.get_by_label("Valid until").fill("")
    sales.get_by_role("button", name="Save quote").click()
    expect(sales.get_by_text("The quote was not saved: check the 2 problems marked below.")).to_be_visible()
    expect(second.get_by_text("Say why the price differs from the list")).to_be_visible()
    expect(sales.get_by_text("This field is required.")).to_be_visible()
    expect(second.get_by_label("Fractional lens handpiece")).to_be_checked()
    assert not Quote.objects.exists()
    shot(screenshot, sales, f"quote-editor-errors-{width}")
    second.get_by_label("Reason for the manual price").fill("Demonstration unit from the spring show")
    sales.get_by_label("Valid until").fill(str(drafts.quote_defaults(devices=[]).valid_until))
    expected = lines_totals(
        lines=[
            co2_line,
            LineData(device=pico, options=list(pico_options), unit_price_override=Decimal("12500")),
        ],
        **terms,
    )
    expect(total).to_have_text(f"{expected.total:,.2f}")

    sales.get_by_role("button", name="Save quote").click()
    sales.wait_for_url(re.compile(r"/sales/quotes/\d+/$"))
    quote = Quote.objects.get(lead=lead)
    expect(sales.get_by_text(f"Quote {quote.number} created as a draft.")).to_be_visible()
    expect(sales.locator(".quote-totals .grand td")).to_have_text(f"{expected.total:,.2f}")

    # Render: the request returns at once and the badge turns to ready without a reload.
    sales.get_by_role("button", name="Render PDF").click()
    sales.wait_for_url(f"**{quote.get_absolute_url()}")
    sales.evaluate("() => { window.notReloaded = true; }")
    badge = sales.locator("[data-revision='1'] [data-pdf-status]")
    expect(badge).to_have_text(re.compile(r"PDF (queued|rendering)"))
    worker_threads.renders_may_start.set()
    expect(badge).to_have_text("PDF ready", timeout=30_000)
    assert sales.evaluate("() => window.notReloaded === true")
    link = sales.locator("[data-revision='1']").get_by_role("link", name="Download the PDF")
    expect(link).to_be_visible()
    expect(sales.get_by_text("The PDF of revision 1 is ready.")).to_be_visible()
    shot(screenshot, sales, f"quote-detail-{width}")
    pdf = sales.request.get(live_server.url + link.get_attribute("href"))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    pdf_path = ARTIFACTS / f"quote-{width}.pdf"
    pdf_path.write_bytes(pdf.body())
    pdf_to_png(pdf_path, f"quote-pdf-{width}")

    # Send: the email leaves with the PDF; the page follows it to "sent".
    sales.get_by_role("link", name="Send to the clinic…").click()
    expect(sales.get_by_role("heading", name="Check the email, then send")).to_be_visible()
    sales.get_by_role("button", name=f"Send to {contact.name}").click()
    expect(sales.get_by_text(f"Revision 1 is on its way to {contact.email}: the email leaves now.")).to_be_visible()
    expect(sales.locator("[data-revision='1'] [data-email-status]")).to_have_text("sent", timeout=30_000)
    expect(sales.get_by_role("link", name="Edit: starts revision 2")).to_be_visible()
    shot(screenshot, sales, f"quote-detail-sent-{width}")
    wait_for(lambda: len(mail.outbox) == 1)
    message = mail.outbox[0]
    assert message.to == [contact.email] and message.attachments[0][0] == f"{quote.number}-rev1.pdf"
    url = next(word for word in message.body.split() if "/quote/" in word)
    assert url.startswith(live_server.url)

    # The clinic opens the link from the email and accepts: typed name and confirmation.
    buyer = page_at(width)
    watch(buyer, problems)
    buyer.goto(url)
    expect(buyer.get_by_role("heading", level=1)).to_contain_text(quote.number)
    expect(buyer.locator(".quote-totals .grand td")).to_have_text(f"{expected.total:,.2f}")
    shot(screenshot, buyer, f"quote-public-{width}")
    buyer.get_by_label("Your full name").fill("Dr. Ana García")
    buyer.get_by_label(f"I accept quotation {quote.number} revision 1").check()
    buyer.get_by_role("button", name="Accept quotation").click()
    expect(buyer.get_by_text("Thank you: your acceptance is recorded")).to_be_visible()
    expect(buyer.get_by_text("Accepted", exact=True)).to_be_visible()
    shot(screenshot, buyer, f"quote-public-accepted-{width}")

    # The lead is won, and its page says so: status, the quote, the timeline.
    quote.refresh_from_db()
    assert (quote.status, quote.accepted_name) == (Quote.Status.ACCEPTED, "Dr. Ana García")
    assert Lead.objects.get(pk=lead.pk).status == Lead.Status.WON
    quotation, viewed, notice, receipt = quote.notifications.order_by("pk")
    assert (quotation.kind, quotation.status) == (Notification.Kind.QUOTE_SENT, Notification.Status.SENT)
    assert (viewed.kind, viewed.recipient) == (Notification.Kind.QUOTE_VIEWED, seller.email)
    assert (notice.kind, notice.recipient) == (Notification.Kind.QUOTE_ACCEPTED, seller.email)
    assert (receipt.kind, receipt.recipient) == (Notification.Kind.QUOTE_RECEIPT, contact.email)
    sales.goto(live_server.url + lead.get_absolute_url())
    expect(sales.locator(".lead-status-line .status")).to_have_text("Won")
    expect(sales.locator(".quote-row .status")).to_have_text("Accepted")
    expect(sales.get_by_text("Dr. Ana García accepted")).to_be_visible()
    shot(screenshot, sales, f"quote-lead-won-{width}")
    assert problems == []
