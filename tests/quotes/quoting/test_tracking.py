"""The buyer's side: opening the link records a view (the first tells the owner once, later ones are counted,
staff previews are not); the send shows its email first; acceptance keeps its evidence and sends a receipt."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from quotes.leads import notifications
from quotes.models import Activity, Notification, Quote, QuoteRevision
from quotes.quoting import drafts, rendering, sending
from quotes.quoting.lines import LineData
from tests.quotes.conftest import make_quote, terms

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(lead, seller):
    quote = make_quote(lead, seller)
    sending.quote_send(quote=quote, actor=seller)
    quote.refresh_from_db()
    return quote


def link(quote) -> str:
    revision = QuoteRevision(quote_id=quote.pk, number=quote.revision)
    return reverse("quotes:quote-public", args=[sending.quote_link_token(revision=revision)])


def test_the_first_view_is_recorded_on_the_timeline_and_tells_the_owner_once(client, sent, seller):
    client.get(link(sent))
    client.get(link(sent))
    client.get(link(sent))

    sent.refresh_from_db()
    assert sent.view_count == 3 and sent.first_viewed_at <= sent.last_viewed_at
    assert sent.stage == Quote.Stage.VIEWED
    notices = Notification.objects.filter(kind=Notification.Kind.QUOTE_VIEWED)
    assert [(n.recipient, n.quote_id) for n in notices] == [(seller.email, sent.pk)]
    assert Activity.objects.filter(quote=sent, body__contains="opened").count() == 1


def test_the_owner_gets_the_first_view_notice_by_email_with_its_time_zone(client, sent, seller):
    client.get(link(sent))
    notice = Notification.objects.get(kind=Notification.Kind.QUOTE_VIEWED)

    notifications.notification_send(notification_id=notice.pk)

    message = mail.outbox[-1]
    assert message.to == [seller.email] and message.subject == f"{sent.clinic.name} opened {sent.number}"
    assert " UTC" in message.body and sent.get_absolute_url() in message.body


def test_staff_previews_do_not_count(client, sent, seller):
    client.force_login(seller)

    page = client.get(link(sent)).content.decode()

    sent.refresh_from_db()
    assert sent.view_count == 0 and sent.first_viewed_at is None
    assert "Staff preview" in page
    assert not Notification.objects.filter(kind=Notification.Kind.QUOTE_VIEWED).exists()


def test_views_of_a_quote_no_longer_sent_are_not_counted(client, sent):
    Quote.objects.filter(pk=sent.pk).update(status=Quote.Status.DECLINED)

    client.get(link(sent))

    sent.refresh_from_db()
    assert sent.view_count == 0


def test_sending_the_next_revision_counts_its_views_afresh(client, sent, seller, co2):
    client.get(link(sent))
    drafts.quote_update(quote=sent, actor=seller, data=terms(), lines=[LineData(device=co2, quantity=2)])
    sending.quote_send(quote=Quote.objects.get(pk=sent.pk), actor=seller)
    sent.refresh_from_db()
    assert (sent.view_count, sent.first_viewed_at, sent.stage) == (0, None, Quote.Stage.SENT)

    client.get(link(sent))

    assert Notification.objects.filter(kind=Notification.Kind.QUOTE_VIEWED).count() == 2


def test_the_quote_page_and_lead_page_show_the_views(client, sent, seller):
    client.get(link(sent))
    client.get(link(sent))
    client.force_login(seller)

    quote_page = client.get(sent.get_absolute_url()).content.decode()
    lead_page = client.get(sent.lead.get_absolute_url()).content.decode()

    assert "The clinic opened revision 1" in quote_page and "2 views" in quote_page
    assert "viewed 2×" in lead_page and "opened" in lead_page


# --- Send with a preview ----------------------------------------------------------------------------


def test_send_shows_the_email_that_will_go_out_and_sends_only_on_confirmation(client, lead, seller):
    quote = make_quote(lead, seller)
    client.force_login(seller)

    preview = client.get(reverse("quotes:quote-send", args=[quote.pk]))

    email = preview.context["email"]
    assert email.recipient == quote.contact.email and email.problem == ""
    assert quote.number in email.subject and email.attachment == f"{quote.number}-rev1.pdf"
    assert "/quote/" in email.body
    quote.refresh_from_db()
    assert quote.status == Quote.Status.DRAFT and not Notification.objects.filter(quote=quote).exists()

    client.post(reverse("quotes:quote-send", args=[quote.pk]))

    quote.refresh_from_db()
    sent_email = Notification.objects.get(quote=quote, kind=Notification.Kind.QUOTE_SENT)
    assert quote.status == Quote.Status.SENT
    assert sent_email.context["quote"] == {
        "number": quote.number,
        "revision": 1,
        "clinic": quote.clinic.name,
        "contact_name": quote.contact.name,
    }


def test_the_preview_says_why_a_quote_cannot_be_sent_and_offers_no_button(client, lead, seller, co2):
    quote = make_quote(lead, seller, [LineData(device=co2, discount_percent=Decimal("40"))])
    client.force_login(seller)

    response = client.get(reverse("quotes:quote-send", args=[quote.pk]))

    assert "approval" in response.context["email"].problem
    assert f'action="{reverse("quotes:quote-send", args=[quote.pk])}"' not in response.content.decode()


def test_the_quote_page_send_button_opens_the_preview(client, lead, seller):
    quote = make_quote(lead, seller)
    client.force_login(seller)

    page = client.get(quote.get_absolute_url()).content.decode()

    assert f'href="{reverse("quotes:quote-send", args=[quote.pk])}"' in page


# --- Acceptance evidence ----------------------------------------------------------------------------


def test_acceptance_keeps_name_po_time_ip_and_the_revision_hash(client, sent):
    revision = QuoteRevision.objects.get(quote=sent, number=1)

    client.post(
        reverse("quotes:quote-accept", args=[sending.quote_link_token(revision=revision)]),
        {"name": "Dr. Ana García", "po_number": " PO-2026-118 ", "confirm": "on"},
        REMOTE_ADDR="203.0.113.9",
    )

    sent.refresh_from_db()
    assert (sent.accepted_name, sent.accepted_po_number, sent.accepted_ip) == (
        "Dr. Ana García",
        "PO-2026-118",
        "203.0.113.9",
    )
    assert sent.accepted_revision_hash == revision.content_hash and len(revision.content_hash) == 64
    assert abs(sent.accepted_at - timezone.now()) < timedelta(minutes=1)


def test_a_po_number_too_long_is_refused_beside_its_field(client, sent):
    revision = QuoteRevision.objects.get(quote=sent, number=1)

    response = client.post(
        reverse("quotes:quote-accept", args=[sending.quote_link_token(revision=revision)]),
        {"name": "Dr. Ana García", "po_number": "P" * 61, "confirm": "on"},
    )

    assert response.status_code == 400
    assert "Keep the purchase-order number to 60 characters." in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == Quote.Status.SENT


def test_the_receipt_is_emailed_to_the_buyer_with_the_pdf_and_shown_to_staff(client, sent, seller, settings):
    revision = QuoteRevision.objects.get(quote=sent, number=1)
    rendering.quote_pdf_render(revision_id=revision.pk, task_id="test")
    sending.quote_accept(
        quote=sent, revision=revision, name="Dr. Ana García", confirmed=True, ip_address="203.0.113.9", po_number="PO-7"
    )
    receipt = Notification.objects.get(kind=Notification.Kind.QUOTE_RECEIPT)

    notifications.notification_send(notification_id=receipt.pk)

    message = mail.outbox[-1]
    assert message.to == [sent.contact.email]
    assert message.subject == f"Acceptance receipt: {sent.number} revision 1"
    assert message.attachments[0][0] == f"{sent.number}-rev1.pdf"
    for evidence in ["Dr. Ana García", "PO-7", "203.0.113.9", revision.content_hash, " UTC"]:
        assert evidence in message.body, evidence
    client.force_login(seller)
    staff_page = client.get(sent.get_absolute_url()).content.decode()
    assert "Accepted: the evidence" in staff_page and revision.content_hash in staff_page and "PO-7" in staff_page
