"""Cooperation officers see the failed logins (django-axes' access attempts) and unlock an
account or an address early by deleting its row. Running it again changes nothing."""

from django.db import migrations

from cooperation_portal.roles import OFFICERS, app_permissions, grant, revoke

CODENAMES = ["view_accessattempt", "delete_accessattempt"]


def let_officers_unlock(apps, schema_editor):
    grant(apps, OFFICERS, app_permissions(apps, "axes", CODENAMES))


def take_it_back(apps, schema_editor):
    revoke(apps, "axes", CODENAMES)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_roles"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(let_officers_unlock, take_it_back)]
