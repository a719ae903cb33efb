"""Sending and the buyer's answer: the email, the signed link, accept, decline, expiry, the owner's notice."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from quotes import errors
from quotes.leads import notifications
from quotes.models import Activity, Lead, Notification, Quote, QuoteRevision
from quotes.quoting import drafts, rendering, sending
from quotes.quoting.lines import LineData
from tests.factories import LeadFactory
from tests.quotes.quoting.conftest import create, data, render, sent_link

pytestmark = pytest.mark.django_db


def test_sending_emails_the_pdf_once_with_a_working_link(lead, seller, co2, client):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = sending.quote_send(quote=quote, actor=seller)
    email = quote.notifications.get(kind=Notification.Kind.QUOTE_SENT)
    assert (email.revision, email.recipient, email.status) == (revision, lead.contact.email, "pending")

    with pytest.raises(errors.AttachmentNotReady):  # the task waits for the PDF
        notifications.notification_send(notification_id=email.pk)
    render(revision.pk)
    assert notifications.notification_send(notification_id=email.pk) is True
    assert notifications.notification_send(notification_id=email.pk) is False  # a second delivery sends nothing

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [lead.contact.email] and quote.number in message.subject
    assert message.reply_to == [seller.email]
    assert message.attachments[0][0] == f"{quote.number}-rev1.pdf"
    assert message.attachments[0][1] == QuoteRevision.objects.get(pk=revision.pk).pdf.read()
    link = next(word for word in message.body.split() if "/quote/" in word)
    assert client.get(link.replace("http://localhost:8000", "")).status_code == 200
    email.refresh_from_db()
    assert email.status == "sent" and email.send_attempts == 1 and email.subject == message.subject
    assert Activity.objects.filter(lead=lead, kind="quote", quote=quote, body__contains="sent to").exists()
    assert Activity.objects.filter(lead=lead, kind="email", quote=quote, notification=email).count() == 1


def test_a_send_whose_pdf_cannot_render_fails_readably(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = sending.quote_send(quote=quote, actor=seller)
    rendering.quote_pdf_fail(revision_id=revision.pk, error="Rendering took longer than 90 s")
    email = quote.notifications.get(kind=Notification.Kind.QUOTE_SENT)

    assert notifications.notification_send(notification_id=email.pk) is False

    email.refresh_from_db()
    assert email.status == "failed"
    assert email.error == "The PDF could not be rendered: Rendering took longer than 90 s"
    assert mail.outbox == []
    assert Activity.objects.filter(kind="email", quote=quote, body__contains="could not be sent").exists()


def test_the_buyer_accepts_online_and_the_lead_is_won(
    lead, seller, co2, client, dispatched, django_capture_on_commit_callbacks
):
    quote, _revision, url = sent_link(lead, seller, co2)
    page = client.get(url)
    assert page.status_code == 200 and quote.number in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url + "accept/", {"name": "Dr. Elena Ruiz", "confirm": "on"}, REMOTE_ADDR="203.0.113.7")

    assert response.status_code == 302
    quote.refresh_from_db()
    assert (quote.status, quote.accepted_name, quote.accepted_ip) == (
        Quote.Status.ACCEPTED,
        "Dr. Elena Ruiz",
        "203.0.113.7",
    )
    assert Lead.objects.get(pk=lead.pk).status == Lead.Status.WON
    notice = quote.notifications.get(kind=Notification.Kind.QUOTE_ACCEPTED)
    assert notice.recipient == seller.email and notice.pk in dispatched.of("notification_send_task")
    assert client.get(url + "pdf/")["Content-Type"] == "application/pdf"


def test_accepting_needs_a_name_and_the_confirmation(lead, seller, co2, client):
    quote, _revision, url = sent_link(lead, seller, co2)
    response = client.post(url + "accept/", {"name": "", "confirm": ""})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Type your full name" in body and "Tick the box" in body
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.SENT


def test_the_buyer_can_decline_with_a_reason(lead, seller, co2, client, dispatched, django_capture_on_commit_callbacks):
    quote, _revision, url = sent_link(lead, seller, co2)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url + "decline/", {"reason": "Budget moved to next year"})
    quote.refresh_from_db()
    assert (quote.status, quote.declined_reason) == (Quote.Status.DECLINED, "Budget moved to next year")
    notice = quote.notifications.get(kind=Notification.Kind.QUOTE_DECLINED)
    assert notice.recipient == seller.email and notice.pk in dispatched.of("notification_send_task")


def test_tampered_expired_and_superseded_links_get_a_clear_page_never_another_quote(
    lead, seller, co2, client, settings, monkeypatch
):
    quote, _revision, url = sent_link(lead, seller, co2)
    other, _, _other_url = sent_link(LeadFactory(owner=seller, status=Lead.Status.QUALIFIED), seller, co2)

    tampered = client.get(url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:])
    assert tampered.status_code == 404 and "This link is not valid" in tampered.content.decode()
    assert other.number not in tampered.content.decode()

    import time as time_module

    real_time = time_module.time
    monkeypatch.setattr("django.core.signing.time.time", lambda: real_time() + 61 * 86400)
    expired = client.get(url)
    assert expired.status_code == 410 and "This link has expired" in expired.content.decode()
    monkeypatch.undo()

    drafts.quote_update(quote=quote, actor=seller, data=data(), lines=[LineData(device=co2, quantity=2)])
    superseded = client.get(url)
    assert superseded.status_code == 410 and "A newer version" in superseded.content.decode()
    assert client.post(url + "accept/", {"name": "Dr. Ruiz", "confirm": "on"}).status_code == 410


def test_an_expired_quote_can_no_longer_be_accepted(lead, seller, co2, client):
    quote, _revision, url = sent_link(lead, seller, co2)
    assert sending.quotes_expire(today=quote.valid_until + timedelta(days=1)) == 1
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.EXPIRED
    page = client.get(url)
    assert "Expired" in page.content.decode()


def test_the_owner_is_told_once_of_an_answer(lead, seller, co2, client):
    quote, _revision, url = sent_link(lead, seller, co2)
    client.post(url + "accept/", {"name": "Dr. Elena Ruiz", "confirm": "on"})
    notice = quote.notifications.get(kind=Notification.Kind.QUOTE_ACCEPTED)
    mail.outbox.clear()

    assert notifications.notification_send(notification_id=notice.pk) is True
    assert notifications.notification_send(notification_id=notice.pk) is False

    assert len(mail.outbox) == 1 and mail.outbox[0].to == [seller.email]
    assert mail.outbox[0].subject == f"{quote.number} accepted by {quote.clinic.name}"
    assert "Accepted by: Dr. Elena Ruiz" in mail.outbox[0].body


def test_an_answer_notice_whose_publish_was_lost_is_sent_by_the_outbox_sweep(lead, seller, co2, client, dispatched):
    quote, _revision, url = sent_link(lead, seller, co2)
    client.post(url + "accept/", {"name": "Dr. Elena Ruiz", "confirm": "on"})  # its commit hook never runs here
    notice = quote.notifications.get(kind=Notification.Kind.QUOTE_ACCEPTED)
    assert notice.status == "pending" and dispatched.of("notification_send_task") == []

    notifications.notifications_relay()

    assert notice.pk in dispatched.of("notification_send_task")


def test_bulk_status_changes_report_the_leads_they_could_not_move(seller):
    movable, final = LeadFactory(owner=seller), LeadFactory(owner=seller, status="won")

    moved, problems = sending.leads_move(leads=[movable, final], to_status="spam", actor=seller)

    assert moved == 1
    assert len(problems) == 1 and "cannot become spam" in problems[0]


# --- The lead moves with its quotes ----------------------------------------------------------


@pytest.mark.parametrize("status", ["new", "contacted", "qualified"])
def test_sending_moves_a_lead_not_yet_quoted_to_quoted_on_its_timeline(status, lead, seller, co2):
    Lead.objects.filter(pk=lead.pk).update(status=status)
    quote = create(lead, seller, [LineData(device=co2)])

    sending.quote_send(quote=quote, actor=seller)

    lead.refresh_from_db()
    move = lead.activities.get(kind="status")
    assert lead.status == "quoted"
    assert (move.from_status, move.to_status, move.actor) == (status, "quoted", seller)
    assert lead.activities.get(kind="quote", body__contains="sent to").quote == quote
    if status == "new":
        assert lead.first_response_at is not None  # a quotation is a response


def test_sending_a_second_quote_leaves_a_quoted_lead_quoted(lead, seller, co2):
    sending.quote_send(quote=create(lead, seller, [LineData(device=co2)]), actor=seller)

    sending.quote_send(quote=create(lead, seller, [LineData(device=co2)]), actor=seller)

    lead.refresh_from_db()
    assert lead.status == "quoted" and lead.activities.filter(kind="status").count() == 1


@pytest.mark.parametrize("status", ["lost", "spam"])
def test_losing_a_lead_withdraws_its_open_quotes_and_leaves_the_answered_ones(status, lead, seller, co2, client):
    draft = create(lead, seller, [LineData(device=co2)])
    sent, _revision, url = sent_link(lead, seller, co2)
    declined, _, declined_url = sent_link(lead, seller, co2)
    client.post(declined_url + "decline/", {"reason": "Too dear"})
    Lead.objects.filter(pk=lead.pk).update(status="contacted" if status == "spam" else "quoted")
    lead.refresh_from_db()

    sending.lead_move(lead=lead, to_status=status, actor=seller, reason="Bought elsewhere")

    statuses = dict(Quote.objects.values_list("pk", "status"))
    assert (statuses[draft.pk], statuses[sent.pk], statuses[declined.pk]) == ("withdrawn", "withdrawn", "declined")
    withdrawn = lead.activities.filter(kind="quote", body__contains="withdrawn")
    assert {entry.quote_id for entry in withdrawn} == {draft.pk, sent.pk}

    # The clinic's link says so and offers contact; accepting is no longer possible.
    page = client.get(url).content.decode()
    assert "This quotation was withdrawn" in page and reverse("quotes:consultation-create") in page
    assert "Accept quotation" not in page
    answer = client.post(url + "accept/", {"name": "Dr. Ana García", "confirm": "on"}, follow=True)
    assert "This quotation was withdrawn; contact us for a new one." in answer.content.decode()
    assert (
        Quote.objects.get(pk=sent.pk).status == "withdrawn"
        and not Notification.objects.filter(kind=Notification.Kind.QUOTE_ACCEPTED).exists()
    )


def test_a_lead_lost_by_another_route_still_refuses_the_clinics_acceptance(lead, seller, co2, client):
    quote, _revision, url = sent_link(lead, seller, co2)
    Lead.objects.filter(pk=lead.pk).update(status="lost", lost_reason="Budget")

    page = client.get(url).content.decode()
    answer = client.post(url + "accept/", {"name": "Dr. Ana García", "confirm": "on"}, follow=True)

    assert "This quotation was withdrawn" in page and "Accept quotation" not in page
    assert "This quotation was withdrawn" in answer.content.decode()
    assert Quote.objects.get(pk=quote.pk).status == "sent" and Lead.objects.get(pk=lead.pk).status == "lost"


def test_a_reopened_lead_can_offer_its_withdrawn_quote_again_as_a_new_revision(lead, seller, co2):
    quote, _revision, _url = sent_link(lead, seller, co2)
    lead.refresh_from_db()
    sending.lead_move(lead=lead, to_status="lost", actor=seller, reason="Budget")
    sending.lead_move(lead=lead, to_status="contacted", actor=seller)

    drafts.quote_update(quote=quote, actor=seller, data=data(), lines=[LineData(device=co2, quantity=2)])

    quote.refresh_from_db()
    assert (quote.status, quote.revision) == ("draft", 2)


# --- Sending again, and retrying a failed email ------------------------------------------------


def test_sending_again_queues_a_new_email_of_the_same_revision(lead, seller, co2, dispatched):
    quote, revision, _url = sent_link(lead, seller, co2)

    again = sending.quote_resend(quote=quote, actor=seller)

    emails = list(quote.notifications.filter(kind=Notification.Kind.QUOTE_SENT).order_by("pk"))
    assert len(emails) == 2 and emails[1] == again and again.revision == revision
    assert notifications.notification_send(notification_id=again.pk) is True
    assert mail.outbox[-1].attachments[0][0] == f"{quote.number}-rev1.pdf"
    assert lead.activities.filter(kind="quote", quote=quote, body__contains="sent again").exists()
    draft = create(lead, seller, [LineData(device=co2)])
    with pytest.raises(errors.QuoteStateError, match="only a sent quote is sent again"):
        sending.quote_resend(quote=draft, actor=seller)


def test_a_failed_quote_email_goes_back_in_the_outbox_and_only_a_failed_one(lead, seller, co2, dispatched):
    quote, _revision, _url = sent_link(lead, seller, co2)
    email = quote.notifications.get(kind=Notification.Kind.QUOTE_SENT)
    with pytest.raises(errors.QuoteStateError, match="Only a failed email"):
        sending.quote_email_retry(quote=quote, notification_id=email.pk)
    notifications.notification_fail(notification_id=email.pk, error="SMTPRecipientsRefused: no such mailbox")

    assert sending.quote_email_retry(quote=quote, notification_id=email.pk) == 1

    email.refresh_from_db()
    assert email.status == "pending" and email.error == ""
    other, _, _ = sent_link(LeadFactory(owner=seller, status=Lead.Status.QUALIFIED), seller, co2)
    with pytest.raises(errors.QuoteStateError):  # another quote's email is not this quote's to retry
        sending.quote_email_retry(quote=other, notification_id=email.pk)
