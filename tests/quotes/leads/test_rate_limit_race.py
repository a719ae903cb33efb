"""The consultation rate limit holds exactly under concurrency, on SQLite and PostgreSQL alike.

Real transactions on separate connections (one per thread), released together by a barrier:
the count and the save must be one step, or several requests read the same count and all pass.
"""

import threading

import pytest
from django.db import connection
from django.test import Client

from quotes.models import ConsultationRequest
from tests.factories import DeviceFactory

ATTEMPTS = 30
LIMIT = 10


def _post_together(requests: list[tuple[dict, str]]) -> list[int]:
    """POST each (body, client address) on its own thread and connection, all released at once."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []
    failures: list[BaseException] = []

    def send(payload, address):
        try:
            client = Client()
            barrier.wait(timeout=30)
            response = client.post("/api/v1/consultations/", payload, "application/json", REMOTE_ADDR=address)
            statuses.append(response.status_code)
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=request) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not failures, failures
    assert not any(thread.is_alive() for thread in threads)
    return statuses


def _payload(email: str, device) -> dict:
    return {"name": "Ana García", "clinic_name": "Clínica Sol", "email": email, "country": "ES",
            "devices": [device.slug], "consent": True}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_requests_from_one_address_save_exactly_the_limit(settings):
    settings.CONSULTATION_RATE_PER_IP = LIMIT
    device = DeviceFactory()

    statuses = _post_together([(_payload(f"buyer{n}@clinic.example", device), "81.2.69.142") for n in range(ATTEMPTS)])

    assert sorted(statuses) == [201] * LIMIT + [429] * (ATTEMPTS - LIMIT)
    assert ConsultationRequest.objects.filter(ip_address="81.2.69.142").count() == LIMIT


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_for_one_mailbox_from_many_addresses_save_exactly_the_limit(settings):
    settings.CONSULTATION_RATE_PER_EMAIL = 5
    device = DeviceFactory()

    # Each from its own address: only the per-mailbox limit can hold them.
    statuses = _post_together([(_payload("same@clinic.example", device), f"81.2.69.{n}") for n in range(15)])

    assert sorted(statuses) == [201] * 5 + [429] * 10
    assert ConsultationRequest.objects.filter(email="same@clinic.example").count() == 5
