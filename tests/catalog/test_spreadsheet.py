"""The catalog as a spreadsheet: export with typed spec columns, import with a dry run, confirm, refuse."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import orjson
import pytest
import tablib
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from catalog import services
from catalog.models import Certification, Device, DeviceDocument, DeviceOption, PriceTier, SpecValue, Tombstone
from catalog.spreadsheet import DeviceResource
from tests.catalog.test_admin import staff
from tests.factories import (
    CertificationFactory,
    DeviceFactory,
    DeviceOptionFactory,
    FamilyFactory,
    PriceTierFactory,
    SpecDefinitionFactory,
    TreatmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def treatments(db):
    return [TreatmentFactory(slug="acne-scars"), TreatmentFactory(slug="resurfacing")]


@pytest.fixture
def full_device(laser_family, treatments):
    """A device with a row of everything a spreadsheet row shows."""
    device = DeviceFactory(
        family=laser_family,
        sku="CO2-60",
        slug="co2-60",
        treatments=treatments,
        specs={
            "power": "60 W",
            "pulse-energy": "1-150",
            "wavelength": ["532", "10600"],
            "scan-mode": "Random",
            "screen": "10.4 in touch",
            "cooling": True,
        },
    )
    DeviceOptionFactory(device=device, kind="handpiece", slug="gyn", name="Gynecology handpiece", price_delta="2600")
    DeviceOptionFactory(device=device, kind="accessory", slug="cart", name="Cart", price_delta="0", included=True)
    PriceTierFactory(device=device, min_quantity=3, unit_price="52000")
    CertificationFactory(
        device=device, authority="fda_510k", identifier="K203456", countries=["US"], issued_on=date(2024, 5, 2)
    )
    return Device.objects.get(pk=device.pk)


def export(queryset=None, fmt="csv") -> tablib.Dataset:
    dataset = DeviceResource().export(queryset)
    return tablib.Dataset().load(dataset.export(fmt), format=fmt)


def imported(dataset: tablib.Dataset, *, dry_run: bool):
    return DeviceResource().import_data(dataset, dry_run=dry_run, rollback_on_validation_errors=True)


def row_of(dataset: tablib.Dataset, sku: str) -> dict:
    return next(dict(zip(dataset.headers, row, strict=True)) for row in dataset if row[0] == sku)


def with_cells(dataset: tablib.Dataset, sku: str, **cells) -> tablib.Dataset:
    """A copy of the sheet with some cells of one row changed (keys: headers, `spec:` ones with `__` for ` [`)."""
    changed = tablib.Dataset(headers=dataset.headers)
    for row in dataset:
        values = dict(zip(dataset.headers, row, strict=True))
        if values["sku"] == sku:
            for name, value in cells.items():
                values[name] = value
        changed.append([values[h] for h in dataset.headers])
    return changed


def new_text(diff_cell: str) -> str:
    """The value after the import, from the dry run's marked-up difference."""
    return re.sub(r"<[^>]+>", "", re.sub(r"<del[^>]*>.*?</del>", "", diff_cell))


def old_text(diff_cell: str) -> str:
    return re.sub(r"<[^>]+>", "", re.sub(r"<ins[^>]*>.*?</ins>", "", diff_cell))


def refusals(result) -> dict[int, dict[str, list[str]]]:
    """Row number -> column -> reasons, for every refused row."""
    return {row.number: row.error_dict for row in result.invalid_rows}


# --- Export ----------------------------------------------------------------------------------


def test_a_device_exports_one_row_with_a_column_per_spec_and_its_unit(full_device):
    sheet = export()

    assert sheet.headers[:4] == ["sku", "name", "slug", "family"]
    row = row_of(sheet, "CO2-60")
    assert row["spec:power [W]"] == "60"
    assert row["spec:pulse-energy [mJ]"] == "1-150"
    assert row["spec:wavelength [nm]"] == "532, 10600"
    assert row["spec:scan-mode"] == "Random"
    assert row["spec:screen"] == "10.4 in touch"
    assert row["spec:cooling"] == "yes"
    assert row["family"] == "fractional-co2-laser" and row["status"] == "published"
    assert row["list_price"] == "10000.00" and row["currency"] == "USD" and row["price_on_request"] == "no"
    assert row["treatments"] == "acne-scars, resurfacing"
    assert row["options"].splitlines() == [  # in the admin's order: by order, then name
        "accessory | cart | Cart |  | 0.00 | yes",
        "handpiece | gyn | Gynecology handpiece |  | 2600.00 | no",
    ]
    assert row["price_tiers"] == "3 | 52000.00"
    assert row["certifications"] == "fda_510k | K203456 | US | 2024-05-02 | "


def test_a_device_without_specs_options_or_prices_exports_empty_cells(laser_family):
    DeviceFactory(family=laser_family, sku="BARE-1", list_price=None, price_on_request=True)

    row = row_of(export(), "BARE-1")

    assert row["spec:power [W]"] == "" and row["options"] == "" and row["price_tiers"] == ""
    assert row["certifications"] == "" and row["treatments"] == "" and row["list_price"] == ""
    assert row["price_on_request"] == "yes"


def test_families_with_the_same_key_in_other_units_get_a_column_each(laser_family):
    hifu = FamilyFactory(name="HIFU", slug="hifu")
    SpecDefinitionFactory(family=hifu, key="power", label="Power", unit="kW", value_type="number")
    DeviceFactory(family=laser_family, sku="A-1", specs={"power": "60"})
    DeviceFactory(family=hifu, sku="B-1", specs={"power": "2"})

    sheet = export()

    assert row_of(sheet, "A-1")["spec:power [W]"] == "60" and row_of(sheet, "A-1")["spec:power [kW]"] == ""
    assert row_of(sheet, "B-1")["spec:power [kW]"] == "2" and row_of(sheet, "B-1")["spec:power [W]"] == ""


def test_an_export_filtered_to_one_family_has_only_its_devices_and_spec_columns(laser_family):
    other = FamilyFactory(slug="ipl")
    SpecDefinitionFactory(family=other, key="spot", label="Spot", unit="mm", value_type="number")
    DeviceFactory(family=laser_family, sku="A-1")
    DeviceFactory(family=other, sku="B-1")

    sheet = export(Device.objects.filter(family=laser_family))

    assert [row[0] for row in sheet] == ["A-1"]
    assert "spec:spot [mm]" not in sheet.headers and "spec:power [W]" in sheet.headers


def test_export_costs_the_same_queries_for_one_device_as_for_many(laser_family, treatments):
    def full(sku):
        device = DeviceFactory(
            family=laser_family, sku=sku, treatments=treatments, specs={"power": "60", "cooling": True}
        )
        DeviceOptionFactory(device=device)
        PriceTierFactory(device=device)
        CertificationFactory(device=device)

    full("ONE-1")
    with CaptureQueriesContext(connection) as one:
        export()
    for n in range(2, 7):
        full(f"MANY-{n}")
    with CaptureQueriesContext(connection) as many:
        sheet = export()

    assert len(sheet) == 6
    assert len(one.captured_queries) == len(many.captured_queries)


# --- Round trip ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_exported_file_imports_back_unchanged(full_device, laser_family, fmt):
    DeviceFactory(family=laser_family, sku="BARE-1", list_price=None, price_on_request=True)
    before = Device.objects.get(pk=full_device.pk).updated_at
    sheet = export(fmt=fmt)

    result = imported(sheet, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors(), refusals(result)
    assert result.rows == [] and result.totals["skip"] == 2
    assert Device.objects.get(pk=full_device.pk).updated_at == before


def test_a_dry_run_shows_what_changes_field_by_field_and_saves_nothing(full_device):
    sheet = with_cells(export(), "CO2-60", name="CO2 Laser 60 W", **{"spec:power [W]": "65"})
    before = Device.objects.get(pk=full_device.pk).updated_at

    result = imported(sheet, dry_run=True)

    (row,) = result.rows
    assert row.import_type == "update"
    changed = {header: cell for header, cell in zip(result.diff_headers, row.diff, strict=True) if "<ins" in cell}
    assert set(changed) == {"name", "spec:power [W]"}
    assert (old_text(changed["spec:power [W]"]), new_text(changed["spec:power [W]"])) == ("60", "65")
    assert new_text(changed["name"]) == "CO2 Laser 60 W"
    assert row.changes == [("name", full_device.name, "CO2 Laser 60 W"), ("spec:power [W]", "60", "65")]
    device = Device.objects.get(pk=full_device.pk)
    assert device.name != "CO2 Laser 60 W" and device.updated_at == before
    assert SpecValue.objects.get(device=device, definition__key="power").value_number == 60


def test_a_confirmed_import_saves_every_part_and_moves_the_device_and_its_document(full_device, laser_family):
    sheet = with_cells(
        export(),
        "CO2-60",
        **{
            "spec:power [W]": "65 W",
            "spec:scan-mode": "",  # removes the value
            "spec:wavelength [nm]": "10600",
            "treatments": "resurfacing",
            "options": (
                "handpiece | gyn | Gynecology handpiece v2 | GH-2 | 2800 | no\npower_variant | 80w | 80 W | | 4000 | no"
            ),
            "price_tiers": "3 | 51000\n5 | 49000",
            "certifications": "ce_mdr | CE 2797 | de, fr | 2025-01-10 | 2030-01-09",
            "list_price": "61000.00",
        },
    )
    before = Device.objects.get(pk=full_device.pk).updated_at

    result = imported(sheet, dry_run=False)

    assert [row.import_type for row in result.rows] == ["update"], refusals(result)
    device = Device.objects.get(pk=full_device.pk)
    values = {sv.definition.key: sv.display for sv in device.spec_values.select_related("definition")}
    assert values["power"] == "65\u00a0W" and "scan-mode" not in values and values["wavelength"] == "10600\u00a0nm"
    assert [t.slug for t in device.treatments.all()] == ["resurfacing"]
    options = {o.slug: (o.name, o.sku, o.price_delta) for o in DeviceOption.objects.filter(device=device)}
    assert options == {
        "gyn": ("Gynecology handpiece v2", "GH-2", Decimal("2800")),
        "80w": ("80 W", "", Decimal("4000")),
    }
    assert list(PriceTier.objects.filter(device=device).values_list("min_quantity", "unit_price")) == [
        (3, Decimal("51000.00")),
        (5, Decimal("49000.00")),
    ]
    (cert,) = Certification.objects.filter(device=device)
    assert (cert.authority, cert.identifier, [c.code for c in cert.countries]) == ("ce_mdr", "CE 2797", ["DE", "FR"])
    assert device.list_price == Decimal("61000.00") and device.updated_at > before
    document = DeviceDocument.objects.get(device=device)
    assert document.position == device.updated_at
    assert orjson.loads(document.priced)["name"] == device.name
    assert services.documents_check(kinds=["device"]).differences == []


def test_a_new_row_creates_a_device_with_its_specs(laser_family, treatments):
    DeviceFactory(family=laser_family, sku="CO2-60", specs={"power": "60"})
    sheet = export()
    row = row_of(sheet, "CO2-60")
    row.update(sku="CO2-80", slug="co2-80", name="CO2 80 W", status="draft", **{"spec:power [W]": "80"})
    sheet.append([row[h] for h in sheet.headers])

    result = imported(sheet, dry_run=False)

    assert [r.import_type for r in result.rows] == ["new"], refusals(result)
    assert result.totals["skip"] == 1
    created = Device.objects.get(sku="CO2-80")
    assert created.spec_values.get(definition__key="power").value_number == 80
    assert DeviceDocument.objects.filter(device=created).exists()
    assert not Tombstone.objects.filter(object_id=created.pk).exists()  # a draft never reached partners


def test_unpublishing_through_the_sheet_leaves_a_tombstone_for_partners(full_device):
    result = imported(with_cells(export(), "CO2-60", status="draft"), dry_run=False)

    assert [r.import_type for r in result.rows] == ["update"], refusals(result)
    assert Tombstone.objects.filter(kind="device", object_id=full_device.pk, reason="unpublished").exists()


# --- Refused rows ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "cell", "reason"),
    [
        ("spec:power [W]", "60 kW", "Give Laser power in W, not “kW”."),
        ("spec:power [W]", "sixty", "“sixty” is not a number."),
        ("spec:pulse-energy [mJ]", "150-1", "the range starts above its end"),
        ("spec:wavelength [nm]", "1064, 2940", "“2940” is not among the allowed values"),
        ("spec:scan-mode", "Random, Parallel", "takes one value, not 2"),
        ("spec:cooling", "maybe", "is yes or no, not “maybe”"),
        ("family", "no-such-family", "No family has the slug “no-such-family”."),
        ("treatments", "acne-scars, tattoo-removal", "No treatment has the slug “tattoo-removal”."),
        ("options", "handpiece | gyn | Gyn", "an option is “kind | slug | name | sku | price delta | included”"),
        ("options", "laser | gyn | Gyn |  | 10 | no", "line 1: kind:"),
        ("options", "accessory | cart | Cart |  | 150 | yes", "An included option has no price delta."),
        ("options", "handpiece | gyn | A |  | 1 | no\nhandpiece | gyn | B |  | 2 | no", "“gyn” is listed twice"),
        ("price_tiers", "1 | 100", "line 1: min_quantity:"),
        ("price_tiers", "3 | cheap", "the unit price is not a number"),
        ("certifications", "ce_mdr | CE 1 | DE | 2026-13-01 | ", "issued on is a date such as"),
        ("certifications", "ce_mdr | CE 1 | XX | | ", "line 1: countries:"),
        ("certifications", "ce_mdr | CE 1 | DE | 2026-05-01 | 2026-01-01", "expires after it is issued"),
        ("featured", "perhaps", "is yes or no, not “perhaps”"),
        ("status", "archived", "is not a valid choice"),
        ("list_price", "lots", "number"),
    ],
)
def test_a_refused_cell_names_its_reason_and_nothing_is_saved(full_device, column, cell, reason):
    sheet = with_cells(export(), "CO2-60", **{column: cell, "name": "Renamed in the same row"})
    before = Device.objects.get(pk=full_device.pk).updated_at

    result = imported(sheet, dry_run=False)

    (row,) = result.invalid_rows
    messages = " ".join(" ".join(reasons) for reasons in row.error_dict.values())
    assert reason in messages, row.error_dict
    device = Device.objects.get(pk=full_device.pk)
    assert device.name != "Renamed in the same row" and device.updated_at == before


def test_a_spec_column_in_another_unit_than_the_family_is_refused(full_device):
    sheet = export()
    sheet.append_col(["" for _ in sheet], header="spec:power [kW]")
    sheet = with_cells(sheet, "CO2-60", **{"spec:power [kW]": "0.06"})

    result = imported(sheet, dry_run=True)

    (row,) = result.invalid_rows
    assert "Laser power is given in W in this family, but this column is in kW." in str(row.error_dict)


def test_a_value_for_a_spec_the_family_does_not_have_is_refused(full_device):
    hifu = FamilyFactory(name="HIFU", slug="hifu")
    SpecDefinitionFactory(family=hifu, key="depth", label="Depth", unit="mm", value_type="number")
    sheet = export()
    sheet.append_col(["" for _ in sheet], header="spec:depth [mm]")

    result = imported(with_cells(sheet, "CO2-60", **{"spec:depth [mm]": "4.5"}), dry_run=True)

    (row,) = result.invalid_rows
    assert "“depth” is not a spec of the Fractional CO2 laser family." in str(row.error_dict)


def test_one_refused_row_keeps_every_other_row_of_the_file_from_being_saved(full_device, laser_family):
    DeviceFactory(family=laser_family, sku="OTHER-1", name="Other")
    sheet = with_cells(export(), "OTHER-1", name="Other, renamed")
    sheet = with_cells(sheet, "CO2-60", **{"spec:power [W]": "60 kW"})

    result = imported(sheet, dry_run=False)

    assert result.has_validation_errors()
    assert Device.objects.get(sku="OTHER-1").name == "Other"


def test_an_unknown_column_refuses_the_file(full_device):
    sheet = export()
    sheet.append_col(["x" for _ in sheet], header="colour")

    result = imported(sheet, dry_run=True)

    assert result.has_errors()
    assert "Unknown columns: colour." in str(result.base_errors[0].error)


# --- The admin -------------------------------------------------------------------------------


def export_form_data(fmt_index: int) -> dict:
    fields = {f"deviceresource_{name}": "on" for name in DeviceResource().get_export_order()}
    return {"format": str(fmt_index), "resource": "0", **fields}


def test_an_editor_exports_the_list_as_filtered_to_csv_and_xlsx(client, laser_family, full_device):
    other = FamilyFactory(slug="ipl")
    DeviceFactory(family=other, sku="IPL-1")
    staff(client, "Catalog editors")
    url = reverse("admin:catalog_device_export") + f"?family__id__exact={laser_family.pk}"

    csv = client.post(url, export_form_data(0))
    xlsx = client.post(url, export_form_data(1))

    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    sheet = tablib.Dataset().load(csv.content.decode(), format="csv")
    assert [row[0] for row in sheet] == ["CO2-60"] and "spec:power [W]" in sheet.headers
    assert xlsx.status_code == 200
    assert [row[0] for row in tablib.Dataset().load(io.BytesIO(xlsx.content).read(), format="xlsx")] == ["CO2-60"]


def upload(client, content: bytes, *, name="devices.csv", fmt="0"):
    file = io.BytesIO(content)
    file.name = name
    return client.post(reverse("admin:catalog_device_import"), {"format": fmt, "resource": "0", "import_file": file})


def test_an_editor_imports_with_a_dry_run_then_confirms(client, full_device):
    staff(client, "Catalog editors")
    sheet = with_cells(export(), "CO2-60", **{"spec:power [W]": "70"})

    dry = upload(client, sheet.export("csv").encode())

    assert dry.status_code == 200 and "confirm_form" in dry.context
    assert SpecValue.objects.get(device=full_device, definition__key="power").value_number == 60
    page = dry.content.decode()
    assert "spec:power [W]" in page and "Update" in page

    confirm = client.post(reverse("admin:catalog_device_process_import"), dry.context["confirm_form"].initial)

    assert confirm.status_code == 302
    assert SpecValue.objects.get(device=full_device, definition__key="power").value_number == 70


def test_a_refused_row_shows_its_reason_and_offers_no_confirmation(client, full_device):
    staff(client, "Catalog editors")
    sheet = with_cells(export(), "CO2-60", **{"spec:power [W]": "60 kW"})

    response = upload(client, sheet.export("csv").encode())

    assert response.status_code == 200 and "confirm_form" not in response.context
    page = response.content.decode()
    assert "Nothing can be imported: 1 row refused" in page
    assert "Row 1 (CO2-60), <strong>spec:power [W]</strong>: Give Laser power in W, not “kW”." in page


def test_sales_staff_may_export_but_not_import(client, full_device):
    staff(client, "Sales")

    assert client.post(reverse("admin:catalog_device_export"), export_form_data(0)).status_code == 200
    assert upload(client, export().export("csv").encode()).status_code == 403


def test_the_changelist_offers_import_and_export_to_editors(client, full_device):
    staff(client, "Catalog editors")

    page = client.get(reverse("admin:catalog_device_changelist")).content.decode()

    assert reverse("admin:catalog_device_import") in page and reverse("admin:catalog_device_export") in page


def test_dates_in_the_past_and_future_round_trip(full_device):
    Certification.objects.filter(device=full_device).update(expires_on=timezone.now().date() + timedelta(days=900))

    result = imported(export(), dry_run=True)

    assert result.rows == [] and result.totals["skip"] == 1, refusals(result)


def test_staff_without_a_catalog_role_can_neither_export_nor_import(client, full_device):
    staff(client)

    assert client.post(reverse("admin:catalog_device_export"), export_form_data(0)).status_code == 403
    assert upload(client, export().export("csv").encode()).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, full_device):
    response = client.get(reverse("admin:catalog_device_import"))

    assert response.status_code == 302 and "/admin/login/" in response["Location"]
