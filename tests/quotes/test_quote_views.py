"""The staff quote pages: editor, preview, quote page, actions, status polling, the admin.

The quoting services have their exhaustive tests in test_quoting.py; these check that the
pages parse, call them, show their answers and keep a constant number of queries.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from quotes import quoting
from quotes.models import Activity, Lead, Quote, QuoteRevision
from quotes.quoting import LineData, QuoteData
from quotes.roles import SALES_MANAGERS
from tests.factories import (
    DeviceFactory,
    DeviceOptionFactory,
    LeadFactory,
    PriceTierFactory,
    SalesUserFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
D = Decimal
NEW = reverse("quotes:quote-create")
PREVIEW = reverse("quotes:quote-preview")


@pytest.fixture
def co2(db):
    device = DeviceFactory(name="Fractional CO2 Laser FX-60", sku="HC-CO2-60", list_price=D("23500"), currency="USD")
    PriceTierFactory(device=device, min_quantity=3, unit_price=D("22300"))
    DeviceOptionFactory(device=device, name="Gynecology handpiece", slug="gyn", price_delta=D("2600"))
    DeviceOptionFactory(device=device, name="Safety goggles", slug="goggles", price_delta=D("0"), included=True)
    return device


@pytest.fixture
def lead(db, seller, co2):
    lead = LeadFactory(owner=seller, status=Lead.Status.QUALIFIED)
    lead.devices.add(co2)
    return lead


@pytest.fixture
def manager(db):
    user = SalesUserFactory(username="maria", first_name="María", last_name="Manager")
    user.groups.add(Group.objects.get(name=SALES_MANAGERS))
    return user


def terms(**overrides) -> QuoteData:
    values = {"valid_until": timezone.localdate() + timedelta(days=30), "incoterm": "CIF", "freight": D("1450")}
    return QuoteData(**(values | overrides))


def make_quote(lead, seller, lines=None, **overrides) -> Quote:
    device = lead.devices.first()
    return quoting.quote_create(
        lead=lead, actor=seller, data=terms(**overrides), lines=lines or [LineData(device=device)]
    )


def editor_post(lines, **fields) -> dict:
    """An editor form as the browser posts it; `lines` are dicts of line fields."""
    data = {
        "currency": "USD",
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "incoterm": "CIF",
        "incoterm_place": "Valencia",
        "freight": "1450",
        "tax_rate": "21",
        "payment_terms": "30% with the order, 70% before shipment.",
        "notes": "",
        "lines-TOTAL_FORMS": str(len(lines)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "200",
        "save": "1",
    }
    for index, line in enumerate(lines):
        values = {"quantity": "1", "discount_percent": "0", "unit_price_override": "", "override_reason": ""} | line
        for key, value in values.items():
            data[f"lines-{index}-{key}"] = value
    return data | fields


def co2_line(co2, **values) -> dict:
    return {"device": str(co2.pk), "options": [str(o.pk) for o in co2.options.all()]} | values


# --- Who may see what ----------------------------------------------------------------------


def staff_urls(quote) -> list[tuple[str, str]]:
    return [
        ("get", reverse("quotes:quote-detail", args=[quote.pk])),
        ("get", reverse("quotes:quote-edit", args=[quote.pk])),
        ("get", f"{NEW}?lead={quote.lead_id}"),
        ("get", reverse("quotes:quote-status", args=[quote.pk])),
        ("get", reverse("quotes:quote-device-options", args=[quote.lines.first().device_id])),
        ("post", PREVIEW),
        ("post", reverse("quotes:quote-render", args=[quote.pk])),
        ("post", reverse("quotes:quote-send", args=[quote.pk])),
        ("post", reverse("quotes:quote-approve", args=[quote.pk])),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, lead, seller):
    quote = make_quote(lead, seller)
    for method, url in staff_urls(quote):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


def test_catalog_editors_get_403_everywhere(client, lead, seller, editor):
    quote = make_quote(lead, seller)
    client.force_login(editor)
    for method, url in staff_urls(quote):
        assert getattr(client, method)(url).status_code == 403, url
    assert Quote.objects.get().status == Quote.Status.DRAFT


def test_sales_staff_open_the_quote_pages(client, lead, seller):
    quote = make_quote(lead, seller)
    client.force_login(SalesUserFactory())
    for method, url in staff_urls(quote)[:5]:
        assert getattr(client, method)(url).status_code == 200, url


def test_superusers_open_the_quote_pages(client, lead, seller):
    quote = make_quote(lead, seller)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(quote.get_absolute_url()).status_code == 200


def test_only_sales_managers_approve_discounts(client, lead, seller, manager, settings):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    quote = make_quote(lead, seller, [LineData(device=lead.devices.first(), discount_percent=D("15"))])
    url = reverse("quotes:quote-approve", args=[quote.pk])
    client.force_login(seller)
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "Waiting for a sales manager" in page and "Approve discounts" not in page
    assert client.post(url).status_code == 403

    client.force_login(manager)
    assert "Approve discounts" in client.get(quote.get_absolute_url()).content.decode()
    response = client.post(url, follow=True)

    assert f"Discounts on {quote.number} approved" in response.content.decode()
    quote.refresh_from_db()
    assert (quote.approval, quote.approved_by) == (Quote.Approval.APPROVED, manager)


# --- The lead page -------------------------------------------------------------------------


def test_the_lead_page_lists_its_quotes_with_total_status_and_pdf(
    client, lead, seller, django_capture_on_commit_callbacks
):
    quote = make_quote(lead, seller, tax_rate=D("21"))
    with django_capture_on_commit_callbacks(execute=True):
        quoting.quote_pdf_request(quote=quote)
    client.force_login(seller)

    html = client.get(lead.get_absolute_url()).content.decode()

    assert f'href="{quote.get_absolute_url()}">{quote.number}</a>' in html
    assert "USD 30,189.50" in html  # (23,500 + 1,450 freight) × 1.21
    assert "Draft" in html and "PDF queued" in html
    assert f'href="{NEW}?lead={lead.pk}">Create quote' in html
    assert "Open the quote" in html  # the timeline's "Quote … created." links to it


def test_a_closed_lead_offers_no_create_quote(client, seller):
    lead = LeadFactory(owner=seller, status=Lead.Status.LOST, lost_reason="Budget")
    client.force_login(seller)

    assert "Create quote" not in client.get(lead.get_absolute_url()).content.decode()
    response = client.get(f"{NEW}?lead={lead.pk}", follow=True)
    assert "reopen it before quoting" in response.content.decode()


@pytest.mark.parametrize("count", [1, 6])
def test_the_lead_page_query_count_is_constant_in_its_quotes(
    client, lead, seller, co2, count, django_assert_max_num_queries
):
    for _ in range(count):
        quote = make_quote(lead, seller, [LineData(device=co2, options=list(co2.options.all())), LineData(device=co2)])
        quoting.quote_pdf_request(quote=quote)
    client.force_login(seller)

    # The lead page's own twelve, then quotes, lines, options, tiers and revisions.
    with django_assert_max_num_queries(17):
        assert client.get(lead.get_absolute_url()).status_code == 200


# --- The editor ----------------------------------------------------------------------------


def test_create_quote_starts_with_the_devices_the_clinic_asked_about(client, lead, seller, co2):
    client.force_login(seller)

    response = client.get(f"{NEW}?lead={lead.pk}")

    assert response.status_code == 200
    formset = response.context["formset"]
    goggles = co2.options.get(slug="goggles")
    assert [form.initial["device"] for form in formset.forms] == [co2.pk]
    assert formset.forms[0].initial["options"] == [goggles.pk]  # what ships with it is ticked
    quote_form = response.context["quote_form"]
    assert quote_form.initial["currency"] == "USD"
    assert quote_form.initial["valid_until"] == timezone.localdate() + timedelta(days=30)
    html = response.content.decode()
    assert "List price USD 23,500 · 3+ at USD 22,300" in html
    assert response.context["preview"]["totals"]["total"] == "23,500.00"


def test_a_lead_without_devices_starts_with_one_blank_line(client, seller):
    lead = LeadFactory(owner=seller)
    client.force_login(seller)

    formset = client.get(f"{NEW}?lead={lead.pk}").context["formset"]

    assert len(formset.forms) == 1 and not formset.forms[0].initial


def test_a_valid_editor_post_creates_the_quote_and_shows_it(client, lead, seller, co2):
    client.force_login(seller)
    data = editor_post([co2_line(co2, quantity="3", discount_percent="5")])

    response = client.post(f"{NEW}?lead={lead.pk}", data)

    quote = Quote.objects.get()
    assert response.status_code == 302 and response["Location"] == quote.get_absolute_url()
    assert (quote.incoterm, quote.incoterm_place, quote.freight, quote.tax_rate) == ("CIF", "Valencia", 1450, 21)
    line = quote.lines.get()
    assert (line.device, line.quantity, line.discount_percent) == (co2, 3, D("5"))
    assert set(line.options.values_list("slug", flat=True)) == {"gyn", "goggles"}
    page = client.get(response["Location"]).content.decode()
    assert f"Quote {quote.number} created as a draft." in page
    assert "87,622.15" in page  # the services' total: see test_quoting.py


def test_bad_terms_and_lines_are_shown_beside_their_fields_and_nothing_is_saved(client, lead, seller, co2):
    client.force_login(seller)
    data = editor_post(
        [co2_line(co2, quantity="0"), co2_line(co2, unit_price_override="19000")],
        tax_rate="150",
        valid_until="",
    )

    response = client.post(f"{NEW}?lead={lead.pk}", data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "The quote was not saved: check the 4 problems marked below." in html
    assert "Ensure this value is less than or equal to 100." in html
    assert "Ensure this value is greater than or equal to 1." in html
    assert "Say why the price differs from the list" in html
    assert response.context["quote_form"].has_error("valid_until")
    assert not Quote.objects.exists()


def test_errors_of_the_services_appear_beside_the_line_or_field_they_concern(client, lead, seller, co2):
    pico = DeviceFactory(name="Pico Pro", list_price=None, price_on_request=True)
    client.force_login(seller)
    data = editor_post(
        [co2_line(co2), {"device": str(pico.pk)}],
        valid_until=(timezone.localdate() - timedelta(days=1)).isoformat(),
    )

    response = client.post(f"{NEW}?lead={lead.pk}", data)

    assert response.status_code == 400
    quote_form, formset = response.context["quote_form"], response.context["formset"]
    assert quote_form.errors["valid_until"] == ["The validity date is in the past."]
    assert formset.forms[1].non_field_errors() == ["Pico Pro is priced on request: enter its unit price."]
    assert not formset.forms[0].errors
    assert not Quote.objects.exists()


def test_a_quote_without_devices_is_refused_with_the_services_words(client, lead, seller):
    client.force_login(seller)

    response = client.post(f"{NEW}?lead={lead.pk}", editor_post([]))

    assert response.status_code == 400
    assert "Add at least one device." in response.content.decode()
    assert not Quote.objects.exists()


def test_add_a_line_without_javascript_redisplays_the_form_with_one_more_line(client, lead, seller, co2):
    client.force_login(seller)
    data = editor_post([co2_line(co2)]) | {"add_line": "1"}
    del data["save"]

    response = client.post(f"{NEW}?lead={lead.pk}", data)

    assert response.status_code == 200
    formset = response.context["formset"]
    assert len(formset.forms) == 2 and not formset.forms[1].has_changed()
    assert "The quote was not saved" not in response.content.decode()
    assert not Quote.objects.exists()


def test_update_totals_without_javascript_shows_the_options_of_a_newly_chosen_device(client, lead, seller, co2):
    pico = DeviceFactory(name="Picosecond PS-3", list_price=D("12900"))
    DeviceOptionFactory(device=pico, name="Zoom handpiece", price_delta=D("900"))
    client.force_login(seller)
    # The device was changed from CO2 to Pico; the CO2's options are still ticked.
    data = editor_post([co2_line(co2) | {"device": str(pico.pk)}]) | {"refresh": "1"}
    del data["save"]

    response = client.post(f"{NEW}?lead={lead.pk}", data)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Zoom handpiece" in html and "+USD 900" in html and "Gynecology handpiece" not in html
    assert response.context["preview"]["totals"]["subtotal"] == "12,900.00"  # the CO2's options dropped
    assert not Quote.objects.exists()


def test_editing_a_sent_quote_says_it_starts_the_next_revision(client, lead, seller, co2):
    quote = make_quote(lead, seller)
    quoting.quote_send(quote=quote, actor=seller)
    client.force_login(seller)

    page = client.get(reverse("quotes:quote-edit", args=[quote.pk]))
    assert "Saving starts <strong>revision 2</strong>" in page.content.decode()
    assert page.context["formset"].forms[0].initial["device"] == co2.pk

    response = client.post(reverse("quotes:quote-edit", args=[quote.pk]), editor_post([co2_line(co2, quantity="2")]))

    quote.refresh_from_db()
    assert response.status_code == 302
    assert (quote.revision, quote.status, quote.lines.get().quantity) == (2, Quote.Status.DRAFT, 2)
    follow = client.get(response["Location"]).content.decode()
    assert "is now revision 2, a draft; revision 1 stays as the clinic received it." in follow


def test_an_accepted_quote_cannot_be_edited(client, lead, seller):
    quote = make_quote(lead, seller)
    Quote.objects.filter(pk=quote.pk).update(status=Quote.Status.ACCEPTED)
    client.force_login(seller)

    response = client.get(reverse("quotes:quote-edit", args=[quote.pk]), follow=True)

    assert "is accepted and can no longer change" in response.content.decode()
    assert "Edit" not in response.context["edit_label"] or not response.context["can_edit"]


def test_a_missing_or_malformed_lead_is_a_404(client, seller):
    client.force_login(seller)
    assert client.get(NEW).status_code == 404
    assert client.get(f"{NEW}?lead=abc").status_code == 404
    assert client.get(f"{NEW}?lead=999").status_code == 404


@pytest.mark.parametrize("count", [1, 8])
def test_the_editor_query_count_is_constant_in_the_lines(
    client, lead, seller, co2, count, django_assert_max_num_queries
):
    others = [DeviceFactory() for _ in range(count)]
    for device in others:
        DeviceOptionFactory(device=device)
    quote = make_quote(lead, seller, [LineData(device=d, options=list(d.options.all())) for d in others])
    client.force_login(seller)

    # Session, user and permissions, the quote with its lead, its lines and their options,
    # then the picker and the lines' devices, options and tiers.
    with django_assert_max_num_queries(11):
        assert client.get(reverse("quotes:quote-edit", args=[quote.pk])).status_code == 200
    # A new quote: the lead with the devices it asked about instead of the quote's lines.
    with django_assert_max_num_queries(10):
        assert client.get(f"{NEW}?lead={lead.pk}").status_code == 200


# --- The live preview and the options of a device ----------------------------------------


def test_the_preview_gives_the_totals_the_services_compute(client, lead, seller, co2):
    client.force_login(seller)
    data = editor_post([co2_line(co2, quantity="3", discount_percent="5"), co2_line(co2, options=[])])

    response = client.post(PREVIEW, data)

    assert response.status_code == 200
    preview = response.json()
    gyn, goggles = co2.options.get(slug="gyn"), co2.options.get(slug="goggles")
    expected = quoting.lines_totals(
        data=QuoteData(currency="USD", freight=D("1450"), tax_rate=D("21")),
        lines=[LineData(device=co2, options=[gyn, goggles], quantity=3, discount_percent=D("5")), LineData(device=co2)],
    )
    assert {name: D(value) for name, value in preview["amounts"].items()} == {
        name: getattr(expected, name) for name in ["subtotal_gross", "discount", "subtotal", "freight", "tax", "total"]
    }
    assert preview["totals"]["total"] == f"{expected.total:,.2f}"
    assert preview["lines"]["lines-0"]["net"] == "70,965.00" and preview["lines"]["lines-1"]["net"] == "23,500.00"
    assert not Quote.objects.exists()


def test_the_preview_says_why_a_line_has_no_price_and_flags_big_discounts(client, lead, seller, co2, settings):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    pico = DeviceFactory(name="Pico Pro", list_price=None, price_on_request=True)
    euro = DeviceFactory(name="HIFU 7D", list_price=D("9000"), currency="EUR")
    client.force_login(seller)
    data = editor_post(
        [co2_line(co2, discount_percent="12"), {"device": str(pico.pk)}, {"device": str(euro.pk)}, {"quantity": "2"}]
    )

    preview = client.post(PREVIEW, data).json()

    assert preview["lines"]["lines-1"]["problem"] == "Pico Pro is priced on request: enter its unit price."
    assert preview["lines"]["lines-2"]["problem"] == "HIFU 7D is listed in EUR: enter its unit price in USD."
    assert preview["lines"]["lines-3"]["problem"] == "Choose a device."
    assert preview["amounts"]["subtotal"] == "22968.00"  # only the CO2 line: 23,500 + 2,600 less 12%
    assert preview["needs_approval"] is True


@pytest.mark.parametrize(
    ("terms", "field"),
    [({"freight": "-5"}, "freight"), ({"tax_rate": "x"}, "tax_rate"), ({"currency": "XYZ"}, "__all__")],
)
def test_the_preview_of_unusable_terms_has_no_totals(client, lead, seller, co2, terms, field):
    client.force_login(seller)

    response = client.post(PREVIEW, editor_post([co2_line(co2)], **terms))

    assert response.status_code == 200
    assert response.json()["totals"] is None and response.json()["errors"][field]


def test_the_options_of_a_device_come_with_their_prices(client, seller, co2):
    client.force_login(seller)

    data = client.get(reverse("quotes:quote-device-options", args=[co2.pk])).json()

    assert data["device"]["price_hint"] == "List price USD 23,500 · 3+ at USD 22,300"
    assert [(o["name"], o["price"], o["included"]) for o in data["options"]] == [
        ("Gynecology handpiece", "+USD 2,600", False),
        ("Safety goggles", "included", True),
    ]
    draft = DeviceFactory(status="draft")
    assert client.get(reverse("quotes:quote-device-options", args=[draft.pk])).status_code == 404


# --- The quote page and its actions --------------------------------------------------------


def test_the_quote_page_shows_lines_totals_and_manual_prices(client, lead, seller, co2):
    pico = DeviceFactory(name="Pico Pro", list_price=None, price_on_request=True)
    quote = make_quote(
        lead,
        seller,
        [
            LineData(device=co2, quantity=3),
            LineData(device=pico, unit_price_override=D("41000"), override_reason="Launch"),
        ],
    )
    client.force_login(seller)

    html = client.get(quote.get_absolute_url()).content.decode()

    assert quote.number in html and "Fractional CO2 Laser FX-60" in html and "Pico Pro" in html
    assert "66,900.00" in html  # 3 at the tier price
    assert "manual price" in html and "“Launch”" in html and "set by Sam Seller" in html
    assert "No PDF yet" in html and "Render PDF" in html and "Send to the clinic" in html


def test_render_returns_at_once_and_queues_the_revision(
    client, lead, seller, dispatched, django_capture_on_commit_callbacks
):
    quote = make_quote(lead, seller)
    client.force_login(seller)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quotes:quote-render", args=[quote.pk]))

    revision = QuoteRevision.objects.get(quote=quote)
    assert response.status_code == 302 and response["Location"] == quote.get_absolute_url()
    assert revision.pdf_status == QuoteRevision.PdfStatus.QUEUED and dispatched.of("quote_pdf_render_task") == [
        revision.pk
    ]
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "Rendering the PDF of revision 1" in page
    assert 'data-pending="true"' in page and "PDF queued" in page and "Render PDF" not in page


def test_the_status_endpoint_follows_the_render_to_ready(client, lead, seller, co2):
    quote = make_quote(lead, seller)
    revision = quoting.quote_pdf_request(quote=quote)
    client.force_login(seller)
    url = reverse("quotes:quote-status", args=[quote.pk])

    queued = client.get(url)
    assert queued["Cache-Control"].startswith("max-age=0")
    assert queued.json()["pending"] is True
    assert queued.json()["revisions"][0] | {"pdf_url": ""} == queued.json()["revisions"][0]
    assert queued.json()["revisions"][0]["pdf_status"] == "queued"

    quoting.quote_pdf_render_run(revision_id=revision.pk, task_id="t1")
    ready = client.get(url).json()

    pdf_url = reverse("quotes:quote-pdf", args=[quote.pk, 1])
    assert ready["pending"] is False and ready["status"] == "draft"
    assert ready["revisions"][0]["pdf_status"] == "ready" and ready["revisions"][0]["pdf_url"] == pdf_url
    assert ready["revisions"][0]["pdf_pages"] >= 1
    download = client.get(pdf_url)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert f'inline; filename="{quote.number}-rev1.pdf"' == download["Content-Disposition"]


def test_an_edit_after_rendering_marks_the_pdf_outdated(client, lead, seller, co2):
    quote = make_quote(lead, seller)
    revision = quoting.quote_pdf_request(quote=quote)
    quoting.quote_pdf_render_run(revision_id=revision.pk, task_id="t1")
    quoting.quote_update(quote=quote, actor=seller, data=terms(), lines=[LineData(device=co2, quantity=2)])
    client.force_login(seller)

    html = client.get(quote.get_absolute_url()).content.decode()

    assert "The draft changed after its PDF was rendered" in html and "Render PDF" in html


def test_a_pdf_that_is_not_ready_is_not_served(client, lead, seller):
    quote = make_quote(lead, seller)
    quoting.quote_pdf_request(quote=quote)
    client.force_login(seller)

    response = client.get(reverse("quotes:quote-pdf", args=[quote.pk, 1]), follow=True)

    assert "The PDF of revision 1 is not ready" in response.content.decode()
    assert client.get(reverse("quotes:quote-pdf", args=[quote.pk, 7])).status_code == 404


def test_a_failed_render_shows_its_reason_and_can_be_retried(
    client, lead, seller, dispatched, django_capture_on_commit_callbacks
):
    quote = make_quote(lead, seller)
    revision = quoting.quote_pdf_request(quote=quote)
    quoting.quote_pdf_fail(revision_id=revision.pk, error="Rendering took longer than 90 s")
    client.force_login(seller)
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "Rendering took longer than 90 s" in page and "Retry render" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("quotes:quote-retry", args=[quote.pk, 1]))

    assert QuoteRevision.objects.get(pk=revision.pk).pdf_status == QuoteRevision.PdfStatus.QUEUED
    assert dispatched.of("quote_pdf_render_task") == [revision.pk]
    again = client.post(reverse("quotes:quote-retry", args=[quote.pk, 1]), follow=True)
    assert "Only a failed render can be retried." in again.content.decode()


def test_send_freezes_the_revision_moves_the_lead_and_queues_the_email(
    client, lead, seller, dispatched, django_capture_on_commit_callbacks
):
    quote = make_quote(lead, seller)
    client.force_login(seller)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("quotes:quote-send", args=[quote.pk]), follow=True)

    quote.refresh_from_db()
    revision = QuoteRevision.objects.get(quote=quote)
    assert quote.status == Quote.Status.SENT and Lead.objects.get(pk=lead.pk).status == Lead.Status.QUOTED
    assert dispatched.of("quote_pdf_render_task") == [revision.pk] and dispatched.of("quote_email_send_task") == [
        revision.pk
    ]
    html = response.content.decode()
    assert f"Revision 1 is on its way to {lead.contact.email}: the email leaves as soon as its PDF is rendered." in html
    assert "As sent to the clinic" in html and "Edit: starts revision 2" in html
    assert "Send to the clinic" not in html and "The clinic's page" in html
    assert Activity.objects.filter(lead=lead, kind="quote", body__contains="sent to").exists()


def test_refusals_of_the_services_come_back_as_messages(client, lead, seller, settings):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    quote = make_quote(lead, seller, [LineData(device=lead.devices.first(), discount_percent=D("20"))])
    client.force_login(seller)

    response = client.post(reverse("quotes:quote-send", args=[quote.pk]), follow=True)

    html = response.content.decode()
    assert "needs a sales manager&#x27;s approval before sending" in html
    assert 'disabled aria-describedby="approval-state"' in html
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.DRAFT
    Quote.objects.filter(pk=quote.pk).update(valid_until=timezone.localdate() - timedelta(days=1), approval="approved")
    expired = client.post(reverse("quotes:quote-send", args=[quote.pk]), follow=True)
    assert "The validity date is in the past; extend it before sending." in expired.content.decode()


@pytest.mark.parametrize("count", [1, 10])
def test_the_quote_page_query_count_is_constant_in_the_lines(
    client, lead, seller, count, django_assert_max_num_queries
):
    devices = [DeviceFactory() for _ in range(count)]
    for device in devices:
        DeviceOptionFactory(device=device)
        PriceTierFactory(device=device)
    quote = make_quote(
        lead,
        seller,
        [
            LineData(device=d, options=list(d.options.all()), unit_price_override=D("100"), override_reason="x")
            for d in devices
        ],
    )
    quoting.quote_pdf_request(quote=quote)
    client.force_login(seller)

    # Session, user and permissions, the quote, its revisions and lines, the draft's snapshot.
    with django_assert_max_num_queries(13):
        assert client.get(quote.get_absolute_url()).status_code == 200

    quoting.quote_send(quote=quote, actor=seller)
    with django_assert_max_num_queries(8):  # a sent quote shows its frozen snapshot
        assert client.get(quote.get_absolute_url()).status_code == 200


# --- The admin -----------------------------------------------------------------------------


CHANGELIST = reverse("admin:quotes_quote_changelist")


def test_the_admin_lists_quotes_with_filters_and_search(client, lead, seller, django_assert_max_num_queries):
    quotes = [make_quote(lead, seller) for _ in range(3)]
    client.force_login(seller)

    with django_assert_max_num_queries(20):
        response = client.get(CHANGELIST)
    assert response.status_code == 200 and "USD 24,950.00" in response.content.decode()
    for query in [
        "status__exact=draft",
        "approval__exact=not_needed",
        f"q={quotes[0].number}",
        f"q={lead.clinic.name}",
    ]:
        found = client.get(f"{CHANGELIST}?{query}")
        assert found.status_code == 200 and quotes[0] in found.context["cl"].queryset, query


def test_the_admin_change_page_is_read_only_and_links_to_the_editor(client, lead, seller):
    quote = make_quote(lead, seller)
    quoting.quote_pdf_request(quote=quote)
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
        rendered = client.post(CHANGELIST, {"action": "render_pdf", **both}, follow=True)
    assert "2 PDFs asked for" in rendered.content.decode() and len(dispatched.of("quote_pdf_render_task")) == 2

    sent = client.post(CHANGELIST, {"action": "send", **both}, follow=True).content.decode()
    assert "1 quote sent" in sent and f"{discounted.number}: A discount above the threshold" in sent
    offered = [name for name, _label in client.get(CHANGELIST).context["action_form"].fields["action"].choices]
    assert "send" in offered and "approve" not in offered
    client.post(CHANGELIST, {"action": "approve", **both})
    assert Quote.objects.get(pk=discounted.pk).approval == Quote.Approval.PENDING

    client.force_login(manager)
    approved = client.post(CHANGELIST, {"action": "approve", "_selected_action": [discounted.pk]}, follow=True)
    assert "Discounts approved on 1 quote." in approved.content.decode()
    assert Quote.objects.get(pk=discounted.pk).approval == Quote.Approval.APPROVED


def test_catalog_editors_cannot_open_the_quotes_admin(client, editor):
    client.force_login(editor)
    assert client.get(CHANGELIST).status_code == 403
