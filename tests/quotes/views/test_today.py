"""Today: my overdue and due-today leads, quotes that need me (approval, expiring, viewed and unanswered), what
buyers did this week, failed emails and PDFs; counts link to the filtered lists; constant queries."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from quotes.models import Lead, Notification, Quote, QuoteRevision
from quotes.quoting import sending
from quotes.quoting.lines import LineData
from quotes.roles import SALES_MANAGERS
from tests.factories import LeadFactory, SalesUserFactory
from tests.quotes.conftest import make_quote
from tests.quotes.views.workspace_data import full_lead, queries_of

pytestmark = pytest.mark.django_db

TODAY = reverse("quotes:sales-dashboard")


def test_today_lists_my_late_and_due_leads_only(client, seller, settings):
    now = timezone.now()
    late = LeadFactory(owner=seller, response_due_at=now - timedelta(hours=2))
    due = LeadFactory(owner=seller, response_due_at=now + timedelta(minutes=1))
    LeadFactory(owner=SalesUserFactory(), response_due_at=now - timedelta(hours=2))
    LeadFactory(owner=seller, status=Lead.Status.CONTACTED, response_due_at=now - timedelta(hours=2))
    client.force_login(seller)

    today = client.get(TODAY).context["today"]

    assert today.overdue.items == [late] and today.overdue.count == 1
    assert due in today.due_today.items
    assert today.overdue.url == reverse("quotes:lead-list") + "?mine=true&overdue=true"


def test_today_shows_quotes_that_need_me_and_what_buyers_did(client, seller, lead, co2):
    sent = make_quote(lead, seller)
    sending.quote_send(quote=sent, actor=seller)
    sent.refresh_from_db()
    Quote.objects.filter(pk=sent.pk).update(valid_until=timezone.localdate() + timedelta(days=2))
    sending.quote_view_record(quote=sent, revision=QuoteRevision.objects.get(quote=sent, number=1))
    other_lead = LeadFactory(owner=seller, status="qualified")
    pending = make_quote(other_lead, seller, [LineData(device=co2, discount_percent=Decimal("30"))])
    client.force_login(seller)

    today = client.get(TODAY).context["today"]

    assert [q.pk for q in today.viewed.items] == [sent.pk]
    assert [q.pk for q in today.expiring.items] == [sent.pk]
    assert [q.pk for q in today.approvals.items] == [pending.pk]
    assert [q.pk for q in today.buyer_news.items] == [sent.pk]


def test_a_manager_sees_every_discount_waiting(client, seller, co2):
    manager = SalesUserFactory(username="maria")
    manager.groups.add(Group.objects.get(name=SALES_MANAGERS))
    lead = LeadFactory(owner=seller, status="qualified")
    pending = make_quote(lead, seller, [LineData(device=co2, discount_percent=Decimal("30"))])
    client.force_login(manager)

    today = client.get(TODAY).context["today"]

    assert [q.pk for q in today.approvals.items] == [pending.pk]
    assert today.approvals.url == reverse("quotes:approval-list")


def test_today_shows_failed_emails_and_pdfs_with_their_reason(client, seller, lead):
    quote = make_quote(lead, seller)
    sending.quote_send(quote=quote, actor=seller)
    Notification.objects.filter(quote=quote).update(status=Notification.Status.FAILED, error="SMTP refused")
    QuoteRevision.objects.filter(quote=quote).update(pdf_status="failed", pdf_error="Font missing")
    client.force_login(seller)

    response = client.get(TODAY)

    page = response.content.decode()
    assert "SMTP refused" in page and "Font missing" in page
    assert response.context["today"].failed_emails.count == 1


def test_a_quiet_day_says_so(client, seller):
    client.force_login(seller)

    assert "Nothing is late or waiting" in client.get(TODAY).content.decode()


def test_the_status_counts_link_to_my_filtered_leads(client, seller):
    LeadFactory(owner=seller, status=Lead.Status.QUALIFIED)
    client.force_login(seller)

    page = client.get(TODAY).content.decode()

    assert f'href="{reverse("quotes:lead-list")}?mine=true&amp;status=qualified"' in page


def test_today_query_count_is_the_same_for_one_row_and_many(client, seller, co2):
    def a_day_of_work():
        lead = full_lead(owner=seller, device=co2)
        quote = Quote.objects.filter(lead=lead, status="sent").get()
        Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() + timedelta(days=2))
        Notification.objects.filter(quote=quote).update(status=Notification.Status.FAILED, error="SMTP")
        QuoteRevision.objects.filter(quote=quote).update(pdf_status="failed", pdf_error="Font")
        LeadFactory(owner=seller, response_due_at=timezone.now() - timedelta(hours=1))
        LeadFactory(owner=seller, response_due_at=timezone.now() + timedelta(minutes=5))
        make_quote(lead, seller, [LineData(device=co2, discount_percent=Decimal("30"))])

    a_day_of_work()
    client.force_login(seller)
    one = queries_of(client, TODAY)

    for _ in range(4):
        a_day_of_work()

    assert queries_of(client, TODAY) == one


def test_a_manager_puts_a_failed_email_back_in_the_outbox_from_today(client, manager, lead, dispatched):
    lead.owner = manager
    lead.save()
    failed = Notification.objects.create(
        kind=Notification.Kind.OWNER_ALERT,
        lead=lead,
        recipient="x@vendor.example",
        template="emails/lead_owner_alert",
        status=Notification.Status.FAILED,
        error="SMTP refused",
    )
    client.force_login(manager)
    assert f'action="{reverse("quotes:notification-retry", args=[failed.pk])}"' in client.get(TODAY).content.decode()

    response = client.post(reverse("quotes:notification-retry", args=[failed.pk]), follow=True)

    failed.refresh_from_db()
    assert failed.status != Notification.Status.FAILED and failed.error == ""
    assert "back in the outbox" in response.content.decode()
    again = client.post(reverse("quotes:notification-retry", args=[failed.pk]), follow=True)
    assert "Only a failed email can be retried" in again.content.decode()


def test_salespeople_cannot_retry_emails_from_today(client, seller, lead):
    failed = Notification.objects.create(
        kind=Notification.Kind.OWNER_ALERT, lead=lead, recipient="x@vendor.example", status="failed"
    )
    client.force_login(seller)

    assert client.post(reverse("quotes:notification-retry", args=[failed.pk])).status_code == 403
    failed.refresh_from_db()
    assert failed.status == Notification.Status.FAILED
