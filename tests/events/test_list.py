"""The events list, /en/events/: filters, times, places, invalid input and query counts."""

import datetime

import pytest

from events.models import Event
from tests.factories import DRAFT, CountryFactory, EventFactory, OrganisationFactory
from tests.helpers import count_queries

from .conftest import NOW, brussels

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def titles(response) -> list[str]:
    return [event.title for event in response.context["page_obj"]]


def test_the_kind_filter_keeps_only_events_of_the_chosen_kinds(client):
    EventFactory(title_en="A seminar", kind=Event.Kind.SEMINAR)
    EventFactory(title_en="A workshop", kind=Event.Kind.WORKSHOP)
    EventFactory(title_en="An exhibition", kind=Event.Kind.EXHIBITION)
    response = client.get("/en/events/?kind=seminar&kind=workshop")
    assert sorted(titles(response)) == ["A seminar", "A workshop"]


def test_the_year_filter_counts_years_in_brussels_time(client, now):
    # 23:30 on New Year's Eve in Brussels is still 2026 there (and 22:30 UTC); 00:30 on New
    # Year's Day in Brussels is 2027 there, though still 2026 in UTC.
    EventFactory(title_en="New Year's Eve party", starts_at=brussels(2026, 12, 31, 23, 30))
    EventFactory(title_en="New Year's Day walk", starts_at=brussels(2027, 1, 1, 0, 30))
    assert titles(client.get("/en/events/?year=2026")) == ["New Year's Eve party"]
    assert titles(client.get("/en/events/?year=2027")) == ["New Year's Day walk"]


def test_past_events_of_a_year_are_found_with_when_past(client, now):
    EventFactory(title_en="Seminar of 2025", starts_at=brussels(2025, 5, 6, 14, 0))
    assert titles(client.get("/en/events/?year=2025")) == []
    assert titles(client.get("/en/events/?year=2025&when=past")) == ["Seminar of 2025"]


def test_an_empty_upcoming_selection_offers_the_past_events_of_the_same_filters(client, now):
    EventFactory(starts_at=brussels(2025, 5, 6, 14, 0))
    html = client.get("/en/events/?year=2025&kind=seminar").content.decode()
    assert "No upcoming event matches these filters." in html
    assert "See past events" in html
    assert "?year=2025&amp;kind=seminar&amp;when=past" in html


def test_drafts_are_not_listed(client):
    EventFactory(title_en="Published seminar")
    EventFactory(title_en="Draft seminar", publication_status=DRAFT)
    assert titles(client.get("/en/events/")) == ["Published seminar"]


def test_each_event_shows_its_date_and_time_in_brussels_time(client, now):
    EventFactory(starts_at=brussels(2026, 3, 12, 14, 0), ends_at=brussels(2026, 3, 12, 16, 0))
    html = client.get("/en/events/").content.decode()
    assert "March 12, 2026" in html
    assert '<time datetime="2026-03-12T14:00:00+01:00">2 p.m.</time>' in html
    assert "(Brussels time)" in html


def test_an_event_elsewhere_shows_its_local_time_and_time_zone_too(client, now):
    # 15:00 in La Paz (UTC-4) is 20:00 in Brussels (UTC+1).
    EventFactory(
        starts_at=brussels(2026, 3, 12, 20, 0),
        ends_at=brussels(2026, 3, 12, 22, 0),
        time_zone="America/La_Paz",
    )
    html = client.get("/en/events/").content.decode()
    assert '<time datetime="2026-03-12T20:00:00+01:00">8 p.m.</time>' in html
    assert '<time datetime="2026-03-12T15:00:00-04:00">3 p.m.</time>' in html
    assert "La Paz time, UTC\u22124" in html


def test_an_event_elsewhere_with_the_same_clock_as_brussels_says_so_once(client, now):
    # Kinshasa is UTC+1 all year, like Brussels in winter.
    EventFactory(starts_at=brussels(2026, 3, 12, 9, 0), time_zone="Africa/Kinshasa")
    html = client.get("/en/events/").content.decode()
    assert "Brussels time, the same as Kinshasa time" in html
    assert html.count("9 a.m.") == 1


def test_each_event_shows_its_place_or_online(client):
    EventFactory(title_en="On campus", venue_en="Solbosch campus", city="Bruxelles")
    EventFactory(
        title_en="Webinar",
        venue_en="",
        venue_fr="",
        is_online=True,
        online_url="https://example.org/live",
    )
    html = client.get("/en/events/").content.decode()
    assert 'Solbosch campus, <span lang="fr">Bruxelles</span>' in html
    assert '<p class="event-card__place">Online</p>' in html


def test_a_cancelled_event_stays_listed_and_is_marked_cancelled(client):
    EventFactory(title_en="Called-off seminar", is_cancelled=True)
    response = client.get("/en/events/")
    assert titles(response) == ["Called-off seminar"]
    assert "Cancelled" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "when=tomorrow",
        "kind=party",
        "year=soon",
        "year=1850",
        "year=2026.5",
        "year=99999999999999999999",
    ],
)
def test_an_invalid_filter_value_is_shown_as_invalid_and_upcoming_events_still_listed(
    client, query
):
    EventFactory(title_en="Upcoming seminar")
    EventFactory(title_en="Old seminar", starts_at=NOW - 400 * DAY)
    response = client.get(f"/en/events/?{query}")
    assert response.status_code == 200
    assert "Some filter values were not understood" in response.content.decode()
    assert titles(response) == ["Upcoming seminar"]


@pytest.mark.parametrize("page", ["2", "99999999999999999999"])
def test_a_page_out_of_range_shows_the_last_page_with_a_notice(client, page):
    EventFactory(title_en="A seminar")
    response = client.get(f"/en/events/?page={page}")
    assert response.status_code == 200
    assert titles(response) == ["A seminar"]
    assert f"Page {page} does not exist; showing the last page, 1." in response.content.decode()


@pytest.mark.parametrize("page", ["0", "last-but-one", "-1"])
def test_a_malformed_page_number_shows_the_first_page(client, page):
    EventFactory(title_en="A seminar")
    response = client.get(f"/en/events/?page={page}")
    assert response.status_code == 200
    assert titles(response) == ["A seminar"]


def test_a_filter_through_htmx_answers_with_the_results_only(client):
    EventFactory(title_en="A seminar")
    response = client.get("/en/events/?kind=seminar", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "A seminar" in html
    assert "<html" not in html and "<h1" not in html


def test_the_calendar_link_carries_the_filters_but_not_the_page_or_when(client):
    html = client.get("/en/events/?kind=seminar&year=2026&when=past").content.decode()
    assert 'href="/en/events/calendar.ics?kind=seminar&amp;year=2026"' in html


def test_the_list_has_one_h1_and_links_to_the_cooperation_day_page(client):
    html = client.get("/en/events/").content.decode()
    assert html.count("<h1") == 1
    assert 'href="/en/events/cooperation-day/"' in html


def make_events(count: int) -> None:
    country = CountryFactory(code="BE")
    for index in range(count):
        EventFactory(
            country=country,
            organiser=OrganisationFactory(country=country),
            time_zone="Africa/Kinshasa" if index % 2 else "Europe/Brussels",
            registration_url="https://example.org/register",
            registration_deadline=NOW + DAY,
        )


@pytest.mark.parametrize("url", ["/en/events/", "/en/events/?kind=seminar&year=2026&when=past"])
def test_the_list_runs_as_many_queries_for_one_event_as_for_a_full_page(client, url):
    make_events(1)
    with_one = count_queries(client, url)
    make_events(24)
    assert count_queries(client, url) == with_one


def test_the_list_stays_within_four_queries(client, django_assert_max_num_queries):
    make_events(25)
    # count, page of events (with country), their published organisers, the content version
    # and, the first time after a change, the footer contacts.
    with django_assert_max_num_queries(5):
        assert client.get("/en/events/").status_code == 200
