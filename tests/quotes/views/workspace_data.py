"""Rows for the workspace tests: leads and quotes with every related row present (for the 1-vs-N query counts)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from quotes.models import Lead, Quote, QuoteRevision
from quotes.quoting import sending
from quotes.quoting.lines import LineData
from tests.factories import ConsultationRequestFactory, DeviceFactory, LeadFactory
from tests.quotes.conftest import make_quote


def full_lead(*, owner, device, sent: bool = True, viewed: bool = True) -> Lead:
    """A lead with devices, a request, a sent (and viewed) quote with options and tiers, and a second draft."""
    lead = LeadFactory(owner=owner, status=Lead.Status.QUALIFIED)
    lead.devices.set([device, DeviceFactory()])
    ConsultationRequestFactory(lead=lead, contact=lead.contact, clinic_name=lead.clinic.name, email=lead.contact.email)
    line = LineData(device=device, options=list(device.options.all()), quantity=3)
    quote = make_quote(lead, owner, [line])
    if sent:
        sending.quote_send(quote=quote, actor=owner)
        if viewed:
            quote.refresh_from_db()
            revision = QuoteRevision.objects.get(quote=quote, number=quote.revision)
            sending.quote_view_record(quote=quote, revision=revision)
    make_quote(lead, owner, [line])
    lead.refresh_from_db()
    return lead


def queries_of(client, url: str) -> int:
    """How many queries one GET of `url` makes (it must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(queries.captured_queries)


def quote_of(lead: Lead) -> Quote:
    return Quote.objects.filter(lead=lead).order_by("pk").first()
