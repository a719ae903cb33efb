"""The quote document: the frozen snapshot of a revision (what the PDF and the buyer's page show) and its HTML."""

import hashlib
import json
import logging

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from quotes.formats import money_text, option_price_text, percent_text
from quotes.models import Quote
from quotes.quoting.lines import line_data, lines_totals

logger = logging.getLogger(__name__)


def quote_snapshot(*, quote: Quote) -> dict:
    """Everything the PDF and the buyer's page show, as plain JSON: the frozen form of a revision."""
    rows = list(
        quote.lines.select_related("device__family").prefetch_related(
            "options", "device__spec_values__definition", "device__certifications", "device__price_tiers"
        )
    )
    totals = lines_totals(
        lines=[line_data(row) for row in rows], currency=quote.currency, freight=quote.freight, tax_rate=quote.tax_rate
    )
    currency = quote.currency
    seller = settings.QUOTE_SELLER
    owner = quote.owner
    snapshot_lines = []
    for line, computed in zip(rows, totals.lines, strict=True):
        device = line.device
        key_specs = [
            {"label": sv.definition.label, "value": sv.display}
            for sv in sorted(device.spec_values.all(), key=lambda sv: sv.definition.order)
            if sv.definition.highlight
        ][:4]
        snapshot_lines.append(
            {
                "device_name": device.name,
                "device_slug": device.slug,
                "sku": device.sku,
                "family": device.family.name,
                "key_specs": key_specs,
                "options": [
                    {"name": o.name, "price": capfirst(option_price_text(o, currency))} for o in line.options.all()
                ],
                "quantity": computed.quantity,
                "unit_price": money_text(computed.unit_price, currency),
                "discount_percent": percent_text(computed.discount_percent),
                "discount": money_text(computed.discount, currency),
                "net": money_text(computed.net, currency),
                "price_overridden": line.unit_price_override is not None,
                "warranty_months": device.warranty_months,
                "lead_time_days": device.lead_time_days,
                "certifications": sorted({c.get_authority_display() for c in device.certifications.all()}),
            }
        )
    authorities = sorted({name for line in snapshot_lines for name in line["certifications"]})
    return {
        "seller": seller,
        "buyer": {
            "clinic": quote.clinic.name,
            "contact": quote.contact.name,
            "email": quote.contact.email,
            "phone": quote.contact.phone,
            "country": quote.lead.country.name if quote.lead.country else "",
        },
        "number": quote.number,
        "revision": quote.revision,
        "issued_on": date_format(timezone.localdate(), "j F Y"),
        "valid_until": date_format(quote.valid_until, "j F Y"),
        "valid_until_iso": quote.valid_until.isoformat(),
        "currency": currency,
        "incoterm": quote.incoterm,
        "incoterm_label": quote.get_incoterm_display(),
        "incoterm_place": quote.incoterm_place,
        "payment_terms": quote.payment_terms,
        "notes": quote.notes,
        "certification_note": (
            f"Devices on this quotation hold: {', '.join(authorities)}. Certificates are sent on request; "
            "market coverage varies by country."
            if authorities
            else "Ask us for the certification status of these devices in your market."
        ),
        "owner": {
            "name": (owner.get_full_name() or owner.get_username()) if owner else seller["name"],
            "email": owner.email if owner and owner.email else seller["email"],
        },
        "lines": snapshot_lines,
        "totals": {
            "subtotal_gross": money_text(totals.subtotal_gross, currency),
            "has_discount": totals.discount > 0,
            "discount": money_text(totals.discount, currency),
            "subtotal": money_text(totals.subtotal, currency),
            "freight": money_text(totals.freight, currency),
            "tax_rate_percent": percent_text(totals.tax_rate_percent),
            "tax": money_text(totals.tax, currency),
            "total": money_text(totals.total, currency),
        },
    }


def snapshot_hash(snapshot: dict) -> str:
    # The issue date is left out: rendering the same quote tomorrow is the same document.
    content = {k: v for k, v in snapshot.items() if k != "issued_on"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def quote_document_html(*, snapshot: dict) -> str:
    """The quote's HTML for WeasyPrint; every value a person typed is escaped by the template."""
    return render_to_string("pdf/quote.html", {"q": snapshot})
