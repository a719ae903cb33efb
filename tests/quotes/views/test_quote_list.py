"""The quotes list: every quote with its stage (viewed and pending approval included), total, validity and last
buyer view; search, filters, the CSV export of the filtered list; permissions; constant query counts."""

import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quotes.models import Notification, Quote, QuoteRevision
from quotes.quoting import sending
from quotes.quoting.lines import LineData
from quotes.views import workspace
from tests.factories import LeadFactory, SalesUserFactory
from tests.quotes.conftest import make_quote
from tests.quotes.views.workspace_data import full_lead, queries_of

pytestmark = pytest.mark.django_db

LIST = reverse("quotes:quote-list")
EXPORT = reverse("quotes:quote-export")


def numbers(response) -> list[str]:
    return [row.quote.number for row in response.context["rows"]]


@pytest.fixture
def quotes_in_every_stage(lead, seller, co2):
    """One quote per stage, on leads of their own (a lead's lost status would withdraw all its quotes)."""

    def on_new_lead(**overrides):
        other = LeadFactory(owner=seller, status="qualified", contact__clinic__name=overrides.pop("clinic"))
        other.devices.add(co2)
        return make_quote(other, seller, overrides.pop("lines", None), **overrides)

    stages = {}
    stages["draft"] = on_new_lead(clinic="Draft Clinic")
    stages["pending_approval"] = on_new_lead(
        clinic="Pending Clinic", lines=[LineData(device=co2, discount_percent=Decimal("25"))]
    )
    for stage in ["sent", "viewed", "accepted", "declined", "expired", "withdrawn"]:
        quote = on_new_lead(clinic=f"{stage.title()} Clinic")
        sending.quote_send(quote=quote, actor=seller)
        quote.refresh_from_db()
        revision = QuoteRevision.objects.get(quote=quote, number=quote.revision)
        if stage == "viewed":
            sending.quote_view_record(quote=quote, revision=revision)
        elif stage == "accepted":
            sending.quote_accept(quote=quote, revision=revision, name="Dr. Ana", confirmed=True, ip_address=None)
        elif stage == "declined":
            sending.quote_decline(quote=quote, revision=revision, reason="")
        elif stage == "expired":
            Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
            sending.quotes_expire()
        elif stage == "withdrawn":
            sending.lead_move(lead=quote.lead, to_status="lost", actor=seller, reason="Budget")
        stages[stage] = Quote.objects.get(pk=quote.pk)
    return stages


def test_every_quote_shows_its_stage(client, seller, quotes_in_every_stage):
    client.force_login(seller)

    rows = {row.quote.number: row.quote.stage for row in client.get(LIST).context["rows"]}

    assert rows == {quote.number: stage for stage, quote in quotes_in_every_stage.items()}
    assert set(rows.values()) == set(Quote.Stage.values)


@pytest.mark.parametrize("stage", Quote.Stage.values)
def test_the_stage_filter_picks_each_stage(client, seller, quotes_in_every_stage, stage):
    client.force_login(seller)

    assert numbers(client.get(LIST, {"stage": stage})) == [quotes_in_every_stage[stage].number]


def test_the_stage_in_python_agrees_with_the_database(quotes_in_every_stage):
    annotated = {quote.pk: quote.stage for quote in Quote.objects.with_stage()}

    assert annotated == {quote.pk: Quote.objects.get(pk=quote.pk).stage for quote in quotes_in_every_stage.values()}


def test_search_by_number_clinic_contact_and_email(client, seller, quotes_in_every_stage):
    viewed = quotes_in_every_stage["viewed"]
    viewed.contact.name = "Zelda Quinn"
    viewed.contact.save()
    client.force_login(seller)

    for query in [viewed.number, "Viewed Clinic", "zelda quinn", viewed.contact.email.upper()]:
        assert numbers(client.get(LIST, {"q": query})) == [viewed.number], query


def test_mine_expiring_and_failed_filters(client, seller, lead, co2):
    sent = make_quote(lead, seller)
    sending.quote_send(quote=sent, actor=seller)
    Quote.objects.filter(pk=sent.pk).update(valid_until=timezone.localdate() + timedelta(days=3))
    other = make_quote(LeadFactory(owner=SalesUserFactory(), status="qualified"), seller, [LineData(device=co2)])
    Quote.objects.filter(pk=other.pk).update(owner=None)
    Notification.objects.filter(quote=sent).update(status=Notification.Status.FAILED, error="SMTP down")
    client.force_login(seller)

    assert numbers(client.get(LIST, {"mine": "true"})) == [sent.number]
    assert numbers(client.get(LIST, {"expiring": "true"})) == [sent.number]
    assert numbers(client.get(LIST, {"failed": "true"})) == [sent.number]
    assert numbers(client.get(LIST, {"owner": "none"})) == [other.number]


def test_the_list_shows_total_validity_and_last_buyer_view_with_its_zone(client, seller, quotes_in_every_stage):
    client.force_login(seller)

    page = client.get(LIST, {"stage": "viewed"}).content.decode()

    viewed = quotes_in_every_stage["viewed"]
    assert "USD 24,950.00" in page
    assert viewed.valid_until.strftime("%-d %b %Y") in page
    assert "1 view" in page and " UTC" in page


def test_the_export_is_the_filtered_list_as_csv(client, seller, quotes_in_every_stage):
    client.force_login(seller)

    response = client.get(EXPORT, {"stage": ["viewed", "accepted"], "sort": "number"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="quotes-')
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    expected = sorted([quotes_in_every_stage["viewed"].number, quotes_in_every_stage["accepted"].number])
    assert [row["number"] for row in rows] == expected
    viewed = next(row for row in rows if row["status"] == "Viewed")
    assert viewed["total"] == "24950.00" and viewed["views"] == "1"
    assert viewed["last_buyer_view"].endswith("+00:00")


def test_the_export_takes_every_page_not_only_the_first(client, seller, lead, monkeypatch):
    monkeypatch.setattr(workspace, "QUOTES_PER_PAGE", 2)
    for _ in range(3):
        make_quote(lead, seller)
    client.force_login(seller)

    assert len(client.get(LIST).context["rows"]) == 2
    assert len(list(csv.reader(io.StringIO(client.get(EXPORT).content.decode())))) == 4


def test_a_cell_that_looks_like_a_formula_is_exported_as_text(client, seller, lead):
    make_quote(lead, seller)
    lead.clinic.name = '=HYPERLINK("http://x")'
    lead.clinic.save()
    client.force_login(seller)

    rows = list(csv.DictReader(io.StringIO(client.get(EXPORT).content.decode())))

    assert rows[0]["clinic"].startswith("'=")


def test_editors_cannot_list_or_export_quotes(client, editor):
    client.force_login(editor)

    assert client.get(LIST).status_code == 403
    assert client.get(EXPORT).status_code == 403


@pytest.mark.parametrize("url", [LIST, EXPORT])
def test_the_query_count_is_the_same_for_one_quote_and_many(client, seller, co2, url, monkeypatch):
    monkeypatch.setattr(workspace, "QUOTES_PER_PAGE", 50)
    full_lead(owner=seller, device=co2)
    client.force_login(seller)
    filtered = url + "?q=Q-&stage=viewed&stage=draft&mine=true&sort=-viewed"
    one = queries_of(client, filtered)

    for _ in range(5):
        full_lead(owner=seller, device=co2)

    assert queries_of(client, filtered) == one
