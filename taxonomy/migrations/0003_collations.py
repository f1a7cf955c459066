"""The collations names are sorted with, one per language of the portal (see
cooperation_portal/collation.py): ICU collations on PostgreSQL (a no-op on other engines, where
the portal registers functions of the same names on each connection). In the lowest app, so that
every app may rely on them. A new language of the portal needs its collation here."""

from django.contrib.postgres.operations import CreateCollation
from django.db import migrations

import cooperation_portal.collation


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0002_unaccent_extension"),
    ]

    operations = [
        CreateCollation("portal_fr", provider="icu", locale="fr"),
        CreateCollation("portal_en", provider="icu", locale="en"),
        migrations.AlterModelOptions(
            name="country",
            options={
                "ordering": [cooperation_portal.collation.Collated("name")],
                "verbose_name": "country",
                "verbose_name_plural": "countries",
            },
        ),
        migrations.AlterModelOptions(
            name="discipline",
            options={
                "ordering": [cooperation_portal.collation.Collated("name")],
                "verbose_name": "discipline",
                "verbose_name_plural": "disciplines",
            },
        ),
    ]
