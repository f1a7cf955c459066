from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationPortalConfig(AppConfig):
    name = "cooperation_portal"
    verbose_name = _("Cooperation Portal")

    def ready(self):
        from . import database  # noqa: F401 - connects the SQLite functions on every connection
        from .caching import connect_signals

        connect_signals()
