"""Leads, requests and quotes a partner pushes belong to it; leads and quotes get opaque public ids.

Existing rows belong to no partner (the website and staff made them) and get a fresh random id each;
0007 then makes the ids required and unique (PostgreSQL refuses to alter a table in the transaction
that just updated its rows).
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def public_ids_fill(apps, schema_editor):
    for name in ("Lead", "Quote"):
        model = apps.get_model("quotes", name)
        for pk in model.objects.filter(public_id__isnull=True).values_list("pk", flat=True).iterator():
            model.objects.filter(pk=pk).update(public_id=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0009_partner_key_required"),
        ("quotes", "0006_sales_workspace"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="consultationrequest", name="consultation_unique_idempotency_key"),
        migrations.RemoveConstraint(model_name="lead", name="lead_one_open_per_contact"),
        migrations.AddField(
            model_name="consultationrequest",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                help_text="The partner whose key pushed it; empty for the website form and anonymous API calls.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="consultation_requests",
                to="catalog.partner",
            ),
        ),
        migrations.AddField(
            model_name="lead",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                help_text="The partner that pushed it through the API; empty for the website and staff.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="leads",
                to="catalog.partner",
            ),
        ),
        migrations.AddField(
            model_name="quote",
            name="partner",
            field=models.ForeignKey(
                blank=True,
                help_text="The partner whose lead it answers (it sees the quote through the API); empty otherwise.",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="quotes",
                to="catalog.partner",
            ),
        ),
        migrations.AddField(model_name="lead", name="public_id", field=models.UUIDField(editable=False, null=True)),
        migrations.AddField(model_name="quote", name="public_id", field=models.UUIDField(editable=False, null=True)),
        migrations.RunPython(public_ids_fill, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="consultationrequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("idempotency_key", ""), _negated=True) & models.Q(("partner__isnull", True)),
                fields=("idempotency_key",),
                name="consultation_unique_idempotency_key",
            ),
        ),
        migrations.AddConstraint(
            model_name="consultationrequest",
            constraint=models.UniqueConstraint(
                condition=models.Q(("idempotency_key", ""), _negated=True) & models.Q(("partner__isnull", False)),
                fields=("partner", "idempotency_key"),
                name="consultation_unique_partner_idempotency_key",
            ),
        ),
        migrations.AddConstraint(
            model_name="lead",
            constraint=models.UniqueConstraint(
                condition=models.Q(("partner__isnull", True), ("status__in", ["new", "contacted", "qualified", "quoted"])),
                fields=("contact",),
                name="lead_one_open_per_contact",
            ),
        ),
        migrations.AddConstraint(
            model_name="lead",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("partner__isnull", False), ("status__in", ["new", "contacted", "qualified", "quoted"])
                ),
                fields=("contact", "partner"),
                name="lead_one_open_per_contact_partner",
            ),
        ),
    ]
