from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CooperationPortalConfig(AppConfig):
    name = "cooperation_portal"
    verbose_name = _("Cooperation Portal")

    def ready(self):
        from . import database  # noqa: F401 - connects the SQLite functions on every connection
        from .caching import connect_signals

        connect_signals()
        from . import checks, security_events, staff_access  # noqa: F401 - checks; receivers


class PortalAdminConfig(admin_apps.AdminConfig):
    """Django's admin, whose site (`admin.site`) is the portal's: the staff login protected
    (cooperation_portal.admin_site)."""

    default = False  # this module's default is the app's own config, above
    default_site = "cooperation_portal.admin_site.PortalAdminSite"
