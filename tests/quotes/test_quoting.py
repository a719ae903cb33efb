"""Quotes: numbering, pricing inputs, approval, revisions, rendering, sending, the buyer's link."""

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from quotes import errors, quoting
from quotes.models import Activity, Lead, Quote, QuoteRevision
from quotes.quoting import LineData, QuoteData
from tests.factories import DeviceFactory, DeviceOptionFactory, LeadFactory, PriceTierFactory, SalesUserFactory

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def co2(db):
    device = DeviceFactory(name="Fractional CO2 Laser FX-60", sku="HC-CO2-60", list_price=D("23500"), currency="USD")
    PriceTierFactory(device=device, min_quantity=3, unit_price=D("22300"))
    DeviceOptionFactory(device=device, name="Gynecology handpiece", slug="gyn", price_delta=D("2600"))
    DeviceOptionFactory(device=device, name="Goggles", slug="goggles", price_delta=D("0"), included=True)
    return device


@pytest.fixture
def lead(db, seller):
    return LeadFactory(owner=seller, status=Lead.Status.QUALIFIED)


def data(**overrides):
    values = {
        "currency": "USD",
        "valid_until": timezone.localdate() + timedelta(days=30),
        "incoterm": "CIF",
        "incoterm_place": "Valencia",
        "freight": D("1450"),
        "tax_rate": D("21"),
    }
    return QuoteData(**(values | overrides))


def create(lead, seller, lines, **overrides):
    return quoting.quote_create(lead=lead, actor=seller, data=data(**overrides), lines=lines)


def test_quotes_are_numbered_per_year_without_gaps(lead, seller, co2):
    year = timezone.localdate().year
    first = create(lead, seller, [LineData(device=co2)])
    second = create(lead, seller, [LineData(device=co2)])
    assert (first.number, second.number) == (f"Q-{year}-00001", f"Q-{year}-00002")


def test_a_quote_that_fails_validation_takes_no_number(lead, seller, co2):
    with pytest.raises(ValidationError):
        create(lead, seller, [])
    assert create(lead, seller, [LineData(device=co2)]).number.endswith("-00001")


def test_a_rolled_back_quote_gives_its_number_back(lead, seller, co2, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(quoting, "_timeline", boom)
    with pytest.raises(RuntimeError):
        create(lead, seller, [LineData(device=co2)])
    monkeypatch.undo()
    assert create(lead, seller, [LineData(device=co2)]).number.endswith("-00001")


def test_totals_use_the_tier_price_options_discount_freight_and_tax(lead, seller, co2):
    gyn = co2.options.get(slug="gyn")
    goggles = co2.options.get(slug="goggles")
    quote = create(lead, seller, [LineData(device=co2, options=[gyn, goggles], quantity=3, discount_percent=D("5"))])

    totals = quoting.quote_totals(quote=quote)

    line = totals.lines[0]
    assert line.unit_price == D("24900.00")  # tier 22,300 + 2,600; goggles included
    assert line.gross == D("74700.00") and line.discount == D("3735.00") and line.net == D("70965.00")
    assert totals.freight == D("1450.00")
    assert totals.tax == D("15207.15")  # 21% of 72,415.00
    assert totals.total == D("87622.15")


def test_a_device_priced_on_request_needs_a_manual_price_which_is_recorded(lead, seller):
    device = DeviceFactory(list_price=None, price_on_request=True, name="Pico Pro")
    with pytest.raises(ValidationError, match="priced on request"):
        create(lead, seller, [LineData(device=device)])

    quote = create(lead, seller, [LineData(device=device, unit_price_override=D("41000"), override_reason="Launch")])

    line = quote.lines.get()
    assert (line.unit_price_override, line.override_by, line.override_reason) == (D("41000"), seller, "Launch")
    assert line.override_at is not None


def test_options_of_another_device_are_refused(lead, seller, co2):
    other_option = DeviceOptionFactory(name="Cartridge 4.5 mm")
    with pytest.raises(ValidationError, match="is not an option of"):
        create(lead, seller, [LineData(device=co2, options=[other_option])])


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"currency": "XYZ"}, "not a currency code"),
        ({"valid_until": timezone.localdate() - timedelta(days=1)}, "in the past"),
        ({"freight": D("-5")}, "cannot be negative"),
        ({"tax_rate": D("150")}, "above 100%"),
        ({"incoterm": "ZZZ"}, "not an Incoterm"),
    ],
)
def test_bad_quote_input_is_refused_and_nothing_is_saved(lead, seller, co2, overrides, message):
    with pytest.raises(ValidationError, match=message):
        create(lead, seller, [LineData(device=co2)], **overrides)
    assert not Quote.objects.exists()


def test_a_big_discount_waits_for_a_sales_manager(lead, seller, co2, settings):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    quote = create(lead, seller, [LineData(device=co2, discount_percent=D("15"))])
    assert quote.approval == Quote.Approval.PENDING

    with pytest.raises(errors.QuoteStateError, match="approval"):
        quoting.quote_send(quote=quote, actor=seller)
    with pytest.raises(errors.QuoteStateError, match="Only a sales manager"):
        quoting.quote_approve(quote=quote, actor=seller)

    manager = SalesUserFactory()
    manager.groups.add(Group.objects.get(name="Sales managers"))
    quoting.quote_approve(quote=quote, actor=manager)
    quoting.quote_send(quote=quote, actor=seller)
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.SENT


def test_sales_managers_hold_the_approval_permission_and_sales_do_not():
    approve = Permission.objects.get(codename="approve_quote")
    assert approve in Group.objects.get(name="Sales managers").permissions.all()
    assert approve not in Group.objects.get(name="Sales").permissions.all()


def test_sending_freezes_the_revision_and_editing_starts_the_next(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    sent = quoting.quote_send(quote=quote, actor=seller)
    frozen = dict(sent.snapshot)

    co2.list_price = D("99999")
    co2.save()
    quoting.quote_update(
        quote=quote, actor=seller, data=data(notes="New terms"), lines=[LineData(device=co2, quantity=2)]
    )

    quote.refresh_from_db()
    assert (quote.revision, quote.status) == (2, Quote.Status.DRAFT)
    first = QuoteRevision.objects.get(quote=quote, number=1)
    assert first.snapshot == frozen and first.snapshot["lines"][0]["unit_price"] == "23,500.00"
    assert Lead.objects.get(pk=lead.pk).status == Lead.Status.QUOTED


def test_an_accepted_quote_cannot_change(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)])
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.ACCEPTED)
    with pytest.raises(errors.QuoteStateError, match="can no longer change"):
        quoting.quote_update(quote=quote, actor=seller, data=data(), lines=[LineData(device=co2)])


def render(revision_id, task_id="task-1"):
    return quoting.quote_pdf_render_run(revision_id=revision_id, task_id=task_id)


def test_rendering_stores_a_pdf_with_size_pages_and_hash(
    lead, seller, co2, dispatched, django_capture_on_commit_callbacks
):
    quote = create(lead, seller, [LineData(device=co2, options=list(co2.options.all()), quantity=2)])
    with django_capture_on_commit_callbacks(execute=True):
        revision = quoting.quote_pdf_request(quote=quote)
    assert revision.pdf_status == QuoteRevision.PdfStatus.QUEUED and dispatched.of("quote_pdf_render_task") == [
        revision.pk
    ]

    assert render(revision.pk) == "ready"

    revision.refresh_from_db()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(revision.pdf.read())).pages)
    assert (
        revision.pdf_ready and revision.pdf_pages >= 1 and revision.pdf_size > 1000 and len(revision.pdf_sha256) == 64
    )
    for expected in [quote.number, "Fractional CO2 Laser FX-60", "Gynecology handpiece", "52,200.00"]:
        assert expected in text, expected


def test_rendering_the_same_content_twice_does_no_work(
    lead, seller, co2, dispatched, monkeypatch, django_capture_on_commit_callbacks
):
    quote = create(lead, seller, [LineData(device=co2)])
    with django_capture_on_commit_callbacks(execute=True):
        revision = quoting.quote_pdf_request(quote=quote)
    render(revision.pk)
    calls = []
    monkeypatch.setattr(quoting.pdf, "html_to_pdf", lambda *a, **k: calls.append(1))

    with django_capture_on_commit_callbacks(execute=True):
        again = quoting.quote_pdf_request(quote=quote)

    assert again.pdf_ready and dispatched.of("quote_pdf_render_task") == [revision.pk]  # nothing queued the second time
    assert render(revision.pk, "task-2") == "ready" and calls == []


def test_an_edit_after_rendering_queues_a_new_render(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = quoting.quote_pdf_request(quote=quote)
    render(revision.pk)
    quoting.quote_update(quote=quote, actor=seller, data=data(), lines=[LineData(device=co2, quantity=4)])

    again = quoting.quote_pdf_request(quote=quote)

    assert again.pk == revision.pk and again.pdf_status == QuoteRevision.PdfStatus.QUEUED
    assert render(revision.pk, "task-2") == "ready"


def test_a_second_task_waits_while_another_holds_the_render(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = quoting.quote_pdf_request(quote=quote)
    QuoteRevision.objects.filter(pk=revision.pk).update(
        pdf_status=QuoteRevision.PdfStatus.RENDERING, render_task_id="other", render_started_at=timezone.now()
    )
    with pytest.raises(errors.RenderBusy):
        render(revision.pk, "mine")


def test_a_redelivered_task_resumes_its_own_render_and_gives_up_after_repeated_crashes(lead, seller, co2, settings):
    settings.QUOTE_PDF_MAX_ATTEMPTS = 2
    quote = create(lead, seller, [LineData(device=co2)])
    revision = quoting.quote_pdf_request(quote=quote)
    QuoteRevision.objects.filter(pk=revision.pk).update(
        pdf_status=QuoteRevision.PdfStatus.RENDERING,
        render_task_id="t1",
        render_started_at=timezone.now(),
        render_attempts=1,
    )
    assert render(revision.pk, "t1") == "ready"  # the worker died once; the same message runs again

    QuoteRevision.objects.filter(pk=revision.pk).update(
        pdf_status=QuoteRevision.PdfStatus.RENDERING, render_task_id="t1", render_attempts=2, pdf_hash=""
    )
    assert render(revision.pk, "t1") == "failed"
    revision.refresh_from_db()
    assert "stopped the worker" in revision.pdf_error


def test_a_failed_render_can_be_retried(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = quoting.quote_pdf_request(quote=quote)
    quoting.quote_pdf_fail(revision_id=revision.pk, error="Rendering took too long")
    revision.refresh_from_db()
    assert revision.pdf_status == QuoteRevision.PdfStatus.FAILED and revision.pdf_error == "Rendering took too long"

    quoting.quote_pdf_retry(revision=revision)

    assert QuoteRevision.objects.get(pk=revision.pk).pdf_status == QuoteRevision.PdfStatus.QUEUED


def test_hostile_text_in_quote_fields_is_escaped_and_fetches_nothing(lead, seller, co2, dispatched):
    payload = '<img src="http://127.0.0.1:9/x.png"><link rel="attachment" href="file:///etc/passwd">'
    lead.clinic.name = payload
    lead.clinic.save()
    quote = create(
        lead,
        seller,
        [LineData(device=co2)],
        notes=payload + "<style>@import 'file:///etc/passwd';</style>",
        incoterm_place="url(file:///etc/passwd)",
    )
    revision = quoting.quote_pdf_request(quote=quote)
    render(revision.pk)
    revision.refresh_from_db()
    content = revision.pdf.read()
    assert b"/EmbeddedFile" not in content
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    assert "root:" not in text
    assert '<img src="http://127.0.0.1:9/x.png">' in text.replace("\n", "")  # shown as text, not loaded


def test_sending_emails_the_pdf_once_with_a_working_link(lead, seller, co2, client):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = quoting.quote_send(quote=quote, actor=seller)

    with pytest.raises(quoting.EmailNotReady):
        quoting.quote_email_send_run(revision_id=revision.pk)
    render(revision.pk)
    assert quoting.quote_email_send_run(revision_id=revision.pk) == "sent"
    assert quoting.quote_email_send_run(revision_id=revision.pk) == "sent"  # a second delivery sends nothing

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [lead.contact.email] and quote.number in message.subject
    assert message.attachments[0][0] == f"{quote.number}-rev1.pdf"
    link = next(word for word in message.body.split() if "/quote/" in word)
    assert client.get(link.replace("http://localhost:8000", "")).status_code == 200
    bodies = list(Activity.objects.filter(lead=lead).values_list("body", flat=True))
    assert any("sent to" in body for body in bodies) and any(body.startswith("Email") for body in bodies)


def test_a_send_whose_pdf_cannot_render_fails_readably(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = quoting.quote_send(quote=quote, actor=seller)
    quoting.quote_pdf_fail(revision_id=revision.pk, error="Rendering took longer than 90 s")
    assert quoting.quote_email_send_run(revision_id=revision.pk) == "failed"
    assert "Rendering took longer" in QuoteRevision.objects.get(pk=revision.pk).email_error


def sent_link(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = quoting.quote_send(quote=quote, actor=seller)
    render(revision.pk)
    return quote, revision, reverse("quotes:quote-public", args=[quoting.quote_link_token(revision=revision)])


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
    assert dispatched.of("quote_owner_notify_task") == [(quote.pk, "accepted")]
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
    assert dispatched.of("quote_owner_notify_task") == [(quote.pk, "declined")]


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

    quoting.quote_update(quote=quote, actor=seller, data=data(), lines=[LineData(device=co2, quantity=2)])
    superseded = client.get(url)
    assert superseded.status_code == 410 and "A newer version" in superseded.content.decode()
    assert client.post(url + "accept/", {"name": "Dr. Ruiz", "confirm": "on"}).status_code == 410


def test_an_expired_quote_can_no_longer_be_accepted(lead, seller, co2, client):
    quote, _revision, url = sent_link(lead, seller, co2)
    assert quoting.quotes_expire(today=quote.valid_until + timedelta(days=1)) == 1
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.EXPIRED
    page = client.get(url)
    assert "Expired" in page.content.decode()


def test_the_owner_is_told_once_of_an_answer(lead, seller, co2, client):
    quote, _revision, url = sent_link(lead, seller, co2)
    client.post(url + "accept/", {"name": "Dr. Elena Ruiz", "confirm": "on"})
    mail.outbox.clear()
    assert quoting.quote_owner_notify(quote_id=quote.pk, event="accepted") is True
    assert quoting.quote_owner_notify(quote_id=quote.pk, event="accepted") is False
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [seller.email]


def test_the_sweep_requeues_work_the_broker_lost(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = quoting.quote_send(quote=quote, actor=seller)
    past = timezone.now() - timedelta(minutes=10)
    QuoteRevision.objects.filter(pk=revision.pk).update(render_requested_at=past, updated_at=past)
    dispatched.clear()

    assert quoting.quotes_sweep() == {"renders": 1, "emails": 1, "notices": 0}
    assert dispatched.of("quote_pdf_render_task") == [revision.pk] and revision.pk in dispatched.of(
        "quote_email_send_task"
    )


def test_the_sweep_tells_owners_of_answers_whose_notice_was_never_queued(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    Quote.objects.filter(pk=quote.pk).update(
        status=Quote.Status.ACCEPTED, accepted_at=timezone.now() - timedelta(minutes=10)
    )
    assert quoting.quotes_sweep()["notices"] == 1
    assert dispatched.of("quote_owner_notify_task") == [(quote.pk, "accepted")]
