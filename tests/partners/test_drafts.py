"""A draft organisation appears nowhere public: not on its own, and not through anything that
refers to it — a contact, a unit (parent), a merged organisation (successor), a member, a
funding scheme it funds, an event it organises, a project it takes part in, nor the footer."""

import datetime

import pytest

from events.models import Event
from partners.models import Membership
from projects.models import Participation
from taxonomy.models import Country
from tests.factories import (
    DRAFT,
    CallFactory,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
    SDGFactory,
)

pytestmark = pytest.mark.django_db

#: Everything that would tell the draft apart: its names, acronym, one-line descriptions,
#: address, and the role of its own contact.
SECRETS = [
    "Institut encore secret",
    "Still Secret Institute",
    "INSECRET",
    "Une ligne encore secrète.",
    "A line still secret.",
    "still-secret-institute",
    "Officer of a draft",
]


@pytest.fixture
def draft_and_what_refers_to_it():
    benin = CountryFactory(
        code="BJ", name_en="Benin", name_fr="Bénin", region=Country.Region.AFRICA
    )
    draft = OrganisationFactory(
        name_fr="Institut encore secret",
        name_en="Still Secret Institute",
        acronym="INSECRET",
        slug="still-secret-institute",
        tagline_fr="Une ligne encore secrète.",
        tagline_en="A line still secret.",
        country=benin,
        publication_status=DRAFT,
    )
    # Its own contact, chosen for the footer of every page.
    PersonFactory(
        organisation=draft,
        role_en="Officer of a draft",
        role_fr="Officer of a draft",
        show_in_footer=True,
        position=1,
    )
    # A contact of the draft that published pages name as their contact.
    contact = PersonFactory(organisation=draft, role_en="Grants desk", role_fr="Bureau des bourses")
    unit = OrganisationFactory(
        name_en="Public unit", slug="public-unit", parent=draft, country=benin
    )
    merged = OrganisationFactory(
        name_en="Former NGO",
        slug="former-ngo",
        merged_into=draft,
        merged_on=datetime.date(2026, 1, 1),
        country=benin,
    )
    member = OrganisationFactory(name_en="Member university", slug="member-university")
    Membership.objects.create(organisation=draft, member=member)
    PersonFactory(organisation=merged, role_en="Former NGO desk")
    scheme = FundingSchemeFactory(slug="draft-funded-grant", funder=draft, contact=contact)
    scheme.eligible_nationalities.add(benin)
    CallFactory(scheme=scheme)
    sdg = SDGFactory(number=3)
    project = ProjectFactory(slug="shared-project", countries=[benin], sdgs=[sdg], contact=contact)
    project.funding_schemes.add(scheme)
    ParticipationFactory(project=project, organisation=unit, role=Participation.Role.LEAD)
    ParticipationFactory(project=project, organisation=draft, role=Participation.Role.CO_LEAD)
    EventFactory(slug="draft-organised-seminar", organiser=draft, country=benin)
    EventFactory(slug="cooperation-day-2026", kind=Event.Kind.COOPERATION_DAY, organiser=draft)
    return draft


PAGES = [
    "/{language}/",
    "/{language}/projects/",
    "/{language}/projects/?country=bj",
    "/{language}/projects/shared-project/",
    "/{language}/funding/",
    "/{language}/funding/draft-funded-grant/",
    "/{language}/funding/feed/",
    "/{language}/funding/deadlines.ics",
    "/{language}/partners/",
    "/{language}/partners/?country=bj",
    "/{language}/partners/public-unit/",
    "/{language}/partners/former-ngo/",
    "/{language}/partners/member-university/",
    "/{language}/contacts/",
    "/{language}/events/",
    "/{language}/events/calendar.ics",
    "/{language}/events/draft-organised-seminar/",
    "/{language}/events/cooperation-day/",
    "/{language}/countries/bj/",
    "/{language}/sdgs/3/",
]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("page", PAGES)
def test_a_draft_organisation_appears_on_no_public_page(
    client, draft_and_what_refers_to_it, page, language
):
    response = client.get(page.format(language=language))
    assert response.status_code == 200
    content = response.content.decode()
    assert [secret for secret in SECRETS if secret in content] == []


def test_its_own_page_answers_404(client, draft_and_what_refers_to_it):
    assert client.get("/en/partners/still-secret-institute/").status_code == 404
