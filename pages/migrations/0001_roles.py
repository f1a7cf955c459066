"""The two roles shipped with the portal, as groups of permissions.

- Editors add and change drafts of every kind of content (projects, organisations and contacts,
  funding schemes and calls, events), and delete drafts; they read the vocabularies. They cannot
  publish: without the `publish` permission, what the public sees is read-only to them
  (`cooperation_portal.admin_actions.PublishableAdminMixin`).
- Cooperation officers do everything editors do, publish, move back to draft and delete, and
  keep the vocabularies (countries, SDGs, disciplines, applicant levels and institutions).

A staff user in neither group sees nothing in the admin. Running it again changes nothing.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from cooperation_portal.roles import EDITORS, OFFICERS

CONTENT_APPS = ["partners", "funding", "projects", "events"]
VOCABULARY_APPS = ["taxonomy"]
#: Content-app models that are vocabularies: editors only read them.
VOCABULARY_MODELS = {("funding", "applicantlevel"), ("funding", "affiliation")}



def create_roles(apps, schema_editor):
    # Permissions are otherwise created after the last migration: create them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label__in=CONTENT_APPS + VOCABULARY_APPS
    ).select_related("content_type")

    def is_vocabulary(permission):
        content_type = permission.content_type
        return (
            content_type.app_label in VOCABULARY_APPS
            or (content_type.app_label, content_type.model) in VOCABULARY_MODELS
        )

    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.set(permissions)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editors.permissions.set(
        [
            permission
            for permission in permissions
            if not permission.codename.startswith("publish_")
            and (not is_vocabulary(permission) or permission.codename.startswith("view_"))
        ]
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, OFFICERS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0005_publish_permission"),
        ("funding", "0006_publish_permission_no_call_note"),
        ("partners", "0004_publish_permission"),
        ("projects", "0007_publish_permission"),
        ("taxonomy", "0003_collations"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
