"""The staff quote page and its actions: who may open it, what it shows, render, retry, approve, send, polling."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from quotes.leads import notifications
from quotes.models import Activity, Lead, Notification, Quote, QuoteRevision
from quotes.quoting import drafts, rendering, sending
from quotes.quoting.lines import LineData
from tests.factories import (
    DeviceFactory,
    DeviceOptionFactory,
    LeadFactory,
    PriceTierFactory,
    SalesUserFactory,
    UserFactory,
)
from tests.quotes.conftest import make_quote, terms

pytestmark = pytest.mark.django_db


D = Decimal


NEW = reverse("quotes:quote-create")


PREVIEW = reverse("quotes:quote-preview")


def staff_urls(quote) -> list[tuple[str, str]]:
    return [
        ("get", reverse("quotes:quote-detail", args=[quote.pk])),
        ("get", reverse("quotes:quote-edit", args=[quote.pk])),
        ("get", f"{NEW}?lead={quote.lead_id}"),
        ("get", reverse("quotes:quote-status", args=[quote.pk])),
        ("get", reverse("quotes:quote-device-options", args=[quote.lines.first().device_id])),
        ("post", PREVIEW),
        ("post", reverse("quotes:quote-render", args=[quote.pk])),
        ("post", reverse("quotes:quote-send", args=[quote.pk])),
        ("post", reverse("quotes:quote-approve", args=[quote.pk])),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, lead, seller):
    quote = make_quote(lead, seller)
    for method, url in staff_urls(quote):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and response["Location"].startswith("/sales/login/?next="), url


def test_catalog_editors_get_403_everywhere(client, lead, seller, editor):
    quote = make_quote(lead, seller)
    client.force_login(editor)
    for method, url in staff_urls(quote):
        assert getattr(client, method)(url).status_code == 403, url
    assert Quote.objects.get().status == Quote.Status.DRAFT


def test_sales_staff_open_the_quote_pages(client, lead, seller):
    quote = make_quote(lead, seller)
    client.force_login(SalesUserFactory())
    for method, url in staff_urls(quote)[:5]:
        assert getattr(client, method)(url).status_code == 200, url


def test_superusers_open_the_quote_pages(client, lead, seller):
    quote = make_quote(lead, seller)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(quote.get_absolute_url()).status_code == 200


def test_only_sales_managers_approve_discounts(client, lead, seller, manager, settings):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    quote = make_quote(lead, seller, [LineData(device=lead.devices.first(), discount_percent=D("15"))])
    url = reverse("quotes:quote-approve", args=[quote.pk])
    client.force_login(seller)
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "Waiting for a sales manager" in page and "Approve discounts" not in page
    assert client.post(url).status_code == 403

    client.force_login(manager)
    assert "Approve discounts" in client.get(quote.get_absolute_url()).content.decode()
    response = client.post(url, follow=True)

    assert f"Discounts on {quote.number} approved" in response.content.decode()
    quote.refresh_from_db()
    assert (quote.approval, quote.approved_by) == (Quote.Approval.APPROVED, manager)


def test_the_quote_page_shows_lines_totals_and_manual_prices(client, lead, seller, co2):
    pico = DeviceFactory(name="Pico Pro", list_price=None, price_on_request=True)
    quote = make_quote(
        lead,
        seller,
        [
            LineData(device=co2, quantity=3),
            LineData(device=pico, unit_price_override=D("41000"), override_reason="Launch"),
        ],
    )
    client.force_login(seller)

    html = client.get(quote.get_absolute_url()).content.decode()

    assert quote.number in html and "Fractional CO2 Laser FX-60" in html and "Pico Pro" in html
    assert "66,900.00" in html  # 3 at the tier price
    assert "manual price" in html and "“Launch”" in html and "set by Sam Seller" in html
    assert "No PDF yet" in html and "Render PDF" in html and "Send to the clinic" in html


def test_render_returns_at_once_and_queues_the_revision(
    client, lead, seller, dispatched, django_capture_on_commit_callbacks
):
    quote = make_quote(lead, seller)
    client.force_login(seller)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quotes:quote-render", args=[quote.pk]))

    revision = QuoteRevision.objects.get(quote=quote)
    assert response.status_code == 302 and response["Location"] == quote.get_absolute_url()
    assert revision.pdf_status == QuoteRevision.PdfStatus.QUEUED and dispatched.of("quote_pdf_render_task") == [
        revision.pk
    ]
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "Rendering the PDF of revision 1" in page
    assert 'data-pending="true"' in page and "PDF queued" in page and "Render PDF" not in page


def test_the_status_endpoint_follows_the_render_to_ready(client, lead, seller, co2):
    quote = make_quote(lead, seller)
    revision = rendering.quote_pdf_request(quote=quote)
    client.force_login(seller)
    url = reverse("quotes:quote-status", args=[quote.pk])

    queued = client.get(url)
    assert queued["Cache-Control"].startswith("max-age=0")
    assert queued.json()["pending"] is True
    assert queued.json()["revisions"][0] | {"pdf_url": ""} == queued.json()["revisions"][0]
    assert queued.json()["revisions"][0]["pdf_status"] == "queued"

    rendering.quote_pdf_render(revision_id=revision.pk, task_id="t1")
    ready = client.get(url).json()

    pdf_url = reverse("quotes:quote-pdf", args=[quote.pk, 1])
    assert ready["pending"] is False and ready["status"] == "draft"
    assert ready["revisions"][0]["pdf_status"] == "ready" and ready["revisions"][0]["pdf_url"] == pdf_url
    assert ready["revisions"][0]["pdf_pages"] >= 1
    download = client.get(pdf_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert f'inline; filename="{quote.number}-rev1.pdf"' == download["Content-Disposition"]


def test_an_edit_after_rendering_marks_the_pdf_outdated(client, lead, seller, co2):
    quote = make_quote(lead, seller)
    revision = rendering.quote_pdf_request(quote=quote)
    rendering.quote_pdf_render(revision_id=revision.pk, task_id="t1")
    drafts.quote_update(quote=quote, actor=seller, data=terms(), lines=[LineData(device=co2, quantity=2)])
    client.force_login(seller)

    html = client.get(quote.get_absolute_url()).content.decode()

    assert "The draft changed after its PDF was rendered" in html and "Render PDF" in html


def test_a_pdf_that_is_not_ready_is_not_served(client, lead, seller):
    quote = make_quote(lead, seller)
    rendering.quote_pdf_request(quote=quote)
    client.force_login(seller)

    response = client.get(reverse("quotes:quote-pdf", args=[quote.pk, 1]), follow=True)

    assert "The PDF of revision 1 is not ready" in response.content.decode()
    assert client.get(reverse("quotes:quote-pdf", args=[quote.pk, 7])).status_code == 404


def test_a_failed_render_shows_its_reason_and_can_be_retried(
    client, lead, seller, dispatched, django_capture_on_commit_callbacks
):
    quote = make_quote(lead, seller)
    revision = rendering.quote_pdf_request(quote=quote)
    rendering.quote_pdf_fail(revision_id=revision.pk, error="Rendering took longer than 90 s")
    client.force_login(seller)
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "Rendering took longer than 90 s" in page and "Retry render" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("quotes:quote-retry", args=[quote.pk, 1]))

    assert QuoteRevision.objects.get(pk=revision.pk).pdf_status == QuoteRevision.PdfStatus.QUEUED
    assert dispatched.of("quote_pdf_render_task") == [revision.pk]
    again = client.post(reverse("quotes:quote-retry", args=[quote.pk, 1]), follow=True)
    assert "Only a failed render can be retried." in again.content.decode()


def test_send_freezes_the_revision_moves_the_lead_and_queues_the_email(
    client, lead, seller, dispatched, django_capture_on_commit_callbacks
):
    quote = make_quote(lead, seller)
    client.force_login(seller)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quotes:quote-send", args=[quote.pk]), follow=True)

    quote.refresh_from_db()
    revision = QuoteRevision.objects.get(quote=quote)
    assert quote.status == Quote.Status.SENT and Lead.objects.get(pk=lead.pk).status == Lead.Status.QUOTED
    email = quote.notifications.get(kind=Notification.Kind.QUOTE_SENT)
    assert dispatched.of("quote_pdf_render_task") == [revision.pk]
    assert dispatched.of("notification_send_task") == [email.pk]
    html = response.content.decode()
    assert f"Revision 1 is on its way to {lead.contact.email}: the email leaves as soon as its PDF is rendered." in html
    assert "As sent to the clinic" in html and "Edit: starts revision 2" in html
    assert "Send to the clinic" not in html and "The clinic's page" in html
    assert Activity.objects.filter(lead=lead, kind="quote", body__contains="sent to").exists()


def test_refusals_of_the_services_come_back_as_messages(client, lead, seller, settings):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    quote = make_quote(lead, seller, [LineData(device=lead.devices.first(), discount_percent=D("20"))])
    client.force_login(seller)

    response = client.post(reverse("quotes:quote-send", args=[quote.pk]), follow=True)

    html = response.content.decode()
    assert "needs a sales manager&#x27;s approval before sending" in html
    assert 'disabled aria-describedby="approval-state"' in html
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.DRAFT
    Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() - timedelta(days=1), approval="approved")
    expired = client.post(reverse("quotes:quote-send", args=[quote.pk]), follow=True)
    assert "The validity date is in the past; extend it before sending." in expired.content.decode()


def quote_of_manual_prices(lead, seller, manager, *, lines: int) -> Quote:
    """A quote of `lines` devices, each with an option, a tier and a manual price (approved: it is below list)."""
    devices = [DeviceFactory() for _ in range(lines)]
    for device in devices:
        DeviceOptionFactory(device=device)
        PriceTierFactory(device=device)
    quote = make_quote(
        lead,
        seller,
        [
            LineData(device=d, options=list(d.options.all()), unit_price_override=D("100"), override_reason="x")
            for d in devices
        ],
    )
    drafts.quote_approve(quote=quote, actor=manager)
    rendering.quote_pdf_request(quote=quote)
    return quote


def page_queries(client, quote) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(quote.get_absolute_url()).status_code == 200
    return len(queries)


def test_the_quote_page_query_count_is_constant_in_the_lines(client, lead, seller, manager):
    one = quote_of_manual_prices(lead, seller, manager, lines=1)
    ten = quote_of_manual_prices(LeadFactory(owner=seller, status="qualified"), seller, manager, lines=10)
    client.force_login(seller)

    # Session, user and permissions, the quote, its revisions with their emails and its lines,
    # the draft's snapshot (with the proposal's images, treatments, consumables, guides and the lead's
    # requests); the same for one line or ten.
    draft = page_queries(client, one)
    assert draft == page_queries(client, ten) and draft <= 18

    for quote in (one, ten):
        sending.quote_send(quote=quote, actor=seller)
    sent = page_queries(client, one)  # a sent quote shows its frozen snapshot
    assert sent == page_queries(client, ten) and sent <= 9


def sent_quote(lead, seller) -> Quote:
    quote = make_quote(lead, seller)
    sending.quote_send(quote=quote, actor=seller)
    return Quote.objects.get(pk=quote.pk)


def test_a_failed_quote_email_shows_its_reason_on_the_quote_page_and_can_be_retried(client, lead, seller):
    quote = sent_quote(lead, seller)
    email = quote.notifications.get(kind=Notification.Kind.QUOTE_SENT)
    notifications.notification_fail(notification_id=email.pk, error="SMTPRecipientsRefused: no such mailbox")
    client.force_login(seller)

    page = client.get(quote.get_absolute_url()).content.decode()
    status = client.get(reverse("quotes:quote-status", args=[quote.pk])).json()["revisions"][0]
    retried = client.post(reverse("quotes:quote-email-retry", args=[quote.pk, email.pk]), follow=True)

    assert "SMTPRecipientsRefused: no such mailbox" in page and "Retry the email" in page
    assert (status["email_status"], status["can_retry_email"]) == ("failed", True)
    assert "The email is back in the outbox" in retried.content.decode()
    email.refresh_from_db()
    assert email.status == "pending"
    again = client.post(reverse("quotes:quote-email-retry", args=[quote.pk, email.pk]), follow=True)
    assert "Only a failed email can be retried." in again.content.decode()


def test_an_email_waiting_for_its_pdf_says_so_and_keeps_the_page_polling(client, lead, seller):
    quote = sent_quote(lead, seller)
    client.force_login(seller)

    page = client.get(quote.get_absolute_url()).content.decode()

    assert "email <span data-email-status>waiting for the pdf</span>" in page and 'data-pending="true"' in page


def test_a_sent_quote_can_be_sent_again_from_its_page(client, lead, seller):
    quote = sent_quote(lead, seller)
    client.force_login(seller)
    assert "Send again" in client.get(quote.get_absolute_url()).content.decode()

    response = client.post(reverse("quotes:quote-resend", args=[quote.pk]), follow=True)

    assert f"Revision 1 is on its way to {lead.contact.email} again." in response.content.decode()
    assert quote.notifications.filter(kind=Notification.Kind.QUOTE_SENT).count() == 2


def test_the_quote_page_of_a_lost_lead_says_its_quote_was_withdrawn_and_offers_no_sending(client, lead, seller):
    quote = sent_quote(lead, seller)
    sending.lead_move(lead=Lead.objects.get(pk=lead.pk), to_status="lost", actor=seller, reason="Budget")
    client.force_login(seller)

    html = client.get(quote.get_absolute_url()).content.decode()

    assert "The lead is lost." in html and "This quote was withdrawn with it" in html
    assert "Send again" not in html and "Edit: starts revision" not in html
