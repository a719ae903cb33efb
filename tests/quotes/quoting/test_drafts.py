"""Drafts: gap-free numbers, validation, manual prices, approval, revisions."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from quotes import errors
from quotes.models import Lead, Quote, QuoteRevision
from quotes.quoting import drafts, sending
from quotes.quoting.lines import LineData
from tests.factories import DeviceFactory, DeviceOptionFactory, SalesUserFactory
from tests.quotes.quoting.conftest import create, data

pytestmark = pytest.mark.django_db


D = Decimal


def test_quotes_are_numbered_per_year_without_gaps(lead, seller, co2):
    year = timezone.localdate().year
    first = create(lead, seller, [LineData(device=co2)])
    second = create(lead, seller, [LineData(device=co2)])
    assert (first.number, second.number) == (f"Q-{year}-00001", f"Q-{year}-00002")


def test_a_quote_that_fails_validation_takes_no_number(lead, seller, co2):
    with pytest.raises(ValidationError):
        create(lead, seller, [])
    assert create(lead, seller, [LineData(device=co2)]).number.endswith("-00001")


def test_a_rolled_back_quote_gives_its_number_back(lead, seller, co2):
    # A later step of the same request fails after the quote took its number.
    with pytest.raises(RuntimeError), transaction.atomic():
        create(lead, seller, [LineData(device=co2)])
        raise RuntimeError("disk full")

    assert create(lead, seller, [LineData(device=co2)]).number.endswith("-00001")


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
        ({"currency": "XYZ"}, "Quotes are written in USD, EUR, GBP, AUD, CAD"),
        ({"currency": "XXX"}, "“XXX” is not one of them"),
        ({"freight": D("10.005")}, "Freight can have at most 2 decimals in USD"),
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
        sending.quote_send(quote=quote, actor=seller)
    with pytest.raises(errors.QuoteStateError, match="Only a sales manager"):
        drafts.quote_approve(quote=quote, actor=seller)

    manager = SalesUserFactory()
    manager.groups.add(Group.objects.get(name="Sales managers"))
    drafts.quote_approve(quote=quote, actor=manager)
    sending.quote_send(quote=quote, actor=seller)
    assert Quote.objects.get(pk=quote.pk).status == Quote.Status.SENT


def test_sales_managers_hold_the_approval_permission_and_sales_do_not():
    approve = Permission.objects.get(codename="approve_quote")
    assert approve in Group.objects.get(name="Sales managers").permissions.all()
    assert approve not in Group.objects.get(name="Sales").permissions.all()


def test_sending_freezes_the_revision_and_editing_starts_the_next(lead, seller, co2, dispatched):
    quote = create(lead, seller, [LineData(device=co2)])
    sent = sending.quote_send(quote=quote, actor=seller)
    frozen = dict(sent.snapshot)

    co2.list_price = D("99999")
    co2.save()
    drafts.quote_update(
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
        drafts.quote_update(quote=quote, actor=seller, data=data(), lines=[LineData(device=co2)])


# --- Proposal terms: the deposit and the running-cost inputs of each line ------------------------


def test_a_new_quote_takes_the_house_deposit_unless_one_is_given(lead, seller, co2):
    assert create(lead, seller, [LineData(device=co2)]).deposit_percent == Decimal("30")
    other = create(lead, seller, [LineData(device=co2)], deposit_percent=Decimal("50"))
    assert other.deposit_percent == Decimal("50")


def test_an_edit_without_a_deposit_keeps_the_one_the_quote_has(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)], deposit_percent=Decimal("50"))

    drafts.quote_update(quote=quote, actor=seller, data=data(), lines=[LineData(device=co2)])
    assert Quote.objects.get(pk=quote.pk).deposit_percent == Decimal("50")

    drafts.quote_update(
        quote=quote, actor=seller, data=data(deposit_percent=Decimal("20")), lines=[LineData(device=co2)]
    )
    assert Quote.objects.get(pk=quote.pk).deposit_percent == Decimal("20")


@pytest.mark.parametrize("deposit", [Decimal("-1"), Decimal("100.01")])
def test_a_deposit_outside_0_to_100_is_refused_and_nothing_is_saved(lead, seller, co2, deposit):
    with pytest.raises(errors.QuoteInvalid) as caught:
        create(lead, seller, [LineData(device=co2)], deposit_percent=deposit)
    assert "deposit_percent" in caught.value.fields and not Quote.objects.exists()


def test_treatments_a_week_and_the_price_per_treatment_are_kept_on_the_line(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2, treatments_per_week=8, price_per_treatment=Decimal("300"))])
    line = quote.lines.get()
    assert (line.treatments_per_week, line.price_per_treatment) == (8, Decimal("300.00"))


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        ({"treatments_per_week": 0}, "Treatments per week run from 1 to 1000."),
        ({"treatments_per_week": 1001}, "Treatments per week run from 1 to 1000."),
        ({"price_per_treatment": Decimal("-5")}, "The price per treatment cannot be negative."),
    ],
)
def test_bad_running_cost_inputs_are_refused_beside_their_line(lead, seller, co2, values, problem):
    with pytest.raises(errors.QuoteInvalid) as caught:
        create(lead, seller, [LineData(device=co2, **values)])
    assert caught.value.line_errors == {0: [problem]} and not Quote.objects.exists()
