"""Every quote action from every lead status: it works, or it says why (a message on the page, 409 from
the API), never a server error; through the use cases, the staff and buyer pages, the API and the admin.

What decides: drafting a quote (create, edit, approve, send) needs an open lead; the clinic's side
of a sent quote (send again, accept, decline) holds while the lead is open or won, and is withdrawn
once it is lost or spam; rendering and expiry work whatever the lead.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from quotes.errors import QuoteStateError
from quotes.models import Lead, Quote, QuoteRevision
from quotes.quoting import drafts, rendering, sending
from quotes.quoting.lines import LineData
from tests.quotes.conftest import make_quote, terms

pytestmark = pytest.mark.django_db

STATUSES = Lead.Status.values
OPEN = set(Lead.OPEN_STATUSES)
ACTIONS = ["create", "edit", "render", "approve", "send", "resend", "accept", "decline", "expire"]


def allowed(action: str, status: str) -> bool:
    if action in ("create", "edit", "approve", "send"):
        return status in OPEN
    if action in ("resend", "accept", "decline"):
        return status not in (Lead.Status.LOST, Lead.Status.SPAM)
    return True  # render, expire


def given(action: str, status: str, *, lead, seller, manager) -> Quote | None:
    """The quote an action needs (made while the lead was open), then the lead moved to `status` by any route."""
    quote = None
    if action in ("edit", "render", "send"):
        quote = make_quote(lead, seller)
    elif action == "approve":
        quote = make_quote(lead, seller, [LineData(device=lead.devices.first(), discount_percent=Decimal("20"))])
    elif action in ("resend", "accept", "decline", "expire"):
        quote = make_quote(lead, seller)
        sending.quote_send(quote=quote, actor=seller)
        if action == "expire":
            Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    Lead.objects.filter(pk=lead.pk).update(status=status, lost_reason="Budget" if status == Lead.Status.LOST else "")
    lead.refresh_from_db()
    return Quote.objects.get(pk=quote.pk) if quote else None


def link(quote: Quote) -> str:
    revision = QuoteRevision.objects.get(quote=quote, number=quote.revision)
    return reverse("quotes:quote-public", args=[sending.quote_link_token(revision=revision)])


# --- The use cases ---------------------------------------------------------------------------


def run(action: str, *, quote, lead, seller, manager):
    if action == "create":
        return drafts.quote_create(lead=lead, actor=seller, data=terms(), lines=[LineData(device=lead.devices.first())])
    if action == "edit":
        return drafts.quote_update(
            quote=quote,
            actor=seller,
            data=terms(notes="New terms"),
            lines=[LineData(device=lead.devices.first(), quantity=2)],
        )
    if action == "render":
        return rendering.quote_pdf_request(quote=quote)
    if action == "approve":
        return drafts.quote_approve(quote=quote, actor=manager)
    if action == "send":
        return sending.quote_send(quote=quote, actor=seller)
    if action == "resend":
        return sending.quote_resend(quote=quote, actor=seller)
    revision = QuoteRevision.objects.get(quote=quote, number=quote.revision)
    if action == "accept":
        return sending.quote_accept(
            quote=quote, revision=revision, name="Dr. Ana García", confirmed=True, ip_address=None
        )
    if action == "decline":
        return sending.quote_decline(quote=quote, revision=revision, reason="Budget moved")
    return sending.quotes_expire()


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_from_every_lead_status_works_or_is_refused_with_a_reason(
    action, status, lead, seller, manager, dispatched
):
    quote = given(action, status, lead=lead, seller=seller, manager=manager)

    if allowed(action, status):
        run(action, quote=quote, lead=lead, seller=seller, manager=manager)
    else:
        with pytest.raises(QuoteStateError) as refused:
            run(action, quote=quote, lead=lead, seller=seller, manager=manager)
        assert f"The lead is {Lead.Status(status).label.lower()}" in str(refused.value) or "withdrawn" in str(
            refused.value
        )
        if quote is not None:
            assert Quote.objects.get(pk=quote.pk).status == quote.status  # nothing changed

    lead.refresh_from_db()
    if action == "send" and allowed(action, status):
        assert lead.status == Lead.Status.QUOTED
    elif action == "accept" and allowed(action, status):
        assert lead.status == Lead.Status.WON
    else:
        assert lead.status == status


# --- The staff pages and the buyer's page ----------------------------------------------------


def page(client, action: str, *, quote, lead):
    """The page request for an action: the editor opens, or the answer redirects with a message."""
    if action == "create":
        return client.get(f"{reverse('quotes:quote-create')}?lead={lead.pk}")
    if action == "edit":
        return client.get(reverse("quotes:quote-edit", args=[quote.pk]))
    if action in ("accept", "decline"):
        answer = {"name": "Dr. Ana García", "confirm": "on"} if action == "accept" else {"reason": "Budget moved"}
        return client.post(link(quote) + f"{action}/", answer)
    return client.post(reverse(f"quotes:quote-{action}", args=[quote.pk]))


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", [action for action in ACTIONS if action != "expire"])
def test_every_page_action_from_every_lead_status_answers_with_a_page_never_an_error(
    action, status, client, lead, seller, manager, dispatched
):
    quote = given(action, status, lead=lead, seller=seller, manager=manager)
    client.force_login(manager)

    response = page(client, action, quote=quote, lead=lead)

    said = [(message.level_tag, str(message)) for message in get_messages(response.wsgi_request)]
    if action in ("create", "edit"):
        # The editor opens, or the page it sends back to says why not.
        assert response.status_code == (200 if allowed(action, status) else 302)
        assert ("error" in {level for level, _ in said}) != allowed(action, status)
    else:
        assert response.status_code == 302
        (level, text), *_ = said or [("", "")]
        assert level == ("success" if allowed(action, status) else "error"), said
        if not allowed(action, status):
            assert "withdrawn" in text or "reopen" in text or "The lead is" in text


# --- The API ---------------------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES)
def test_the_api_creates_and_renders_from_every_lead_status_or_answers_409(status, lead, seller, manager, co2):
    api = APIClient()
    api.force_login(seller)
    quote = given("render", status, lead=lead, seller=seller, manager=manager)

    created = api.post("/api/v1/quotes/", {"lead": str(lead.public_id), "lines": [{"device": co2.slug}]}, format="json")
    rendered = api.post(f"/api/v1/quotes/{quote.public_id}/render/")

    assert created.status_code == (201 if status in OPEN else 409), created.content
    if status not in OPEN:
        assert created.json()["error"]["code"] == "conflict"
    assert rendered.status_code == 202


# --- The admin's actions ---------------------------------------------------------------------


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ["render_pdf", "send", "resend", "approve"])
def test_every_admin_action_from_every_lead_status_reports_what_it_did(
    action, status, client, lead, seller, manager, dispatched
):
    setup = {"render_pdf": "render", "send": "send", "resend": "resend", "approve": "approve"}[action]
    quote = given(setup, status, lead=lead, seller=seller, manager=manager)
    client.force_login(manager)

    response = client.post(reverse("admin:quotes_quote_changelist"), {"action": action, "_selected_action": [quote.pk]})

    assert response.status_code == 302
    levels = {message.level_tag for message in get_messages(response.wsgi_request)}
    assert levels == ({"info"} if allowed(setup, status) else {"warning"})
