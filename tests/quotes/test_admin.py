"""The leads admin: filters, search and bulk actions for sales staff; nothing for editors."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from catalog.roles import SALES
from quotes.models import ConsultationRequest, Lead
from quotes.roles import SALES_MANAGERS
from tests.factories import ConsultationRequestFactory, LeadFactory, SalesUserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:quotes_lead_changelist")


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


def test_the_dashboard_links_to_the_requests_held_as_spam(client, seller):
    held = ConsultationRequestFactory(spam_reason="links")
    ConsultationRequestFactory()
    client.force_login(seller)

    dashboard = client.get(reverse("quotes:sales-dashboard")).content.decode()
    link = reverse("admin:quotes_consultationrequest_changelist") + "?held=spam"
    response = client.get(link)

    assert f'href="{link}"' in dashboard and "1 request held as spam" in dashboard
    assert list(response.context["cl"].queryset) == [held]
