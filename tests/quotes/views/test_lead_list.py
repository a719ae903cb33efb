"""The leads list: search on every field, filters, sorting, pagination, "mine", the URL state, bulk actions
through the pipeline's rules, permissions and a query count independent of the number of rows."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from quotes.models import Activity, ConsultationRequest, Lead
from quotes.views import workspace
from tests.factories import ConsultationRequestFactory, ContactFactory, DeviceFactory, LeadFactory, SalesUserFactory
from tests.quotes.views.workspace_data import full_lead, queries_of

pytestmark = pytest.mark.django_db

LIST = reverse("quotes:lead-list")
BULK = reverse("quotes:lead-bulk")


def names(response) -> list[str]:
    return [lead.clinic.name for lead in response.context["leads"]]


@pytest.fixture
def sol(seller):
    contact = ContactFactory(
        name="Ana García", email="ana@clinica-sol.es", phone="+34612345678", clinic__name="Clínica Sol", country="ES"
    )
    lead = LeadFactory(contact=contact, owner=seller, country="ES")
    lead.devices.add(DeviceFactory(name="Pico Laser PS-3"))
    ConsultationRequestFactory(lead=lead, contact=contact, source=ConsultationRequest.Source.API)
    return lead


@pytest.fixture
def nord(db):
    contact = ContactFactory(name="Lars Berg", email="lars@nord.se", clinic__name="Nord Hud", country="SE")
    return LeadFactory(contact=contact, owner=None, country="SE", status=Lead.Status.CONTACTED)


@pytest.mark.parametrize(
    "query", ["ana garcía", "Sol", "clinica-sol.es", "612345678", "+34 612", "PS-3", "reference"], ids=str
)
def test_search_finds_a_lead_by_name_clinic_email_phone_reference_and_device(client, seller, sol, nord, query):
    if query == "reference":
        query = sol.requests.get().reference
    client.force_login(seller)

    assert names(client.get(LIST, {"q": query})) == ["Clínica Sol"]


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"status": "contacted"}, ["Nord Hud"]),
        ({"status": ["new", "contacted"]}, ["Nord Hud", "Clínica Sol"]),
        ({"owner": "none"}, ["Nord Hud"]),
        ({"mine": "true"}, ["Clínica Sol"]),
        ({"country": "SE"}, ["Nord Hud"]),
        ({"source": "api"}, ["Clínica Sol"]),
        ({"overdue": "true"}, ["Clínica Sol"]),
        ({"created_from": "2001-01-01", "created_to": "2001-12-31"}, []),
        ({"sort": "clinic"}, ["Clínica Sol", "Nord Hud"]),
        ({"sort": "-clinic"}, ["Nord Hud", "Clínica Sol"]),
    ],
    ids=str,
)
def test_filters_and_sorting_narrow_and_order_the_list(client, seller, sol, nord, filters, expected):
    Lead.objects.filter(pk=sol.pk).update(response_due_at=timezone.now() - timedelta(hours=1))
    Lead.objects.filter(pk=nord.pk).update(last_activity_at=timezone.now() + timedelta(minutes=1))
    client.force_login(seller)

    response = client.get(LIST, filters)

    assert names(response) == expected


def test_the_owner_filter_picks_one_salesperson(client, seller, sol, nord):
    client.force_login(seller)

    assert names(client.get(LIST, {"owner": seller.pk})) == ["Clínica Sol"]


def test_values_that_do_not_parse_are_reported_and_ignored(client, seller, sol, nord):
    client.force_login(seller)

    response = client.get(LIST, {"status": "bogus", "created_from": "yesterday", "owner": "x", "page": "zz"})

    assert response.status_code == 200
    assert len(response.context["leads"]) == 2
    assert response.context["filters"].errors


def test_pages_of_25_keep_the_filters_in_their_links(client, seller):
    for n in range(30):
        LeadFactory(owner=seller, contact__clinic__name=f"Clinic {n:02d}")
    client.force_login(seller)

    first = client.get(LIST, {"mine": "true", "sort": "clinic"})
    second = client.get(LIST, {"mine": "true", "sort": "clinic", "page": 2})

    assert len(first.context["leads"]) == 25 and len(second.context["leads"]) == 5
    assert names(second)[0] == "Clinic 25"
    assert "?mine=true&amp;sort=clinic&amp;page=2" in first.content.decode()


def test_a_200_character_clinic_name_is_listed_whole(client, seller):
    LeadFactory(owner=seller, contact__clinic__name="W" * 200)
    client.force_login(seller)

    assert "W" * 200 in client.get(LIST).content.decode()


def test_bulk_assign_gives_the_ticked_leads_to_a_salesperson_and_returns_to_the_list(client, seller, sol, nord):
    olga = SalesUserFactory(username="olga", first_name="Olga", last_name="Ortiz")
    client.force_login(seller)
    back = LIST + "?" + urlencode({"status": "new", "page": "1"})

    response = client.post(BULK, {"leads": [sol.pk, nord.pk], "action": "assign", "owner": olga.pk, "next": back})

    assert response.status_code == 302 and response["Location"] == back
    assert set(Lead.objects.values_list("owner", flat=True)) == {olga.pk}
    assert Activity.objects.filter(kind=Activity.Kind.ASSIGNMENT).count() == 2


def test_bulk_status_follows_the_pipeline_and_names_the_leads_it_could_not_move(client, seller, sol, nord):
    client.force_login(seller)

    response = client.post(BULK, {"leads": [sol.pk, nord.pk], "action": "status", "status": "quoted"}, follow=True)

    sol.refresh_from_db()
    nord.refresh_from_db()
    assert (sol.status, nord.status) == (Lead.Status.NEW, Lead.Status.QUOTED)
    text = response.content.decode()
    assert "1 lead moved to quoted." in text and "cannot become quoted" in text


def test_bulk_lost_needs_a_reason_and_withdraws_open_quotes(client, seller, co2):
    lead = full_lead(owner=seller, device=co2)
    client.force_login(seller)

    refused = client.post(BULK, {"leads": [lead.pk], "action": "status", "status": "lost"}, follow=True)
    lead.refresh_from_db()
    assert lead.status == Lead.Status.QUOTED and "Say why the lead was lost." in refused.content.decode()

    client.post(BULK, {"leads": [lead.pk], "action": "status", "status": "lost", "reason": "Budget"})
    lead.refresh_from_db()
    assert lead.status == Lead.Status.LOST
    assert not lead.quotes.filter(status__in=["draft", "sent"]).exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"leads": [999], "action": "assign"}, {"action": "assign"}, {"leads": ["x"], "action": "status"}],
    ids=str,
)
def test_bad_bulk_input_changes_nothing_and_says_why(client, seller, sol, data):
    client.force_login(seller)

    response = client.post(BULK, data, follow=True)

    sol.refresh_from_db()
    assert response.status_code == 200 and sol.owner == seller and sol.status == Lead.Status.NEW
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_bulk_actions_go_back_to_this_site_only(client, seller, sol):
    client.force_login(seller)

    response = client.post(BULK, {"leads": [sol.pk], "action": "assign", "owner": seller.pk, "next": "https://x.io/"})

    assert response["Location"] == LIST


def test_editors_cannot_see_the_list_or_act_in_bulk(client, editor, sol):
    client.force_login(editor)

    assert client.get(LIST).status_code == 403
    assert client.post(BULK, {"leads": [sol.pk], "action": "assign", "owner": editor.pk}).status_code == 403


def test_the_list_query_count_is_the_same_for_one_lead_and_many(client, seller, co2, monkeypatch):
    monkeypatch.setattr(workspace, "LEADS_PER_PAGE", 50)
    full_lead(owner=seller, device=co2)
    client.force_login(seller)
    url = LIST + "?q=clinic&status=quoted&mine=true&source=form&sort=clinic"
    one = queries_of(client, url)

    for _ in range(6):
        full_lead(owner=seller, device=co2)

    assert len(client.get(url).context["leads"]) == 7
    assert queries_of(client, url) == one
