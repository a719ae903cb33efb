"""Every lead and quote has its public id now (0006 filled them): required and unique from here on."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("quotes", "0007_partner_ownership"),
    ]

    operations = [
        migrations.AlterField(
            model_name="lead",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AlterField(
            model_name="quote",
            name="public_id",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
    ]
