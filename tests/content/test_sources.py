"""The demo content is true to its sources (fixtures/README.md), and whatever it invents says
so wherever it appears."""

import datetime
import re

import pytest
from django.conf import settings
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format

from cooperation_portal.caching import bump_content_version
from events.models import Event, Session
from funding.models import FundingScheme
from pages.management.commands.load_demo import DemoLoader
from partners.models import Organisation, Person
from projects.models import Participation, Project
from taxonomy.models import Country

pytestmark = pytest.mark.django_db

DEMO_DIRECTORY = settings.BASE_DIR / "fixtures" / "demo"
LAUNCH = datetime.date(2026, 5, 4)
SOURCE_COUNTRIES = {"BJ", "SN", "GN", "BF", "CD", "BO", "PE", "KH", "BE"}
PREDECESSORS = {"ulb-cooperation", "eclosio"}
CARD = re.compile(r'<article class="card[^"]*">.*?</article>', re.DOTALL)
#: Cards of what the demo invents (news items, organisations and the like are not invented).
INVENTED = re.compile(r'class="card__title"><a href="/en/(projects|events|funding)/')
EXAMPLE_TAG = '<span class="tag tag--example">Example</span>'


@pytest.fixture
def demo(demo_for_the_module, db):
    """The demo, loaded once for this module (tests/conftest.py)."""


def html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def cards(content: str) -> list[str]:
    """The cards of projects, events and funding schemes on the page."""
    return [card for card in CARD.findall(content) if INVENTED.search(card)]


def between(content: str, start: str, end: str) -> str:
    """The part of `content` from `start` to the first `end` after it."""
    begin = content.index(start)
    return content[begin : content.index(end, begin)]


def launch_moment() -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(LAUNCH, datetime.time(0, 0)))


# Ucoopia --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "launch_as_written"), [("en", "May 4, 2026"), ("fr", "4 mai 2026")]
)
def test_ucoopia_s_page_shows_its_launch_on_4_may_2026_and_ucoopia_org(
    client, demo, language, launch_as_written
):
    with translation.override(language):
        assert date_format(LAUNCH, "DATE_FORMAT") == launch_as_written
    content = html(client, f"/{language}/partners/ucoopia/")

    history = between(content, 'id="history-heading"', "</section>")
    assert launch_as_written in history
    assert '<time datetime="2026-05-04">' in history
    assert 'href="https://ucoopia.org"' in content


def test_both_mergers_and_the_members_joining_are_dated_on_the_launch(client, demo):
    ucoopia = Organisation.objects.get(slug="ucoopia")

    assert ucoopia.founded_on == LAUNCH
    assert {(o.slug, o.merged_on) for o in ucoopia.formed_from.all()} == {
        ("ulb-cooperation", LAUNCH),
        ("eclosio", LAUNCH),
    }
    assert {m.member.slug: m.joined_on for m in ucoopia.memberships.all()} == {
        "ulb": LAUNCH,
        "uliege": LAUNCH,
        "umons": LAUNCH,
    }
    for slug in PREDECESSORS:
        content = html(client, f"/en/partners/{slug}/")
        assert "It merged into it on May 4, 2026." in content


def test_ucoopia_works_in_the_nine_countries_of_the_source(demo):
    ucoopia = Organisation.objects.get(slug="ucoopia")

    for code in SOURCE_COUNTRIES - {"CD"}:
        assert Country.objects.get(code=code).name_en in ucoopia.description_en, code
        assert Country.objects.get(code=code).name_fr in ucoopia.description_fr, code
    assert "Democratic Republic of the Congo" in ucoopia.description_en


def no_ucoopia_before_its_launch() -> None:
    ucoopia = Organisation.objects.get(slug="ucoopia")
    before = Project.objects.filter(participations__organisation=ucoopia, start_date__lt=LAUNCH)
    assert not before.exists(), list(before.values_list("slug", flat=True))
    speaking = Q(speakers_en__contains="Ucoopia") | Q(speakers_fr__contains="Ucoopia")
    assert not Session.objects.filter(speaking, starts_at__lt=launch_moment()).exists()
    assert not Event.objects.filter(organiser=ucoopia, starts_at__lt=launch_moment()).exists()
    # ... and its predecessors appear on nothing after it.
    after = Participation.objects.filter(
        organisation__slug__in=PREDECESSORS, project__start_date__gte=LAUNCH
    )
    assert not after.exists()
    predecessors_speaking = Q(speakers_en__contains="ULB-Coopération") | Q(
        speakers_en__contains="Eclosio"
    )
    assert not Session.objects.filter(
        predecessors_speaking, starts_at__gte=launch_moment()
    ).exists()


def test_no_project_or_session_involving_ucoopia_is_dated_before_its_launch(demo):
    no_ucoopia_before_its_launch()
    # The earlier projects show the structure that led them then; the later ones, Ucoopia.
    assert Project.objects.filter(
        participations__organisation__slug__in=PREDECESSORS, start_date__lt=LAUNCH
    ).exists()
    assert Project.objects.filter(
        participations__organisation__slug="ucoopia", start_date__gte=LAUNCH
    ).exists()


@pytest.mark.parametrize("day_of_loading", [datetime.date(2026, 9, 1), datetime.date(2031, 3, 1)])
def test_whatever_the_day_of_loading_ucoopia_appears_only_from_its_launch(day_of_loading):
    DemoLoader(DEMO_DIRECTORY, today=day_of_loading).load()

    no_ucoopia_before_its_launch()


def test_the_page_of_an_earlier_project_names_the_structure_that_led_it(client, demo):
    project = Project.objects.get(slug="womens-rural-enterprises-bolivia")
    assert project.start_date < LAUNCH
    content = html(client, project.get_absolute_url())
    assert "ULB-Coopération" in content
    assert html(client, "/en/partners/ulb-cooperation/").count("now part of") >= 1


# The structures ------------------------------------------------------------------------------


def test_the_structures_list_holds_ucoopia_codepo_codephar_and_fosfom(client, demo):
    content = html(client, "/en/partners/")

    section = between(content, 'aria-labelledby="directory-own-structures"', "</section>")
    listed = set(re.findall(r'class="card__title"><a href="/en/partners/([^/]+)/"', section))
    assert listed == {"ucoopia", "codepo", "codephar", "fosfom"}
    assert "ULB-Coopération" not in section
    former = between(content, 'aria-labelledby="directory-former-structures"', "</section>")
    assert "Former cooperation structures" in former
    assert {"ulb-cooperation", "eclosio"} <= set(
        re.findall(r'class="card__title"><a href="/en/partners/([^/]+)/"', former)
    )
    assert "Now part of" in former


def test_a_former_structure_points_to_ucoopia_and_its_contacts_and_has_none_of_its_own(
    client, demo
):
    assert not Person.objects.filter(organisation__slug__in=PREDECESSORS).exists()
    for slug in PREDECESSORS:
        content = html(client, f"/en/partners/{slug}/")
        assert 'This organisation is now part of <a href="/en/partners/ucoopia/">' in content
        contacts = between(content, 'id="contacts-heading"', "</section>")
        assert "ucoopia@example.org" in contacts


# Real initiatives ----------------------------------------------------------------------------


def test_decolonisons_nous_carries_no_invented_co_lead_budget_or_charter(demo):
    project = Project.objects.get(slug="rethinking-university-partnerships")

    assert project.budget is None
    assert set(project.participations.values_list("role", flat=True)) == {"lead"}
    for text in (project.description_en, project.description_fr, project.summary_en):
        assert "charte" not in text.lower() and "charter" not in text.lower()


def test_cooperation_days_have_the_source_s_aim_and_no_invented_theme_or_room(demo):
    days = Event.objects.cooperation_days()

    assert days.exists()
    for day in days:
        assert "Theme" not in day.summary_en and "Thème" not in day.summary_fr
        assert "many players" in day.summary_en
        assert day.is_example
    assert not Session.objects.filter(event__in=days).exclude(room="").exists()
    assert not Session.objects.filter(title_en__icontains="charter").exists()


def test_countries_beyond_the_sources_are_marked_as_examples(client, demo):
    for country in Country.objects.all():
        assert country.is_example == (country.code not in SOURCE_COUNTRIES), country.code
    notice = "is not one of the partner countries named in the portal's sources"
    assert notice in html(client, "/en/countries/vn/")
    assert notice not in html(client, "/en/countries/cd/")


# The example marking -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/en/projects/",
        "/en/projects/?page=2",
        "/en/funding/",
        "/en/events/",
        "/en/events/?when=past",
        "/en/countries/cd/",
        "/en/sdgs/3/",
    ],
)
def test_every_invented_card_on_a_list_says_it_is_an_example(client, demo, url):
    shown = cards(html(client, url))

    assert shown, url
    for card in shown:
        assert EXAMPLE_TAG in card, card[:300]


def test_the_home_page_marks_its_figures_and_every_card_as_examples(client, demo):
    content = html(client, "/en/")

    figures = between(content, 'aria-labelledby="figures-heading"', "</section>")
    assert "Figures from the demonstration content" in figures
    shown = cards(content)
    assert len(shown) >= 3
    for card in shown:
        assert EXAMPLE_TAG in card, card[:300]


def test_the_home_figures_say_nothing_of_examples_once_no_project_is_one(client, demo):
    Project.objects.update(is_example=False)
    bump_content_version()
    assert "Figures from the demonstration content" not in html(client, "/en/")


def test_every_event_page_says_it_is_an_example(client, demo):
    events = Event.objects.published()

    assert events.count() >= 10
    for event in events:
        assert event.is_example
        content = html(client, event.get_absolute_url())
        assert "This event is an example, part of the portal" in content, event.slug
        assert "notice--example" in content
    assert "notice--example" in html(client, "/en/events/cooperation-day/")


def test_every_funding_scheme_page_says_it_is_an_example(client, demo):
    for scheme in FundingScheme.objects.published():
        assert scheme.is_example
        assert "notice--example" in html(client, scheme.get_absolute_url())


def test_every_contact_in_the_footer_and_on_the_contacts_page_says_it_is_an_example(client, demo):
    content = html(client, "/en/")
    footer = between(content, '<footer class="site-footer">', "</footer>")
    contacts = re.findall(r'<div class="contact">.*?</div>', footer, re.DOTALL)
    assert contacts
    for contact in contacts:
        assert "@example.org" in contact
        assert EXAMPLE_TAG in contact

    page = between(html(client, "/en/contacts/"), '<main id="main"', "</main>")
    listed = re.findall(r'<div class="contact">.*?</div>', page, re.DOTALL)
    assert len(listed) == Person.objects.live().count()
    for contact in listed:
        assert EXAMPLE_TAG in contact


def test_a_real_item_carries_no_example_marking(client, demo):
    Event.objects.update(is_example=False)
    FundingScheme.objects.update(is_example=False)
    Person.objects.update(is_example=False)
    bump_content_version()
    event = Event.objects.published().first()
    assert "notice--example" not in html(client, event.get_absolute_url())
    for url in ["/en/events/", "/en/funding/", "/en/contacts/"]:
        assert "tag--example" not in html(client, url), url
