"""Events and their sessions imported from spreadsheets and exported back (events.resources,
events.admin): drafts with every relation, times in Brussels time, sessions found by their
event, start and French title, errors by row and column with nothing written, the demo data
exported and imported back unchanged, the admin's import pages, templates and exports, and the
command."""

import csv
import datetime
import io
import os
import tempfile
import zoneinfo

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from reversion.models import Revision, Version

from cooperation_portal.spreadsheets import read_spreadsheet
from events.models import Event, Session
from events.resources import EVENT_COLUMNS, SESSION_COLUMNS, EventResource, SessionResource
from tests.factories import (
    DRAFT,
    PUBLISHED,
    CountryFactory,
    EventFactory,
    OrganisationFactory,
    ProjectFactory,
    SDGFactory,
    SessionFactory,
)
from tests.helpers import admin_url
from tests.officers.helpers import messages_of
from tests.spreadsheets.test_project_import import as_csv, as_xlsx

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
UTC = datetime.UTC


@pytest.fixture
def event_vocabulary():
    """The rows an event's cells name: two countries, three goals, two organisations (one
    with an acronym) and two projects."""
    CountryFactory(code="BE")
    CountryFactory(code="CD")
    for number in (3, 5, 17):
        SDGFactory(number=number)
    OrganisationFactory(
        slug="unikin",
        name_fr="Université de Kinshasa",
        name_en="University of Kinshasa",
        acronym="UNIKIN",
    )
    OrganisationFactory(slug="ucoopia", name_fr="Ucoopia", name_en="Ucoopia")
    ProjectFactory(slug="water-kinshasa")
    ProjectFactory(slug="one-health")


@pytest.fixture(autouse=True)
def temporary_files(monkeypatch, tmp_path_factory):
    """The files kept between a preview and its "Confirm" in a folder of the test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("tmp")))


#: Cells that name the same thing in other words, row after row.
KINDS = ["Séminaire", "information session", "WORKSHOP", "conference"]
ORGANISERS = ["UNIKIN", "University of Kinshasa", "ucoopia"]


def event_day(number: int) -> str:
    """Even events in summer (Brussels is UTC+2), odd ones in winter (UTC+1)."""
    month = "06" if number % 2 == 0 else "01"
    return f"{10 + number % 15:02d}/{month}/2027"


def event_row(number: int) -> dict:
    day = event_day(number)
    return {
        "slug": f"imported-event-{number}",
        "title_fr": f"Séminaire importé {number}",
        "title_en": f"Imported seminar {number}",
        "kind": KINDS[number % len(KINDS)],
        "summary_fr": "Une après-midi d'échanges.",
        "summary_en": "An afternoon of exchanges.",
        "description_fr": "Une **description**.",
        "description_en": "",
        "starts_at": f"{day} 14:00",
        "ends_at": f"{day} 17h30",
        "time_zone": "africa/kinshasa",
        "organiser": ORGANISERS[number % len(ORGANISERS)],
        "is_online": "oui",
        "online_url": "meet.example.org/imported",
        "venue_fr": "Campus du Solbosch",
        "venue_en": "Solbosch campus",
        "address": "Avenue Franklin Roosevelt 50",
        "city": "Bruxelles",
        "country": "be",
        "registration_url": "https://example.org/register",
        "registration_deadline": "2027-01-05 23:59",
        "is_cancelled": "",
        "projects": "water-kinshasa; one-health",
        "sdgs": "3; ODD 5",
        "is_example": "no",
    }


SESSION_TIMES = [("14:00", "14:40"), ("14:45", "15:30"), ("15:30", "16:15"), ("16:15", "17:30")]


def session_row(number: int) -> dict:
    """Four sessions for each of the events 0 to 4 of `event_row`, in order."""
    event, slot = divmod(number, len(SESSION_TIMES))
    starts, ends = SESSION_TIMES[slot]
    day = event_day(event)
    return {
        "event": f"imported-event-{event}",
        "starts_at": f"{day} {starts}",
        "ends_at": f"{day} {ends}",
        "title_fr": f"Session {slot} : la parole aux partenaires",
        "title_en": f"Session {slot}: partners speak",
        "room": f"Salle {slot}",
        "speakers_fr": "Aminata Diallo (Université Cheikh Anta Diop)",
        "speakers_en": "Aminata Diallo (Cheikh Anta Diop University)",
        "description_fr": "Un échange.",
        "description_en": "",
    }


def events_file(rows, path):
    return (as_xlsx if str(path).endswith(".xlsx") else as_csv)(rows, path, EVENT_COLUMNS)


def sessions_file(rows, path):
    return (as_xlsx if str(path).endswith(".xlsx") else as_csv)(rows, path, SESSION_COLUMNS)


def import_events(path, *, dry_run=False, user=None):
    return EventResource(user=user).import_sheet(read_spreadsheet(path), dry_run=dry_run)


def import_sessions(path, *, dry_run=False, user=None):
    return SessionResource(user=user).import_sheet(read_spreadsheet(path), dry_run=dry_run)


def counts() -> dict:
    """How many rows there are, and when each event and session last changed."""
    changes = [
        *Event.objects.values_list("updated_at", flat=True),
        *Session.objects.values_list("updated_at", flat=True),
    ]
    return {
        "events": Event.objects.count(),
        "sessions": Session.objects.count(),
        "event links": Event.projects.through.objects.count() + Event.sdgs.through.objects.count(),
        "revisions": Revision.objects.count(),
        "last changes": sorted(changes),
    }


def brussels(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=BRUSSELS)


def imported_events_and_sessions(tmp_path, events=10, sessions=20):
    report = import_events(events_file([event_row(n) for n in range(events)], tmp_path / "e.xlsx"))
    assert not report.has_errors, report.lines()
    rows = [session_row(n) for n in range(sessions)]
    report = import_sessions(sessions_file(rows, tmp_path / "s.xlsx"))
    assert not report.has_errors, report.lines()


# Events -------------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_many_events_arrive_as_drafts_with_every_relation(event_vocabulary, extension, tmp_path):
    path = events_file([event_row(n) for n in range(60)], tmp_path / f"events.{extension}")

    report = import_events(path)

    assert not report.has_errors, report.lines()
    assert report.count("created") == 60
    assert set(Event.objects.values_list("publication_status", flat=True)) == {DRAFT}
    summer = Event.objects.get(slug="imported-event-0")
    assert (summer.title_fr, summer.title_en) == ("Séminaire importé 0", "Imported seminar 0")
    assert (summer.summary_fr, summer.description_fr) == (
        "Une après-midi d'échanges.",
        "Une **description**.",
    )
    # Brussels time: UTC+2 in June, UTC+1 in January.
    assert summer.starts_at == datetime.datetime(2027, 6, 10, 12, 0, tzinfo=UTC)
    assert summer.ends_at == datetime.datetime(2027, 6, 10, 15, 30, tzinfo=UTC)
    assert summer.registration_deadline == datetime.datetime(2027, 1, 5, 22, 59, tzinfo=UTC)
    winter = Event.objects.get(slug="imported-event-1")
    assert winter.starts_at == datetime.datetime(2027, 1, 11, 13, 0, tzinfo=UTC)
    assert summer.time_zone == "Africa/Kinshasa"
    assert (summer.is_online, summer.is_cancelled, summer.is_example) == (True, False, False)
    assert summer.online_url == "https://meet.example.org/imported"
    assert summer.registration_url == "https://example.org/register"
    assert (summer.venue_fr, summer.venue_en) == ("Campus du Solbosch", "Solbosch campus")
    assert (summer.address, summer.city, summer.country.code) == (
        "Avenue Franklin Roosevelt 50",
        "Bruxelles",
        "BE",
    )
    assert sorted(summer.projects.values_list("slug", flat=True)) == [
        "one-health",
        "water-kinshasa",
    ]
    assert sorted(summer.sdgs.values_list("number", flat=True)) == [3, 5]
    # The kind by its name in either language or its code; the organiser by acronym, name, slug.
    assert [
        (event.kind, event.organiser.slug)
        for event in Event.objects.filter(slug__in=[f"imported-event-{n}" for n in range(4)])
        .select_related("organiser")
        .order_by("slug")
    ] == [
        ("seminar", "unikin"),
        ("information-session", "unikin"),
        ("workshop", "ucoopia"),
        ("conference", "unikin"),
    ]


def test_yes_and_no_are_read_in_every_usual_way(event_vocabulary, tmp_path):
    cells = ["yes", "Oui", "TRUE", "1", "x", "no", "Non", "false", "0", ""]
    rows = [{**event_row(n), "is_cancelled": cell} for n, cell in enumerate(cells)]

    report = import_events(events_file(rows, tmp_path / "events.csv"))

    assert not report.has_errors, report.lines()
    cancelled = dict(Event.objects.values_list("slug", "is_cancelled"))
    assert [cancelled[f"imported-event-{n}"] for n in range(len(cells))] == [True] * 5 + [False] * 5
    exported = {row["slug"]: row["is_cancelled"] for row in EventResource().export().dict}
    assert exported["imported-event-1"] == "yes"
    assert exported["imported-event-9"] == "no"


def test_importing_the_same_events_file_again_changes_nothing(event_vocabulary, tmp_path):
    path = events_file([event_row(n) for n in range(30)], tmp_path / "events.xlsx")
    import_events(path)
    before = counts()

    report = import_events(path)

    assert not report.has_errors, report.lines()
    assert report.count("skipped") == 30
    assert counts() == before


def test_a_changed_cell_updates_the_event_and_names_the_changed_columns(event_vocabulary, tmp_path):
    rows = [event_row(n) for n in range(3)]
    import_events(events_file(rows, tmp_path / "events.csv"))
    rows[1] = {**rows[1], "ends_at": "11/01/2027 18:00", "sdgs": "17", "organiser": ""}

    report = import_events(events_file(rows, tmp_path / "events.csv"))

    assert [(row.row, row.action) for row in report.rows] == [
        (2, "skipped"),
        (3, "updated"),
        (4, "skipped"),
    ]
    assert report.rows[1].changed == ["ends_at", "organiser", "sdgs"]
    event = Event.objects.get(slug="imported-event-1")
    assert event.ends_at == datetime.datetime(2027, 1, 11, 17, 0, tzinfo=UTC)
    assert event.organiser is None
    assert list(event.sdgs.values_list("number", flat=True)) == [17]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"country": "XX"}, "row 14, column `country`: no country with code `XX`"),
        (
            {"kind": "banquet"},
            "row 14, column `kind`: `banquet` is not one of: "
            "cooperation-day (University Cooperation Day)",
        ),
        (
            {"starts_at": "31/02/2027 10:00"},
            "row 14, column `starts_at`: 31/02/2027 10:00 is not a date and time",
        ),
        (
            {"starts_at": "2027-01-11 18:00", "ends_at": "2027-01-11 09:00"},
            "row 14, column `ends_at`: the event ends before it starts (11/01/2027 18:00",
        ),
        ({"title_fr": ""}, "row 14, column `title_fr`: This field cannot be blank."),
        (
            {"organiser": "Nowhere University"},
            "row 14, column `organiser`: no organisation named `Nowhere University`",
        ),
        ({"projects": "one-health; nothing"}, "row 14, column `projects`: no project with slug"),
        ({"sdgs": "18"}, "row 14, column `sdgs`: no Sustainable Development Goal number `18`"),
        ({"is_online": "maybe"}, "row 14, column `is_online`: `maybe` is neither yes nor no"),
        (
            {"time_zone": "Mars/Olympus"},
            "row 14, column `time_zone`: Mars/Olympus is not a known time zone",
        ),
        (
            {"online_url": "", "venue_fr": "", "venue_en": ""},
            "row 14, column `online_url`: Give the link of an online event.",
        ),
        (
            {"registration_url": "ftp://example.org/form"},
            "row 14, column `registration_url`: Only http, https and mailto links are allowed",
        ),
        (
            {"summary_fr": "x" * 801},
            "row 14, column `summary_fr`: at most 800 characters (it has 801)",
        ),
        (
            {"slug": "cooperation-day"},
            "row 14, column `slug`: This address is used by another page",
        ),
    ],
    ids=lambda value: next(iter(value)) if isinstance(value, dict) else None,
)
def test_one_bad_event_cell_is_reported_with_its_row_and_column_and_nothing_is_written(
    event_vocabulary, tmp_path, changes, message
):
    rows = [event_row(n) for n in range(20)]
    rows[12] = {**rows[12], **changes}  # the 13th event, on the spreadsheet's row 14
    before = counts()

    report = import_events(events_file(rows, tmp_path / "events.xlsx"))

    assert len(report.errors) == 1, report.lines()
    assert str(report.errors[0]).startswith(message)
    assert "nothing was imported" in report.summary()
    assert counts() == before


def test_a_second_cooperation_day_in_a_year_is_an_error_of_its_start(event_vocabulary, tmp_path):
    rows = [{**event_row(n), "kind": "Journée de la coopération universitaire"} for n in range(2)]
    rows[1]["starts_at"], rows[1]["ends_at"] = "20/11/2027 09:00", "20/11/2027 17:00"

    report = import_events(events_file(rows, tmp_path / "events.csv"))

    assert [str(error) for error in report.errors] == [
        "row 3, column `starts_at`: There is already a University Cooperation Day that year."
    ]
    assert not Event.objects.exists()


def test_an_editor_cannot_change_a_published_event(event_vocabulary, editor, tmp_path):
    EventFactory(slug="imported-event-0", title_en="Before", publication_status=PUBLISHED)

    report = import_events(events_file([event_row(0)], tmp_path / "events.csv"), user=editor)

    assert [str(error) for error in report.errors] == [
        "row 2: “Before” is published: only a cooperation officer may change it"
    ]
    assert Event.objects.get(slug="imported-event-0").title_en == "Before"


# Sessions -----------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_sessions_arrive_in_the_programmes_of_their_events(event_vocabulary, extension, tmp_path):
    import_events(events_file([event_row(n) for n in range(5)], tmp_path / "events.csv"))
    path = sessions_file([session_row(n) for n in range(20)], tmp_path / f"sessions.{extension}")

    report = import_sessions(path)

    assert not report.has_errors, report.lines()
    assert report.count("created") == 20
    assert dict(
        Event.objects.filter(sessions__isnull=False)
        .values_list("slug")
        .annotate(count=Count("sessions"))
    ) == {f"imported-event-{n}": 4 for n in range(5)}
    session = Session.objects.get(event__slug="imported-event-1", room="Salle 1")
    assert (session.title_fr, session.title_en) == (
        "Session 1 : la parole aux partenaires",
        "Session 1: partners speak",
    )
    assert session.starts_at == datetime.datetime(2027, 1, 11, 13, 45, tzinfo=UTC)
    assert session.ends_at == datetime.datetime(2027, 1, 11, 14, 30, tzinfo=UTC)
    assert session.speakers_en == "Aminata Diallo (Cheikh Anta Diop University)"
    assert (session.description_fr, session.description_en) == ("Un échange.", "")
    summer = Session.objects.get(event__slug="imported-event-0", room="Salle 0")
    assert summer.starts_at == datetime.datetime(2027, 6, 10, 12, 0, tzinfo=UTC)
    # Each session is a version of its own in the history.
    assert Version.objects.get_for_object(session).get().revision.comment == (
        f"Imported from sessions.{extension}"
    )


def test_importing_the_same_sessions_file_again_changes_nothing(event_vocabulary, tmp_path):
    imported_events_and_sessions(tmp_path)
    before = counts()

    report = import_sessions(
        sessions_file([session_row(n) for n in range(20)], tmp_path / "again.csv")
    )

    assert report.count("skipped") == 20, report.lines()
    assert counts() == before


def test_a_row_finds_its_session_by_event_start_and_french_title(event_vocabulary, tmp_path):
    imported_events_and_sessions(tmp_path, events=5, sessions=4)
    rows = [session_row(n) for n in range(4)]
    # The same start typed otherwise, and a new end, English title and room.
    starts = datetime.datetime.strptime(rows[1]["starts_at"], "%d/%m/%Y %H:%M")
    rows[1] = {
        **rows[1],
        "starts_at": starts.strftime("%Y-%m-%d %Hh%M"),
        "ends_at": "10/06/2027 15:40",
        "title_en": "Partners speak",
        "room": "Aula",
    }
    # Another French title is another session.
    rows[2] = {**rows[2], "title_fr": "Une autre session"}

    report = import_sessions(sessions_file(rows, tmp_path / "sessions.xlsx"))

    assert [row.action for row in report.rows] == ["skipped", "updated", "created", "skipped"]
    assert report.rows[1].changed == ["ends_at", "title_en", "room"]
    changed = Session.objects.get(event__slug="imported-event-0", title_fr__startswith="Session 1")
    assert (changed.title_en, changed.room) == ("Partners speak", "Aula")
    assert changed.ends_at == brussels("2027-06-10 15:40")
    assert Session.objects.filter(event__slug="imported-event-0").count() == 5


def test_two_sessions_of_an_event_may_share_a_title_at_other_times(event_vocabulary, tmp_path):
    import_events(events_file([event_row(0)], tmp_path / "events.csv"))
    rows = [
        {**session_row(0), "title_fr": "Pause café", "title_en": "Coffee break"},
        {**session_row(2), "title_fr": "Pause café", "title_en": "Coffee break"},
    ]
    path = sessions_file(rows, tmp_path / "sessions.csv")

    assert import_sessions(path).count("created") == 2
    assert import_sessions(path).count("skipped") == 2
    assert Session.objects.filter(title_fr="Pause café").count() == 2


def test_a_session_named_twice_in_a_file_is_an_error_naming_both_rows(event_vocabulary, tmp_path):
    import_events(events_file([event_row(0)], tmp_path / "events.csv"))
    first = session_row(0)
    starts = datetime.datetime.strptime(first["starts_at"], "%d/%m/%Y %H:%M")
    again = {**first, "event": "Imported-Event-0", "starts_at": f"{starts:%Y-%m-%d %H:%M}"}
    before = counts()

    report = import_sessions(sessions_file([first, session_row(1), again], tmp_path / "s.xlsx"))

    assert [str(error) for error in report.errors] == [
        "row 4, column `event`: `imported-event-0; 2027-06-10 14:00; Session 0 : la parole aux "
        "partenaires` is also on row 2: each row must name another one"
    ]
    assert counts() == before


def test_a_sessions_file_needs_every_column_of_the_key(event_vocabulary, tmp_path):
    path = tmp_path / "sessions.xlsx"
    headers = [column for column in SESSION_COLUMNS if column != "starts_at"]
    as_xlsx([session_row(0)], path, headers)

    report = import_sessions(path)

    assert report.file_errors == ["The file has no column `starts_at` (row 1 names the columns)."]
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"event": "no-such-event"},
            "row 14, column `event`: no event with slug `no-such-event`",
        ),
        (
            {"starts_at": "31/02/2027 10:00"},
            "row 14, column `starts_at`: 31/02/2027 10:00 is not a date and time",
        ),
        (
            {"starts_at": "11/01/2027 16:00", "ends_at": "11/01/2027 15:00"},
            "row 14, column `ends_at`: the session ends before it starts (11/01/2027 16:00",
        ),
        ({"title_fr": ""}, "row 14, column `title_fr`: This field cannot be blank."),
        ({"room": "x" * 121}, "row 14, column `room`: Ensure this value has at most 120"),
    ],
    ids=["event", "starts_at", "ends_at", "title_fr", "room"],
)
def test_one_bad_session_cell_is_reported_with_its_row_and_column_and_nothing_is_written(
    event_vocabulary, tmp_path, changes, message
):
    import_events(events_file([event_row(n) for n in range(5)], tmp_path / "events.csv"))
    rows = [session_row(n) for n in range(20)]
    rows[12] = {**rows[12], **changes}
    before = counts()

    report = import_sessions(sessions_file(rows, tmp_path / "sessions.xlsx"))

    assert len(report.errors) == 1, report.lines()
    assert str(report.errors[0]).startswith(message)
    assert counts() == before


def test_a_session_may_lie_outside_its_events_dates_as_in_the_admin(event_vocabulary, tmp_path):
    import_events(events_file([event_row(0)], tmp_path / "events.csv"))
    evening = {**session_row(0), "starts_at": "10/06/2027 19:00", "ends_at": "10/06/2027 22:00"}

    report = import_sessions(sessions_file([evening], tmp_path / "sessions.csv"))

    assert report.count("created") == 1, report.lines()


def test_only_who_may_publish_events_changes_the_programme_of_a_published_one(
    event_vocabulary, editor, officer, tmp_path
):
    day = brussels("2027-06-10 14:00")
    published = EventFactory(
        slug="imported-event-0",
        title_en="Published day",
        starts_at=day,
        ends_at=day + datetime.timedelta(hours=4),
    )
    EventFactory(
        slug="imported-event-1",
        publication_status=DRAFT,
        starts_at=day,
        ends_at=day + datetime.timedelta(hours=4),
    )
    rows = [session_row(0), {**session_row(4), "starts_at": "10/06/2027 15:00"}]
    rows[1]["ends_at"] = "10/06/2027 16:00"
    path = sessions_file(rows, tmp_path / "sessions.csv")

    refused = import_sessions(path, user=editor)

    assert [str(error) for error in refused.errors] == [
        "row 2: “Published day” is published: only a cooperation officer may change its programme"
    ]
    assert not Session.objects.exists()
    # The draft's programme is the editor's to write.
    assert not import_sessions(
        sessions_file(rows[1:], tmp_path / "draft.csv"), user=editor
    ).has_errors
    # An officer adds to the published programme too.
    report = import_sessions(path, user=officer)
    assert not report.has_errors, report.lines()
    assert published.sessions.count() == 1


# Export -------------------------------------------------------------------------------------


def test_export_then_import_round_trips_every_field_and_relation(event_vocabulary, tmp_path):
    imported_events_and_sessions(tmp_path, events=6, sessions=12)
    Event.objects.filter(slug="imported-event-3").update(
        registration_deadline=None, organiser=None, country=None, is_online=False
    )
    events, sessions = EventResource().export(), SessionResource().export()
    (tmp_path / "events.xlsx").write_bytes(events.export("xlsx"))
    (tmp_path / "sessions.csv").write_text(sessions.export("csv"), encoding="utf-8")
    Event.objects.all().delete()

    assert import_events(tmp_path / "events.xlsx").count("created") == 6
    assert import_sessions(tmp_path / "sessions.csv").count("created") == 12

    assert EventResource().export().dict == events.dict
    assert SessionResource().export().dict == sessions.dict
    by_slug = {row["slug"]: row for row in events.dict}
    assert list(events.headers) == EVENT_COLUMNS
    assert list(sessions.headers) == SESSION_COLUMNS
    summer, winter = by_slug["imported-event-0"], by_slug["imported-event-1"]
    assert (summer["starts_at"], summer["ends_at"]) == ("2027-06-10 14:00", "2027-06-10 17:30")
    assert (winter["starts_at"], winter["ends_at"]) == ("2027-01-11 14:00", "2027-01-11 17:30")
    assert summer == {
        **summer,
        "kind": "seminar",
        "time_zone": "Africa/Kinshasa",
        "organiser": "unikin",
        "is_online": "yes",
        "online_url": "https://meet.example.org/imported",
        "country": "BE",
        "registration_deadline": "2027-01-05 23:59",
        "is_cancelled": "no",
        "projects": "one-health; water-kinshasa",
        "sdgs": "3; 5",
        "is_example": "no",
    }
    blank = by_slug["imported-event-3"]
    assert (blank["organiser"], blank["country"], blank["registration_deadline"]) == ("", "", "")
    assert Event.objects.get(slug="imported-event-0").starts_at == brussels("2027-06-10 14:00")
    assert Session.objects.get(
        event__slug="imported-event-1", room="Salle 0"
    ).starts_at == brussels("2027-01-11 14:00")
    # And importing the exports into the same rows changes nothing.
    before = counts()
    assert import_events(tmp_path / "events.xlsx").count("skipped") == 6
    assert import_sessions(tmp_path / "sessions.csv").count("skipped") == 12
    assert counts() == before


def test_the_demo_events_and_sessions_import_back_unchanged(tmp_path):
    call_command("load_demo", verbosity=0)
    assert Event.objects.count() > 10 and Session.objects.count() > 10
    before = counts()
    events, sessions = EventResource().export(), SessionResource().export()
    (tmp_path / "events.xlsx").write_bytes(events.export("xlsx"))
    (tmp_path / "events.csv").write_text(events.export("csv"), encoding="utf-8")
    (tmp_path / "sessions.xlsx").write_bytes(sessions.export("xlsx"))
    (tmp_path / "sessions.csv").write_text(sessions.export("csv"), encoding="utf-8")

    for extension in ("xlsx", "csv"):
        event_report = import_events(tmp_path / f"events.{extension}")
        session_report = import_sessions(tmp_path / f"sessions.{extension}")

        assert [row.action for row in event_report.rows] == ["skipped"] * len(events)
        assert [row.action for row in session_report.rows] == ["skipped"] * len(sessions)
        assert counts() == before
    assert EventResource().export().dict == events.dict
    assert SessionResource().export().dict == sessions.dict


def test_an_export_reads_the_same_number_of_queries_for_any_number_of_rows(event_vocabulary):
    def queries(resource) -> int:
        with CaptureQueriesContext(connection) as context:
            resource.export()
        return len(context.captured_queries)

    def add_events(count: int):
        for _number in range(count):
            event = EventFactory(organiser=OrganisationFactory(), country=CountryFactory(code="CD"))
            event.projects.set(ProjectFactory.create_batch(2))
            event.sdgs.set([SDGFactory(number=3)])
            SessionFactory.create_batch(2, event=event)

    add_events(2)
    few = (queries(EventResource()), queries(SessionResource()))
    add_events(6)

    assert (queries(EventResource()), queries(SessionResource())) == few


# The admin ----------------------------------------------------------------------------------


def upload(client, model, path):
    """Posts the file at `path` on the import page of `model`, as its button does."""
    with open(path, "rb") as file:
        content = SimpleUploadedFile(os.path.basename(path), file.read())
    return client.post(admin_url(model, "import"), {"file": content})


def confirm(client, model, preview):
    assert preview.context["token"], preview.context["errors"]
    return client.post(
        admin_url(model, "import_confirm"), {"token": preview.context["token"]}, follow=True
    )


def test_upload_preview_then_confirm_imports_events_then_their_sessions(
    event_vocabulary, as_officer, officer, tmp_path
):
    before = counts()
    preview = upload(
        as_officer, Event, events_file([event_row(n) for n in range(3)], tmp_path / "events.xlsx")
    )

    assert [(row["row"], row["action"]) for row in preview.context["rows"]] == [
        (2, "created"),
        (3, "created"),
        (4, "created"),
    ]
    assert "new, as a draft" in preview.content.decode()
    assert "Ready to import: 3 new, 0 changed, 0 unchanged." in preview.content.decode()
    assert counts() == before

    done = confirm(as_officer, Event, preview)

    assert done.redirect_chain[-1][0] == admin_url(Event, "changelist")
    assert messages_of(done) == ["Imported: 3 new, 0 changed, 0 unchanged."]
    event = Event.objects.get(slug="imported-event-2")
    assert event.publication_status == DRAFT
    assert sorted(event.projects.values_list("slug", flat=True)) == ["one-health", "water-kinshasa"]
    assert Version.objects.get_for_object(event).get().revision.user == officer

    preview = upload(
        as_officer,
        Session,
        sessions_file([session_row(n) for n in range(8)], tmp_path / "sessions.csv"),
    )

    assert [row["action"] for row in preview.context["rows"]] == ["created"] * 8
    assert not Session.objects.exists()
    done = confirm(as_officer, Session, preview)
    assert messages_of(done) == ["Imported: 8 new, 0 changed, 0 unchanged."]
    assert event.sessions.count() == 0
    assert Event.objects.get(slug="imported-event-1").sessions.count() == 4
    assert (
        "Session 3: partners speak"
        in as_officer.get(admin_url(Session, "changelist")).content.decode()
    )


def test_an_editor_is_shown_why_a_published_events_programme_is_not_imported(
    event_vocabulary, as_editor, tmp_path
):
    day = brussels("2027-06-10 14:00")
    EventFactory(
        slug="imported-event-0",
        title_en="Published day",
        starts_at=day,
        ends_at=day + datetime.timedelta(hours=4),
    )

    preview = upload(as_editor, Session, sessions_file([session_row(0)], tmp_path / "sessions.csv"))

    assert (
        escape(
            "row 2: “Published day” is published: only a cooperation officer may "
            "change its programme"
        )
        in preview.content.decode()
    )
    assert preview.context["token"] is None
    assert not Session.objects.exists()


@pytest.mark.parametrize("model", [Event, Session], ids=["events", "sessions"])
def test_the_templates_example_rows_import_cleanly(event_vocabulary, as_officer, model, tmp_path):
    day = brussels("2027-06-10 14:00")
    EventFactory(publication_status=DRAFT, starts_at=day, ends_at=day + datetime.timedelta(hours=3))
    columns = EVENT_COLUMNS if model is Event else SESSION_COLUMNS
    resource = EventResource if model is Event else SessionResource
    before = counts()

    workbook = as_officer.get(admin_url(model, "import_template", "xlsx"))
    sheet = as_officer.get(admin_url(model, "import_template", "csv"))

    path = tmp_path / "template.xlsx"
    path.write_bytes(workbook.content)
    rows, notes = openpyxl.load_workbook(path).worksheets
    assert list(next(rows.values)) == columns
    assert notes.title == "Notes"
    assert [
        row[0] for row in notes.iter_rows(min_row=2, max_row=len(columns) + 1, values_only=True)
    ] == columns
    text = sheet.content.decode("utf-8").removeprefix("\ufeff")
    assert next(csv.reader(io.StringIO(text))) == columns
    for read in (read_spreadsheet(path), read_spreadsheet(io.BytesIO(sheet.content), "t.csv")):
        report = resource().import_sheet(read, dry_run=True)
        assert not report.has_errors, report.lines()
        assert report.count("created") == 1
    assert counts() == before
    # The import page says what every column holds, and imports the template to the end.
    page = as_officer.get(admin_url(model, "import")).content.decode()
    assert all(f"<code>{column}</code>" in page for column in columns)
    assert escape(str(resource.column_notes["starts_at"])) in page
    preview = upload(as_officer, model, path)
    assert confirm(as_officer, model, preview).status_code == 200
    assert model.objects.count() == (2 if model is Event else 1)


def exported(response) -> list[dict]:
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_change_list_export_honours_its_filters_and_the_selection(event_vocabulary, as_officer):
    seminar = EventFactory(slug="a-seminar", kind=Event.Kind.SEMINAR)
    workshop = EventFactory(slug="a-workshop", kind=Event.Kind.WORKSHOP)
    SessionFactory(event=seminar, title_fr="Au séminaire")
    SessionFactory(event=workshop, title_fr="À l'atelier")
    SessionFactory(event=workshop, title_fr="À l'atelier encore")

    events = as_officer.get(admin_url(Event, "export", "csv") + "?kind__exact=workshop")
    sessions = as_officer.get(admin_url(Session, "export", "csv") + "?event__kind__exact=seminar")
    everything = as_officer.get(admin_url(Session, "export", "xlsx"))
    selected = as_officer.post(
        admin_url(Session, "changelist"),
        {"action": "export_selected_csv", "_selected_action": [seminar.sessions.get().pk]},
    )

    assert [row["slug"] for row in exported(events)] == ["a-workshop"]
    assert list(exported(events)[0]) == EVENT_COLUMNS
    assert [row["title_fr"] for row in exported(sessions)] == ["Au séminaire"]
    assert list(exported(sessions)[0]) == SESSION_COLUMNS
    workbook = openpyxl.load_workbook(io.BytesIO(everything.content))
    assert len(list(workbook.active.iter_rows(min_row=2))) == 3
    assert [row["event"] for row in exported(selected)] == ["a-seminar"]
    # Both change lists link to their import page and to the export of what they show.
    page = as_officer.get(admin_url(Session, "changelist") + "?event__kind__exact=seminar")
    assert admin_url(Session, "import") in page.content.decode()
    assert (
        admin_url(Session, "export", "xlsx") + "?event__kind__exact=seminar"
        in page.content.decode()
    )
    assert (
        admin_url(Event, "import")
        in as_officer.get(admin_url(Event, "changelist")).content.decode()
    )


# The command --------------------------------------------------------------------------------


def test_the_commands_dry_run_of_sessions_writes_nothing_and_prints_the_report(
    event_vocabulary, tmp_path
):
    import_events(events_file([event_row(n) for n in range(5)], tmp_path / "events.csv"))
    path = sessions_file([session_row(n) for n in range(20)], tmp_path / "sessions.xlsx")
    before = counts()
    out = io.StringIO()

    call_command("import_content", str(path), "--model", "sessions", "--dry-run", stdout=out)

    printed = out.getvalue()
    assert "row 2: new, “Session 0: partners speak”" in printed
    assert "Ready to import: 20 new, 0 changed, 0 unchanged." in printed
    assert counts() == before


def test_the_command_imports_events_and_fails_on_an_error(event_vocabulary, tmp_path):
    rows = [event_row(n) for n in range(3)]
    out = io.StringIO()

    call_command(
        "import_content",
        str(events_file(rows, tmp_path / "e.csv")),
        "--model",
        "events",
        stdout=out,
    )
    assert Event.objects.count() == 3
    bad = [session_row(0), {**session_row(1), "event": "nowhere"}]
    with pytest.raises(CommandError):
        call_command(
            "import_content",
            str(sessions_file(bad, tmp_path / "s.csv")),
            "--model",
            "sessions",
            stdout=out,
        )

    assert "row 3, column `event`: no event with slug `nowhere`" in out.getvalue()
    assert not Session.objects.exists()
