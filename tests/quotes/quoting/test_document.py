"""The proposal document: every section when its data exists and none when it does not, the seller's
legal details, the certificate per line for the ship-to country, every script printed, page numbers."""

import io
import logging
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from catalog.models import Certification, SpecValue
from quotes import pdf
from quotes.quoting import document
from quotes.quoting.lines import LineData
from tests.factories import (
    ArticleFactory,
    CertificationFactory,
    ConsultationRequestFactory,
    DeviceFactory,
    DeviceImageFactory,
    DeviceOptionFactory,
    PriceTierFactory,
    SpecDefinitionFactory,
    TreatmentFactory,
)
from tests.quotes.quoting.conftest import create

pytestmark = pytest.mark.django_db

SELLER = {
    "name": "Halcyon",
    "legal_name": "Halcyon Aesthetic Systems S.L.",
    "address": ["Harbour Point, 12 Quay Street", "46024 Valencia", "Spain"],
    "email": "sales@halcyon.example",
    "phone": "+34 960 000 123",
    "website": "www.halcyon.example",
    "tax_id": "ESB12345678",
    "registration": "Registro Mercantil de Valencia, Tomo 1",
    "bank_name": "Banco Ejemplo",
    "bank_account_name": "Halcyon Aesthetic Systems S.L.",
    "iban": "ES91 2100 0418 4502 0005 1332",
    "bic": "CAIXESBBXXX",
    "terms": "Disputes fall under the courts of Valencia.",
}
BARE_SELLER = dict.fromkeys(SELLER, "") | {"name": "Halcyon", "email": "sales@halcyon.example", "address": []}


def full_device(**overrides):
    """A device with every related row the document shows: specs in two groups, an image, options,
    certificates for Spain and for the US, a quality certificate, treatments, a guide with references."""
    device = DeviceFactory(**overrides)
    optical = SpecDefinitionFactory(family=device.family, label="Wavelength", unit="nm", group="optical", order=1)
    physical = SpecDefinitionFactory(family=device.family, label="Weight", unit="kg", group="physical", order=2)
    SpecValue.objects.create(device=device, definition=optical, value_number=Decimal("10600"))
    SpecValue.objects.create(device=device, definition=physical, value_number=Decimal("82"))
    DeviceImageFactory(device=device, alt_text=f"{device.name} on its cart")
    DeviceOptionFactory(device=device, name=f"{device.name} scanner", price_delta=Decimal("900"))
    PriceTierFactory(device=device)
    CertificationFactory(
        device=device, authority=Certification.Authority.CE_MDR, identifier="CE 2797", countries=["ES"]
    )
    CertificationFactory(
        device=device, authority=Certification.Authority.FDA_510K, identifier="K203456", countries=["US"]
    )
    CertificationFactory(device=device, authority=Certification.Authority.ISO_13485, identifier="Q5 0923", countries=[])
    device.treatments.add(TreatmentFactory(name="Acne scars", slug="acne-scars"))
    guide = ArticleFactory(title=f"Resurfacing with {device.name}", takeaway="Fractional beats fully ablative.")
    guide.devices.add(device)
    guide.references.create(citation="Manstein D et al. Lasers Surg Med. 2004", doi="10.1002/lsm.20048")
    return device


def lines_of(devices):
    return [LineData(device=d, options=list(d.options.all())) for d in devices]


def text_of(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def render(snapshot) -> pdf.RenderedPdf:
    return pdf.html_to_pdf(document.quote_document_html(snapshot=snapshot), stylesheets=["static:css/pdf.css"])


def test_a_full_proposal_has_a_cover_prices_a_sheet_per_device_and_the_seller_page(lead, seller, settings):
    settings.QUOTE_SELLER = SELLER
    first, second = full_device(name="CO2 Laser FX-60"), full_device(name="Pico Laser PX")
    lead.requests.add(ConsultationRequestFactory(timeline="3_months"))
    quote = create(lead, seller, lines_of([first, second]))

    snapshot = document.quote_snapshot(quote=quote)
    rendered = render(snapshot)

    text = text_of(rendered.content)
    assert rendered.pages == 5  # cover, prices, two spec sheets, seller and acceptance
    assert rendered.refused_urls == ()
    for expected in [
        "EQUIPMENT PROPOSAL FOR",
        "WHAT WE PROPOSE",
        "1 × CO2 Laser FX-60, indicated for acne scars.",
        "Planned purchase: within 3 months.",
        "Prices and terms",
        "SPECIFICATIONS",
        "Optical",
        "Physical",
        "Wavelength",
        "CONFIGURATION ON THIS QUOTATION",
        "CO2 Laser FX-60 scanner",
        "CLINICAL SUMMARY",
        "Fractional beats fully ablative.",
        "doi:10.1002/lsm.20048",
        "Halcyon Aesthetic Systems S.L.",
        "Tax id ESB12345678",
        "Seller tax id ESB12345678",
        "ES91 2100 0418 4502 0005 1332",
        "CAIXESBBXXX",
        "Disputes fall under the courts of Valencia.",
        "www.halcyon.example",
    ]:
        assert expected in text, expected
    assert "example.com" not in text and "localhost" not in text.split("On our website")[0]


def test_every_page_carries_the_quote_number_and_page_x_of_y(lead, seller, co2):
    quote = create(lead, seller, lines_of([full_device(name="CO2 Laser FX-60")]))

    rendered = render(document.quote_snapshot(quote=quote))

    pages = PdfReader(io.BytesIO(rendered.content)).pages
    assert len(pages) == rendered.pages == 4
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert f"Quotation {quote.number} rev. 1" in text
        assert f"Page {number} of {len(pages)}" in text


def test_a_bare_device_and_seller_leave_out_every_section_they_have_no_data_for(lead, seller, settings):
    settings.QUOTE_SELLER = BARE_SELLER
    bare = DeviceFactory(name="Bare Device")
    quote = create(lead, seller, [LineData(device=bare)])

    snapshot = document.quote_snapshot(quote=quote)
    html = document.quote_document_html(snapshot=snapshot)
    text = text_of(render(snapshot).content)

    for absent in [
        "SPECIFICATIONS",
        "CONFIGURATION ON THIS QUOTATION",
        "CLINICAL SUMMARY",
        "BANK DETAILS",
        "IBAN",
        "Tax id",
        "GENERAL TERMS",
        "asked us about",
        "Planned purchase",
        "sheet-image",
    ]:
        assert absent.lower() not in text.lower() and absent.lower() not in html.lower(), absent
    assert "No market clearance on file for Spain: ask us before ordering" in text
    assert "Bare Device" in text


def test_each_line_names_only_the_certificates_for_the_ship_to_country(lead, seller):
    spain_and_us = full_device(name="Cleared Laser")
    us_only = DeviceFactory(name="US Laser")
    CertificationFactory(device=us_only, authority=Certification.Authority.FDA_510K, identifier="K1", countries=["US"])
    expired = DeviceFactory(name="Lapsed Laser")
    CertificationFactory(
        device=expired,
        identifier="CE 0001",
        countries=["ES"],
        issued_on=timezone.localdate() - timedelta(days=800),
        expires_on=timezone.localdate() - timedelta(days=1),
    )
    quote = create(lead, seller, [LineData(device=d) for d in (spain_and_us, us_only, expired)])

    lines = document.quote_snapshot(quote=quote)["lines"]

    assert lines[0]["certificate_text"] == "CE (EU MDR) CE 2797 for Spain; ISO 13485 Q5 0923"
    assert lines[1]["certificate_text"] == "No market clearance on file for Spain: ask us before ordering"
    assert lines[2]["certificate_text"] == "No market clearance on file for Spain: ask us before ordering"


def test_the_ship_to_country_follows_the_lead_then_the_clinic(lead, seller):
    device = full_device(name="Cleared Laser")
    lead.country = "US"
    lead.save(update_fields=["country"])
    quote = create(lead, seller, [LineData(device=device)])
    assert document.quote_snapshot(quote=quote)["lines"][0]["certificate_text"].startswith(
        "FDA 510(k) K203456 for United States of America"
    )

    lead.country = ""
    lead.save(update_fields=["country"])
    lead.clinic.country = "ES"
    lead.clinic.save(update_fields=["country"])
    quote.refresh_from_db()
    assert document.quote_snapshot(quote=quote)["lines"][0]["certificate_text"].startswith(
        "CE (EU MDR) CE 2797 for Spain"
    )


NAMES = {
    "Latin": "Clínica Dermatológica Sol",
    "Cyrillic": "Клиника Эстетики Москва",
    "Greek": "Κλινική Αισθητικής Αθήνα",
    "Chinese": "北京美容诊所",
    "Japanese": "東京スキンクリニック",
    "Korean": "서울 피부과",
    "Arabic": "عيادة دبي",
}


@pytest.mark.parametrize("script", list(NAMES))
def test_clinic_names_in_every_script_print_and_extract_back(lead, seller, co2, script, caplog):
    lead.clinic.name = NAMES[script]
    lead.clinic.save(update_fields=["name"])
    quote = create(lead, seller, [LineData(device=co2)])

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        rendered = render(document.quote_snapshot(quote=quote))

    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
    text = text_of(rendered.content)
    if script == "Arabic":
        # Extraction gives Arabic back in visual order (pypdf does not reorder right-to-left runs).
        assert all(word in text or word[::-1] in text for word in NAMES[script].split())
    else:
        assert NAMES[script] in text


def test_the_fonts_that_print_each_script_are_embedded_and_no_glyph_is_missing(lead, seller, co2, caplog):
    lead.clinic.name = " · ".join(NAMES.values()) + " 😀"
    lead.clinic.save(update_fields=["name"])
    quote = create(lead, seller, [LineData(device=co2)])

    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        rendered = render(document.quote_snapshot(quote=quote))

    assert [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint")] == []
    fonts = set()
    for page in PdfReader(io.BytesIO(rendered.content)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]).replace("-", ""))
    assert any("DejaVuSans" in f for f in fonts), fonts
    assert any("WenQuanYi" in f for f in fonts), fonts
    assert any("Symbola" in f for f in fonts), fonts
    assert not any("LastResort" in f or "Unifont" in f for f in fonts), fonts


def test_the_page_size_is_a4_or_us_letter_from_the_setting(lead, seller, co2, settings):
    quote = create(lead, seller, [LineData(device=co2)])
    sizes = {}
    for size in ("A4", "Letter"):
        settings.QUOTE_PAGE_SIZE = size
        first = PdfReader(io.BytesIO(render(document.quote_snapshot(quote=quote)).content)).pages[0]
        sizes[size] = (round(float(first.mediabox.width)), round(float(first.mediabox.height)))

    assert sizes == {"A4": (595, 842), "Letter": (612, 792)}


def test_changing_the_page_size_changes_the_content_hash_so_the_pdf_is_rendered_again(lead, seller, co2, settings):
    quote = create(lead, seller, [LineData(device=co2)])
    a4 = document.snapshot_hash(document.quote_snapshot(quote=quote))
    settings.QUOTE_PAGE_SIZE = "Letter"
    assert document.snapshot_hash(document.quote_snapshot(quote=quote)) != a4


def test_building_the_snapshot_of_three_devices_takes_as_many_queries_as_one(lead, seller):
    one = create(lead, seller, lines_of([full_device(name="Only")]))
    lead.requests.add(ConsultationRequestFactory(timeline="now"))
    three = create(lead, seller, lines_of([full_device(name=f"Device {n}") for n in range(3)]))

    with CaptureQueriesContext(connection) as single:
        document.quote_snapshot(quote=one.__class__.objects.get(pk=one.pk))
    with CaptureQueriesContext(connection) as triple:
        snapshot = document.quote_snapshot(quote=three.__class__.objects.get(pk=three.pk))

    assert len(snapshot["lines"]) == 3 and all(line["guides"] and line["image"] for line in snapshot["lines"])
    assert len(triple) == len(single)


def test_each_device_image_is_embedded_once(lead, seller):
    device = full_device(name="CO2 Laser FX-60")
    picture = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(picture, format="PNG")
    device.images.update(image=default_storage.save("devices/fx60.png", ContentFile(picture.getvalue())))
    quote = create(lead, seller, lines_of([device, device]))

    rendered = render(document.quote_snapshot(quote=quote))

    # The same device twice: two spec sheets show the picture, the file holds it once.
    assert rendered.content.count(b"/Subtype /Image") == 1


# --- Payment schedule, tax ids, running costs ---------------------------------------------------


def consumable_device(**overrides):
    device = DeviceFactory(**({"treatment_price": Decimal("450")} | overrides))
    DeviceOptionFactory(
        device=device,
        kind="cartridge",
        name="Cartridge 4.5 mm",
        price_delta=Decimal("280"),
        uses_per_unit=20000,
        uses_per_treatment=500,
    )
    DeviceOptionFactory(device=device, kind="consumable", name="Gel 5 l", price_delta=Decimal("30"), uses_per_unit=100)
    DeviceOptionFactory(device=device, kind="handpiece", name="Body handpiece", price_delta=Decimal("900"))
    return device


def test_the_payment_schedule_splits_the_total_into_deposit_and_balance_with_due_dates(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)], deposit_percent=Decimal("40"))

    snapshot = document.quote_snapshot(quote=quote)
    text = text_of(render(snapshot).content)

    payment = snapshot["payment"]
    assert (payment["deposit_percent"], payment["balance_percent"]) == ("40", "60")
    total = Decimal(snapshot["totals"]["total"].replace(",", ""))
    assert payment["deposit"] == f"{(total * Decimal('0.4')).quantize(Decimal('0.01')):,}"
    assert Decimal(payment["deposit"].replace(",", "")) + Decimal(payment["balance"].replace(",", "")) == total
    assert f"Deposit 40% with the order; by {payment['deposit_due']}" in text.replace("\n", " ")
    assert f"USD {payment['balance']}" in text


def test_a_full_payment_with_the_order_shows_no_balance_row(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)], deposit_percent=Decimal("100"))
    text = text_of(render(document.quote_snapshot(quote=quote)).content)
    assert "Deposit 100%" in text and "Balance" not in text


def test_the_buyer_tax_id_prints_beside_the_sellers_when_the_clinic_has_one(lead, seller, co2, settings):
    settings.QUOTE_SELLER = SELLER
    quote = create(lead, seller, [LineData(device=co2)])
    assert "Buyer tax id" not in text_of(render(document.quote_snapshot(quote=quote)).content)

    lead.clinic.tax_id = "ESB87654321"
    lead.clinic.save(update_fields=["tax_id"])
    quote.refresh_from_db()
    text = text_of(render(document.quote_snapshot(quote=quote)).content)
    assert "Seller tax id ESB12345678. Buyer tax id ESB87654321." in text.replace("\n", " ")


def test_running_costs_and_payback_show_for_lines_with_treatments_a_week(lead, seller):
    device = consumable_device(name="HIFU HF-7", list_price=Decimal("6900"))
    quote = create(lead, seller, [LineData(device=device, treatments_per_week=6)])

    snapshot = document.quote_snapshot(quote=quote)
    text = text_of(render(snapshot).content)

    running = snapshot["lines"][0]["running"]
    assert running["consumables_per_treatment"] == "7.30"  # 280 × 500 / 20,000 + 30 / 100
    assert running["consumables_year"] == "2,277.60" and running["payback_months"] == 1
    assert [c["name"] for c in running["consumables"]] == ["Cartridge 4.5 mm", "Gel 5 l"]
    assert len(running["chart"]["bars"]) == 12
    assert snapshot["has_running_costs"]
    for expected in ["Running costs and payback", "USD 7.30", "USD 2,277.60", "USD 450.00", "about 1 month"]:
        assert expected in text, expected
    assert '<svg class="chart"' in document.quote_document_html(snapshot=snapshot)


def test_a_line_price_per_treatment_replaces_the_devices_and_none_at_all_leaves_out_the_payback(lead, seller):
    priced = consumable_device(name="Priced")
    unpriced = consumable_device(name="Unpriced", treatment_price=None)
    quote = create(
        lead,
        seller,
        [
            LineData(device=priced, treatments_per_week=4, price_per_treatment=Decimal("200")),
            LineData(device=unpriced, treatments_per_week=4),
        ],
    )

    first, second = document.quote_snapshot(quote=quote)["lines"]

    assert first["running"]["price_per_treatment"] == "200.00"
    assert second["running"]["has_price"] is False and second["running"]["chart"] is None
    assert second["running"]["payback_months"] is None and second["running"]["consumables_year"] == "1,518.40"


def test_no_treatments_a_week_or_another_currency_leaves_out_the_running_costs(lead, seller):
    euro = consumable_device(name="Euro device", currency="EUR")
    plain = consumable_device(name="Plain")
    quote = create(
        lead,
        seller,
        [
            LineData(device=plain),
            LineData(
                device=euro, treatments_per_week=5, unit_price_override=Decimal("5000"), override_reason="Converted"
            ),
        ],
    )

    snapshot = document.quote_snapshot(quote=quote)

    assert [line["running"] for line in snapshot["lines"]] == [None, None] and not snapshot["has_running_costs"]
    html = document.quote_document_html(snapshot=snapshot)
    assert "Running costs and payback" not in html and "<svg" not in html


def test_a_revision_frozen_before_the_proposal_format_still_renders(lead, seller, co2):
    quote = create(lead, seller, [LineData(device=co2)])
    snapshot = document.quote_snapshot(quote=quote)
    old_keys = {"seller", "buyer", "number", "revision", "issued_on", "valid_until", "valid_until_iso", "currency"}
    old_keys |= {"incoterm", "incoterm_label", "incoterm_place", "payment_terms", "notes", "certification_note"}
    old = {key: snapshot[key] for key in old_keys | {"owner", "totals"}}
    old["lines"] = [
        {key: line[key] for key in ["device_name", "sku", "family", "key_specs", "options", "quantity", "unit_price"]}
        | {"discount_percent": "0", "net": line["net"], "warranty_months": 36, "lead_time_days": 15}
        | {"certifications": ["CE (EU MDR)", "FDA 510(k)"]}
        for line in snapshot["lines"]
    ]

    rendered = render(old)

    text = text_of(rendered.content)
    assert quote.number in text and "CE (EU MDR), FDA 510(k)" in text and rendered.refused_urls == ()
    assert "WHAT WE PROPOSE" not in text and "Running costs" not in text


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [("2026-11-26", 0, "2026-11-26"), ("2026-11-26", 1, "2026-11-27"), ("2026-11-27", 1, "2026-11-30")],
)
def test_working_days_skip_weekends(start, days, expected):
    assert document.add_working_days(date.fromisoformat(start), days) == date.fromisoformat(expected)
