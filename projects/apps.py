from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from cooperation_portal import history

        from .models import (
            Keyword,
            Participation,
            Project,
            ProjectCountry,
            ProjectDiscipline,
            ProjectFunding,
            ProjectSDG,
            TaggedKeyword,
        )

        # A project's history holds its links — partners, countries, SDGs, disciplines,
        # funding schemes, keywords — so that restoring it brings them back together.
        links = {
            Participation: "participations",
            ProjectCountry: "projectcountry_set",
            ProjectSDG: "projectsdg_set",
            ProjectDiscipline: "projectdiscipline_set",
            ProjectFunding: "projectfunding_set",
            TaggedKeyword: "keyword_links",
        }
        for link in links:
            history.register(link)
        history.register(Project, follow=links.values())
        history.register(Keyword)

        from cooperation_portal.provided import (
            PROJECTS_OF_ORGANISATION,
            PROJECTS_PER_ORGANISATION,
            provide,
        )

        from . import filters, search

        search.connect_signals()
        provide(PROJECTS_PER_ORGANISATION, filters.projects_per_organisation)
        provide(PROJECTS_OF_ORGANISATION, filters.projects_of_organisation)
