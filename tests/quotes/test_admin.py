"""The admin: leads with filters, search and bulk actions; requests as sent; quotes read-only with their actions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from catalog.roles import SALES
from quotes.leads import notifications
from quotes.models import ConsultationRequest, Lead, Notification, Quote
from quotes.quoting import rendering, sending
from quotes.quoting.lines import LineData
from quotes.roles import SALES_MANAGERS
from tests.factories import (
    ConsultationRequestFactory,
    LeadFactory,
    SalesUserFactory,
)
from tests.quotes.conftest import make_quote

pytestmark = pytest.mark.django_db


D = Decimal


CHANGELIST = reverse("admin:quotes_lead_changelist")


QUOTES = reverse("admin:quotes_quote_changelist")


def action(client, name, leads, **extra):
    return client.post(
        CHANGELIST, {"action": name, "_selected_action": [lead.pk for lead in leads], **extra}, follow=True
    )


def test_sales_get_view_and_change_on_leads_and_editors_get_nothing():
    sales = set(
        Group.objects.get(name=SALES)
        .permissions.filter(content_type__app_label="quotes")
        .values_list("codename", flat=True)
    )
    editors = Group.objects.get(name="Catalog editors").permissions.filter(content_type__app_label="quotes")

    assert {"view_lead", "change_lead", "add_activity", "view_consultationrequest"} <= sales
    assert "delete_lead" not in sales and "change_territory" not in sales
    assert not editors.exists()
    assert Group.objects.get(name=SALES_MANAGERS).permissions.filter(codename="change_territory").exists()


def test_the_changelist_filters_by_status_owner_country_device_and_overdue(client, seller, device):
    late = LeadFactory(owner=seller, country="DE", response_due_at=timezone.now() - timedelta(hours=2))
    late.devices.add(device)
    LeadFactory(owner=seller, status="contacted")
    client.force_login(seller)

    for query in [
        "overdue=yes",
        "status__exact=new",
        f"owner__id__exact={seller.pk}",
        "country__exact=DE",
        f"devices__id__exact={device.pk}",
    ]:
        response = client.get(f"{CHANGELIST}?{query}")
        assert response.status_code == 200, query
        assert late in response.context["cl"].queryset, query
    assert list(client.get(f"{CHANGELIST}?overdue=no").context["cl"].queryset) != [late]


def test_the_changelist_searches_by_clinic_email_and_reference(client, seller):
    lead = LeadFactory(owner=seller)
    ConsultationRequestFactory(lead=lead, contact=lead.contact, reference="CR-AAAA-BBBB")
    LeadFactory(owner=seller)
    client.force_login(seller)

    for term in [lead.clinic.name, lead.contact.email, "CR-AAAA-BBBB"]:
        assert list(client.get(CHANGELIST, {"q": term}).context["cl"].queryset) == [lead], term


def test_bulk_assign_gives_the_selected_leads_to_the_chosen_owner(client, seller):
    other = SalesUserFactory(username="olga")
    leads = [LeadFactory(owner=seller), LeadFactory(owner=None)]
    client.force_login(seller)

    response = action(client, "assign", leads, owner=other.pk)

    assert "2 leads assigned" in response.content.decode()
    assert set(Lead.objects.values_list("owner", flat=True)) == {other.pk}


def test_bulk_mark_spam_moves_what_it_can_and_names_what_it_cannot(client, seller):
    fresh, won = LeadFactory(owner=seller), LeadFactory(owner=seller, status="won")
    client.force_login(seller)

    html = action(client, "mark_spam", [fresh, won]).content.decode()

    assert "1 lead moved to spam" in html and "cannot become spam" in html
    assert Lead.objects.get(pk=fresh.pk).status == "spam"


def test_bulk_change_status_to_lost_takes_the_reason(client, seller):
    leads = [LeadFactory(owner=seller), LeadFactory(owner=seller)]
    client.force_login(seller)

    action(client, "change_status", leads, status="lost", reason="Bought elsewhere")

    assert set(Lead.objects.values_list("status", "lost_reason")) == {("lost", "Bought elsewhere")}


def test_held_spam_can_be_taken_into_the_pipeline_from_the_admin(client, seller):
    held = ConsultationRequestFactory(spam_reason="honeypot")
    client.force_login(seller)

    client.post(
        reverse("admin:quotes_consultationrequest_changelist"),
        {"action": "accept", "_selected_action": [held.pk]},
        follow=True,
    )

    held.refresh_from_db()
    assert held.lead is not None and held.spam_reason == ""


def test_requests_are_kept_as_sent(client, seller):
    consultation = ConsultationRequestFactory()
    client.force_login(seller)

    response = client.get(reverse("admin:quotes_consultationrequest_change", args=[consultation.pk]))

    assert response.status_code == 200
    assert ConsultationRequest.objects.get().message == "Is training included?"
    assert not response.context["adminform"].form.fields  # everything read-only


def test_the_lead_page_in_the_admin_opens(client, seller):
    lead = LeadFactory(owner=seller)
    client.force_login(seller)

    assert client.get(reverse("admin:quotes_lead_change", args=[lead.pk])).status_code == 200


def test_the_admin_filters_the_requests_held_as_spam(client, seller):
    held = ConsultationRequestFactory(spam_reason="links")
    ConsultationRequestFactory()
    client.force_login(seller)

    response = client.get(reverse("admin:quotes_consultationrequest_changelist") + "?held=spam")

    assert list(response.context["cl"].queryset) == [held]


def test_the_admin_lists_quotes_with_filters_and_search(client, lead, seller, django_assert_max_num_queries):
    quotes = [make_quote(lead, seller) for _ in range(3)]
    client.force_login(seller)

    with django_assert_max_num_queries(20):
        response = client.get(QUOTES)
    assert response.status_code == 200 and "USD 24,950.00" in response.content.decode()
    for query in [
        "status__exact=draft",
        "approval__exact=not_needed",
        f"q={quotes[0].number}",
        f"q={lead.clinic.name}",
    ]:
        found = client.get(f"{QUOTES}?{query}")
        assert found.status_code == 200 and quotes[0] in found.context["cl"].queryset, query


def test_the_admin_change_page_is_read_only_and_links_to_the_editor(client, lead, seller):
    quote = make_quote(lead, seller)
    rendering.quote_pdf_request(quote=quote)
    client.force_login(seller)

    response = client.get(reverse("admin:quotes_quote_change", args=[quote.pk]))

    html = response.content.decode()
    assert response.status_code == 200 and 'name="_save"' not in html
    assert reverse("quotes:quote-edit", args=[quote.pk]) in html and "Fractional CO2 Laser FX-60" in html
    assert "Queued" in html


def test_the_admin_actions_render_send_and_approve_through_the_services(
    client, lead, seller, manager, settings, dispatched, django_capture_on_commit_callbacks
):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    plain = make_quote(lead, seller)
    discounted = make_quote(lead, seller, [LineData(device=lead.devices.first(), discount_percent=D("20"))])
    client.force_login(seller)
    both = {"_selected_action": [plain.pk, discounted.pk]}

    with django_capture_on_commit_callbacks(execute=True):
        rendered = client.post(QUOTES, {"action": "render_pdf", **both}, follow=True)
    assert "2 PDFs asked for" in rendered.content.decode() and len(dispatched.of("quote_pdf_render_task")) == 2

    sent = client.post(QUOTES, {"action": "send", **both}, follow=True).content.decode()
    assert "1 quote sent" in sent and f"{discounted.number}: A discount above the threshold" in sent
    offered = [name for name, _label in client.get(QUOTES).context["action_form"].fields["action"].choices]
    assert "send" in offered and "approve" not in offered
    client.post(QUOTES, {"action": "approve", **both})
    assert Quote.objects.get(pk=discounted.pk).approval == Quote.Approval.PENDING

    client.force_login(manager)
    approved = client.post(QUOTES, {"action": "approve", "_selected_action": [discounted.pk]}, follow=True)
    assert "Discounts approved on 1 quote." in approved.content.decode()
    assert Quote.objects.get(pk=discounted.pk).approval == Quote.Approval.APPROVED


def test_catalog_editors_cannot_open_the_quotes_admin(client, editor):
    client.force_login(editor)
    assert client.get(QUOTES).status_code == 403


def test_bulk_mark_spam_withdraws_the_open_quotes_of_the_leads(client, lead, seller):
    quote = make_quote(lead, seller)
    Lead.objects.filter(pk=lead.pk).update(status="contacted")  # spam is a verdict on a lead not yet qualified
    client.force_login(seller)

    action(client, "mark_spam", [lead])

    assert Lead.objects.get(pk=lead.pk).status == "spam"
    assert Quote.objects.get(pk=quote.pk).status == "withdrawn"


def test_a_quotes_emails_show_in_the_admin_and_managers_retry_the_failed_ones(client, lead, seller, manager):
    quote = make_quote(lead, seller)
    sending.quote_send(quote=quote, actor=seller)
    email = quote.notifications.get(kind=Notification.Kind.QUOTE_SENT)
    notifications.notification_fail(notification_id=email.pk, error="SMTPRecipientsRefused: no such mailbox")
    client.force_login(seller)

    page = client.get(reverse("admin:quotes_quote_change", args=[quote.pk])).content.decode()
    offered = [name for name, _label in client.get(QUOTES).context["action_form"].fields["action"].choices]
    outbox = client.get(reverse("admin:quotes_notification_changelist"), {"q": quote.number})

    assert "Quotation to the clinic" in page and "SMTPRecipientsRefused: no such mailbox" in page
    assert "retry_emails" not in offered  # sales see the failure; managers put it back
    assert list(outbox.context["cl"].queryset) == [email]

    client.force_login(manager)
    response = client.post(QUOTES, {"action": "retry_emails", "_selected_action": [quote.pk]}, follow=True)

    assert "1 email back in the outbox." in response.content.decode()
    email.refresh_from_db()
    assert email.status == "pending"
