"""The projects list's orders, page after page, equal an order computed in Python from the
rows: titles as the page's language sorts them (accents, a title in the other language only),
ties broken by the older project, projects with no end date after every end."""

import datetime
import random

import pytest
from django.conf import settings
from django.utils import timezone

from cooperation_portal.collation import sort_key
from projects.models import Project
from tests.factories import DRAFT, CountryFactory, ProjectFactory, SDGFactory
from tests.helpers import every_page

pytestmark = pytest.mark.django_db

WORDS = ["Écologie", "Eau", "Urbanisme", "Bénin", "Burundi", "Zones", "Été", "Agronomie"]
MISSING_END = datetime.date.max


@pytest.fixture
def generated():
    """45 published projects (three pages) and a draft; many share a start date, some a
    title, some have no English title, some no end date."""
    rng = random.Random(11)
    today = timezone.localdate()
    congo, benin = CountryFactory(code="CD"), CountryFactory(code="BJ")
    health = SDGFactory(number=3)
    for number in range(46):
        start = today + datetime.timedelta(days=30 * rng.randint(-20, 5))
        title_fr = f"{rng.choice(WORDS)} {rng.choice(WORDS).lower()}"
        ProjectFactory(
            title_fr=title_fr,
            title_en="" if number % 5 == 0 else rng.choice([title_fr, f"{rng.choice(WORDS)}"]),
            start_date=start,
            end_date=None
            if number % 4 == 0
            else start + datetime.timedelta(days=rng.randint(1, 900)),
            countries=[congo] if number % 2 else [benin, congo],
            sdgs=[health],
            publication_status=DRAFT if number == 45 else "published",
        )


def shown_title(project: Project, language: str) -> str:
    """What the list shows: the page's language, else the fallback (English, then French)."""
    fallbacks = [language, *settings.MODELTRANSLATION_FALLBACK_LANGUAGES["default"]]
    return next(
        getattr(project, f"title_{code}") for code in fallbacks if getattr(project, f"title_{code}")
    )


def expected(sort: str, language: str, **filters) -> list[int]:
    projects = list(Project.objects.published().filter(**filters).distinct())

    def title(project):
        return sort_key(shown_title(project, language))

    keys = {
        "recent": lambda p: (-p.start_date.toordinal(), title(p), p.pk),
        "title": lambda p: (title(p), p.pk),
        "start": lambda p: (p.start_date, title(p), p.pk),
        "end": lambda p: (p.end_date or MISSING_END, title(p), p.pk),
    }
    return [project.pk for project in sorted(projects, key=keys[sort])]


def listed(client, address: str) -> list[int]:
    """The ids of every page of the list at `address`, in order."""
    return [project.pk for project in every_page(client, address)]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("sort", ["recent", "title", "start", "end"])
def test_every_order_of_the_list_equals_the_order_of_its_rows(client, generated, sort, language):
    assert listed(client, f"/{language}/projects/?sort={sort}") == expected(sort, language)
    assert listed(client, f"/{language}/projects/?sort={sort}&country=BJ") == expected(
        sort, language, countries__code="BJ"
    )


def test_a_new_title_takes_its_place_in_the_order_at_once(client, generated):
    first = Project.objects.published().get(pk=expected("title", "en")[0])
    last = Project.objects.published().get(pk=expected("title", "en")[-1])
    first.title_en = "Zzz, now the last"
    first.save()
    ids = listed(client, "/en/projects/?sort=title")
    assert ids[-1] == first.pk and ids[-2] == last.pk
    assert ids == expected("title", "en")
