"""A few demo consultation requests, leads and a quote, so the sales workspace has work on it.

Everything goes through the real services (intake, routing, pipeline, quoting), so the demo
shows what production does. Idempotent: a demo request whose idempotency key exists is not
sent again, and the demo quote is made once.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from catalog.models import Device, Treatment
from quotes.leads import intake, pipeline
from quotes.models import ConsultationRequest, Lead, Quote
from quotes.quoting import drafts
from quotes.quoting.lines import LineData

REQUESTS = [
    {
        "key": "demo-request-1",
        "name": "Dr. Ana García",
        "clinic_name": "Clínica Dermatológica Sol",
        "email": "ana.garcia@clinica-sol.example",
        "country": "ES",
        "phone": "+34612345678",
        "devices": ["fractional-co2-laser-fx-60"],
        "treatments": ["acne-scars", "vaginal-rejuvenation"],
        "timeline": ConsultationRequest.Timeline.QUARTER,
        "message": "We treat many acne scar patients and want to add gynaecology. Is on-site training included?",
        "stage": Lead.Status.QUALIFIED,
    },
    {
        "key": "demo-request-2",
        "name": "Sophie Laurent",
        "clinic_name": "Institut Lumière",
        "email": "sophie@institut-lumiere.example",
        "country": "FR",
        "devices": ["picosecond-laser-ps-3-compact"],
        "treatments": ["tattoo-removal", "pigmentation"],
        "timeline": ConsultationRequest.Timeline.HALF_YEAR,
        "message": "Comparing picosecond and Q-switched for a tattoo studio partnership.",
        "stage": Lead.Status.CONTACTED,
    },
    {
        "key": "demo-request-3",
        "name": "James Whitfield",
        "clinic_name": "Harley Aesthetics",
        "email": "james@harley-aesthetics.example",
        "country": "GB",
        "devices": ["trilaser-diode-dl-1600-duo"],
        "treatments": ["hair-removal"],
        "timeline": ConsultationRequest.Timeline.NOW,
        "message": "Replacing an IPL. Need something safe on skin types V and VI.",
        "stage": Lead.Status.NEW,
    },
]


@transaction.atomic
def demo_sales_load() -> dict[str, int]:
    """Create the demo requests (and their leads) and one draft quote; return counts."""
    made = 0
    devices = {d.slug: d for d in Device.objects.all()}
    treatments = {t.slug: t for t in Treatment.objects.all()}
    actor = get_user_model().objects.filter(username="demo").first()
    for item in REQUESTS:
        if ConsultationRequest.objects.filter(idempotency_key=item["key"]).exists():
            continue
        submission = intake.consultation_submit(
            data=intake.ConsultationData(
                name=item["name"],
                clinic_name=item["clinic_name"],
                email=item["email"],
                country=item["country"],
                consent=True,
                phone=item.get("phone", ""),
                devices=[devices[s] for s in item["devices"] if s in devices],
                treatments=[treatments[s] for s in item["treatments"] if s in treatments],
                timeline=item["timeline"],
                message=item["message"],
            ),
            origin=intake.RequestOrigin(page_url="/", utm={"utm_source": "demo"}),
            idempotency_key=item["key"],
            fingerprint=item["key"],
        )
        made += 1
        lead = submission.consultation.lead
        path = {
            Lead.Status.CONTACTED: [Lead.Status.CONTACTED],
            Lead.Status.QUALIFIED: [Lead.Status.CONTACTED, Lead.Status.QUALIFIED],
        }.get(item["stage"], [])
        for status in path:
            pipeline.lead_status_change(lead=lead, to_status=status, actor=actor)
    quotes = 0
    lead = Lead.objects.filter(requests__idempotency_key="demo-request-1").first()
    if lead is not None and not Quote.objects.filter(lead=lead).exists() and lead.is_open:
        device = devices.get("fractional-co2-laser-fx-60")
        if device is not None:
            gyn = [o for o in device.options.all() if "ynaecolog" in o.name]
            drafts.quote_create(
                lead=lead,
                actor=actor or lead.owner,
                data=drafts.QuoteData(
                    currency=device.currency,
                    valid_until=timezone.localdate() + timedelta(days=30),
                    incoterm="CIF",
                    incoterm_place="Valencia port",
                    freight=Decimal("1450"),
                    tax_rate=Decimal("21"),
                    notes="Includes two days of on-site training for up to four operators.",
                ),
                lines=[
                    LineData(
                        device=device, options=gyn, quantity=1, discount_percent=Decimal("5"), treatments_per_week=8
                    ),
                    *[
                        LineData(
                            device=hifu, options=[o for o in hifu.options.all() if o.included], treatments_per_week=6
                        )
                        for hifu in [devices.get("hifu-face-body-hf-7")]
                        if hifu is not None
                    ],
                ],
            )
            quotes = 1
    return {"requests": made, "quotes": quotes}
