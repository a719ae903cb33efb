"""The quote editor's proposal inputs: the deposit, treatments per week and the price per treatment,
saved, shown again, refused when wrong, and the running costs previewed live from the pricing module."""

from decimal import Decimal

import pytest
from django.urls import reverse

from quotes import pricing
from quotes.models import Quote
from tests.factories import DeviceFactory, DeviceOptionFactory
from tests.quotes.views.test_quote_editor import NEW, PREVIEW, co2_line, editor_post

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def hifu(db):
    device = DeviceFactory(name="HIFU HF-7", list_price=D("6900"), treatment_price=D("450"))
    DeviceOptionFactory(
        device=device,
        kind="cartridge",
        name="Cartridge",
        price_delta=D("280"),
        uses_per_unit=20000,
        uses_per_treatment=500,
    )
    DeviceOptionFactory(device=device, kind="consumable", name="Gel", price_delta=D("30"), uses_per_unit=100)
    return device


def hifu_line(hifu, **values) -> dict:
    return {"device": str(hifu.pk), "options": []} | values


def test_the_preview_shows_running_costs_and_payback_as_the_pricing_module_computes_them(client, seller, hifu):
    client.force_login(seller)

    preview = client.post(PREVIEW, editor_post([hifu_line(hifu, treatments_per_week="6")])).json()

    expected = pricing.running_costs(
        consumables=[pricing.ConsumableInput(D("280"), 20000, 500), pricing.ConsumableInput(D("30"), 100, 1)],
        treatments_per_week=6,
        price_per_treatment=D("450"),
        investment=D("6900"),
        currency="USD",
    )
    assert preview["lines"]["lines-0"]["running"] == {
        "consumables_per_treatment": f"{expected.consumables_per_treatment:,.2f}",
        "consumables_year": f"{expected.consumables_year:,.2f}",
        "price_per_treatment": "450.00",
        "payback_months": expected.payback_months,
    }


def test_the_preview_has_no_running_costs_without_treatments_per_week(client, seller, hifu):
    client.force_login(seller)
    preview = client.post(PREVIEW, editor_post([hifu_line(hifu)])).json()
    assert preview["lines"]["lines-0"]["running"] is None


def test_the_editor_saves_the_deposit_and_running_cost_inputs_and_shows_them_again(client, lead, seller, hifu):
    client.force_login(seller)
    data = editor_post([hifu_line(hifu, treatments_per_week="6", price_per_treatment="400")], deposit_percent="40")

    response = client.post(f"{NEW}?lead={lead.pk}", data)

    quote = Quote.objects.get()
    line = quote.lines.get()
    assert response.status_code == 302
    assert quote.deposit_percent == D("40") and (line.treatments_per_week, line.price_per_treatment) == (6, D("400"))
    page = client.get(reverse("quotes:quote-edit", args=[quote.pk])).content.decode()
    assert 'name="deposit_percent" value="40' in page
    assert 'name="lines-0-treatments_per_week" value="6"' in page
    assert "payback in about 1 month" in page  # the running costs without JavaScript


def test_an_empty_deposit_starts_at_the_house_default(client, lead, seller, co2):
    client.force_login(seller)
    client.post(f"{NEW}?lead={lead.pk}", editor_post([co2_line(co2)]))
    assert Quote.objects.get().deposit_percent == D("30")


@pytest.mark.parametrize(
    ("line", "terms", "message"),
    [
        ({"treatments_per_week": "0"}, {}, "greater than or equal to 1"),
        ({"price_per_treatment": "-1"}, {}, "greater than or equal to 0"),
        ({}, {"deposit_percent": "120"}, "less than or equal to 100"),
    ],
)
def test_bad_proposal_inputs_are_shown_beside_their_field_and_nothing_is_saved(
    client, lead, seller, hifu, line, terms, message
):
    client.force_login(seller)

    response = client.post(f"{NEW}?lead={lead.pk}", editor_post([hifu_line(hifu, **line)], **terms))

    assert response.status_code == 400 and message in response.content.decode()
    assert not Quote.objects.exists()
