"""The lead page (and who reaches the workspace): who sees it, what it shows, its actions, its query counts."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quotes.leads import pipeline
from quotes.models import Lead, Quote
from quotes.quoting import rendering
from quotes.quoting.lines import LineData
from tests.factories import (
    ConsultationRequestFactory,
    DeviceFactory,
    LeadFactory,
    SalesUserFactory,
    UserFactory,
)
from tests.quotes.conftest import make_quote

pytestmark = pytest.mark.django_db


CREATE = reverse("quotes:consultation-create")


NEW = reverse("quotes:quote-create")


def test_anonymous_visitors_are_sent_to_the_workspace_sign_in(client):
    response = client.get(reverse("quotes:sales-dashboard"))

    assert response.status_code == 302
    assert response["Location"] == reverse("quotes:sales-login") + "?next=/sales/"


def test_catalog_editors_cannot_see_leads(client, editor):
    lead = LeadFactory()
    client.force_login(editor)

    assert client.get(reverse("quotes:sales-dashboard")).status_code == 403
    assert client.get(lead.get_absolute_url()).status_code == 403
    assert client.get(reverse("admin:quotes_lead_changelist")).status_code == 403


def test_sales_staff_see_the_dashboard_and_lead_pages(client, seller):
    lead = LeadFactory(owner=seller)
    client.force_login(seller)

    dashboard = client.get(reverse("quotes:sales-dashboard"))
    detail = client.get(lead.get_absolute_url())

    assert dashboard.status_code == 200 and lead.clinic.name in dashboard.content.decode()
    assert detail.status_code == 200 and lead.contact.email in detail.content.decode()
    assert client.get(reverse("admin:quotes_lead_changelist")).status_code == 200


def test_superusers_see_everything(client):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    lead = LeadFactory()
    client.force_login(admin)

    assert client.get(reverse("quotes:sales-dashboard")).status_code == 200
    assert client.get(lead.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_the_lead_page_query_count_is_constant(client, seller, count, django_assert_max_num_queries):
    lead = LeadFactory(owner=seller)
    for _ in range(count):
        request = ConsultationRequestFactory(lead=lead, contact=lead.contact)
        request.devices.set([DeviceFactory()])
        lead.activities.create(kind="note", body="Called", actor=seller)
    client.force_login(seller)

    with django_assert_max_num_queries(13):
        assert client.get(lead.get_absolute_url()).status_code == 200


def test_status_buttons_move_the_lead_and_record_who(client, seller):
    lead = LeadFactory(owner=seller)
    client.force_login(seller)

    response = client.post(reverse("quotes:lead-status", args=[lead.pk]), {"status": "contacted"})

    lead.refresh_from_db()
    assert response.status_code == 302
    assert lead.status == "contacted" and lead.first_response_at is not None
    assert lead.activities.get(kind="status").actor == seller


def test_marking_lost_without_a_reason_is_refused_on_the_page(client, seller):
    lead = LeadFactory(owner=seller)
    client.force_login(seller)

    response = client.post(reverse("quotes:lead-status", args=[lead.pk]), {"status": "lost", "reason": " "})

    assert response.status_code == 400
    assert "Say why the lead was lost." in response.content.decode()
    lead.refresh_from_db()
    assert lead.status == "new"


def test_a_refused_transition_is_explained(client, seller):
    lead = LeadFactory(owner=seller, status="won")
    client.force_login(seller)

    response = client.post(reverse("quotes:lead-status", args=[lead.pk]), {"status": "new"})

    assert response.status_code == 400
    assert "A won lead cannot become new." in response.content.decode()


def test_notes_land_on_the_timeline(client, seller):
    lead = LeadFactory(owner=seller)
    client.force_login(seller)

    client.post(reverse("quotes:lead-note", args=[lead.pk]), {"body": "Wants a demo in May."})

    assert lead.activities.get(kind="note").body == "Wants a demo in May."
    assert "Wants a demo in May." in client.get(lead.get_absolute_url()).content.decode()


def test_a_lead_can_be_reassigned_to_another_salesperson(client, seller):
    other = SalesUserFactory(username="olga", first_name="Olga", last_name="Ortiz")
    lead = LeadFactory(owner=seller)
    client.force_login(seller)

    client.post(reverse("quotes:lead-owner", args=[lead.pk]), {"owner": other.pk})

    lead.refresh_from_db()
    assert lead.owner == other
    assert lead.activities.get(kind="assignment").body == "Reassigned from Sam Seller to Olga Ortiz by Sam Seller."


def test_editors_cannot_change_leads(client, editor):
    lead = LeadFactory()
    client.force_login(editor)

    assert client.post(reverse("quotes:lead-status", args=[lead.pk]), {"status": "contacted"}).status_code == 403
    assert Lead.objects.get().status == "new"


def test_the_lead_page_lists_its_quotes_with_total_status_and_pdf(
    client, lead, seller, django_capture_on_commit_callbacks
):
    quote = make_quote(lead, seller, tax_rate=Decimal("21"))
    with django_capture_on_commit_callbacks(execute=True):
        rendering.quote_pdf_request(quote=quote)
    client.force_login(seller)

    html = client.get(lead.get_absolute_url()).content.decode()

    assert f'href="{quote.get_absolute_url()}">{quote.number}</a>' in html
    assert "USD 30,189.50" in html  # (23,500 + 1,450 freight) × 1.21
    assert "Draft" in html and "PDF queued" in html
    assert f'href="{NEW}?lead={lead.pk}">Create quote' in html
    assert "Open the quote" in html  # the timeline's "Quote … created." links to it


def test_a_closed_lead_offers_no_create_quote(client, seller):
    lead = LeadFactory(owner=seller, status=Lead.Status.LOST, lost_reason="Budget")
    client.force_login(seller)

    assert "Create quote" not in client.get(lead.get_absolute_url()).content.decode()
    response = client.get(f"{NEW}?lead={lead.pk}", follow=True)
    assert "reopen it before quoting" in response.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_the_lead_page_query_count_is_constant_in_its_quotes(
    client, lead, seller, co2, count, django_assert_max_num_queries
):
    for _ in range(count):
        quote = make_quote(lead, seller, [LineData(device=co2, options=list(co2.options.all())), LineData(device=co2)])
        rendering.quote_pdf_request(quote=quote)
    client.force_login(seller)

    # The lead page's own twelve, then quotes, lines, options, tiers and revisions.
    with django_assert_max_num_queries(17):
        assert client.get(lead.get_absolute_url()).status_code == 200


def _ago(*, hours):

    return timezone.now() - timedelta(hours=hours)


def test_marking_a_lead_lost_on_its_page_withdraws_its_open_quotes(client, lead, seller):
    quote = make_quote(lead, seller)
    client.force_login(seller)

    response = client.post(
        reverse("quotes:lead-status", args=[lead.pk]), {"status": "lost", "reason": "Bought elsewhere"}, follow=True
    )

    assert "Lead moved to lost." in response.content.decode()
    assert Quote.objects.get(pk=quote.pk).status == "withdrawn"


def test_timeline_entries_link_to_the_quote_they_belong_to(client, lead, seller):
    quote = make_quote(lead, seller)
    # An entry that does not name the quote in its words still points at it.
    pipeline.lead_quote_event(quote=quote, actor=seller, body="Called about the handpieces.")
    client.force_login(seller)

    html = client.get(lead.get_absolute_url()).content.decode()

    link = f'Called about the handpieces. <a href="{quote.get_absolute_url()}">Open the quote</a>'
    assert link in html
