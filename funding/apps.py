from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("Funding")

    def ready(self):
        from cooperation_portal import history

        from .models import Affiliation, ApplicantLevel, Call, FundingScheme

        # A scheme's history holds its calls.
        history.register(Call)
        history.register(FundingScheme, follow=["calls"])
        history.register(ApplicantLevel)
        history.register(Affiliation)
