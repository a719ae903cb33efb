"""The editor's save, its live preview and the API answer the same lines with the same rules and words.

A manual price needs its reason; a manual price below the list is a discount like any other and,
above the threshold, waits for a sales manager; a new quote's currency and validity follow one rule.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache.backends.locmem import LocMemCache
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from catalog.api.access import CatalogThrottle
from catalog.counters import CacheCounter
from quotes.models import Quote
from quotes.quoting import drafts, lines
from quotes.quoting.lines import REASON_MISSING
from tests.factories import DeviceFactory, LeadFactory

pytestmark = pytest.mark.django_db

NEW = reverse("quotes:quote-create")
PREVIEW = reverse("quotes:quote-preview")


@pytest.fixture(autouse=True)
def _fresh_throttle(monkeypatch, request):
    monkeypatch.setattr(CatalogThrottle, "counter", CacheCounter(LocMemCache(f"throttle-{request.node.nodeid}", {})))


@pytest.fixture
def api(seller):
    client = APIClient()
    client.force_login(seller)
    return client


def editor_post(device, **line) -> dict:
    values = {"quantity": "1", "discount_percent": "0", "unit_price_override": "", "override_reason": ""} | line
    return {
        "currency": "USD",
        "valid_until": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "incoterm": "FOB",
        "incoterm_place": "",
        "freight": "0",
        "tax_rate": "0",
        "payment_terms": "30% with the order.",
        "notes": "",
        "lines-TOTAL_FORMS": "1",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "200",
        "lines-0-device": str(device.pk),
        **{f"lines-0-{key}": value for key, value in values.items()},
        "save": "1",
    }


def test_a_manual_price_without_its_reason_is_refused_in_the_same_words_everywhere(client, api, lead, seller, co2):
    client.force_login(seller)
    posted = editor_post(co2, unit_price_override="20000")

    saved = client.post(f"{NEW}?lead={lead.pk}", posted)
    previewed = client.post(PREVIEW, posted).json()
    pushed = api.post(
        "/api/v1/quotes/",
        {"lead": str(lead.public_id), "lines": [{"device": co2.slug, "unit_price": "20000"}]},
        format="json",
    )

    assert saved.status_code == 400
    assert saved.context["formset"].forms[0].errors == {"override_reason": [REASON_MISSING]}
    assert previewed["lines"]["lines-0"]["problem"] == REASON_MISSING
    assert pushed.status_code == 400 and pushed.json()["error"]["fields"]["lines"] == [f"Line 1: {REASON_MISSING}"]
    assert not Quote.objects.exists()


def test_a_manual_price_far_below_the_list_waits_for_approval_everywhere(client, api, lead, seller, co2, settings):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    client.force_login(seller)
    posted = editor_post(co2, unit_price_override="0.01", override_reason="Sample unit")

    previewed = client.post(PREVIEW, posted).json()
    client.post(f"{NEW}?lead={lead.pk}", posted)
    pushed = api.post(
        "/api/v1/quotes/",
        {
            "lead": str(lead.public_id),
            "lines": [{"device": co2.slug, "unit_price": "0.01", "price_reason": "Sample unit"}],
        },
        format="json",
    )

    assert previewed["needs_approval"] is True
    assert list(Quote.objects.order_by("pk").values_list("approval", flat=True)) == ["pending", "pending"]
    assert pushed.status_code == 201 and pushed.json()["approval"] == "pending"


def test_a_manual_price_within_the_threshold_needs_no_approval_anywhere(client, api, lead, seller, co2, settings):
    settings.QUOTE_DISCOUNT_APPROVAL_PERCENT = 10
    client.force_login(seller)
    posted = editor_post(co2, unit_price_override="21150", override_reason="Show model")  # 10 % off the list

    assert client.post(PREVIEW, posted).json()["needs_approval"] is False
    client.post(f"{NEW}?lead={lead.pk}", posted)
    pushed = api.post(
        "/api/v1/quotes/",
        {
            "lead": str(lead.public_id),
            "lines": [{"device": co2.slug, "unit_price": "21150", "price_reason": "Show model"}],
        },
        format="json",
    )

    assert pushed.json()["approval"] == "not_needed"
    assert set(Quote.objects.values_list("approval", flat=True)) == {"not_needed"}


def test_a_new_quote_starts_in_the_first_devices_currency_for_the_usual_days_from_the_editor_and_the_api(
    client, api, seller
):
    hifu = DeviceFactory(name="HIFU 7D", list_price=Decimal("9000"), currency="EUR")
    lead = LeadFactory(owner=seller, status="qualified")
    lead.devices.add(hifu)
    client.force_login(seller)
    usual = drafts.quote_defaults(devices=[hifu])

    initial = client.get(f"{NEW}?lead={lead.pk}").context["quote_form"].initial
    pushed = api.post(
        "/api/v1/quotes/", {"lead": str(lead.public_id), "lines": [{"device": hifu.slug}]}, format="json"
    ).json()

    assert (usual.currency, usual.valid_until) == ("EUR", timezone.localdate() + timedelta(days=30))
    assert (initial["currency"], initial["valid_until"]) == (usual.currency, usual.valid_until)
    assert (pushed["currency"], pushed["valid_until"]) == (usual.currency, usual.valid_until.isoformat())


def test_a_discontinued_device_is_refused_in_the_same_words_everywhere(client, api, lead, seller, co2):
    co2.status = co2.Status.DISCONTINUED
    co2.save()
    client.force_login(seller)
    posted = editor_post(co2)
    words = lines.discontinued_problem(co2)  # until confirmed: the editor's checkbox, the API's confirm_discontinued

    saved = client.post(f"{NEW}?lead={lead.pk}", posted)
    previewed = client.post(PREVIEW, posted).json()
    pushed = api.post("/api/v1/quotes/", {"lead": str(lead.public_id), "lines": [{"device": co2.slug}]}, format="json")

    assert saved.status_code == 400 and words in str(saved.context["formset"].forms[0].errors)
    assert previewed["lines"]["lines-0"]["problem"] == words
    assert pushed.status_code == 400 and pushed.json()["error"]["fields"]["lines"] == [f"Line 1: {words}"]
    assert not Quote.objects.exists()


@pytest.mark.parametrize("currency", ["XXX", "JPY", "usd", "EURO"])
def test_only_the_configured_currencies_are_quoted_in(client, api, lead, seller, co2, currency):
    client.force_login(seller)
    posted = editor_post(co2, unit_price_override="20000", override_reason="Agreed") | {"currency": currency}

    saved = client.post(f"{NEW}?lead={lead.pk}", posted)
    previewed = client.post(PREVIEW, posted).json()
    pushed = api.post(
        "/api/v1/quotes/",
        {
            "lead": str(lead.public_id),
            "currency": currency,
            "lines": [{"device": co2.slug, "unit_price": "20000", "price_reason": "Agreed"}],
        },
        format="json",
    )

    assert saved.status_code == 400 and saved.context["quote_form"].errors["currency"]
    assert previewed["totals"] is None and previewed["errors"]["currency"]
    if currency != "usd":  # the API reads codes in any case
        assert pushed.status_code == 400, pushed.content
        assert "Quotes are written in USD, EUR, GBP, AUD, CAD" in pushed.json()["error"]["fields"]["currency"][0]
    assert Quote.objects.count() == (1 if currency == "usd" else 0)


def test_amounts_finer_than_the_currencys_minor_units_are_refused_in_the_same_words_everywhere(
    client, api, lead, seller, settings
):
    settings.CATALOG_CURRENCIES = ["USD", "JPY"]
    yen = DeviceFactory(name="Pico laser", list_price=Decimal("3500000"), currency="JPY")
    client.force_login(seller)
    posted = editor_post(yen, unit_price_override="3400000.50", override_reason="Agreed") | {
        "currency": "JPY",
        "freight": "0.5",
    }
    price_words = "The unit price must be a whole number of JPY, which has no minor units."
    freight_words = "Freight must be a whole number of JPY, which has no minor units."

    saved = client.post(f"{NEW}?lead={lead.pk}", posted)
    previewed = client.post(PREVIEW, posted | {"freight": "0"}).json()
    pushed = api.post(
        "/api/v1/quotes/",
        {
            "lead": str(lead.public_id),
            "currency": "JPY",
            "freight": "0.5",
            "lines": [{"device": yen.slug, "unit_price": "3400000.50", "price_reason": "Agreed"}],
        },
        format="json",
    )

    assert saved.status_code == 400
    assert saved.context["quote_form"].errors["freight"] == [freight_words]
    assert previewed["lines"]["lines-0"]["problem"] == price_words
    assert pushed.status_code == 400
    assert pushed.json()["error"]["fields"] == {"freight": [freight_words], "lines": [f"Line 1: {price_words}"]}
    assert not Quote.objects.exists()
    whole = api.post(
        "/api/v1/quotes/",
        {"lead": str(lead.public_id), "currency": "JPY", "freight": "5", "lines": [{"device": yen.slug}]},
        format="json",
    )
    assert whole.status_code == 201, whole.content
    assert whole.json()["totals"]["total"] == "3500005"
