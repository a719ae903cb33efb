"""A salesperson's day in the workspace, in a real browser, with axe-core on every staff page:
sign in, Today, open an overdue lead, quote it, send with the preview, the buyer views and accepts,
and the salesperson sees both on Today and on the board. No admin page is opened."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from catalog.models import Device
from quotes import dispatch
from quotes.models import Lead, Quote
from quotes.quoting import drafts
from quotes.quoting.lines import LineData
from quotes.roles import SALES_MANAGERS
from tests.e2e.accessibility import assert_accessible, assert_no_sideways_scroll
from tests.e2e.test_quote_journey import InProcessWorker, shot, wait_for, watch
from tests.factories import ConsultationRequestFactory, ContactFactory, LeadFactory, SalesUserFactory

pytestmark = pytest.mark.django_db(transaction=True)

LONG_NAME = "Clínica" + "Ñ" * 193  # 200 characters without a space


@pytest.fixture
def catalog(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_catalog", verbosity=0)


@pytest.fixture
def worker(monkeypatch):
    worker = InProcessWorker()
    worker.renders_may_start.set()
    monkeypatch.setattr(dispatch, "publisher", worker)
    yield worker
    assert worker.wait_idle(30)
    for thread in worker.threads:
        thread.join(30)


def check(page, screenshot, name, width):
    """Every staff page: no axe-core violation, no sideways scroll, a screenshot to look at."""
    assert_accessible(page)
    if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
        wide = page.evaluate(
            """() => Array.from(document.querySelectorAll("body *"))
                .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                .slice(0, 5).map((el) => el.tagName + "." + el.className)"""
        )
        pytest.fail(f"{page.url} scrolls sideways at {width}px; wider than the page: {wide}")
    assert_no_sideways_scroll(page)
    shot(screenshot, page, f"sales-day-{name}-{width}")


@pytest.mark.parametrize("width", [390, 1280])
def test_a_salespersons_day_runs_in_the_workspace(live_server, settings, catalog, worker, page_at, screenshot, width):
    settings.SITE_URL = live_server.url
    sofia = SalesUserFactory(username="sofia", first_name="Sofía", last_name="Ruiz", email="sofia@vendor.example")
    sofia.groups.add(Group.objects.get(name=SALES_MANAGERS))
    co2 = Device.objects.get(slug="fractional-co2-laser-fx-60")
    contact = ContactFactory(
        name="Dr. Ana García", email="ana@clinica-sol.es", clinic__name="Clínica Dermatológica Sol"
    )
    overdue = LeadFactory(contact=contact, owner=sofia, response_due_at=timezone.now() - timedelta(hours=3))
    overdue.devices.add(co2)
    ConsultationRequestFactory(lead=overdue, contact=contact, clinic_name=contact.clinic.name, email=contact.email)
    LeadFactory(
        owner=sofia,
        contact__clinic__name=LONG_NAME,
        contact__email="x" * 60 + "@long.example",
        response_due_at=timezone.now() - timedelta(hours=1),
    )

    sales = page_at(width)
    problems = []
    watch(sales, problems)

    # Sign in on the workspace's own page, which returns to Today.
    sales.goto(live_server.url + "/sales/")
    sales.wait_for_url("**/sales/login/?next=/sales/")
    check(sales, screenshot, "login", width)
    sales.get_by_label("Username").fill("sofia")
    sales.get_by_label("Password").fill("correct horse battery")
    sales.get_by_role("button", name="Sign in").click()
    sales.wait_for_url(re.compile(r"/sales/$"))
    overdue_section = sales.locator("section", has=sales.get_by_role("heading", name=re.compile("Overdue")))
    expect(overdue_section.get_by_role("link", name="Clínica Dermatológica Sol")).to_be_visible()
    expect(overdue_section.get_by_role("link", name=LONG_NAME)).to_be_visible()  # wraps, never scrolls sideways
    check(sales, screenshot, "today", width)

    # The overdue lead: quote it with the device the clinic asked about.
    overdue_section.get_by_role("link", name="Clínica Dermatológica Sol").click()
    sales.wait_for_url(f"**{overdue.get_absolute_url()}")
    expect(sales.locator(".lead-status-line .due.overdue")).to_be_visible()
    check(sales, screenshot, "lead", width)
    sales.get_by_role("link", name="Create quote").click()
    sales.wait_for_url("**/sales/quotes/new/?lead=*")
    check(sales, screenshot, "editor", width)
    sales.get_by_role("button", name="Save quote").click()
    sales.wait_for_url(re.compile(r"/sales/quotes/\d+/$"))
    quote = Quote.objects.get(lead=overdue)
    check(sales, screenshot, "quote-draft", width)

    # Send with the preview: the email as it will leave, then the confirmation.
    sales.get_by_role("link", name="Send to the clinic…").click()
    expect(sales.get_by_role("heading", name="Check the email, then send")).to_be_visible()
    expect(sales.locator(".email-body")).to_contain_text(quote.number)
    expect(sales.get_by_text(f"{quote.number}-rev1.pdf")).to_be_visible()
    check(sales, screenshot, "send-preview", width)
    sales.get_by_role("button", name="Send to Dr. Ana García").click()
    expect(sales.get_by_text("Revision 1 is on its way to ana@clinica-sol.es")).to_be_visible()
    wait_for(lambda: any(m.to == [contact.email] for m in mail.outbox), seconds=30)
    quotation = next(m for m in mail.outbox if m.to == [contact.email])
    url = next(word for word in quotation.body.split() if "/quote/" in word)

    # The clinic opens the link (the owner hears once) and accepts with its purchase order.
    buyer = page_at(width)
    watch(buyer, problems)
    buyer.goto(url)
    wait_for(lambda: any("opened" in m.subject and m.to == [sofia.email] for m in mail.outbox), seconds=30)
    buyer.get_by_label("Purchase-order number").fill("PO-2026-118")
    buyer.get_by_label("Your full name").fill("Dr. Ana García")
    buyer.get_by_label(f"I accept quotation {quote.number} revision 1").check()
    buyer.get_by_role("button", name="Accept quotation").click()
    expect(buyer.get_by_role("heading", name="Acceptance receipt")).to_be_visible()
    expect(buyer.locator(".evidence")).to_contain_text("PO-2026-118")
    assert_no_sideways_scroll(buyer)
    shot(screenshot, buyer, f"sales-day-buyer-accepted-{width}")
    wait_for(lambda: any(m.subject.startswith("Acceptance receipt") for m in mail.outbox), seconds=30)

    # Back in the workspace, without reloading anything by hand: Today and the board show it.
    sales.get_by_role("navigation", name="Sales workspace").get_by_role("link", name="Today").click()
    news = sales.locator("section", has=sales.get_by_role("heading", name=re.compile("Buyers in the last")))
    expect(news.get_by_role("link", name=quote.number)).to_be_visible()
    expect(news.get_by_text("Accepted", exact=True)).to_be_visible()
    check(sales, screenshot, "today-after", width)
    sales.get_by_role("navigation", name="Sales workspace").get_by_role("link", name="Pipeline").click()
    won = sales.locator(".board-won")
    expect(won.get_by_role("link", name="Clínica Dermatológica Sol")).to_be_visible()
    expect(won.locator(".board-value")).to_contain_text("USD")
    check(sales, screenshot, "board", width)
    assert Lead.objects.get(pk=overdue.pk).status == Lead.Status.WON

    # The other lists, each checked: quotes (accepted, with the view), leads (the long name wraps), approvals.
    sales.get_by_role("navigation", name="Sales workspace").get_by_role("link", name="Quotes").click()
    expect(sales.locator(".data-table")).to_contain_text("Accepted")
    check(sales, screenshot, "quotes", width)
    sales.get_by_role("navigation", name="Sales workspace").get_by_role("link", name="Leads").click()
    expect(sales.get_by_role("link", name=LONG_NAME)).to_be_visible()
    check(sales, screenshot, "leads", width)
    # A colleague's discount waits for Sofía, a sales manager: margin shown, approved with one button.
    co2.unit_cost = Decimal("14100")
    co2.save(update_fields=["unit_cost"])
    colleague_lead = LeadFactory(owner=SalesUserFactory(), status=Lead.Status.QUALIFIED)
    waiting = drafts.quote_create(
        lead=colleague_lead,
        actor=colleague_lead.owner,
        data=drafts.quote_defaults(devices=[co2]),
        lines=[LineData(device=co2, discount_percent=Decimal("18"))],
    )
    sales.get_by_role("navigation", name="Sales workspace").get_by_role("link", name=re.compile("Approvals")).click()
    expect(sales.get_by_role("heading", name=re.compile(waiting.number))).to_be_visible()
    expect(sales.locator(".approval-card")).to_contain_text("18.00%")
    check(sales, screenshot, "approvals", width)
    sales.get_by_role("button", name=f"Approve {waiting.number}").click()
    expect(sales.get_by_text(f"Discounts on {waiting.number} approved")).to_be_visible()
    sales.goto(live_server.url + quote.get_absolute_url())
    expect(sales.get_by_text("Accepted: the evidence")).to_be_visible()
    check(sales, screenshot, "quote-accepted", width)
    assert problems == []
