"""Registration is open, closing soon or closed; nothing is said about it once the event is over."""

import datetime

import pytest

from events.models import Event
from tests.factories import EventFactory

from .conftest import NOW

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
Status = Event.RegistrationStatus
REGISTER = "https://example.org/register"


def event_with_deadline(deadline, **kwargs):
    kwargs.setdefault("starts_at", NOW + 30 * DAY)
    kwargs.setdefault("registration_url", REGISTER)
    return EventFactory.build(registration_deadline=deadline, **kwargs)


@pytest.mark.parametrize(
    ("deadline", "expected"),
    [
        (NOW + 20 * DAY, Status.OPEN),
        (NOW + 7 * DAY + datetime.timedelta(seconds=1), Status.OPEN),
        (NOW + 7 * DAY, Status.CLOSING_SOON),
        (NOW + datetime.timedelta(minutes=1), Status.CLOSING_SOON),
        (NOW, Status.CLOSED),
        (NOW - DAY, Status.CLOSED),
    ],
    ids=["weeks-ahead", "just-over-a-week", "a-week", "a-minute", "at-the-deadline", "after"],
)
def test_registration_status_follows_the_deadline(deadline, expected):
    assert event_with_deadline(deadline).registration_status_at(NOW) == expected


def test_without_a_deadline_registration_closes_when_the_event_starts():
    event = event_with_deadline(None, starts_at=NOW + 3 * DAY)
    assert event.registration_status_at(NOW) == Status.CLOSING_SOON
    assert event.registration_status_at(NOW + 3 * DAY) == Status.CLOSED


def test_nothing_is_said_about_registration_for_a_past_event():
    event = event_with_deadline(NOW - 40 * DAY, starts_at=NOW - 30 * DAY)
    assert event.registration_status_at(NOW) is None


def test_nothing_is_said_about_registration_for_a_cancelled_event_or_without_a_link():
    assert (
        event_with_deadline(NOW + 20 * DAY, is_cancelled=True).registration_status_at(NOW) is None
    )
    without_link = event_with_deadline(NOW + 20 * DAY, registration_url="")
    assert without_link.registration_status_at(NOW) is None


def test_the_event_page_links_to_registration_while_it_is_open(client, now):
    event = EventFactory(
        starts_at=NOW + 30 * DAY,
        ends_at=NOW + 30 * DAY + DAY,
        registration_url=REGISTER,
        registration_deadline=NOW + 20 * DAY,
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Registration open" in html
    assert f'href="{REGISTER}"' in html


def test_the_event_page_says_closing_soon_a_week_before_the_deadline(client, now):
    event = EventFactory(registration_url=REGISTER, registration_deadline=NOW + 2 * DAY)
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Registration closes soon" in html
    assert f'href="{REGISTER}"' in html


def test_after_the_deadline_the_page_says_registration_closed_and_gives_no_link(client, now):
    event = EventFactory(
        starts_at=NOW + 2 * DAY,
        ends_at=NOW + 2 * DAY + DAY,
        registration_url=REGISTER,
        registration_deadline=NOW - DAY,
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Registration closed" in html
    assert REGISTER not in html


def test_a_past_event_page_says_nothing_about_registration(client, now):
    event = EventFactory(
        starts_at=NOW - 3 * DAY,
        ends_at=NOW - 2 * DAY,
        registration_url=REGISTER,
        registration_deadline=NOW - 4 * DAY,
    )
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Registration" not in html
    assert REGISTER not in html


def test_the_list_shows_each_events_registration_status(client, now):
    for deadline in (NOW + 9 * DAY, NOW + DAY, NOW - DAY):
        EventFactory(
            starts_at=NOW + 30 * DAY, registration_url=REGISTER, registration_deadline=deadline
        )
    EventFactory(starts_at=NOW + 30 * DAY)  # free entry: nothing to say
    html = client.get("/en/events/").content.decode()
    assert html.count("Registration open") == 1
    assert html.count("Registration closes soon") == 1
    assert html.count("Registration closed") == 1
