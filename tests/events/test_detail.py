"""An event's page: facts, programme, related content, structured data and calendar link."""

import datetime
import itertools
import json
import re

import pytest

from tests.factories import (
    DRAFT,
    CountryFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    SDGFactory,
    SessionFactory,
)
from tests.helpers import count_queries

from .conftest import NOW, brussels

pytestmark = pytest.mark.django_db


def page(client, event) -> str:
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_the_page_shows_title_kind_times_venue_organiser_summary_and_description(client, now):
    event = EventFactory(
        title_en="Seminar on water",
        summary_en="Water in the cities of the South.",
        description_en="With **partners** from Lima.",
        starts_at=brussels(2026, 3, 12, 14, 0),
        ends_at=brussels(2026, 3, 12, 16, 0),
        venue_en="Solbosch campus",
        address="Avenue Franklin Roosevelt 50, 1050 Bruxelles",
        city="Bruxelles",
        country=CountryFactory(code="BE"),
        organiser=OrganisationFactory(name_en="Université libre de Bruxelles", slug="ulb"),
    )
    html = page(client, event)
    assert "<h1>Seminar on water</h1>" in html
    assert "Seminar</p>" in html  # the kind
    assert '<time datetime="2026-03-12T14:00:00+01:00">2 p.m.</time>' in html
    # The address is written in French, as on site: marked so on English pages.
    assert (
        'Solbosch campus<br><span lang="fr">Avenue Franklin Roosevelt 50, 1050 Bruxelles</span>'
        in html
    )
    assert '<a href="/en/partners/ulb/">Université libre de Bruxelles</a>' in html
    assert "Water in the cities of the South." in html
    assert "<strong>partners</strong>" in html


def test_an_online_event_gives_its_link(client):
    event = EventFactory(
        venue_en="", venue_fr="", is_online=True, online_url="https://example.org/live/seminar"
    )
    html = page(client, event)
    assert "Online" in html
    assert 'href="https://example.org/live/seminar"' in html


def test_the_programme_groups_parallel_sessions_in_one_time_slot_with_rooms_and_speakers(
    client,
):
    event = EventFactory(starts_at=brussels(2027, 1, 7, 9, 0), ends_at=brussels(2027, 1, 7, 17, 0))
    for title, room in [("Workshop on budgets", "Room A"), ("Workshop on authorship", "Room B")]:
        SessionFactory(
            event=event,
            title_en=title,
            room=room,
            speakers="Université de Kinshasa · ULB",
            starts_at=brussels(2027, 1, 7, 11, 0),
            ends_at=brussels(2027, 1, 7, 12, 30),
        )
    SessionFactory(
        event=event,
        title_en="Opening",
        starts_at=brussels(2027, 1, 7, 9, 0),
        ends_at=brussels(2027, 1, 7, 9, 30),
    )
    html = page(client, event)

    slots = re.findall(r'<li class="programme__slot">(.*?)</ul>', html, re.S)
    assert len(slots) == 2
    assert "Opening" in slots[0]
    assert "Workshop on budgets" in slots[1] and "Workshop on authorship" in slots[1]
    assert "11 a.m.</time>\u2013<time" in slots[1]
    assert '<dd><span lang="fr">Room A</span></dd>' in slots[1]
    assert '<dd><span lang="fr">Room B</span></dd>' in slots[1]
    assert "<dd>Université de Kinshasa · ULB</dd>" in slots[1]


def test_a_programme_over_several_days_is_headed_by_day(client):
    event = EventFactory(starts_at=brussels(2027, 1, 7, 9, 0), ends_at=brussels(2027, 1, 8, 17, 0))
    for day in (7, 8):
        SessionFactory(
            event=event, starts_at=brussels(2027, 1, day, 9, 0), ends_at=brussels(2027, 1, day, 10)
        )
    html = page(client, event)
    assert "<h3>Jan. 7, 2027</h3>" in html and "<h3>Jan. 8, 2027</h3>" in html
    assert html.count('<li class="programme__session">\n          <h4>') == 2


def test_the_programme_of_an_event_elsewhere_gives_local_times_too(client):
    # Lima is UTC-5: 15:00 in Brussels is 09:00 there.
    event = EventFactory(
        starts_at=brussels(2026, 12, 1, 15, 0),
        ends_at=brussels(2026, 12, 1, 18, 0),
        time_zone="America/Lima",
    )
    SessionFactory(event=event)
    html = page(client, event)
    assert "Times in Brussels time, and in Lima time in brackets." in html
    assert '<time datetime="2026-12-01T09:00:00-05:00">9 a.m.</time>' in html


def test_related_projects_are_listed_only_when_published_and_sdgs_shown(client):
    event = EventFactory()
    event.projects.set(
        [
            ProjectFactory(title_en="Water in Lima"),
            ProjectFactory(title_en="Secret project", publication_status=DRAFT),
        ]
    )
    event.sdgs.set([SDGFactory(number=6)])
    html = page(client, event)
    assert "Water in Lima" in html
    assert "Secret project" not in html
    assert 'href="/en/sdgs/6/"' in html


def test_the_page_describes_the_event_in_schema_org_json_ld(client):
    event = EventFactory(
        title_en="Seminar on water",
        starts_at=brussels(2026, 12, 1, 15, 0),
        ends_at=brussels(2026, 12, 1, 18, 0),
        time_zone="America/Lima",
        city="Lima",
        country=CountryFactory(code="PE"),
        organiser=OrganisationFactory(name_en="PUCP"),
    )
    data = json_ld(page(client, event))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Seminar on water"
    assert data["startDate"] == "2026-12-01T09:00:00-05:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"]["address"]["addressCountry"] == "PE"
    assert data["organizer"]["name"] == "PUCP"
    assert data["url"] == f"http://testserver{event.get_absolute_url()}"


def test_json_ld_cannot_close_its_script_element(client):
    event = EventFactory(title_en="</script><script>alert(1)</script>")
    html = page(client, event)
    assert json_ld(html)["name"] == "</script><script>alert(1)</script>"
    assert "<script>alert(1)" not in html


def test_a_cancelled_event_stays_visible_marked_cancelled(client):
    event = EventFactory(is_cancelled=True, registration_url="https://example.org/register")
    html = page(client, event)
    assert "This event has been cancelled." in html
    assert json_ld(html)["eventStatus"] == "https://schema.org/EventCancelled"
    assert "https://example.org/register" not in html


def test_the_page_offers_to_add_the_event_to_a_calendar(client):
    event = EventFactory(slug="water-seminar")
    assert 'href="/en/events/water-seminar/event.ics"' in page(client, event)


def test_a_past_event_page_stays_available(client, now):
    event = EventFactory(starts_at=NOW - datetime.timedelta(days=40))
    assert client.get(event.get_absolute_url()).status_code == 200


def test_the_page_has_one_h1_and_headings_in_order(client):
    event = EventFactory()
    SessionFactory(event=event)
    event.projects.set([ProjectFactory()])
    html = page(client, event)
    levels = [int(level) for level in re.findall(r"<h([1-6])", html)]
    assert levels.count(1) == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels))


@pytest.mark.parametrize(
    "path", ["/en/events/no-such-event/", "/en/events/no-such-event/event.ics"]
)
def test_an_unknown_event_answers_404(client, path):
    assert client.get(path).status_code == 404


def test_a_draft_event_answers_404_on_its_page_and_calendar(client):
    event = EventFactory(slug="draft-seminar", publication_status=DRAFT)
    assert client.get(event.get_absolute_url()).status_code == 404
    assert client.get("/en/events/draft-seminar/event.ics").status_code == 404


def test_the_page_runs_as_many_queries_for_a_long_programme_as_for_a_short_one(client):
    event = EventFactory(organiser=OrganisationFactory(), country=CountryFactory(code="BE"))

    def enrich(count: int) -> None:
        for number in range(count):
            SessionFactory(event=event)
            event.projects.add(ProjectFactory())
            event.sdgs.add(SDGFactory(number=number + 1))

    enrich(1)
    with_one = count_queries(client, event.get_absolute_url())
    enrich(12)
    assert count_queries(client, event.get_absolute_url()) == with_one
