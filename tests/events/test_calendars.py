"""iCalendar: the feed of events (filtered like the list) and each event's own file."""

import datetime

import icalendar
import pytest

from events.models import Event
from tests.factories import DRAFT, CountryFactory, EventFactory, SessionFactory
from tests.helpers import count_queries

from .conftest import NOW, brussels

pytestmark = pytest.mark.django_db

FEED = "/en/events/calendar.ics"


def calendar(client, url: str, **kwargs) -> icalendar.Calendar:
    response = client.get(url, **kwargs)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def summaries(cal: icalendar.Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in cal.events]


def test_the_feed_holds_the_upcoming_published_events_only(client, now):
    EventFactory(title_en="Next seminar")
    EventFactory(title_en="In progress", starts_at=NOW - datetime.timedelta(hours=1))
    EventFactory(title_en="Old seminar", starts_at=NOW - datetime.timedelta(days=30))
    EventFactory(title_en="Draft seminar", publication_status=DRAFT)
    assert summaries(calendar(client, FEED)) == ["In progress", "Next seminar"]


def test_the_feed_honours_the_kind_and_year_filters_of_the_list(client, now):
    EventFactory(title_en="Seminar 2026", kind=Event.Kind.SEMINAR)
    EventFactory(title_en="Workshop 2026", kind=Event.Kind.WORKSHOP)
    EventFactory(
        title_en="Seminar 2027", kind=Event.Kind.SEMINAR, starts_at=brussels(2027, 2, 2, 10, 0)
    )
    assert summaries(calendar(client, f"{FEED}?kind=seminar&year=2026")) == ["Seminar 2026"]


def test_the_feed_holds_the_past_events_when_asked_for_them_as_the_list_does(client, now):
    EventFactory(title_en="Next seminar")
    EventFactory(title_en="Old seminar", starts_at=NOW - datetime.timedelta(days=30))
    assert summaries(calendar(client, f"{FEED}?when=past")) == ["Old seminar"]
    assert summaries(calendar(client, f"{FEED}?when=upcoming")) == ["Next seminar"]


@pytest.mark.parametrize("query", ["kind=party", "year=soon", "when=yesterday"])
def test_an_invalid_filter_answers_400_rather_than_a_wider_feed(client, query):
    response = client.get(f"{FEED}?{query}")
    assert response.status_code == 400
    assert "not understood" in response.content.decode()


def test_an_event_keeps_its_own_time_zone_and_the_right_instant(client, now):
    # 15:00 to 17:00 in La Paz (UTC-4) is 20:00 to 22:00 in Brussels (UTC+1).
    EventFactory(
        starts_at=brussels(2026, 3, 12, 20, 0),
        ends_at=brussels(2026, 3, 12, 22, 0),
        time_zone="America/La_Paz",
    )
    cal = calendar(client, FEED)
    event = cal.events[0]
    assert event.start == brussels(2026, 3, 12, 20, 0)
    assert event.end == brussels(2026, 3, 12, 22, 0)
    assert event["DTSTART"].params["TZID"] == "America/La_Paz"
    assert event.start.hour == 15
    assert "America/La_Paz" in [zone.tz_name for zone in cal.timezones]


def test_a_multi_day_event_is_one_all_day_span_and_its_sessions_are_not_events(client, now):
    conference = EventFactory(
        title_en="Two-day conference",
        starts_at=brussels(2026, 12, 1, 9, 0),
        ends_at=brussels(2026, 12, 2, 17, 0),
    )
    SessionFactory(event=conference)
    SessionFactory(event=conference)
    cal = calendar(client, FEED)
    assert summaries(cal) == ["Two-day conference"]
    event = cal.events[0]
    # All-day: dates, with the exclusive end the day after the last day.
    assert event.start == datetime.date(2026, 12, 1)
    assert not isinstance(event.start, datetime.datetime)
    assert event.end == datetime.date(2026, 12, 3)


def test_an_event_ending_at_midnight_does_not_spill_into_the_next_day(client, now):
    EventFactory(starts_at=brussels(2026, 6, 5, 20, 0), ends_at=brussels(2026, 6, 6, 0, 0))
    event = calendar(client, FEED).events[0]
    assert isinstance(event.start, datetime.datetime)


def test_a_cancelled_event_has_status_cancelled_and_others_confirmed(client, now):
    EventFactory(title_en="Called off", is_cancelled=True)
    EventFactory(title_en="Going ahead")
    statuses = {str(e["SUMMARY"]): str(e["STATUS"]) for e in calendar(client, FEED).events}
    assert statuses == {"Called off": "CANCELLED", "Going ahead": "CONFIRMED"}


def test_an_event_carries_its_page_place_and_a_stable_uid(client, now):
    event = EventFactory(
        slug="water-seminar",
        venue_en="Solbosch campus",
        address="Avenue Franklin Roosevelt 50, 1050 Bruxelles",
        city="Bruxelles",
        country=CountryFactory(code="BE"),
    )
    first = calendar(client, FEED).events[0]
    again = calendar(client, "/en/events/water-seminar/event.ics").events[0]
    assert str(first["URL"]) == "http://testserver/en/events/water-seminar/"
    assert str(first["LOCATION"]).startswith("Solbosch campus, Avenue Franklin Roosevelt 50")
    assert first["UID"] == again["UID"] == f"event-{event.pk}@events.cooperation-portal"
    # The same whatever host name the portal was reached by.
    other_host = calendar(client, FEED, headers={"host": "127.0.0.1"}).events[0]
    assert other_host["UID"] == first["UID"]


def test_each_event_has_its_own_calendar_file_past_or_cancelled(client, now):
    EventFactory(
        slug="old-seminar",
        title_en="Old seminar",
        is_cancelled=True,
        starts_at=NOW - datetime.timedelta(days=30),
    )
    response = client.get("/en/events/old-seminar/event.ics")
    assert 'filename="old-seminar.ics"' in response["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(response.content)
    assert summaries(cal) == ["Old seminar"]
    assert str(cal.events[0]["STATUS"]) == "CANCELLED"


def test_the_feed_is_in_the_language_of_its_address(client, now):
    EventFactory(title_en="Seminar on water", title_fr="Séminaire sur l'eau")
    assert summaries(calendar(client, "/fr/events/calendar.ics")) == ["Séminaire sur l'eau"]


def test_the_feed_runs_one_query_however_many_events(client, now):
    country = CountryFactory(code="BE")
    EventFactory(country=country)
    with_one = count_queries(client, FEED)
    for _ in range(30):
        EventFactory(country=country)
    assert count_queries(client, FEED) == with_one == 1


def test_an_event_s_stamp_is_its_last_change_not_the_time_of_the_request(client, now):
    """DTSTAMP: the same file twice is the same file; it moves only when the event changes."""
    event = EventFactory(slug="water-seminar")
    Event.objects.filter(pk=event.pk).update(
        updated_at=datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
    )

    first = calendar(client, FEED).events[0]
    again = calendar(client, "/en/events/water-seminar/event.ics").events[0]

    assert first["DTSTAMP"].dt == datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC)
    assert again["DTSTAMP"].dt == first["DTSTAMP"].dt == first["LAST-MODIFIED"].dt
