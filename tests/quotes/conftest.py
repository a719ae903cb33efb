import time

import pytest

from quotes import dispatch
from quotes.forms import fill_token_new
from tests.factories import DeviceFactory, SalesUserFactory, TreatmentFactory, UserFactory
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
