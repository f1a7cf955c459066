"""Dates and times in the admin that cannot be misread.

The office is in Brussels and writes day first in both languages: 01/02/2027 is 1 February,
31/01/2030 is 31 January, in the English admin as in the French one (Django's English reads
month first). Every date-time says it is Brussels time, and an event elsewhere shows its times
on the clocks of its own place.
"""

import datetime
import re
import zoneinfo

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone, translation

from projects.models import Project
from tests.factories import (
    CallFactory,
    EventFactory,
    FundingSchemeFactory,
    ParticipationFactory,
    ProjectFactory,
    SDGFactory,
    SessionFactory,
)
from tests.helpers import change_url, form_as_shown

pytestmark = pytest.mark.django_db

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")


def brussels(*args: int) -> datetime.datetime:
    """A moment given in Brussels wall-clock time."""
    return datetime.datetime(*args, tzinfo=BRUSSELS)


@pytest.fixture(params=["en", "fr"])
def language(request):
    return request.param


def admin_in(admin_client, language: str):
    """The admin as a browser set to `language` sees it (it follows the browser's language)."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return admin_client


def save(client, url: str, data: dict) -> None:
    """Saves the change form; fails with the form's errors when the admin refuses it."""
    response = client.post(url, data)
    if response.status_code != 302:
        errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.text, re.S)
        pytest.fail(f"the admin refused the form: {errors}")


@pytest.fixture
def project():
    project = ProjectFactory(sdgs=[SDGFactory(number=6)])
    ParticipationFactory(project=project)
    return project


# -- Dates typed in the admin, in each language ----------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("01/02/2027", datetime.date(2027, 2, 1)),
        ("02/01/2027", datetime.date(2027, 1, 2)),
        ("31/01/2030", datetime.date(2030, 1, 31)),
        ("2030-01-31", datetime.date(2030, 1, 31)),
    ],
)
def test_a_typed_date_is_read_day_first_or_as_iso_in_both_languages(language, typed, read):
    with translation.override(language):
        assert forms.DateField().clean(typed) == read


@pytest.mark.parametrize("typed", ["01/31/2030", "12/25/2030"])
def test_a_date_written_month_first_is_refused_in_both_languages(language, typed):
    with translation.override(language), pytest.raises(forms.ValidationError):
        forms.DateField().clean(typed)


def test_a_date_time_typed_day_first_is_read_in_brussels_time_in_both_languages(language):
    with translation.override(language):
        assert forms.DateTimeField().clean("31/01/2030 14:00") == brussels(2030, 1, 31, 14, 0)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        ("01/02/2027", "31/01/2030"),
        ("2027-02-01", "2030-01-31"),
    ],
    ids=["day-first", "iso"],
)
def test_the_english_and_french_admins_save_a_typed_date_as_the_same_day(
    admin_client, project, language, start, end
):
    admin = admin_in(admin_client, language)
    url = change_url(project)
    data = form_as_shown(admin, url)
    data.update(start_date=start, end_date=end)

    save(admin, url, data)

    project.refresh_from_db()
    assert (project.start_date, project.end_date) == (
        datetime.date(2027, 2, 1),
        datetime.date(2030, 1, 31),
    )


def test_the_english_admin_refuses_a_date_written_month_first(admin_client, project):
    admin = admin_in(admin_client, "en")
    url = change_url(project)
    data = form_as_shown(admin, url)
    data.update(start_date="01/31/2030")

    response = admin.post(url, data)

    assert response.status_code == 200
    assert "Enter a valid date." in response.text
    project.refresh_from_db()
    assert project.start_date != datetime.date(2030, 1, 31)


def test_the_english_admin_shows_a_saved_date_day_first(admin_client):
    project = ProjectFactory(start_date=datetime.date(2027, 2, 1), end_date=None)

    html = admin_in(admin_client, "en").get(change_url(project)).text

    assert re.search(r'<input[^>]*name="start_date"[^>]*value="01/02/2027"', html)


def test_saving_a_date_unchanged_in_english_keeps_it(admin_client, project):
    """The date the form shows is read back as the same day (no 1 February turned 2 January)."""
    Project.objects.filter(pk=project.pk).update(start_date=datetime.date(2027, 2, 1))
    admin = admin_in(admin_client, "en")
    url = change_url(project)

    save(admin, url, form_as_shown(admin, url))

    project.refresh_from_db()
    assert project.start_date == datetime.date(2027, 2, 1)


def test_the_english_admin_saves_an_event_s_start_typed_day_first_in_brussels_time(
    admin_client,
):
    event = EventFactory(starts_at=brussels(2029, 6, 1, 9, 0), ends_at=brussels(2029, 6, 1, 11))
    SessionFactory(event=event)
    admin = admin_in(admin_client, "en")
    url = change_url(event)
    data = form_as_shown(admin, url)
    data.update(
        starts_at_0="31/01/2030",
        starts_at_1="14:00",
        ends_at_0="31/01/2030",
        ends_at_1="17:30",
    )

    save(admin, url, data)

    event.refresh_from_db()
    assert event.starts_at == brussels(2030, 1, 31, 14, 0)
    assert event.starts_at == datetime.datetime(2030, 1, 31, 13, 0, tzinfo=datetime.UTC)
    assert event.ends_at == brussels(2030, 1, 31, 17, 30)


# -- The calendar pop-up fills the date the same way -----------------------------------------------


def test_the_english_admin_s_calendar_writes_dates_day_first(admin_client):
    """The calendar (DateTimeShortcuts.js) writes the first input format of the JavaScript
    catalogue: day first."""
    catalogue = admin_in(admin_client, "en").get(reverse("admin:jsi18n")).text

    input_formats = re.search(r'"DATE_INPUT_FORMATS": \[\s*"([^"]+)"', catalogue)
    assert input_formats.group(1) == "%d/%m/%Y"
    assert "%m/%d/%Y" not in catalogue


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_date_picked_in_the_english_admin_s_calendar_is_filled_day_first(
    live_server, page, django_user_model
):
    django_user_model.objects.create_superuser("officer", "officer@example.org", "a-passphrase")
    event = EventFactory(starts_at=brussels(2029, 6, 1, 9, 0), ends_at=brussels(2029, 6, 1, 11))
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("a-passphrase")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}{change_url(event)}")

    # The calendar opens on the month of the date in the box: June 2029.
    page.locator("#calendarlink0").click()
    page.locator("#calendarbox0").get_by_role("link", name="13", exact=True).click()

    assert page.locator("#id_starts_at_0").input_value() == "13/06/2029"


# -- "Brussels time" on every date-time field ------------------------------------------------------


def help_text_of(html: str, field_name: str, within: str = "") -> str:
    """The help printed under a field of a change form (in the part after `within`): a date-time's
    two boxes have no single id, so the help is found after the field's row."""
    html = html[html.index(within) :]
    found = re.search(
        rf'field-{field_name}["\s].*?<div class="help"[^>]*>\s*<div>(.*?)</div>', html, re.S
    )
    assert found, f"no help text for {field_name}"
    return found.group(1)


def test_an_event_s_date_times_say_they_are_brussels_time(admin_client):
    event = EventFactory()
    SessionFactory(event=event)

    html = admin_in(admin_client, "en").get(change_url(event)).text

    for field_name in ["starts_at", "ends_at", "registration_deadline"]:
        assert help_text_of(html, field_name) == "Brussels time."
    # The programme's sessions, edited on the same page.
    assert help_text_of(html, "starts_at", within='id="sessions-0"') == "Brussels time."


def test_a_call_s_date_times_say_they_are_brussels_time_after_their_own_help(admin_client):
    call = CallFactory()

    html = admin_in(admin_client, "en").get(change_url(call)).text

    assert help_text_of(html, "opens_at") == "Brussels time."
    assert help_text_of(html, "deadline") == "Brussels time."
    assert help_text_of(html, "internal_deadline") == (
        "The university's own, earlier deadline by which applications must reach its "
        "cooperation office. Brussels time."
    )


def test_the_calls_of_a_scheme_say_their_deadlines_are_brussels_time(admin_client):
    scheme = FundingSchemeFactory()
    CallFactory(scheme=scheme)

    html = admin_in(admin_client, "en").get(change_url(scheme)).text

    calls = html[html.index('id="calls-group"') :]
    # A table of calls: the help is the column heading's tooltip.
    assert 'title="Brussels time."' in calls
    assert "cooperation office. Brussels time." in calls


def test_a_date_that_has_no_time_says_nothing_of_brussels(admin_client, project):
    html = admin_in(admin_client, "en").get(change_url(project)).text

    assert "Brussels time" not in html


def test_a_user_s_last_login_says_it_is_brussels_time(admin_client, admin_user):
    html = admin_in(admin_client, "en").get(change_url(admin_user)).text

    assert help_text_of(html, "last_login") == "Brussels time."


# -- An event elsewhere: its times on the clocks of its place --------------------------------------


@pytest.mark.parametrize(
    ("zone", "starts", "ends", "said"),
    [
        (
            "Africa/Kinshasa",
            (2027, 3, 12, 9, 0),
            (2027, 3, 12, 17, 0),
            [
                "Starts 09:00, 12 March 2027 in Kinshasa (UTC+1)",
                "Ends 17:00, 12 March 2027 in Kinshasa (UTC+1)",
            ],
        ),
        (
            "America/La_Paz",
            (2027, 3, 12, 14, 0),
            (2027, 3, 13, 1, 30),
            [
                "Starts 09:00, 12 March 2027 in La Paz (UTC\N{MINUS SIGN}4)",
                "Ends 20:30, 12 March 2027 in La Paz (UTC\N{MINUS SIGN}4)",
            ],
        ),
    ],
    ids=["kinshasa", "la-paz"],
)
def test_an_event_elsewhere_shows_its_times_on_the_clocks_of_its_place(
    admin_client, zone, starts, ends, said
):
    event = EventFactory(time_zone=zone, starts_at=brussels(*starts), ends_at=brussels(*ends))

    html = admin_in(admin_client, "en").get(change_url(event)).text

    for sentence in said:
        assert sentence in html


def test_an_event_in_brussels_shows_no_second_set_of_times(admin_client):
    event = EventFactory(time_zone="Europe/Brussels")

    html = admin_in(admin_client, "en").get(change_url(event)).text

    assert "Local time" not in html
    assert "Starts " not in html


def test_a_new_event_shows_no_local_times(admin_client):
    html = admin_in(admin_client, "en").get(reverse("admin:events_event_add")).text

    assert "Starts " not in html
    assert help_text_of(html, "starts_at") == "Brussels time."


# -- What the public reads is unchanged ------------------------------------------------------------


def test_the_public_funding_list_still_writes_its_deadlines_as_before(client, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: brussels(2026, 11, 25, 10, 0))
    CallFactory(opens_at=brussels(2026, 9, 1), deadline=brussels(2026, 12, 13, 14, 0))

    english = client.get("/en/funding/").text
    french = client.get("/fr/funding/").text

    assert "Dec. 13, 2026, 14:00" in english
    assert "13 décembre 2026, 14:00" in french


def test_an_event_s_public_page_still_writes_its_date_as_before(client):
    event = EventFactory(starts_at=brussels(2027, 3, 12, 9, 0), ends_at=brussels(2027, 3, 12, 17))

    assert "March 12, 2027" in client.get(f"/en/events/{event.slug}/").text
