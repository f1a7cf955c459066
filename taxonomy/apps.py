from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = _("Vocabularies")

    def ready(self):
        from cooperation_portal import history

        from .models import SDG, Country, Discipline

        for vocabulary in (Country, SDG, Discipline):
            history.register(vocabulary)
