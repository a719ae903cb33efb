"""A buyer asks about a device; the salesperson it goes to finds it on the sales dashboard."""

import re

import pytest
from django.core import mail
from django.core.management import call_command

from catalog.models import Device
from config.celery import app
from quotes import dispatch
from quotes.models import ConsultationRequest
from tests.factories import SalesUserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_catalog(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_catalog", verbosity=0)


@pytest.fixture
def tasks_in_process(settings):
    """The relay runs the email tasks in its own thread instead of a worker (see tests/integration/)."""
    eager = app.conf.task_always_eager
    app.conf.update(task_always_eager=True)
    # A person fills this form in far more than a second; the browser takes about that long.
    settings.CONSULTATION_MIN_FILL_SECONDS = 1
    yield
    dispatch.wait_idle(15)
    app.conf.update(task_always_eager=eager)


@pytest.mark.parametrize("width", [390, 1280])
def test_a_buyer_asks_from_a_device_page_and_the_salesperson_sees_the_lead(
    live_server, demo_catalog, tasks_in_process, page_at, screenshot, width
):
    seller = SalesUserFactory(username="sofia", first_name="Sofía", last_name="Ruiz", email="sofia@vendor.example")
    device = Device.objects.published().order_by("name").first()
    buyer = page_at(width)

    # The device page ends with the form, already about this device.
    buyer.goto(live_server.url + device.get_absolute_url())
    buyer.get_by_role("link", name="Request a quote").click()
    form = buyer.locator("#consultation form")
    assert form.get_by_label(device.name).is_checked()
    screenshot(buyer, f"consultation-device-{width}")

    # A first try with a bad email and no consent: clear errors beside the fields.
    form.get_by_label("Your name").fill("Ana García")
    form.get_by_role("textbox", name="Email").fill("ana@clinica")
    form.get_by_role("button", name="Send my request").click()
    buyer.wait_for_url("**/consultation/")
    assert buyer.get_by_text("Please check the 4 fields marked below.").is_visible()
    assert buyer.get_by_text("Enter a valid email address.").is_visible()
    assert buyer.get_by_text("Tick the box so a specialist may contact you").is_visible()
    screenshot(buyer, f"consultation-errors-{width}")

    # Corrected, and sent.
    buyer.get_by_label("Clinic or practice").fill("Clínica Dermatológica Sol")
    buyer.get_by_role("textbox", name="Email").fill("ana@clinica-sol.es")
    buyer.get_by_role("textbox", name="Phone").fill("+34 612 345 678")
    buyer.get_by_label("Country").select_option("ES")
    buyer.get_by_label("Your questions").fill("We want to add resurfacing. Is training included?")
    buyer.get_by_label("WhatsApp").check()
    buyer.get_by_label("I agree that a specialist may contact me").check()
    assert buyer.get_by_label(device.name).is_checked()
    buyer.get_by_role("button", name="Send my request").click()
    buyer.wait_for_url(re.compile(r"/consultation/received/CR-"))
    consultation = ConsultationRequest.objects.get()
    assert buyer.locator("#reference").inner_text() == consultation.reference
    assert buyer.get_by_role("heading", name="What happens next").is_visible()
    screenshot(buyer, f"consultation-received-{width}")

    # Both emails went out: the clinic's confirmation and the salesperson's alert.
    assert dispatch.wait_idle(15)
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@clinica-sol.es", "sofia@vendor.example"]

    # The salesperson logs in and finds the lead on the dashboard.
    sales = page_at(width)
    sales.goto(live_server.url + "/sales/")
    sales.get_by_label("Username").fill(seller.username)
    sales.get_by_label("Password").fill("correct horse battery")
    sales.get_by_role("button", name="Sign in").click()
    sales.wait_for_url("**/sales/")
    screenshot(sales, f"sales-dashboard-{width}")
    sales.get_by_role("navigation", name="Sales workspace").get_by_role("link", name="Leads").click()
    sales.wait_for_url("**/sales/leads/")
    mine = sales.locator(".lead-list")
    assert mine.get_by_role("link", name="Clínica Dermatológica Sol").is_visible()

    # The lead page: the request with its device, the timeline, and the first call logged.
    mine.get_by_role("link", name="Clínica Dermatológica Sol").click()
    sales.wait_for_url(f"**/sales/leads/{consultation.lead_id}/")
    assert sales.get_by_role("heading", level=1, name="Clínica Dermatológica Sol").is_visible()
    assert sales.get_by_role("link", name=device.name).first.is_visible()
    screenshot(sales, f"lead-detail-{width}")
    sales.get_by_role("button", name="Mark contacted").click()
    sales.wait_for_url(f"**/sales/leads/{consultation.lead_id}/")
    assert sales.get_by_text("Lead moved to contacted.").is_visible()
    consultation.lead.refresh_from_db()
    assert consultation.lead.status == "contacted"
