from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from cooperation_portal.provided import (
            PROJECTS_OF_ORGANISATION,
            PROJECTS_PER_ORGANISATION,
            provide,
        )

        from . import filters, search

        search.connect_signals()
        provide(PROJECTS_PER_ORGANISATION, filters.projects_per_organisation)
        provide(PROJECTS_OF_ORGANISATION, filters.projects_of_organisation)
