"""Events as iCalendar (RFC 5545) events, for the calendar feed and "add to calendar".

A multi-day event is one all-day span (its days in its own time zone), so that a calendar does not
show it as one block running through the nights; its sessions are not separate events.
"""

import datetime
from collections.abc import Callable, Iterable

import icalendar
from django.utils.translation import gettext as _

from cooperation_portal.calendars import (
    build_calendar,
    calendar_line,
    calendar_text,
    calendar_uid,
)
from cooperation_portal.safe_urls import safe_url

from .models import Event


def event_days(event: Event) -> tuple[datetime.date, datetime.date]:
    """The first and last day of the event where it takes place (ending at midnight: the day
    before)."""
    starts_at = event.starts_at.astimezone(event.zone)
    ends_at = event.ends_at.astimezone(event.zone)
    last_moment = max(starts_at, ends_at - datetime.timedelta(microseconds=1))
    return starts_at.date(), last_moment.date()


def location(event: Event) -> str:
    city = event.city if event.city not in event.address else ""  # "1050 Bruxelles" holds it
    place = [event.venue, event.address, city, event.country and event.country.name]
    parts = [str(part) for part in place if part]
    online_url = safe_url(event.online_url)
    if event.is_online and online_url:
        parts.append(online_url if parts else _("Online: %s") % online_url)
    return calendar_line(", ".join(parts))


def event_component(event: Event, absolute_url: Callable[[str], str]):
    """One iCalendar event; `absolute_url` turns a path into a full address."""
    first_day, last_day = event_days(event)
    if last_day > first_day:
        start, end = first_day, last_day + datetime.timedelta(days=1)  # DTEND is exclusive
    else:
        start, end = event.starts_at.astimezone(event.zone), event.ends_at.astimezone(event.zone)
    url = absolute_url(event.get_absolute_url())
    description = f"{event.summary}\n\n{url}"
    registration_url = safe_url(event.registration_url)
    if registration_url and not event.is_cancelled:
        description += "\n\n" + _("Registration: %s") % registration_url
    return icalendar.Event.new(
        # The primary key, not the slug: the UID must survive a change of address.
        uid=calendar_uid("events", f"event-{event.pk}"),
        summary=calendar_line(event.title),
        description=calendar_text(description),
        start=start,
        end=end,
        location=location(event) or None,
        url=url,
        categories=[calendar_line(event.get_kind_display())],
        status="CANCELLED" if event.is_cancelled else "CONFIRMED",
        created=event.created_at,
        # When the event was last changed, not when the file was made: a client that compares
        # stamps sees a change only when there is one (RFC 5545 allows either for a feed).
        stamp=event.updated_at,
        last_modified=event.updated_at,
    )


def events_calendar(
    name: str, title: str, events: Iterable[Event], absolute_url: Callable[[str], str]
) -> icalendar.Calendar:
    """A calendar of `events`, its UID made of `name` ("events", "event-12-calendar")."""
    return build_calendar(
        calendar_uid("events", name),
        title,
        (event_component(event, absolute_url) for event in events),
    )
