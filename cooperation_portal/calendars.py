"""iCalendar (RFC 5545) feeds, written with the `icalendar` library.

Foundation layer: imports no app of ours. Apps build the events; this module wraps them in a
calendar with the time zones they use, and answers it as a download.
"""

import re
from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.http import HttpResponse

from .text import without_control_characters

PRODUCT_ID = "-//Cooperation Portal//Calendars//EN"

# Whatever ends a line in typed text: CR LF, CR, LF, vertical tab, form feed, the Unicode
# separators (a title pasted from a word processor carries them).
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_LINE_BREAK_AND_SPACES = re.compile(r"\s*\n\s*")


def calendar_line(text) -> str:
    """Text for a one-line property (SUMMARY, LOCATION, a calendar's NAME): line breaks become
    spaces, other control characters go. A title with a line break in it is still one line."""
    text = _LINE_BREAK_AND_SPACES.sub(" ", _LINE_BREAK.sub("\n", str(text or "")))
    return without_control_characters(text).strip()


def calendar_text(text) -> str:
    """Text for a multi-line property (DESCRIPTION): its line breaks kept as "\n" (which the
    library writes escaped, as RFC 5545 wants), other control characters gone."""
    return without_control_characters(_LINE_BREAK.sub("\n", str(text or "")))


def calendar_uid(section: str, name: str) -> str:
    """The one UID policy of every calendar and calendar event: `name` (built from primary keys,
    never from an address or a title) at the section's subdomain of `CALENDAR_UID_DOMAIN`, e.g.
    "event-12@events.cooperation-portal". The same for every host the portal answers on, so a
    subscribed calendar never sees an event twice."""
    return f"{name}@{section}.{settings.CALENDAR_UID_DOMAIN}"


def build_calendar(uid: str, name: str, events: Iterable[icalendar.Event]) -> icalendar.Calendar:
    """A calendar named `name` holding `events`, with a VTIMEZONE for every zone they use.

    `uid` identifies the calendar itself and must be stable (the same feed, the same UID), so
    that a subscribed client recognises it; each event needs a stable UID of its own too. Its
    text properties go through `calendar_line` or `calendar_text`: a control character in a
    content line makes the file invalid (and a bare line break makes the library fail).
    """
    calendar = icalendar.Calendar.new(name=calendar_line(name), prodid=PRODUCT_ID, uid=uid)
    for event in events:
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar


def calendar_response(calendar: icalendar.Calendar, filename: str) -> HttpResponse:
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
