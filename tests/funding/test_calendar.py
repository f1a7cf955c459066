"""Deadlines as iCalendar (RFC 5545): /en/funding/deadlines.ics and each scheme's own."""

import datetime

import icalendar
import pytest

from tests.factories import (
    DRAFT,
    ApplicantLevelFactory,
    CallFactory,
    CountryFactory,
    FundingSchemeFactory,
)

from .conftest import brussels

pytestmark = pytest.mark.django_db

URL = "/en/funding/deadlines.ics"
NOW = brussels(2026, 11, 25, 10, 0)


@pytest.fixture(autouse=True)
def fixed_now(clock):
    clock(NOW)


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def events_by_summary(calendar) -> dict[str, icalendar.Event]:
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def doctoral_grant(name, nationalities, **kwargs):
    scheme = FundingSchemeFactory(name_en=name, kind="doctoral-grant", **kwargs)
    scheme.applicant_levels.set([ApplicantLevelFactory(code="doctoral")])
    scheme.eligible_nationalities.set([CountryFactory(code=code) for code in nationalities])
    return scheme


@pytest.fixture
def schemes():
    congolese = doctoral_grant("Grants for Congolese", ["CD"])
    CallFactory(
        scheme=congolese,
        title_en="2026 round",
        opens_at=brussels(2026, 9, 1),
        deadline=brussels(2026, 12, 18, 12, 0),
        internal_deadline=brussels(2026, 12, 5, 12, 0),
    )
    CallFactory(
        scheme=congolese,
        title_en="2027 round",
        opens_at=brussels(2027, 3, 1),
        deadline=brussels(2027, 6, 30, 17, 0),
    )
    senegalese = doctoral_grant("Grants for Senegalese", ["SN"])
    CallFactory(scheme=senegalese, title_en="2026 round", deadline=brussels(2026, 12, 1, 12, 0))
    travel = FundingSchemeFactory(name_en="Travel grants", open_to_all_nationalities=True)
    CallFactory(scheme=travel, title_en="Winter", deadline=brussels(2027, 1, 15, 12, 0))
    draft = doctoral_grant("Secret grants", ["CD"], publication_status=DRAFT)
    CallFactory(scheme=draft, title_en="Hidden", deadline=brussels(2026, 12, 20))
    return {"congolese": congolese, "senegalese": senegalese, "travel": travel}


def test_a_filtered_calendar_holds_exactly_the_deadlines_of_the_matching_schemes(client, schemes):
    calendar = parse(client.get(URL, {"kind": "doctoral-grant", "country": "CD"}))
    assert sorted(events_by_summary(calendar)) == [
        "Deadline: Grants for Congolese — 2026 round",
        "Deadline: Grants for Congolese — 2027 round",
        "Internal deadline: Grants for Congolese — 2026 round",
    ]


def test_the_whole_calendar_has_every_published_scheme_and_no_draft(client, schemes):
    summaries = events_by_summary(parse(client.get(URL)))
    assert len(summaries) == 5
    assert not any("Secret" in summary for summary in summaries)


def test_each_deadline_is_at_its_minute_in_brussels_time_with_the_zone_defined(client, schemes):
    calendar = parse(client.get(URL, {"country": "CD"}))
    events = events_by_summary(calendar)
    winter = events["Deadline: Grants for Congolese — 2026 round"]
    summer = events["Deadline: Grants for Congolese — 2027 round"]
    assert winter.start == brussels(2026, 12, 18, 12, 0)
    assert str(winter.start.tzinfo) == "Europe/Brussels"
    assert winter.start.utcoffset() == datetime.timedelta(hours=1)
    assert summer.start.utcoffset() == datetime.timedelta(hours=2)
    assert "TZID=Europe/Brussels" in winter.to_ical().decode()
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Brussels"]


def test_events_link_to_the_scheme_and_describe_both_deadlines(client, schemes):
    events = events_by_summary(parse(client.get(URL, {"country": "CD"})))
    event = events["Deadline: Grants for Congolese — 2026 round"]
    assert str(event["URL"]) == f"http://testserver{schemes['congolese'].get_absolute_url()}"
    assert "Internal deadline of the university's cooperation office" in str(event["DESCRIPTION"])


def test_uids_are_stable_and_unique(client, schemes):
    first = parse(client.get(URL))
    again = parse(client.get(URL, {"kind": "doctoral-grant"}))
    uids = [str(event["UID"]) for event in first.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert {str(event["UID"]) for event in again.walk("VEVENT")} <= set(uids)
    # The same filters in another order: the same calendar.
    one = parse(client.get(f"{URL}?kind=doctoral-grant&country=CD"))
    other = parse(client.get(f"{URL}?country=CD&kind=doctoral-grant"))
    assert one["UID"] == other["UID"]
    assert one["UID"] != first["UID"]


def test_a_deadline_in_the_repeated_hour_keeps_its_exact_moment(client):
    # 25 October 2026, 02:30 CET: the second 02:30 of the night, 01:30 UTC.
    scheme = FundingSchemeFactory(name_en="Autumn grants")
    CallFactory(
        scheme=scheme, opens_at=brussels(2026, 9, 1), deadline=brussels(2026, 10, 25, 2, 30, 1)
    )
    event = next(iter(parse(client.get(URL)).walk("VEVENT")))
    assert event.start == datetime.datetime(2026, 10, 25, 1, 30, tzinfo=datetime.UTC)


def test_deadlines_older_than_a_year_are_left_out_of_the_list_calendar(client):
    scheme = FundingSchemeFactory(name_en="Old grants")
    for title, opens_at, deadline in [
        ("2024", brussels(2024, 1, 1), brussels(2024, 3, 1)),
        ("2025", brussels(2025, 10, 1), brussels(2026, 1, 15)),
    ]:
        CallFactory(scheme=scheme, title_en=title, opens_at=opens_at, deadline=deadline)
    assert list(events_by_summary(parse(client.get(URL)))) == ["Deadline: Old grants — 2025"]
    # The scheme's own calendar keeps them all.
    own = parse(client.get(f"/en/funding/{scheme.slug}/deadlines.ics"))
    assert len(list(own.walk("VEVENT"))) == 2


def test_a_scheme_page_has_a_calendar_of_all_its_deadlines(client, schemes):
    scheme = schemes["congolese"]
    calendar = parse(client.get(f"/en/funding/{scheme.slug}/deadlines.ics"))
    assert len(list(calendar.walk("VEVENT"))) == 3
    assert str(calendar["UID"]).startswith(f"funding-scheme-{scheme.pk}-")


def test_a_draft_or_unknown_scheme_has_no_calendar(client):
    draft = FundingSchemeFactory(publication_status=DRAFT)
    assert client.get(f"/en/funding/{draft.slug}/deadlines.ics").status_code == 404
    assert client.get("/en/funding/no-such-scheme/deadlines.ics").status_code == 404


def test_a_filter_not_understood_is_refused_with_a_plain_message(client, schemes):
    response = client.get(URL, {"country": "ZZ", "status": "maybe"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Nationality:" in text and "Status:" in text


def test_the_calendar_uses_the_names_of_the_page_language(client, schemes):
    schemes["senegalese"].name_fr = "Bourses pour les Sénégalais"
    schemes["senegalese"].save()
    calendar = parse(client.get("/fr/funding/deadlines.ics", {"country": "SN"}))
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert len(summaries) == 2  # the Senegalese grants and the travel grants open to all
    assert any("Bourses pour les Sénégalais" in summary for summary in summaries)
