"""Content of every type the search finds, published and draft."""

import pytest
from django.urls import reverse
from django.utils import translation

from pages.models import OfficePage
from tests.factories import (
    DRAFT,
    CallFactory,
    EventFactory,
    FundingSchemeFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProjectFactory,
    SessionFactory,
)

with translation.override("fr"):
    #: The French address of the search (its path may be translated: /fr/recherche/).
    FRENCH_SEARCH = reverse("search")

#: The title each published object of `everything` carries, by group.
TITLES = {
    "projects": "Santé maternelle à Bukavu",
    "funding": "Bourse Santé Sud",
    "calls": "Appel Santé 2027",
    "partners": "Centre de santé de Kinshasa",
    "events": "Journée Santé et coopération",
    "sessions": "Atelier santé communautaire",
    "news": "Santé : nouvelles de Bukavu",
    "pages": "Get involved",
}
DRAFT_TITLE = "Brouillon santé secret"


def make_published(number: int = 0) -> None:
    """One published object of each type whose French title holds "Santé"."""
    suffix = f" {number}" if number else ""
    ProjectFactory(
        title_fr=TITLES["projects"] + suffix,
        title_en=f"Maternal health in Bukavu{suffix}",
        summary_fr="Un projet sur la santé des mères au Sud-Kivu, avec des sages-femmes.",
    )
    FundingSchemeFactory(name_fr=TITLES["funding"] + suffix, name_en=f"Health South{suffix}")
    CallFactory(title_fr=TITLES["calls"] + suffix, title_en=f"Health call 2027{suffix}")
    OrganisationFactory(
        name_fr=TITLES["partners"] + suffix, name_en=f"Kinshasa health centre{suffix}"
    )
    EventFactory(title_fr=TITLES["events"] + suffix, title_en=f"Health day{suffix}")
    SessionFactory(title_fr=TITLES["sessions"] + suffix, title_en=f"Health workshop{suffix}")
    NewsItemFactory(title_fr=TITLES["news"] + suffix, title_en=f"Health: news{suffix}")


def make_drafts() -> None:
    """A draft of every type that has drafts, each titled `DRAFT_TITLE`; and what hangs from
    a draft (a call of a draft scheme, a session of a draft event)."""
    ProjectFactory(title_fr=DRAFT_TITLE, title_en=DRAFT_TITLE, publication_status=DRAFT)
    draft_scheme = FundingSchemeFactory(
        name_fr=DRAFT_TITLE, name_en=DRAFT_TITLE, publication_status=DRAFT
    )
    CallFactory(scheme=draft_scheme, title_fr=DRAFT_TITLE, title_en=DRAFT_TITLE)
    OrganisationFactory(name_fr=DRAFT_TITLE, name_en=DRAFT_TITLE, publication_status=DRAFT)
    draft_event = EventFactory(title_fr=DRAFT_TITLE, title_en=DRAFT_TITLE, publication_status=DRAFT)
    SessionFactory(event=draft_event, title_fr=DRAFT_TITLE, title_en=DRAFT_TITLE)
    NewsItemFactory(title_fr=DRAFT_TITLE, title_en=DRAFT_TITLE, publication_status=DRAFT)


def make_office_page_about_health() -> None:
    """The "Get involved" page (created by a migration; again here after a test that
    emptied the tables) speaks of health."""
    page, _created = OfficePage.objects.get_or_create(
        key=OfficePage.Key.GET_INVOLVED,
        defaults={"title_en": "Get involved", "title_fr": "S'engager", "body_fr": "Texte."},
    )
    page.summary_fr = "Participer aux projets de santé et de coopération."
    page.summary_en = "Take part in health and cooperation projects."
    page.save()


@pytest.fixture
def everything(db):
    """One published object of every type about "Santé", and drafts of every type."""
    make_office_page_about_health()
    make_published()
    make_drafts()
