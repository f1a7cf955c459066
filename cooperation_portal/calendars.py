"""iCalendar (RFC 5545) feeds, written with the `icalendar` library.

Foundation layer: imports no app of ours. Apps build the events; this module wraps them in a
calendar with the time zones they use, and answers it as a download.
"""

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.http import HttpResponse

PRODUCT_ID = "-//Cooperation Portal//Calendars//EN"


def calendar_uid(section: str, name: str) -> str:
    """The one UID policy of every calendar and calendar event: `name` (built from primary keys,
    never from an address or a title) at the section's subdomain of `CALENDAR_UID_DOMAIN`, e.g.
    "event-12@events.cooperation-portal". The same for every host the portal answers on, so a
    subscribed calendar never sees an event twice."""
    return f"{name}@{section}.{settings.CALENDAR_UID_DOMAIN}"


def build_calendar(uid: str, name: str, events: Iterable[icalendar.Event]) -> icalendar.Calendar:
    """A calendar named `name` holding `events`, with a VTIMEZONE for every zone they use.

    `uid` identifies the calendar itself and must be stable (the same feed, the same UID), so
    that a subscribed client recognises it; each event needs a stable UID of its own too.
    """
    calendar = icalendar.Calendar.new(name=str(name), prodid=PRODUCT_ID, uid=uid)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def calendar_response(calendar: icalendar.Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
