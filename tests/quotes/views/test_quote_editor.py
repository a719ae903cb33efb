"""The quote editor: starting lines, parsing, errors beside their fields, buttons without JavaScript, the preview."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from quotes.models import Quote
from quotes.quoting import sending
from quotes.quoting.lines import LineData, lines_totals
from tests.factories import (
    DeviceFactory,
    DeviceOptionFactory,
    LeadFactory,
)
from tests.quotes.conftest import make_quote

pytestmark = pytest.mark.django_db


D = Decimal


NEW = reverse("quotes:quote-create")


PREVIEW = reverse("quotes:quote-preview")


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
    assert "87,622.15" in page  # the lines module's total: see quoting/test_lines.py


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
    sending.quote_send(quote=quote, actor=seller)
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


def test_the_preview_gives_the_totals_the_services_compute(client, lead, seller, co2):
    client.force_login(seller)
    data = editor_post([co2_line(co2, quantity="3", discount_percent="5"), co2_line(co2, options=[])])

    response = client.post(PREVIEW, data)

    assert response.status_code == 200
    preview = response.json()
    gyn, goggles = co2.options.get(slug="gyn"), co2.options.get(slug="goggles")
    expected = lines_totals(
        currency="USD",
        freight=D("1450"),
        tax_rate=D("21"),
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
    [({"freight": "-5"}, "freight"), ({"tax_rate": "x"}, "tax_rate"), ({"currency": "XYZ"}, "currency")],
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
