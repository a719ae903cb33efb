"""Staff groups and what each may do in the catalog (least privilege).

Each app grants its own permissions to the shared groups after migrating, so a fresh
database and an upgraded one end with the same groups. Changes made by hand in the
admin to other permissions are left alone; the ones listed here are ensured.
"""

from django.apps import apps
from django.contrib.auth.models import Group, Permission

CATALOG_EDITORS = "Catalog editors"
SALES = "Sales"


# Partners, their credentials and sync bookkeeping are not the catalog's content: superusers (or a
# group given these permissions by hand) manage keys; nobody edits tombstones or stored
# documents (built from the content, catalog.documents).
NOT_GRANTED = {
    "partner",
    "partnerkey",
    "tombstone",
    "syncstate",
    "devicedocument",
    "familydocument",
    "treatmentdocument",
    "articledocument",
}


def catalog_grants() -> dict[str, dict[str, tuple[str, ...]]]:
    """group name -> {model: actions} for every content model of the catalog app."""
    models = [
        model._meta.model_name
        for model in apps.get_app_config("catalog").get_models()
        if model._meta.model_name not in NOT_GRANTED
    ]
    return {
        CATALOG_EDITORS: {model: ("view", "add", "change", "delete") for model in models},
        # Sales read the catalog to answer buyers and build quotes; they do not edit it.
        SALES: {model: ("view",) for model in models},
    }


def roles_ensure(*, app_label: str, grants: dict[str, dict[str, tuple[str, ...]]]) -> dict[str, Group]:
    """Create the groups in `grants` and give each the listed permissions of `app_label`."""
    groups = {}
    for group_name, models in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        codenames = [f"{action}_{model}" for model, actions in models.items() for action in actions]
        perms = Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
        group.permissions.add(*perms)
        groups[group_name] = group
    return groups


def roles_ensure_from_signal(sender, **kwargs):
    roles_ensure(app_label="catalog", grants=catalog_grants())
