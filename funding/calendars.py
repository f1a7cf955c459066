"""Call deadlines as iCalendar events, for the calendar feeds (``deadlines.ics``).

Each deadline is one event at the very minute the call closes, in Brussels time, with a UID
that never changes (so a subscribed calendar updates the event instead of duplicating it). A
call with an internal deadline gives a second event for it.
"""

import datetime
import hashlib

import icalendar
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cooperation_portal.calendars import (
    build_calendar,
    calendar_line,
    calendar_text,
    calendar_uid,
)
from cooperation_portal.safe_urls import safe_url
from cooperation_portal.times import utc_offset

from .models import DEADLINE_TIME_ZONE

#: How long ago the deadlines of a filtered calendar go back: recent ones stay visible.
HISTORY = datetime.timedelta(days=365)

#: How often calendar clients should fetch a subscribed feed again.
REFRESH_INTERVAL = datetime.timedelta(hours=6)


def calendar_moment(moment: datetime.datetime) -> datetime.datetime:
    """``moment`` in Brussels time, or in UTC where Brussels time would be ambiguous.

    When the clocks go back, 02:00 to 02:59 happens twice; iCalendar reads such a local time as
    its first occurrence (RFC 5545, 3.3.5), so the second one is written in UTC.
    """
    local = moment.astimezone(DEADLINE_TIME_ZONE)
    if local.fold and local.replace(fold=0).utcoffset() != local.utcoffset():
        return moment.astimezone(datetime.UTC)
    return local


def format_moment(moment: datetime.datetime) -> str:
    local = moment.astimezone(DEADLINE_TIME_ZONE)
    return _("%(date)s at %(time)s, Brussels time (%(offset)s)") % {
        "date": date_format(local, "DATE_FORMAT"),
        "time": date_format(local, "H:i"),
        "offset": utc_offset(local),
    }


def deadline_events(request, calls):
    for call in calls:
        scheme = call.scheme
        url = request.build_absolute_uri(scheme.get_absolute_url())
        names = {"scheme": scheme.name, "call": call.title}
        description = [scheme.summary, "", _("Deadline: %s") % format_moment(call.deadline)]
        if call.internal_deadline:
            description.append(
                _("Internal deadline of the university's cooperation office: %s")
                % format_moment(call.internal_deadline)
            )
        if call_url := safe_url(call.url):
            description.append(_("Call text: %s") % call_url)
        description.append(url)
        common = {
            "description": calendar_text("\n".join(description)),
            "url": url,
            "stamp": call.updated_at,
            "last_modified": call.updated_at,
            "transparency": "TRANSPARENT",
        }
        yield icalendar.Event.new(
            uid=calendar_uid("funding", f"funding-call-{call.pk}-deadline"),
            summary=calendar_line(_("Deadline: %(scheme)s — %(call)s") % names),
            start=calendar_moment(call.deadline),
            **common,
        )
        if call.internal_deadline:
            yield icalendar.Event.new(
                uid=calendar_uid("funding", f"funding-call-{call.pk}-internal-deadline"),
                summary=calendar_line(_("Internal deadline: %(scheme)s — %(call)s") % names),
                start=calendar_moment(call.internal_deadline),
                **common,
            )


def deadlines_calendar(request, calls, *, scheme=None, now=None) -> icalendar.Calendar:
    """The calendar of ``calls``: one scheme's (all of them) or a filtered list's (recent on).

    ``calls`` must hold only calls of published schemes.
    """
    language = get_language() or settings.LANGUAGE_CODE
    if scheme is not None:
        uid = calendar_uid("funding", f"funding-scheme-{scheme.pk}-deadlines-{language}")
        name = _("Deadlines: %(scheme)s") % {"scheme": scheme.name}
    else:
        calls = calls.filter(deadline__gte=(now or timezone.now()) - HISTORY)
        # The same filters give the same calendar UID, whatever their order in the address.
        query = request.GET.copy()
        for ignored in ("page", "sort"):
            query.pop(ignored, None)
        canonical = "&".join(
            f"{key}={','.join(sorted(values))}" for key, values in sorted(query.lists())
        )
        digest = hashlib.sha256(canonical.encode()).hexdigest()[:16]
        uid = calendar_uid("funding", f"funding-deadlines-{digest}-{language}")
        name = _("Funding deadlines — %(portal)s") % {"portal": settings.PORTAL_NAME}
    calls = calls.select_related("scheme").order_by("deadline", "pk")
    calendar = build_calendar(uid, name, deadline_events(request, calls))
    calendar.add("REFRESH-INTERVAL", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("X-PUBLISHED-TTL", icalendar.vDuration(REFRESH_INTERVAL))
    calendar.source = request.build_absolute_uri()
    return calendar
