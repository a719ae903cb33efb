"""The quote document: the frozen snapshot of a revision (what the PDF and the buyer's page show) and its HTML."""

import hashlib
import json
import logging
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst

from catalog.models import Article, SpecDefinition
from quotes import pricing
from quotes.formats import money_text, option_price_text, percent_text
from quotes.models import ConsultationRequest, Quote
from quotes.quoting.lines import line_consumables, line_data, line_running_costs, lines_totals

logger = logging.getLogger(__name__)


SNAPSHOT_FORMAT = 2  # bumped when the snapshot gains sections: a stored PDF of an older format is rendered again
MAX_GUIDES_PER_DEVICE = 2
MAX_REFERENCES_PER_GUIDE = 4


def _quote_lines(quote: Quote) -> list:
    """The lines with everything the document shows, in a fixed number of queries whatever their count."""
    return list(
        quote.lines.select_related("device__family").prefetch_related(
            "options",
            "device__spec_values__definition",
            "device__certifications",
            "device__price_tiers",
            "device__images",
            "device__options",
            "device__treatments",
            Prefetch(
                "device__articles",
                queryset=Article.objects.published().prefetch_related("references").order_by("-published_at", "id"),
            ),
        )
    )


def ship_to_country(quote: Quote):
    """Where the devices go: the lead's country, else the clinic's (a Country, possibly empty)."""
    return quote.lead.country or quote.clinic.country


def certificates_for(*, certifications, country_code: str, today) -> list[dict]:
    """The device's unexpired certificates that apply in the ship-to country, with those of no market
    (ISO 13485: the maker's quality system) after them; none for a country the device is not cleared in."""
    valid = [c for c in certifications if c.expires_on is None or c.expires_on >= today]
    market = [c for c in valid if country_code and country_code in {country.code for country in c.countries}]
    quality = [c for c in valid if not c.countries]
    return [
        {
            "authority": str(c.get_authority_display()),
            "identifier": c.identifier,
            "expires_on": date_format(c.expires_on, "j F Y") if c.expires_on else "",
            "market": bool(c.countries),
        }
        for c in market + quality
    ]


def certificate_text(*, certificates: list[dict], country: str) -> str:
    """What a line says about its certificates: the ones for the ship-to country, or that there are none."""
    market = [_certificate_label(c) for c in certificates if c["market"]]
    quality = [_certificate_label(c) for c in certificates if not c["market"]]
    if market:
        text = f"{', '.join(market)}" + (f" for {country}" if country else "")
    elif country:
        text = f"No market clearance on file for {country}: ask us before ordering"
    else:
        text = "Ask us for the clearances that apply in your market"
    return text + (f"; {', '.join(quality)}" if quality else "")


def _certificate_label(certificate: dict) -> str:
    authority, identifier = certificate["authority"], certificate["identifier"]
    # "ISO 13485 ISO 13485:2016 ..." would say the authority twice: the identifier already names it.
    label = identifier if identifier.lower().startswith(authority.lower()) else f"{authority} {identifier}"
    return label + (f" (valid to {certificate['expires_on']})" if certificate["expires_on"] else "")


def _spec_groups(device) -> list[dict]:
    """The device's spec values grouped and ordered as the device page shows them."""
    group_order = {value: index for index, value in enumerate(SpecDefinition.Group.values)}
    values = sorted(
        device.spec_values.all(),
        key=lambda sv: (group_order.get(sv.definition.group, 99), sv.definition.order, sv.definition.label),
    )
    groups: list[dict] = []
    for value in values:
        label = str(SpecDefinition.Group(value.definition.group).label)
        if not groups or groups[-1]["label"] != label:
            groups.append({"label": label, "specs": []})
        groups[-1]["specs"].append({"label": value.definition.label, "value": value.display})
    return groups


def _guides(device) -> list[dict]:
    return [
        {
            "title": article.title,
            "takeaway": article.takeaway,
            "url": settings.SITE_URL + article.get_absolute_url(),
            "references": [
                {"citation": ref.citation, "doi": ref.doi, "url": ref.doi_url or ref.url}
                for ref in list(article.references.all())[:MAX_REFERENCES_PER_GUIDE]
            ],
        }
        for article in list(device.articles.all())[:MAX_GUIDES_PER_DEVICE]
    ]


def _lead_needs(quote: Quote) -> dict:
    """What the clinic told us in its requests: the treatments it asked about and its timeline (one query)."""
    rows = list(quote.lead.requests.order_by("-created_at").values_list("timeline", "treatments__name"))
    treatments = sorted({name for _, name in rows if name})
    timeline = next((timeline for timeline, _ in rows if timeline), "")
    return {"treatments": treatments, "timeline": ConsultationRequest.Timeline(timeline).label if timeline else ""}


def _proposal_summary(*, lines: list[dict], needs: dict, clinic: str) -> list[str]:
    """A few plain sentences on what is proposed and why, built from the lead's stated needs."""
    asked = set(needs["treatments"])
    sentences = []
    if asked:
        sentences.append(f"{clinic} asked us about {_join(sorted(asked))}.")
    for line in lines:
        covers = [t for t in line["treatments"] if t in asked] or line["treatments"][:3]
        what = f"{line['quantity']} × {line['device_name']}"
        sentences.append(f"{what}, indicated for {_join(covers)}." if covers else f"{what} ({line['family']}).")
    if needs["timeline"]:
        sentences.append(f"Planned purchase: {needs['timeline'].lower()}.")
    return sentences


def _join(words: list[str]) -> str:
    words = [w.lower() if w[:1].isupper() and not w[1:2].isupper() else w for w in words]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


# The deposit is due this many days after the order; the balance before dispatch.
DEPOSIT_DUE_DAYS = 7
CHART_WIDTH, CHART_HEIGHT = 480, 150


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days (Monday to Friday) after `start`."""
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def _payment(*, quote: Quote, total, rows: list, today: date) -> dict:
    """Deposit and balance with their due dates if the clinic orders today."""
    schedule = pricing.payment_schedule(total=total, deposit_percent=quote.deposit_percent, currency=quote.currency)
    deposit_due = today + timedelta(days=DEPOSIT_DUE_DAYS)
    dispatch = add_working_days(deposit_due, max((row.device.lead_time_days for row in rows), default=0))
    return {
        "deposit_percent": percent_text(schedule.deposit_percent),
        "deposit": money_text(schedule.deposit, quote.currency),
        "deposit_due": date_format(deposit_due, "j F Y"),
        "balance_percent": percent_text(pricing.HUNDRED - schedule.deposit_percent),
        "balance": money_text(schedule.balance, quote.currency),
        "balance_due": date_format(dispatch, "j F Y"),
        "has_deposit": schedule.deposit > 0,
        "has_balance": schedule.balance > 0,
    }


def _running_costs(*, line, net, currency: str) -> dict | None:
    """The line's running costs as the document shows them (the numbers: lines.line_running_costs)."""
    costs = line_running_costs(line=line_data(line), net=net, currency=currency)
    if costs is None:
        return None
    return {
        "treatments_per_week": costs.treatments_per_week,
        "consumables": [
            {
                "name": o.name,
                "unit_price": money_text(o.price_delta, currency),
                "usage": f"{o.uses_per_treatment:,} of {o.uses_per_unit:,} per unit",
            }
            for o in line_consumables(line.device)
        ],
        "consumables_per_treatment": money_text(costs.consumables_per_treatment, currency),
        "consumables_year": money_text(costs.consumables_year, currency),
        "months": [money_text(m, currency) for m in costs.months],
        "has_price": costs.priced,
        "price_per_treatment": money_text(costs.price_per_treatment, currency),
        "revenue_year": money_text(costs.revenue_year, currency),
        "margin_year": money_text(costs.margin_year, currency),
        "investment": money_text(costs.investment, currency),
        "payback_months": costs.payback_months,
        "chart": _cash_chart(costs.cumulative, currency) if costs.priced else None,
    }


def _signed_money(amount, currency: str) -> str:
    return f"{'−' if amount < 0 else ''}{currency} {money_text(abs(amount), currency)}"


def _cash_chart(cumulative, currency: str) -> dict:
    """Bars of the cash position after each month, scaled to the chart's box (the template only draws)."""
    low, high = min(min(cumulative), 0), max(max(cumulative), 0)
    span = (high - low) or 1
    zero_y = float(high / span) * CHART_HEIGHT
    step = CHART_WIDTH / len(cumulative)
    bars = []
    for month, value in enumerate(cumulative, start=1):
        height = abs(float(value / span)) * CHART_HEIGHT
        bars.append(
            {
                "x": round((month - 1) * step + step * 0.15, 1),
                "y": round(zero_y - height if value >= 0 else zero_y, 1),
                "width": round(step * 0.7, 1),
                "height": round(max(height, 0.5), 1),
                "positive": value >= 0,
                "month": month,
                "label_x": round((month - 1) * step + step / 2, 1),
            }
        )
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "zero_y": round(zero_y, 1),
        "bars": bars,
        "first": _signed_money(cumulative[0], currency),
        "last": _signed_money(cumulative[-1], currency),
    }


def quote_snapshot(*, quote: Quote) -> dict:
    """Everything the PDF and the buyer's page show, as plain JSON: the frozen form of a revision."""
    rows = _quote_lines(quote)
    totals = lines_totals(
        lines=[line_data(row) for row in rows], currency=quote.currency, freight=quote.freight, tax_rate=quote.tax_rate
    )
    currency = quote.currency
    seller = settings.QUOTE_SELLER
    owner = quote.owner
    country = ship_to_country(quote)
    today = timezone.localdate()
    snapshot_lines = []
    for line, computed in zip(rows, totals.lines, strict=True):
        device = line.device
        key_specs = [
            {"label": sv.definition.label, "value": sv.display}
            for sv in sorted(device.spec_values.all(), key=lambda sv: sv.definition.order)
            if sv.definition.highlight
        ][:4]
        image = next(iter(device.images.all()), None)
        snapshot_lines.append(
            {
                "device_name": device.name,
                "device_slug": device.slug,
                "device_url": settings.SITE_URL + device.get_absolute_url(),
                "sku": device.sku,
                "family": device.family.name,
                "summary": device.summary,
                "image": {"src": f"media:{image.image.name}", "alt": image.alt_text} if image else None,
                "key_specs": key_specs,
                "spec_groups": _spec_groups(device),
                "treatments": [t.name for t in device.treatments.all()],
                "skin_types": device.skin_types_label,
                "options": [
                    {"name": o.name, "kind": o.get_kind_display(), "price": capfirst(option_price_text(o, currency))}
                    for o in line.options.all()
                ],
                "quantity": computed.quantity,
                "unit_price": money_text(computed.unit_price, currency),
                "discount_percent": percent_text(computed.discount_percent),
                "discount": money_text(computed.discount, currency),
                "net": money_text(computed.net, currency),
                "price_overridden": line.unit_price_override is not None,
                "warranty_months": device.warranty_months,
                "lead_time_days": device.lead_time_days,
                "certificates": certificates_for(
                    certifications=device.certifications.all(), country_code=country.code or "", today=today
                ),
                "guides": _guides(device),
                "running": _running_costs(line=line, net=computed.net, currency=currency),
            }
        )
        snapshot_lines[-1]["certificate_text"] = certificate_text(
            certificates=snapshot_lines[-1]["certificates"], country=country.name if country else ""
        )
    needs = _lead_needs(quote)
    return {
        "format": SNAPSHOT_FORMAT,
        "page_size": settings.QUOTE_PAGE_SIZE,
        "site_url": settings.SITE_URL,
        "seller": seller,
        "buyer": {
            "clinic": quote.clinic.name,
            "contact": quote.contact.name,
            "email": quote.contact.email,
            "phone": quote.contact.phone_display,
            "country": quote.lead.country.name if quote.lead.country else "",
            "tax_id": quote.clinic.tax_id,
        },
        "ship_to": country.name if country else "",
        "needs": needs,
        "summary": _proposal_summary(lines=snapshot_lines, needs=needs, clinic=quote.clinic.name),
        "number": quote.number,
        "revision": quote.revision,
        "issued_on": date_format(today, "j F Y"),
        "valid_until": date_format(quote.valid_until, "j F Y"),
        "valid_until_iso": quote.valid_until.isoformat(),
        "currency": currency,
        "incoterm": quote.incoterm,
        "incoterm_label": quote.get_incoterm_display(),
        "incoterm_place": quote.incoterm_place,
        "payment_terms": quote.payment_terms,
        "payment": _payment(quote=quote, total=totals.total, rows=rows, today=today),
        "notes": quote.notes,
        "certification_note": _certification_note(snapshot_lines),
        "owner": {
            "name": (owner.get_full_name() or owner.get_username()) if owner else seller["name"],
            "email": owner.email if owner and owner.email else seller["email"],
        },
        "lines": snapshot_lines,
        "has_running_costs": any(line["running"] for line in snapshot_lines),
        "totals": {
            "subtotal_gross": money_text(totals.subtotal_gross, currency),
            "has_discount": totals.discount > 0,
            "discount": money_text(totals.discount, currency),
            "subtotal": money_text(totals.subtotal, currency),
            "freight": money_text(totals.freight, currency),
            "tax_rate_percent": percent_text(totals.tax_rate_percent),
            "has_tax": totals.tax > 0,
            "tax": money_text(totals.tax, currency),
            "total": money_text(totals.total, currency),
        },
    }


def _certification_note(lines: list[dict]) -> str:
    """One clause per device on what it holds for the ship-to country (the buyer's page shows it)."""
    return "; ".join(f"{line['device_name']}: {line['certificate_text']}" for line in lines) + "."


def snapshot_hash(snapshot: dict) -> str:
    # The issue date is left out: rendering the same quote tomorrow is the same document.
    content = {k: v for k, v in snapshot.items() if k != "issued_on"}
    return hashlib.sha256(json.dumps(content, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def quote_document_html(*, snapshot: dict) -> str:
    """The quote's HTML for WeasyPrint; every value a person typed is escaped by the template."""
    return render_to_string("pdf/quote.html", {"q": snapshot})
