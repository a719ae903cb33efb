"""A catalog editor exports a family to a spreadsheet, edits it, imports it with a dry run, and confirms."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from catalog import specs
from catalog.models import Device, Family, SpecValue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo_catalog(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo_catalog", verbosity=0)


def edited(content: bytes, sku: str, **cells) -> bytes:
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    for row in rows:
        if row["sku"] == sku:
            row.update(cells)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def test_an_editor_round_trips_a_family_through_a_spreadsheet(live_server, demo_catalog, page_at, screenshot):
    call_command("migrate", verbosity=0)  # the editor groups and their permissions, as after a deploy
    editor = UserFactory(username="erin", is_staff=True)
    editor.groups.set(Group.objects.filter(name="Catalog editors"))
    family = Family.objects.get(devices__slug="fractional-co2-laser-fx-60")
    device = Device.objects.get(slug="fractional-co2-laser-fx-60")
    power = SpecValue.objects.select_related("definition").filter(device=device, definition__unit="W").first()
    assert power is not None, "the demo CO2 laser has a power spec in W"
    column = f"spec:{power.definition.key} [W]"

    # The editor filters the device list to one family and exports it.
    page = page_at(1280)
    page.goto(f"{live_server.url}/admin/catalog/device/?family__id__exact={family.pk}")
    page.get_by_label("Username").fill("erin")
    page.get_by_label("Password").fill("correct horse battery")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Export").click()
    page.get_by_label("Format").select_option(label="csv")
    with page.expect_download() as download:
        page.get_by_role("button", name="Submit").click()
    content = download.value.path().read_bytes()
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert {row["sku"] for row in rows} == set(family.devices.values_list("sku", flat=True))
    assert column in rows[0]

    # A wrong unit is refused with the reason, and nothing can be confirmed.
    page.goto(f"{live_server.url}/admin/catalog/device/import/")
    page.get_by_label("File to import").set_input_files(
        files=[{"name": "co2.csv", "mimeType": "text/csv", "buffer": edited(content, device.sku, **{column: "70 kW"})}]
    )
    page.get_by_label("Format").select_option(label="csv")
    page.get_by_role("button", name="Submit").click()
    refusal = page.locator(".import-refusals li")
    expect(refusal).to_have_count(1)
    expect(refusal).to_contain_text(f"{column}: Give")
    expect(refusal).to_contain_text("not “kW”")
    expect(page.get_by_role("button", name="Confirm import")).to_have_count(0)
    screenshot(page, "admin-import-refused-1280")

    # The corrected file shows the change in a dry run; confirming saves it.
    page.goto(f"{live_server.url}/admin/catalog/device/import/")
    page.get_by_label("File to import").set_input_files(
        files=[{"name": "co2.csv", "mimeType": "text/csv", "buffer": edited(content, device.sku, **{column: "70"})}]
    )
    page.get_by_label("Format").select_option(label="csv")
    page.get_by_role("button", name="Submit").click()
    expect(page.get_by_role("button", name="Confirm import")).to_be_visible()
    expect(page.get_by_text("Update", exact=True)).to_have_count(1)
    others = family.devices.count() - 1
    expect(page.locator(".import-totals")).to_contain_text(f"0 new, 1 changed, {others} unchanged")
    before = specs.to_raw(power.definition, power.typed)
    expect(page.locator(".import-changes li")).to_have_text([f"{device.name}, {column}: “{before}” → “70”"])
    screenshot(page, "admin-import-dry-run-1280")
    assert SpecValue.objects.get(pk=power.pk).value_number == power.value_number  # the dry run saved nothing

    page.get_by_role("button", name="Confirm import").click()
    page.wait_for_url("**/admin/catalog/device/")
    expect(page.get_by_text("1 update", exact=False)).to_be_visible()
    assert SpecValue.objects.get(pk=power.pk).value_number == 70
    assert Device.objects.get(pk=device.pk).updated_at > device.updated_at
