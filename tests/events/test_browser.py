"""The events pages in a real browser: accessible (axe, WCAG 2.1 AA), usable without
JavaScript, and light."""

import datetime

import pytest
from django.utils import timezone

from events.models import Event
from tests.factories import (
    CountryFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    SDGFactory,
    SessionFactory,
)
from tests.helpers import assert_accessible_and_light

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def events():
    belgium = CountryFactory(code="BE", name_en="Belgium")
    ulb = OrganisationFactory(name_en="Université libre de Bruxelles", country=belgium)
    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0)
    day = EventFactory(
        kind=Event.Kind.COOPERATION_DAY,
        title_en="University Cooperation Day",
        slug="university-cooperation-day",
        starts_at=start + datetime.timedelta(days=40),
        ends_at=start + datetime.timedelta(days=40, hours=8),
        venue_en="Solbosch campus",
        address="Avenue Franklin Roosevelt 50, 1050 Bruxelles",
        city="Bruxelles",
        country=belgium,
        organiser=ulb,
        registration_url="https://example.org/register",
        registration_deadline=start + datetime.timedelta(days=35),
    )
    day.sdgs.set([SDGFactory(number=17, colour="#19486A", text_colour="#FFFFFF")])
    day.projects.set([ProjectFactory(title_en="Maternal health in Kinshasa")])
    for hour, titles in [(0, ["Opening"]), (2, ["Workshop on budgets", "Workshop on authorship"])]:
        for title in titles:
            SessionFactory(
                event=day,
                title_en=title,
                room="Auditoire Janson",
                speakers="ULB · Université de Kinshasa",
                starts_at=day.starts_at + datetime.timedelta(hours=hour),
                ends_at=day.starts_at + datetime.timedelta(hours=hour + 1),
            )
    EventFactory(
        title_en="Workshop in Kinshasa",
        kind=Event.Kind.WORKSHOP,
        time_zone="America/La_Paz",
        registration_url="https://example.org/register",
        registration_deadline=start + datetime.timedelta(days=2),
    )
    EventFactory(title_en="Cancelled seminar", is_cancelled=True)
    return day


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/en/events/", "events-list"),
        ("/en/events/university-cooperation-day/", "event-page"),
        ("/en/events/cooperation-day/", "cooperation-day"),
    ],
)
def test_the_events_pages_pass_axe_and_stay_light(
    live_server, page, screenshot, events, path, name
):
    assert_accessible_and_light(page, page.goto(f"{live_server.url}{path}"))
    screenshot(name)


def test_the_kind_filter_works_with_javascript_off(live_server, browser, events):
    context = browser.new_context(java_script_enabled=False)
    no_script = context.new_page()
    no_script.goto(f"{live_server.url}/en/events/")
    no_script.get_by_label("Workshop").check()
    no_script.get_by_role("button", name="Apply filters").click()
    no_script.wait_for_url("**/en/events/?*kind=workshop*")
    assert no_script.get_by_role("link", name="Workshop in Kinshasa").is_visible()
    assert no_script.get_by_role("link", name="Cancelled seminar").count() == 0
    context.close()
