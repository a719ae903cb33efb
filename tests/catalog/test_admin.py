import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from catalog.models import Device
from tests.factories import DeviceFactory, UserFactory

pytestmark = pytest.mark.django_db
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def staff(client, *groups):
    user = UserFactory(is_staff=True)
    user.groups.set(Group.objects.filter(name__in=groups))
    client.force_login(user, backend=MODEL_BACKEND)
    return user


def device_form(device, specs: list[tuple[int, str, int | None]]):
    """The admin change form's POST data, with spec rows (definition id, text, existing row id)."""
    data = {
        "family": device.family_id,
        "name": device.name,
        "slug": device.slug,
        "sku": device.sku,
        "status": device.status,
        "summary": device.summary,
        "description": device.description,
        "list_price": str(device.list_price),
        "currency": device.currency,
        "warranty_months": "24",
        "lead_time_days": "21",
        "skin_type_min": "1",
        "skin_type_max": "6",
    }
    for prefix in ["options", "price_tiers", "certifications", "images"]:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    initial = sum(1 for _, _, pk in specs if pk)
    data |= {"spec_values-TOTAL_FORMS": str(len(specs)), "spec_values-INITIAL_FORMS": str(initial)}
    for i, (definition_id, text, pk) in enumerate(specs):
        data |= {
            f"spec_values-{i}-definition": str(definition_id),
            f"spec_values-{i}-value": text,
            f"spec_values-{i}-device": str(device.pk),
        }
        if pk:
            data[f"spec_values-{i}-id"] = str(pk)
    return data


def test_an_editor_saves_typed_spec_values_from_text(client, laser_family):
    staff(client, "Catalog editors")
    device = DeviceFactory(family=laser_family)
    power = laser_family.spec_definitions.get(key="power")
    energy = laser_family.spec_definitions.get(key="pulse-energy")

    response = client.post(
        reverse("admin:catalog_device_change", args=[device.pk]),
        device_form(device, [(power.pk, "60 W", None), (energy.pk, "5-200", None)]),
    )

    assert response.status_code == 302, response.context["errors"] if response.context else response
    values = {sv.definition.key: sv.display for sv in device.spec_values.select_related("definition")}
    assert values == {"power": "60\u00a0W", "pulse-energy": "5–200\u00a0mJ"}


def test_an_invalid_spec_value_is_refused_with_a_clear_message_and_nothing_saved(client, laser_family):
    staff(client, "Catalog editors")
    device = DeviceFactory(family=laser_family, specs={"power": 40}, name="Original name")
    power_row = device.spec_values.get()
    power = laser_family.spec_definitions.get(key="power")
    wavelength = laser_family.spec_definitions.get(key="wavelength")
    data = device_form(device, [(power.pk, "sixty", power_row.pk), (wavelength.pk, "808", None)])
    data["name"] = "Renamed"

    response = client.post(reverse("admin:catalog_device_change", args=[device.pk]), data)

    body = response.content.decode()
    assert response.status_code == 200
    assert "“sixty” is not a number." in body
    assert "“808” is not among the allowed values (532, 755, 1064, 10600)." in body
    device.refresh_from_db()
    assert device.name == "Original name"
    assert device.spec_values.get().display == "40\u00a0W"


def test_the_spec_inline_offers_only_the_device_family_definitions(client, laser_family):
    from tests.factories import SpecDefinitionFactory

    staff(client, "Catalog editors")
    foreign = SpecDefinitionFactory(label="Cartridge depth")
    device = DeviceFactory(family=laser_family)

    body = client.get(reverse("admin:catalog_device_change", args=[device.pk])).content.decode()

    assert "Laser power" in body
    assert foreign.label not in body


def test_sales_staff_can_view_but_not_change_the_catalog(client, laser_family):
    staff(client, "Sales")
    device = DeviceFactory(family=laser_family)
    change_url = reverse("admin:catalog_device_change", args=[device.pk])

    assert client.get(reverse("admin:catalog_device_changelist")).status_code == 200
    assert client.get(reverse("admin:catalog_device_add")).status_code == 403
    client.post(change_url, device_form(device, []) | {"name": "Hijacked"})
    device.refresh_from_db()
    assert device.name != "Hijacked"


def test_staff_without_a_group_sees_nothing_of_the_catalog(client):
    staff(client)
    assert client.get(reverse("admin:catalog_device_changelist")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_admin_login(client):
    response = client.get(reverse("admin:catalog_device_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_non_staff_users_cannot_use_the_admin(client):
    client.force_login(UserFactory(is_staff=False), backend=MODEL_BACKEND)
    assert client.get(reverse("admin:index")).status_code == 302


def test_publish_action_publishes_selected_drafts(client, laser_family):
    staff(client, "Catalog editors")
    draft = DeviceFactory(family=laser_family, status=Device.Status.DRAFT)

    client.post(reverse("admin:catalog_device_changelist"), {"action": "publish", "_selected_action": [draft.pk]})

    draft.refresh_from_db()
    assert draft.status == Device.Status.PUBLISHED


def test_admin_links_to_the_device_page(client, laser_family):
    staff(client, "Catalog editors")
    device = DeviceFactory(family=laser_family)
    body = client.get(reverse("admin:catalog_device_change", args=[device.pk])).content.decode()
    assert "View on site" in body


def test_admin_login_locks_out_after_repeated_failures(client, settings):
    UserFactory(username="editor", is_staff=True)
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "editor", "password": "wrong"})

    response = client.post(url, {"username": "editor", "password": "correct horse battery"})

    assert response.status_code == 429
    assert "Sign-in is locked" in response.content.decode()
    assert int(response["Retry-After"]) == int(settings.AXES_COOLOFF_TIME * 3600)


def test_admin_login_with_the_right_password_works(client):
    UserFactory(username="editor", is_staff=True)
    response = client.post(reverse("admin:login"), {"username": "editor", "password": "correct horse battery"})
    assert response.status_code == 302
