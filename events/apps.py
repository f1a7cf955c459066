from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from cooperation_portal import history

        from .models import Event, Session

        # An event's history holds its programme.
        history.register(Session)
        history.register(Event, follow=["sessions"])
