"""Partners become organisations: every key belongs to one, made from the name the key carried."""

import django.db.models.deletion
from django.db import migrations, models


def keys_attach_to_partners(apps, schema_editor):
    Partner = apps.get_model("catalog", "Partner")
    PartnerKey = apps.get_model("catalog", "PartnerKey")
    for label in PartnerKey.objects.values_list("partner_label", flat=True).distinct():
        name = (label or "").strip() or "Partner (name unknown)"
        partner, _ = Partner.objects.get_or_create(name=name[:160])
        PartnerKey.objects.filter(partner_label=label).update(partner=partner)


def keys_name_their_partners(apps, schema_editor):
    PartnerKey = apps.get_model("catalog", "PartnerKey")
    for key in PartnerKey.objects.select_related("partner"):
        PartnerKey.objects.filter(pk=key.pk).update(partner_label=key.partner.name if key.partner else "")


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0007_device_unit_cost"),
    ]

    operations = [
        migrations.CreateModel(
            name="Partner",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(
                        help_text="For example: MedEquip GmbH (distributor, Germany)", max_length=160, unique=True
                    ),
                ),
                ("contact_name", models.CharField(blank=True, help_text="For example: Jonas Weber", max_length=120)),
                (
                    "contact_email",
                    models.EmailField(blank=True, help_text="For example: it@medequip.example", max_length=254),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("active", "Active"), ("suspended", "Suspended (its keys are refused)")],
                        default="active",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
            options={"ordering": ["name"]},
        ),
        migrations.RenameField(model_name="partnerkey", old_name="partner", new_name="partner_label"),
        # A default, so that 0008 can be undone on a table with rows.
        migrations.AlterField(
            model_name="partnerkey", name="partner_label", field=models.CharField(blank=True, default="", max_length=160)
        ),
        migrations.AddField(
            model_name="partnerkey",
            name="partner",
            field=models.ForeignKey(
                null=True,
                help_text="The organisation that holds the key.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="keys",
                to="catalog.partner",
            ),
        ),
        migrations.RunPython(keys_attach_to_partners, keys_name_their_partners),
    ]
