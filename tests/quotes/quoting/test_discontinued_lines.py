"""Quoting a discontinued model needs a confirmation: the lines module says so, the editor and the API ask it."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from catalog.models import Device
from quotes.models import Quote
from quotes.quoting.lines import LineData, discontinued_problem, line_data, line_own_problems
from tests.factories import DeviceFactory
from tests.quotes.quoting.conftest import create

pytestmark = pytest.mark.django_db


@pytest.fixture
def successor(db):
    return DeviceFactory(name="Laser FX-40", slug="fx-40")


@pytest.fixture
def old(successor):
    return DeviceFactory(
        name="Laser FX-30",
        slug="fx-30",
        status=Device.Status.DISCONTINUED,
        successor=successor,
        list_price=Decimal("9000"),
    )


def test_a_discontinued_model_is_a_problem_until_confirmed(old):
    problems = line_own_problems(line=LineData(device=old))

    assert problems == [
        "Laser FX-30 is discontinued (its successor is the Laser FX-40): confirm that you mean to quote it."
    ]
    assert line_own_problems(line=LineData(device=old, discontinued_confirmed=True)) == []


def test_a_published_model_needs_no_confirmation(successor):
    assert line_own_problems(line=LineData(device=successor)) == []


def test_the_confirmation_is_kept_on_the_saved_line(lead, seller, old):
    quote = create(lead, seller, [LineData(device=old, discontinued_confirmed=True)])

    row = quote.lines.get()

    assert row.discontinued_confirmed and line_data(row).discontinued_confirmed


def editor_post(device, **line) -> dict:
    data = {
        "currency": "USD",
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "incoterm": "CIF",
        "incoterm_place": "Valencia",
        "freight": "0",
        "tax_rate": "0",
        "payment_terms": "Net 30.",
        "notes": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "200",
        "save": "1",
    }
    values = {"device": str(device.pk), "quantity": "1", "discount_percent": "0", "unit_price_override": ""}
    values |= {"override_reason": ""} | line
    data |= {f"lines-0-{key}": value for key, value in values.items()}
    return data


def test_the_editor_offers_discontinued_models_and_asks_for_the_confirmation(client, lead, seller, old):
    client.force_login(seller)
    url = f"{reverse('quotes:quote-create')}?lead={lead.pk}"

    picker = client.get(url).content.decode()
    refused = client.post(url, editor_post(old))

    assert "Laser FX-30" in picker and "(discontinued)" in picker
    assert refused.status_code == 400 and not Quote.objects.exists()
    body = refused.content.decode()
    assert discontinued_problem(old) in body and "Quote this discontinued model" in body

    accepted = client.post(url, editor_post(old, discontinued_confirmed="on"))

    assert accepted.status_code == 302
    assert Quote.objects.get().lines.get().discontinued_confirmed


def test_the_api_refuses_a_discontinued_model_without_confirm_discontinued(lead, seller, old):
    api = APIClient()
    api.force_login(seller)
    body = {"lead": str(lead.public_id), "currency": "USD", "lines": [{"device": "fx-30"}]}

    refused = api.post("/api/v1/quotes/", body, format="json")
    accepted = api.post(
        "/api/v1/quotes/", body | {"lines": [{"device": "fx-30", "confirm_discontinued": True}]}, format="json"
    )

    assert refused.status_code == 400 and "discontinued" in refused.content.decode()
    assert accepted.status_code == 201, accepted.content
    assert Quote.objects.get().lines.get().discontinued_confirmed
