"""Cooperation officers see the failed logins (django-axes' access attempts) and unlock an
account or an address early by deleting its row. Running it again changes nothing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICERS = "Cooperation officers"
CODENAMES = ["view_accessattempt", "delete_accessattempt"]


def let_officers_unlock(apps, schema_editor):
    axes = apps.get_app_config("axes")
    axes.models_module = True
    create_permissions(axes, apps=apps, verbosity=0)
    axes.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.add(
        *Permission.objects.filter(content_type__app_label="axes", codename__in=CODENAMES)
    )


def take_it_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for officers in Group.objects.filter(name=OFFICERS):
        officers.permissions.remove(
            *officers.permissions.filter(content_type__app_label="axes", codename__in=CODENAMES)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_roles"),
        ("axes", "0010_accessattemptexpiration"),
    ]

    operations = [migrations.RunPython(let_officers_unlock, take_it_back)]
