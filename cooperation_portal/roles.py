"""The two roles shipped with the portal (groups of permissions, pages/migrations/0001_roles.py)
and what a migration needs to give them the permissions of a new app or model.

Foundation layer: imports no app of ours. Functions take a migration's `apps` (or the project's
registry, in tests) and may run again without changing anything.
"""

from django.contrib.auth.management import create_permissions

EDITORS = "Editors"
OFFICERS = "Cooperation officers"


def app_permissions(apps, app_label: str, codenames=None):
    """The permissions of an app (those named in `codenames`, or all), created first: Django
    otherwise creates them only after the last migration has run."""
    config = apps.get_app_config(app_label)
    models_module = getattr(config, "models_module", None)  # a migration's stub has none
    config.models_module = True
    try:
        create_permissions(config, apps=apps, verbosity=0)
    finally:
        config.models_module = models_module
    permissions = apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label=app_label
    )
    return permissions if codenames is None else permissions.filter(codename__in=codenames)


def grant(apps, group_name: str, permissions) -> None:
    group, _ = apps.get_model("auth", "Group").objects.get_or_create(name=group_name)
    group.permissions.add(*permissions)


def revoke(apps, app_label: str, codenames=None) -> None:
    """Take an app's permissions (those named, or all) back from both roles."""
    for group in apps.get_model("auth", "Group").objects.filter(name__in=[EDITORS, OFFICERS]):
        taken = group.permissions.filter(content_type__app_label=app_label)
        group.permissions.remove(
            *(taken if codenames is None else taken.filter(codename__in=codenames))
        )
