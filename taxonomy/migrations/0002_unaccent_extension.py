"""PostgreSQL's unaccent extension, for accent-insensitive search in every app (a no-op on other
engines). In the lowest app, so that every app may rely on it."""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0001_initial"),
    ]

    operations = [
        UnaccentExtension(),
    ]
