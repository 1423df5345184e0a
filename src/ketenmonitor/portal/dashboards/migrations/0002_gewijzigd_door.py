# SPDX-License-Identifier: EUPL-1.2
"""Who last changed a toelichting in the beheer pages."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("dashboards", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="toelichting",
            name="gewijzigd_door_naam",
            field=models.CharField(blank=True, default="", max_length=150,
                                   verbose_name="gewijzigd door"),
        ),
    ]
