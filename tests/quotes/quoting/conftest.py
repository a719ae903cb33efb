"""Quotes built through the drafts, for the quoting tests: terms, a quote, a render, a sent link."""

from datetime import timedelta
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from quotes.quoting import drafts, rendering, sending
from quotes.quoting.drafts import QuoteData
from quotes.quoting.lines import LineData

D = Decimal


def data(**overrides):
    values = {
        "currency": "USD",
        "valid_until": timezone.localdate() + timedelta(days=30),
        "incoterm": "CIF",
        "incoterm_place": "Valencia",
        "freight": D("1450"),
        "tax_rate": D("21"),
    }
    return QuoteData(**(values | overrides))


def create(lead, seller, lines, **overrides):
    return drafts.quote_create(lead=lead, actor=seller, data=data(**overrides), lines=lines)


def render(revision_id, task_id="task-1"):
    return rendering.quote_pdf_render(revision_id=revision_id, task_id=task_id)


def sent_link(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)])
    revision = sending.quote_send(quote=quote, actor=seller)
    render(revision.pk)
    return quote, revision, reverse("quotes:quote-public", args=[sending.quote_link_token(revision=revision)])
