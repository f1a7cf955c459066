"""The two roles (pages/migrations/0001_roles.py) get their permissions on the news: editors
add, change and delete drafts and view; cooperation officers also publish. Running it again
changes nothing."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
OFFICERS = "Cooperation officers"


def grant_news_permissions(apps, schema_editor):
    news = apps.get_app_config("news")
    news.models_module = True
    create_permissions(news, apps=apps, verbosity=0)
    news.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = list(Permission.objects.filter(content_type__app_label="news"))
    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.add(*permissions)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.add(
        *(permission for permission in permissions if not permission.codename.startswith("publish_"))
    )


def take_them_back(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[EDITORS, OFFICERS]):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="news"))


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        # After the roles are made: 0001_roles sets each group's permissions whole.
        ("pages", "0001_roles"),
    ]

    operations = [migrations.RunPython(grant_news_permissions, take_them_back)]
