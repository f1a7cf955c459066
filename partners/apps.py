from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partners and contacts")

    def ready(self):
        from cooperation_portal import history

        from .models import Membership, Organisation, Person

        # An organisation's history holds its members.
        history.register(Membership)
        history.register(Organisation, follow=["memberships"])
        history.register(Person)
