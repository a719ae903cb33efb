"""Every key now has its partner (0007 attached them): the link is required and the old name goes.

A migration of its own: PostgreSQL refuses to alter a table in the transaction that just updated its rows.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0008_partner_organisation"),
    ]

    operations = [
        migrations.RemoveField(model_name="partnerkey", name="partner_label"),
        migrations.AlterField(
            model_name="partnerkey",
            name="partner",
            field=models.ForeignKey(
                help_text="The organisation that holds the key.",
                on_delete=django.db.models.deletion.PROTECT,
                related_name="keys",
                to="catalog.partner",
            ),
        ),
    ]
