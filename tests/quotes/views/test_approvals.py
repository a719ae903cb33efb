"""Approvals: sales managers see the discounts waiting with each line's effective discount and margin, and
approve or refuse with a reason; a refused quote is not sent until it is edited."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quotes.errors import QuoteStateError
from quotes.models import Activity, Quote
from quotes.quoting import drafts, sending
from quotes.quoting.lines import LineData
from tests.factories import LeadFactory
from tests.quotes.conftest import make_quote, terms
from tests.quotes.views.workspace_data import queries_of

pytestmark = pytest.mark.django_db

APPROVALS = reverse("quotes:approval-list")


@pytest.fixture
def waiting(lead, seller, co2):
    co2.unit_cost = Decimal("14000")
    co2.save()
    # A manual price below the list: the whole difference counts as the discount.
    line = LineData(device=co2, quantity=1, unit_price_override=Decimal("18800"), override_reason="Show demo")
    return make_quote(lead, seller, [line])


def test_the_list_shows_the_effective_discount_and_the_margin(client, manager, waiting):
    client.force_login(manager)

    response = client.get(APPROVALS)

    (row,) = response.context["rows"]
    assert row.quote == waiting
    assert row.lines[0].effective_discount == Decimal("20.00") and row.lines[0].above_threshold
    # (18,800 − 14,000) / 18,800
    assert row.lines[0].margin == Decimal("25.5") and row.margin == Decimal("25.5")
    page = response.content.decode()
    assert "20.00%" in page and "25.5%" in page


def test_a_device_without_a_cost_has_no_margin(client, manager, lead, seller, co2):
    make_quote(lead, seller, [LineData(device=co2, discount_percent=Decimal("15"))])
    client.force_login(manager)

    (row,) = client.get(APPROVALS).context["rows"]

    assert row.lines[0].margin is None and row.margin is None
    assert "unknown (a cost is missing)" in client.get(APPROVALS).content.decode()


def test_approving_lets_the_quote_be_sent(client, manager, seller, waiting):
    client.force_login(manager)

    client.post(reverse("quotes:approval-decide", args=[waiting.pk]), {"decision": "approve"})

    waiting.refresh_from_db()
    assert waiting.approval == Quote.Approval.APPROVED
    assert sending.quote_send(quote=waiting, actor=seller).number == 1


def test_refusing_needs_a_reason_and_blocks_sending_until_an_edit(client, manager, seller, waiting, co2):
    client.force_login(manager)
    decide = reverse("quotes:approval-decide", args=[waiting.pk])

    without = client.post(decide, {"decision": "refuse", "reason": "  "}, follow=True)
    waiting.refresh_from_db()
    assert waiting.approval == Quote.Approval.PENDING
    assert "Say why the discounts are refused" in without.content.decode()

    client.post(decide, {"decision": "refuse", "reason": "Below our floor price"})
    waiting.refresh_from_db()
    assert (waiting.approval, waiting.refused_reason) == (Quote.Approval.REFUSED, "Below our floor price")
    assert Activity.objects.filter(quote=waiting, body__contains="refused: Below our floor price").exists()
    with pytest.raises(QuoteStateError, match="refused the discounts"):
        sending.quote_send(quote=waiting, actor=seller)
    assert "Discounts refused" in client.get(waiting.get_absolute_url()).content.decode()

    drafts.quote_update(quote=waiting, actor=seller, data=terms(), lines=[LineData(device=co2)])
    waiting.refresh_from_db()
    assert (waiting.approval, waiting.refused_reason) == (Quote.Approval.NOT_NEEDED, "")


def test_a_decision_on_a_quote_not_waiting_is_refused_with_a_message(client, manager, lead, seller):
    quote = make_quote(lead, seller)
    client.force_login(manager)

    response = client.post(
        reverse("quotes:approval-decide", args=[quote.pk]), {"decision": "refuse", "reason": "No"}, follow=True
    )

    assert "is not waiting for approval" in response.content.decode()
    quote.refresh_from_db()
    assert quote.approval == Quote.Approval.NOT_NEEDED


def test_salespeople_cannot_open_or_decide(client, seller, waiting):
    client.force_login(seller)

    assert client.get(APPROVALS).status_code == 403
    assert client.post(reverse("quotes:approval-decide", args=[waiting.pk]), {"decision": "approve"}).status_code == 403


def test_the_approvals_query_count_is_the_same_for_one_quote_and_many(client, manager, seller, co2):
    co2.unit_cost = Decimal("14000")
    co2.save()

    def waiting_quote():
        lead = LeadFactory(owner=seller, status="qualified")
        line = LineData(device=co2, options=list(co2.options.all()), quantity=3, discount_percent=Decimal("20"))
        make_quote(lead, seller, [line, line])

    waiting_quote()
    client.force_login(manager)
    one = queries_of(client, APPROVALS)

    for _ in range(4):
        waiting_quote()

    assert len(client.get(APPROVALS).context["rows"]) == 5
    assert queries_of(client, APPROVALS) == one
