from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from cooperation_portal.counts import PROJECTS_PER_ORGANISATION, provide

        from . import filters, search

        search.connect_signals()
        provide(PROJECTS_PER_ORGANISATION, filters.projects_per_organisation)
