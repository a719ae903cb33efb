"""Quote numbers under concurrent creation: distinct, consecutive, no gaps, rolled-back numbers given back.

Each thread has its own database connection, so the quotes are created in concurrent
transactions, as by several web processes. On PostgreSQL they queue on the year's
sequence row; on SQLite the write lock taken at BEGIN serialises them.
"""

import threading
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connections, transaction
from django.utils import timezone

from quotes.models import Lead, Quote, QuoteNumberSequence
from quotes.quoting import drafts
from quotes.quoting.drafts import QuoteData
from quotes.quoting.lines import LineData
from tests.factories import DeviceFactory, LeadFactory, SalesUserFactory

CREATORS = 12
ROLLED_BACK = {3, 7, 10}  # creators whose transaction fails after the quote took its number


class Abandoned(Exception):
    """A later step of the same request failed: the whole transaction rolls back."""


def create_all_at_once(*, lead, seller, device, count: int, rolled_back: set[int]) -> tuple[list[str], list]:
    start = threading.Barrier(count, timeout=20)
    numbers: list[str] = []
    errors: list[BaseException] = []
    data = QuoteData(valid_until=timezone.localdate() + timedelta(days=30))

    def create(index: int) -> None:
        try:
            start.wait()
            with transaction.atomic():
                quote = drafts.quote_create(lead=lead, actor=seller, data=data, lines=[LineData(device=device)])
                if index in rolled_back:
                    time.sleep(0.2)  # holding the number while the others wait for it
                    raise Abandoned()
            numbers.append(quote.number)
        except Abandoned:
            pass
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=create, args=(index,), name=f"creator-{index}") for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads), "a creator is still waiting"
    return numbers, errors


def test_quotes_created_at_once_get_consecutive_numbers_and_rolled_back_ones_leave_no_gap(transactional_db):
    seller = SalesUserFactory()
    lead = LeadFactory(owner=seller, status=Lead.Status.QUALIFIED)
    device = DeviceFactory(list_price=Decimal("12000"))
    year = timezone.localdate().year

    numbers, errors = create_all_at_once(
        lead=lead, seller=seller, device=device, count=CREATORS, rolled_back=ROLLED_BACK
    )

    assert errors == []
    created = CREATORS - len(ROLLED_BACK)
    assert sorted(numbers) == [f"Q-{year}-{n:05d}" for n in range(1, created + 1)]
    assert sorted(Quote.objects.values_list("number", flat=True)) == sorted(numbers)
    assert QuoteNumberSequence.objects.get(year=year).last_number == created
    # The next quote follows on, with nothing skipped.
    after = drafts.quote_create(
        lead=lead,
        actor=seller,
        data=QuoteData(valid_until=timezone.localdate() + timedelta(days=30)),
        lines=[LineData(device=device)],
    )
    assert after.number == f"Q-{year}-{created + 1:05d}"


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
