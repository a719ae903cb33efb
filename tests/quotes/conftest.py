import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from config.pageholes import fill_token_new
from quotes import dispatch
from quotes.models import Lead, Quote
from quotes.quoting import drafts
from quotes.quoting.drafts import QuoteData
from quotes.quoting.lines import LineData
from quotes.roles import SALES_MANAGERS
from tests.factories import (
    DeviceFactory,
    DeviceOptionFactory,
    LeadFactory,
    PriceTierFactory,
    SalesUserFactory,
    TreatmentFactory,
    UserFactory,
)
from tests.publishers import RecordingPublisher


@pytest.fixture(autouse=True)
def dispatched(monkeypatch) -> RecordingPublisher:
    """Unit tests never publish to a broker: they see what would have been published, and run the
    task bodies themselves. tests/integration/ publishes to a real broker."""
    recorder = RecordingPublisher()
    monkeypatch.setattr(dispatch, "publisher", recorder)
    return recorder


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Factories hash a password for every user; PBKDF2 would make these tests crawl.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def device(db):
    return DeviceFactory(name="Fractional CO2 Laser 60 W", slug="co2-60")


@pytest.fixture
def treatment(db):
    return TreatmentFactory(name="Acne scars", slug="acne-scars")


@pytest.fixture
def seller(db):
    return SalesUserFactory(username="sam", first_name="Sam", last_name="Seller", email="sam@vendor.example")


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group

    from catalog.roles import CATALOG_EDITORS

    user = UserFactory(username="eddie", is_staff=True)
    user.groups.add(Group.objects.get(name=CATALOG_EDITORS))
    return user


@pytest.fixture
def form_data(device, treatment):
    """A valid consultation form post, filled ten seconds after the form was shown."""
    return {
        "name": "Ana García",
        "clinic_name": "Clínica Dermatológica Sol",
        "email": "Ana@Clinica-Sol.es",
        "phone": "612 345 678",
        "country": "ES",
        "devices": [device.slug],
        "treatments": [treatment.slug],
        "timeline": "3_months",
        "message": "We want to add resurfacing. Is training included?",
        "preferred_channel": "email",
        "consent": "on",
        "website": "",
        "form_token": fill_token_new(issued_at=time.time() - 10),
        "page": f"/devices/{device.slug}/",
        "utm_source": "newsletter",
        "utm_campaign": "spring",
    }


@pytest.fixture
def api_payload(device, treatment):
    return {
        "name": "Ana García",
        "clinic_name": "Clínica Dermatológica Sol",
        "email": "ana@clinica-sol.es",
        "phone": "+34 612 345 678",
        "country": "ES",
        "devices": [device.slug],
        "treatments": [treatment.slug],
        "message": "We want to add resurfacing.",
        "consent": True,
    }


# --- Quotes ---------------------------------------------------------------------------------


@pytest.fixture
def co2(db):
    device = DeviceFactory(
        name="Fractional CO2 Laser FX-60", sku="HC-CO2-60", list_price=Decimal("23500"), currency="USD"
    )
    PriceTierFactory(device=device, min_quantity=3, unit_price=Decimal("22300"))
    DeviceOptionFactory(device=device, name="Gynecology handpiece", slug="gyn", price_delta=Decimal("2600"))
    DeviceOptionFactory(device=device, name="Safety goggles", slug="goggles", price_delta=Decimal("0"), included=True)
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
    values = {"valid_until": timezone.localdate() + timedelta(days=30), "incoterm": "CIF", "freight": Decimal("1450")}
    return QuoteData(**(values | overrides))


def make_quote(lead, seller, lines=None, **overrides) -> Quote:
    device = lead.devices.first()
    return drafts.quote_create(
        lead=lead, actor=seller, data=terms(**overrides), lines=lines or [LineData(device=device)]
    )
