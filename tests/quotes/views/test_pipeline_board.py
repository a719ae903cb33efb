"""The pipeline board: a column per status with its count and open quote value per currency, cards moved by
POST buttons under the lead page's rules, and a query count independent of the number of leads."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quotes.models import Activity, Lead, Quote, QuoteRevision
from quotes.quoting import sending, worklists
from quotes.quoting.lines import LineData
from tests.factories import DeviceFactory, LeadFactory
from tests.quotes.conftest import make_quote
from tests.quotes.views.workspace_data import full_lead, queries_of

pytestmark = pytest.mark.django_db

BOARD = reverse("quotes:pipeline-board")


def columns(response) -> dict:
    return {column.status: column for column in response.context["columns"]}


def test_each_status_is_a_column_with_its_count_and_open_value_per_currency(client, seller, co2):
    eur_device = DeviceFactory(list_price=Decimal("10000"), currency="EUR")
    qualified = LeadFactory(owner=seller, status=Lead.Status.QUALIFIED)
    make_quote(qualified, seller, [LineData(device=co2)])
    make_quote(qualified, seller, [LineData(device=eur_device)], currency="EUR")
    make_quote(qualified, seller, [LineData(device=co2)])
    LeadFactory(owner=seller, status=Lead.Status.NEW)
    LeadFactory(owner=None, status=Lead.Status.SPAM)
    client.force_login(seller)

    board = columns(client.get(BOARD))

    assert list(board) == ["new", "contacted", "qualified", "quoted", "won", "lost"]
    assert board["qualified"].count == 1 and board["new"].count == 1
    # Two USD drafts of 23,500 + 1,450 freight each, one EUR draft of 10,000 + 1,450; won: 3 × (22,300 + 2,600) + 1,450.
    assert board["qualified"].values == [("EUR", "11,450.00"), ("USD", "49,900.00")]
    assert board["new"].values == []


def test_won_counts_what_was_accepted(client, seller, co2):
    lead = full_lead(owner=seller, device=co2)
    quote = Quote.objects.filter(lead=lead, status="sent").get()
    revision = QuoteRevision.objects.get(quote=quote, number=quote.revision)
    sending.quote_accept(quote=quote, revision=revision, name="Dr. Ana", confirmed=True, ip_address=None)
    client.force_login(seller)

    board = columns(client.get(BOARD))

    assert board["won"].count == 1 and board["won"].values == [("USD", "76,150.00")]
    assert "accepted" in client.get(BOARD).content.decode()


def test_cards_carry_the_moves_the_lead_page_offers(client, seller):
    LeadFactory(owner=seller, status=Lead.Status.QUALIFIED, contact__clinic__name="Clínica Sol")
    client.force_login(seller)

    page = client.get(BOARD).content.decode()

    assert "Mark quoted" in page and "Mark lost…" in page and "Mark contacted" not in page


def test_a_move_button_moves_the_lead_and_returns_to_the_board(client, seller):
    lead = LeadFactory(owner=seller, status=Lead.Status.NEW)
    client.force_login(seller)

    response = client.post(
        reverse("quotes:pipeline-move", args=[lead.pk]), {"status": "contacted", "next": BOARD + "?mine=true"}
    )

    lead.refresh_from_db()
    assert response["Location"] == BOARD + "?mine=true"
    assert lead.status == Lead.Status.CONTACTED
    assert Activity.objects.filter(lead=lead, kind="status", actor=seller).exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"status": "won"}, "cannot become won"),
        ({"status": "lost"}, "Say why the lead was lost."),
        ({"status": "nonsense"}, "Choose a status"),
    ],
)
def test_a_move_the_pipeline_refuses_changes_nothing_and_says_why(client, seller, data, message):
    lead = LeadFactory(owner=seller, status=Lead.Status.NEW)
    client.force_login(seller)

    response = client.post(reverse("quotes:pipeline-move", args=[lead.pk]), data, follow=True)

    lead.refresh_from_db()
    assert lead.status == Lead.Status.NEW
    assert message in response.content.decode()


def test_editors_cannot_see_or_move(client, editor):
    lead = LeadFactory()
    client.force_login(editor)

    assert client.get(BOARD).status_code == 403
    assert client.post(reverse("quotes:pipeline-move", args=[lead.pk]), {"status": "contacted"}).status_code == 403


def test_a_column_shows_its_latest_cards_and_links_to_the_rest(client, seller, monkeypatch):
    monkeypatch.setattr(worklists, "BOARD_CARDS_PER_COLUMN", 2)
    for _ in range(3):
        LeadFactory(owner=seller, status=Lead.Status.CONTACTED)
    client.force_login(seller)

    board = columns(client.get(BOARD))

    assert board["contacted"].count == 3 and len(board["contacted"].leads) == 2 and board["contacted"].more == 1


@pytest.mark.parametrize("mine", ["", "?mine=true"])
def test_the_board_query_count_is_the_same_for_one_lead_and_many(client, seller, co2, mine):
    full_lead(owner=seller, device=co2)
    LeadFactory(owner=seller, status=Lead.Status.NEW)
    client.force_login(seller)
    one = queries_of(client, BOARD + mine)

    for _ in range(5):
        full_lead(owner=seller, device=co2)
        LeadFactory(owner=seller, status=Lead.Status.NEW)

    assert queries_of(client, BOARD + mine) == one
