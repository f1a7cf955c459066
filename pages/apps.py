from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The top layer: the root URLs and the pages that gather content across apps (home,
    countries, SDGs), the office's own pages (pages.models.OfficePage), the context every page
    shares, and the commands that fill every app (demo data, generated data at scale). It
    imports the apps; no app imports it."""

    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from django.contrib import admin

        from cooperation_portal import history

        from .addresses import give_the_vocabularies_their_pages
        from .models import OfficePage

        give_the_vocabularies_their_pages()
        # Every change of the office's pages is a version (django-reversion).
        history.register(OfficePage)
        # The admin's first page is the officers' dashboard (pages.dashboard).
        admin.site.index_template = "admin/dashboard.html"
