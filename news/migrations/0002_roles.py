"""The two roles (pages/migrations/0001_roles.py) get their permissions on the news: editors
add, change and delete drafts and view; cooperation officers also publish. Running it again
changes nothing."""

from django.db import migrations

from cooperation_portal.roles import EDITORS, OFFICERS, app_permissions, grant, revoke


def grant_news_permissions(apps, schema_editor):
    permissions = list(app_permissions(apps, "news"))
    grant(apps, OFFICERS, permissions)
    grant(apps, EDITORS, [p for p in permissions if not p.codename.startswith("publish_")])


def take_them_back(apps, schema_editor):
    revoke(apps, "news")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        # After the roles are made: 0001_roles sets each group's permissions whole.
        ("pages", "0001_roles"),
    ]

    operations = [migrations.RunPython(grant_news_permissions, take_them_back)]
