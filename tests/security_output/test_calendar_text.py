"""A line break or another control character in a title, a name or a place gives a valid
.ics, never a server error: one-line properties (SUMMARY, LOCATION, NAME) get a space where the
line broke, multi-line ones (DESCRIPTION) keep their lines, escaped; other control characters
go. For events and funding calls, in each object's calendar and in the lists'."""

import re

import icalendar
import pytest
from django.db import connection

from cooperation_portal.calendars import calendar_line, calendar_text
from tests.factories import CallFactory, EventFactory, FundingSchemeFactory

pytestmark = pytest.mark.django_db

# PostgreSQL refuses to store a NUL character at all (SQLite keeps it): another control there.
NUL = "\x01" if connection.vendor == "postgresql" else "\x00"
NASTY = f"Opening\r\nsession{NUL} of\x0bthe\nday\x7f\u2028today\x1b"

# RFC 5545, 3.1: name *(";" param) ":" value, where a value holds no control character but
# the tab, and a parameter value is quoted or holds no quote, semicolon, colon or comma.
PARAMETER_VALUE = r'(?:"[^"\x00-\x08\x0a-\x1f\x7f]*"|[^";:,\x00-\x08\x0a-\x1f\x7f]*)'
CONTENT_LINE = re.compile(
    rf"[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+={PARAMETER_VALUE}(?:,{PARAMETER_VALUE})*)*"
    r":[^\x00-\x08\x0a-\x1f\x7f]*"
)


def assert_valid_calendar(content: bytes) -> icalendar.Calendar:
    """Every line ends with CRLF and is at most 75 octets; every unfolded content line is
    well-formed; the library reads it back."""
    assert content.endswith(b"\r\n")
    physical = content[:-2].split(b"\r\n")
    for line in physical:
        assert len(line) <= 75, line
        assert b"\r" not in line and b"\n" not in line, line
    unfolded = content.decode().replace("\r\n ", "").replace("\r\n\t", "")
    for line in unfolded[:-2].split("\r\n"):
        assert CONTENT_LINE.fullmatch(line), repr(line)
    return icalendar.Calendar.from_ical(content)


def calendar(client, url: str) -> icalendar.Calendar:
    response = client.get(url)
    assert response.status_code == 200, url
    return assert_valid_calendar(response.content)


def test_a_one_line_text_gets_spaces_for_its_line_breaks_and_loses_other_controls():
    assert calendar_line(NASTY) == "Opening session of the day today"
    assert calendar_line("a\x00b\x0bc") == "ab c"
    assert calendar_line("  Tab\tkept  ") == "Tab\tkept"
    assert calendar_line(None) == ""


def test_a_multi_line_text_keeps_its_lines_and_loses_other_controls():
    assert calendar_text("First\r\nsecond\rthird\n\nfourth\x00\x1b") == (
        "First\nsecond\nthird\n\nfourth"
    )


@pytest.fixture
def event():
    return EventFactory(
        slug="nasty",
        title_en=NASTY,
        summary_en=f"First line\nsecond line{NUL}\x0b end",
        venue_en=f"Room\n101{NUL}",
        address="Avenue\r\nFranklin Roosevelt 50\x0c",
        is_online=True,
        online_url="https://meet.example.org/",
        registration_url="https://register.example.org/",
    )


@pytest.mark.parametrize("url", ["/en/events/nasty/event.ics", "/en/events/calendar.ics"])
def test_an_event_with_control_characters_gives_a_valid_calendar(client, event, url):
    cal = calendar(client, url)
    (component,) = cal.events
    assert str(component["SUMMARY"]) == "Opening session of the day today"
    assert str(component["LOCATION"]).startswith("Room 101, Avenue Franklin Roosevelt 50")
    description = str(component["DESCRIPTION"])
    assert description.startswith("First line\nsecond line\n end\n\nhttp://testserver/en/")
    assert "Registration: https://register.example.org/" in description


def test_the_calendar_of_one_event_is_named_after_its_title_on_one_line(client, event):
    content = client.get("/en/events/nasty/event.ics").content.decode()
    assert "\r\nNAME:Opening session of the day today\r\n" in content


@pytest.fixture
def scheme():
    scheme = FundingSchemeFactory(
        slug="nasty-scheme", name_en=f"Grants\nfor{NUL} travel\x0b", summary_en=f"One\ntwo{NUL}"
    )
    CallFactory(scheme=scheme, title_en="2026\r\nround\x1f", url="https://call.example.org/")
    return scheme


@pytest.mark.parametrize(
    "url", ["/en/funding/nasty-scheme/deadlines.ics", "/en/funding/deadlines.ics"]
)
def test_a_scheme_and_call_with_control_characters_give_a_valid_calendar(client, scheme, url):
    cal = calendar(client, url)
    (component,) = cal.events
    assert str(component["SUMMARY"]) == "Deadline: Grants for travel — 2026 round"
    description = str(component["DESCRIPTION"])
    assert description.startswith("One\ntwo\n\nDeadline: ")
    assert "Call text: https://call.example.org/" in description


def test_the_calendar_of_one_scheme_is_named_after_it_on_one_line(client, scheme):
    content = client.get("/en/funding/nasty-scheme/deadlines.ics").content.decode()
    assert "\r\nNAME:Deadlines: Grants for travel\r\n" in content


def test_an_internal_deadline_with_control_characters_gives_a_valid_calendar(client, scheme):
    call = scheme.calls.get()
    call.internal_deadline = call.deadline - (call.deadline - call.opens_at) / 2
    call.save()
    cal = calendar(client, "/en/funding/nasty-scheme/deadlines.ics")
    assert sorted(str(component["SUMMARY"]) for component in cal.events) == [
        "Deadline: Grants for travel — 2026 round",
        "Internal deadline: Grants for travel — 2026 round",
    ]
