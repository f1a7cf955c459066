"""Date-times in the admin that say which time they are.

The admin shows and reads every date-time in the site's time zone (TIME_ZONE, Europe/Brussels),
whatever the officer's own clock or the event's place: the form says so under each one.
(Dates are read day first in both languages: see `cooperation_portal.formats`.)

Foundation layer: imports no app of ours, so every app's admin may use it.
"""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

BRUSSELS_TIME = _("Brussels time.")


class BrusselsTimeMixin:
    """For a ModelAdmin or an InlineModelAdmin: "Brussels time." after the help text of each
    date-time field it edits (the field's own help text is kept, before it)."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(db_field, models.DateTimeField):
            formfield.help_text = in_brussels_time(formfield.help_text)
        return formfield


def in_brussels_time(help_text) -> str:
    """A help text followed by "Brussels time.", still translated when the page is rendered."""
    if not help_text:
        return BRUSSELS_TIME
    return format_lazy("{} {}", help_text, BRUSSELS_TIME)
