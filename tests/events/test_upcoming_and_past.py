"""Upcoming and past events: an event belongs to the past only once it has ended."""

import datetime

import pytest

from events.models import Event
from tests.factories import EventFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)
SECOND = datetime.timedelta(seconds=1)


def test_an_event_in_progress_is_upcoming_and_not_past():
    in_progress = EventFactory(starts_at=NOW - HOUR, ends_at=NOW + HOUR)
    assert list(Event.objects.upcoming(NOW)) == [in_progress]
    assert not Event.objects.past(NOW).exists()


def test_an_event_that_ends_at_this_very_moment_is_still_upcoming():
    ending_now = EventFactory(starts_at=NOW - HOUR, ends_at=NOW)
    assert list(Event.objects.upcoming(NOW)) == [ending_now]


def test_an_event_that_ended_a_second_ago_is_past():
    ended = EventFactory(starts_at=NOW - HOUR, ends_at=NOW - SECOND)
    assert list(Event.objects.past(NOW)) == [ended]
    assert not Event.objects.upcoming(NOW).exists()


def test_the_list_shows_an_event_in_progress_among_the_upcoming_events(client, now):
    EventFactory(title_en="Morning seminar", starts_at=NOW - HOUR, ends_at=NOW + HOUR)
    EventFactory(
        title_en="Last week's seminar", starts_at=NOW - 170 * HOUR, ends_at=NOW - 168 * HOUR
    )

    upcoming = client.get("/en/events/").content.decode()
    past = client.get("/en/events/?when=past").content.decode()

    assert "Morning seminar" in upcoming and "Last week&#x27;s seminar" not in upcoming
    assert "Last week&#x27;s seminar" in past and "Morning seminar" not in past


def test_upcoming_events_come_soonest_first_and_past_events_latest_first(client, now):
    for days in (30, 2, 10, -30, -2, -10):
        start = NOW + datetime.timedelta(days=days)
        EventFactory(title_en=f"Event on day {days:+d}", starts_at=start, ends_at=start + HOUR)

    def titles(url):
        return [event.title for event in client.get(url).context["page_obj"]]

    assert titles("/en/events/") == ["Event on day +2", "Event on day +10", "Event on day +30"]
    assert titles("/en/events/?when=past") == [
        "Event on day -2",
        "Event on day -10",
        "Event on day -30",
    ]
