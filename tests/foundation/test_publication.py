"""Drafts never reach the public: not in lists, not on detail pages, not on gathering pages."""

import pytest

from events.models import Event
from funding.models import FundingScheme
from partners.models import Organisation
from projects.models import Project
from tests.factories import (
    DRAFT,
    CallFactory,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ProjectFactory,
    SDGFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Project, FundingScheme, Organisation, Event])
def test_published_returns_only_published_rows(model):
    factory = {
        Project: ProjectFactory,
        FundingScheme: FundingSchemeFactory,
        Organisation: OrganisationFactory,
        Event: EventFactory,
    }[model]
    visible = factory()
    factory(publication_status=DRAFT)
    assert list(model.objects.published()) == [visible]


def test_new_content_starts_as_a_draft():
    assert Project().publication_status == DRAFT


@pytest.fixture
def drafts():
    country = CountryFactory(code="CD")
    sdg = SDGFactory(number=3)
    funder = OrganisationFactory(name_en="Secret Funder Foundation", publication_status=DRAFT)
    scheme = FundingSchemeFactory(
        name_en="Secret Scheme",
        funder=funder,
        publication_status=DRAFT,
        open_to_all_nationalities=True,
    )
    CallFactory(scheme=scheme)
    project = ProjectFactory(
        title_en="Secret Draft Project", publication_status=DRAFT, countries=[country], sdgs=[sdg]
    )
    event = EventFactory(title_en="Secret Draft Event", publication_status=DRAFT, country=country)
    return {"project": project, "scheme": scheme, "organisation": funder, "event": event}


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/projects/",
        "/en/funding/",
        "/en/partners/",
        "/en/events/",
        "/en/countries/cd/",
        "/en/sdgs/",
        "/en/sdgs/3/",
    ],
)
def test_drafts_appear_on_no_public_page(client, drafts, url):
    response = client.get(url)
    assert response.status_code == 200
    assert b"Secret" not in response.content


@pytest.mark.parametrize("kind", ["project", "scheme", "organisation", "event"])
def test_a_draft_detail_page_answers_404(client, drafts, kind):
    obj = drafts[kind]
    assert client.get(obj.get_absolute_url()).status_code == 404
    obj.publication_status = obj.PublicationStatus.PUBLISHED
    obj.save()
    assert client.get(obj.get_absolute_url()).status_code == 200
