"""/en/events/cooperation-day/: the next edition (or the latest), its programme, the archive."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from events.models import Event
from tests.factories import DRAFT, EventFactory, SessionFactory
from tests.helpers import count_queries

from .conftest import NOW, brussels

pytestmark = pytest.mark.django_db

URL = "/en/events/cooperation-day/"


def edition(year: int, month: int = 3, day: int = 12, **kwargs) -> Event:
    return EventFactory(
        kind=Event.Kind.COOPERATION_DAY,
        title_en=f"University Cooperation Day {year}",
        slug=f"university-cooperation-day-{year}",
        starts_at=brussels(year, month, day, 9, 0),
        ends_at=brussels(year, month, day, 17, 30),
        **kwargs,
    )


def test_the_page_shows_the_next_edition_with_its_programme(client, now):
    edition(2025)
    next_edition = edition(2027)
    edition(2028)
    SessionFactory(event=next_edition, title_en="Panel on co-leadership")
    response = client.get(URL)
    assert response.context["edition"] == next_edition
    html = response.content.decode()
    assert "Next edition:" in html
    assert "Panel on co-leadership" in html


def test_an_edition_in_progress_is_the_next_one(client, now):
    edition(2025)
    today = edition(2026, 3, 10)  # NOW is noon on that day
    response = client.get(URL)
    assert response.context["edition"] == today
    assert "Next edition:" in response.content.decode()


def test_without_a_planned_edition_the_page_shows_the_latest_one(client, now):
    edition(2024)
    latest = edition(2025)
    edition(2028, publication_status=DRAFT)  # planned, but not published yet
    response = client.get(URL)
    assert response.context["edition"] == latest
    html = response.content.decode()
    assert "Latest edition:" in html
    assert "The next edition has not been announced yet." in html


def test_the_archive_lists_past_editions_latest_first_each_linking_to_its_page(client, now):
    for year in (2023, 2025, 2024):
        edition(year)
    edition(2027)
    EventFactory(title_en="Lunch seminar on grants", starts_at=NOW - datetime.timedelta(days=30))
    edition(2022, publication_status=DRAFT)
    response = client.get(URL)
    assert [past.starts_at.year for past in response.context["archive"]] == [2025, 2024, 2023]
    html = response.content.decode()
    archive = html[html.index('id="archive-heading"') :]
    for year in (2025, 2024, 2023):
        assert f'href="/en/events/university-cooperation-day-{year}/"' in archive
    assert "Lunch seminar on grants" not in html


def test_the_latest_edition_shown_on_top_is_not_repeated_in_the_archive(client, now):
    edition(2024)
    edition(2025)
    archive = client.get(URL).context["archive"]
    assert [past.starts_at.year for past in archive] == [2024]


def test_a_cancelled_next_edition_is_shown_marked_cancelled(client, now):
    edition(2027, is_cancelled=True)
    html = client.get(URL).content.decode()
    assert "This edition has been cancelled." in html


def test_before_any_edition_the_page_says_none_is_announced(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert "No University Cooperation Day has been announced yet." in response.content.decode()


def test_the_page_has_one_h1_and_the_edition_page_links_back_to_it(client, now):
    next_edition = edition(2027)
    SessionFactory(event=next_edition)
    assert client.get(URL).content.decode().count("<h1") == 1
    assert f'href="{URL}"' in client.get(next_edition.get_absolute_url()).content.decode()


def test_no_event_can_take_the_address_of_the_cooperation_day_page():
    event = EventFactory.build(slug="cooperation-day")
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "slug" in error.value.message_dict


def test_the_page_runs_as_many_queries_for_many_editions_as_for_few(client, now):
    next_edition = edition(2027)
    SessionFactory(event=next_edition)
    edition(2025)
    with_few = count_queries(client, URL)
    for year in range(2005, 2025):
        edition(year)
        SessionFactory(event=next_edition)
    assert count_queries(client, URL) == with_few
