"""An organisation's page, /en/partners/<slug>/: who it is, its history, projects, funding,
events and contacts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partners.models import Membership, Organisation
from projects.models import Participation
from tests.factories import (
    DRAFT,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
)
from tests.partners.page import headings, text

pytestmark = pytest.mark.django_db

MERGER = datetime.date(2026, 5, 4)


def page_of(client, organisation):
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    return response


@pytest.fixture
def ucoopia_history():
    """ULB-Coopération and Eclosio merged into Ucoopia on 4 May 2026, joined by UMONS."""
    ucoopia = OrganisationFactory(
        name_en="Ucoopia", slug="ucoopia", kind=Organisation.Kind.NGO, founded_on=MERGER
    )
    ulb_cooperation = OrganisationFactory(
        name_en="ULB-Coopération",
        slug="ulb-cooperation",
        kind=Organisation.Kind.NGO,
        is_own_structure=True,
        merged_into=ucoopia,
        merged_on=MERGER,
    )
    eclosio = OrganisationFactory(
        name_en="Eclosio",
        slug="eclosio",
        kind=Organisation.Kind.NGO,
        merged_into=ucoopia,
        merged_on=MERGER,
    )
    umons = OrganisationFactory(name_en="Université de Mons", acronym="UMONS", slug="umons")
    Membership.objects.create(organisation=ucoopia, member=umons, joined_on=MERGER)
    return {"ucoopia": ucoopia, "ulb": ulb_cooperation, "eclosio": eclosio, "umons": umons}


def test_the_page_shows_who_the_organisation_is(client):
    organisation = OrganisationFactory(
        name_en="Université de Kinshasa",
        acronym="UNIKIN",
        city="Kinshasa",
        country=CountryFactory(code="CD", name_en="DR Congo"),
        website="https://www.unikin.ac.cd",
        tagline_en="The largest university of the Democratic Republic of the Congo.",
        description_en="Founded in 1954 as **Lovanium**.",
    )
    response = page_of(client, organisation)
    assert headings(response)[0] == ("h1", "Université de Kinshasa (UNIKIN)")
    page = text(response, "main")
    assert "University · Kinshasa · DR Congo" in page
    assert "The largest university of the Democratic Republic of the Congo." in page
    assert "<strong>Lovanium</strong>" in response.content.decode()
    assert 'href="https://www.unikin.ac.cd"' in response.content.decode()


def test_a_unit_links_to_its_parent_and_the_parent_lists_its_units(client):
    school = OrganisationFactory(name_en="École polytechnique de Bruxelles")
    codepo = OrganisationFactory(
        name_en="CODEPO", kind=Organisation.Kind.COOPERATION_UNIT, parent=school
    )
    OrganisationFactory(name_en="Hidden draft unit", parent=school, publication_status=DRAFT)
    assert "Part of École polytechnique de Bruxelles" in text(page_of(client, codepo), "main")
    school_page = page_of(client, school)
    assert "Units CODEPO" in text(school_page, "main")
    assert "Hidden draft unit" not in school_page.content.decode()


def test_the_page_of_a_merged_organisation_says_at_the_top_it_is_now_part_of_its_successor(
    client, ucoopia_history
):
    response = page_of(client, ucoopia_history["ulb"])
    page = text(response, "main")
    assert "This organisation is now part of Ucoopia. It merged into it on May 4, 2026." in page
    # At the top: right after the name, before anything else about it.
    assert page.index("ULB-Coopération") < page.index("now part of") < page.index("NGO")
    assert '<a href="/en/partners/ucoopia/">Ucoopia</a>' in response.content.decode()
    assert "May 4, 2026 Merged into Ucoopia." in text(response, "main")


def test_the_successor_lists_what_it_was_formed_from_and_who_joined_it(client, ucoopia_history):
    response = page_of(client, ucoopia_history["ucoopia"])
    history = text(response, "main")
    assert "now part of" not in history
    assert (
        "History May 4, 2026 Formed by the merger of Eclosio and ULB-Coopération. "
        "May 4, 2026 Joined by Université de Mons."
    ) in history
    content = response.content.decode()
    assert '<a href="/en/partners/ulb-cooperation/">ULB-Coopération</a>' in content
    assert '<a href="/en/partners/umons/">Université de Mons</a>' in content


def test_a_founding_date_apart_from_a_merger_is_in_the_timeline(client, ucoopia_history):
    ucoopia_history["ucoopia"].founded_on = datetime.date(2025, 6, 1)
    ucoopia_history["ucoopia"].save()
    history = text(page_of(client, ucoopia_history["ucoopia"]), "main")
    assert "History June 1, 2025 Founded. May 4, 2026 Formed by the merger of" in history


def test_a_member_says_which_organisation_it_joined(client, ucoopia_history):
    assert "May 4, 2026 Joined Ucoopia." in text(page_of(client, ucoopia_history["umons"]), "main")


def test_the_history_leaves_out_draft_organisations(client, ucoopia_history):
    ucoopia_history["eclosio"].publication_status = DRAFT
    ucoopia_history["eclosio"].save()
    response = page_of(client, ucoopia_history["ucoopia"])
    assert "Formed by the merger of ULB-Coopération." in text(response, "main")
    assert "Eclosio" not in response.content.decode()


def test_an_organisation_without_history_has_no_history_section(client):
    response = page_of(client, OrganisationFactory())
    assert ("h2", "History") not in headings(response)


def test_projects_are_grouped_by_role_lead_co_lead_partner_funder(client):
    organisation = OrganisationFactory()
    for role, title in [
        (Participation.Role.FUNDER, "Funded project"),
        (Participation.Role.PARTNER, "Partner project"),
        (Participation.Role.LEAD, "Led project"),
        (Participation.Role.CO_LEAD, "Co-led project"),
    ]:
        ParticipationFactory(
            organisation=organisation, role=role, project=ProjectFactory(title_en=title)
        )
    response = page_of(client, organisation)
    outline = headings(response)
    start = outline.index(("h2", "Projects"))
    assert outline[start + 1 : start + 5] == [
        ("h3", "As lead: 1 project"),
        ("h3", "As co-lead: 1 project"),
        ("h3", "As partner: 1 project"),
        ("h3", "As funder: 1 project"),
    ]
    page = text(response, "main")
    assert page.index("Led project") < page.index("Co-led project") < page.index("Funded project")


def test_draft_projects_are_not_shown(client):
    organisation = OrganisationFactory()
    ParticipationFactory(
        organisation=organisation,
        project=ProjectFactory(title_en="Secret draft project", publication_status=DRAFT),
    )
    response = page_of(client, organisation)
    assert "Secret draft project" not in response.content.decode()
    assert ("h2", "Projects") not in headings(response)


def test_a_long_list_of_projects_shows_the_latest_ten_and_links_to_all(client):
    organisation = OrganisationFactory(slug="unikin")
    today = timezone.localdate()
    for number in range(12):
        ParticipationFactory(
            organisation=organisation,
            project=ProjectFactory(
                title_en=f"Project {number:02}",
                start_date=today - datetime.timedelta(days=30 * number),
            ),
        )
    response = page_of(client, organisation)
    page = text(response, "main")
    assert "As lead: 12 projects" in page
    assert "Project 00" in page and "Project 09" in page
    assert "Project 10" not in page and "Project 11" not in page
    assert 'href="/en/projects/?partner=unikin"' in response.content.decode()


def test_the_funding_schemes_it_funds_are_listed(client):
    funder = OrganisationFactory(name_en="ARES", kind=Organisation.Kind.PUBLIC_FUNDER)
    FundingSchemeFactory(funder=funder, name_en="Travel grants for the South")
    FundingSchemeFactory(funder=funder, name_en="Secret scheme", publication_status=DRAFT)
    response = page_of(client, funder)
    assert "Funding schemes it funds Travel grants for the South" in text(response, "main")
    assert "Secret scheme" not in response.content.decode()


def test_the_events_it_organises_are_listed_upcoming_then_past(client):
    organiser = OrganisationFactory()
    now = timezone.now()
    EventFactory(organiser=organiser, title_en="Next seminar")
    EventFactory(
        organiser=organiser,
        title_en="Last year's seminar",
        starts_at=now - datetime.timedelta(days=365),
        ends_at=now - datetime.timedelta(days=365, hours=-2),
    )
    EventFactory(organiser=organiser, title_en="Secret event", publication_status=DRAFT)
    response = page_of(client, organiser)
    page = text(response, "main")
    assert page.index("Upcoming Next seminar") < page.index("Past Last year's seminar")
    assert "Secret event" not in response.content.decode()


def test_its_contacts_are_listed_by_role(client):
    organisation = OrganisationFactory(name_en="CODEPO")
    PersonFactory(
        organisation=organisation,
        role_en="Student projects contact",
        email="codepo@example.org",
        phone="+32 2 650 00 00",
    )
    response = page_of(client, organisation)
    assert ("h3", "Student projects contact") in headings(response)
    content = response.content.decode()
    assert 'href="mailto:codepo@example.org"' in content
    assert 'href="tel:+3226500000"' in content


def test_a_merged_organisation_shows_its_successor_s_contacts_not_its_own(client, ucoopia_history):
    PersonFactory(
        organisation=ucoopia_history["ulb"],
        role_en="Programme coordination",
        email="ulb-cooperation@example.org",
    )
    PersonFactory(
        organisation=ucoopia_history["ucoopia"],
        role_en="Partnerships and programmes",
        email="ucoopia@example.org",
    )
    response = page_of(client, ucoopia_history["ulb"])
    page = text(response, "main")
    assert (
        "Contacts The contacts of Ucoopia, which it is now part of. Partnerships and programmes"
    ) in page
    content = response.content.decode()
    assert 'The contacts of <a href="/en/partners/ucoopia/">Ucoopia</a>' in content
    assert 'href="mailto:ucoopia@example.org"' in content
    assert "Programme coordination" not in page
    assert "ulb-cooperation@example.org" not in content


def test_a_successor_still_in_draft_is_never_named(client, ucoopia_history):
    ucoopia_history["ucoopia"].publication_status = DRAFT
    ucoopia_history["ucoopia"].save()
    PersonFactory(organisation=ucoopia_history["ulb"], role_en="Programme coordination")
    PersonFactory(organisation=ucoopia_history["ucoopia"], role_en="Partnerships and programmes")
    response = page_of(client, ucoopia_history["ulb"])
    assert "Ucoopia" not in response.content.decode()
    assert "now part of" not in text(response, "main")
    # Its own contact is not live any more, and its successor's are not public yet.
    assert ("h2", "Contacts") not in headings(response, "main")
    assert "Programme coordination" not in response.content.decode()


def test_a_parent_still_in_draft_is_never_named(client):
    school = OrganisationFactory(
        name_en="Secret school", acronym="SECRET", publication_status=DRAFT
    )
    codepo = OrganisationFactory(name_en="CODEPO", parent=school)
    response = page_of(client, codepo)
    assert "Secret school" not in response.content.decode()
    assert "SECRET" not in response.content.decode()
    assert "Part of" not in text(response, "main")


def test_the_funding_schemes_it_funds_are_in_the_order_of_the_page_s_language(client):
    funder = OrganisationFactory(slug="ares")
    for name in ["Soutien à la valorisation", "Séjours de recherche", "Bourses de voyage"]:
        FundingSchemeFactory(funder=funder, name_fr=name)
    page = text(client.get("/fr/partners/ares/"), "main")
    positions = [
        page.index(name)
        for name in ["Bourses de voyage", "Séjours de recherche", "Soutien à la valorisation"]
    ]
    assert positions == sorted(positions)


def test_a_draft_organisation_answers_404(client):
    draft = OrganisationFactory(publication_status=DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_an_unknown_organisation_answers_404(client):
    assert client.get("/en/partners/no-such-organisation/").status_code == 404


def test_the_page_is_bilingual(client, ucoopia_history):
    response = client.get("/fr/partners/ulb-cooperation/")
    assert response.status_code == 200
    assert 'lang="fr"' in response.content.decode()


# Queries ------------------------------------------------------------------------------------


def give_it_relations(organisation, count: int) -> None:
    for _ in range(count):
        for role in Participation.Role.values:
            ParticipationFactory(organisation=organisation, role=role)
        FundingSchemeFactory(funder=organisation)
        EventFactory(organiser=organisation)
        PersonFactory(organisation=organisation)
        OrganisationFactory(parent=organisation)
        OrganisationFactory(merged_into=organisation, merged_on=MERGER)
        Membership.objects.create(organisation=organisation, member=OrganisationFactory())
        Membership.objects.create(organisation=OrganisationFactory(), member=organisation)


def count_queries(client, organisation) -> int:
    with CaptureQueriesContext(connection) as context:
        page_of(client, organisation)
    return len(context.captured_queries)


def test_the_page_runs_as_many_queries_for_one_relation_as_for_fifteen(client):
    organisation = OrganisationFactory(
        parent=OrganisationFactory(), merged_into=OrganisationFactory()
    )
    give_it_relations(organisation, 1)
    with_one = count_queries(client, organisation)
    give_it_relations(organisation, 14)
    assert count_queries(client, organisation) == with_one


def test_the_page_stays_within_fifteen_queries(client, django_assert_max_num_queries):
    organisation = OrganisationFactory(
        parent=OrganisationFactory(), merged_into=OrganisationFactory()
    )
    give_it_relations(organisation, 3)
    # The organisation (with country), its parent and its successor if published, units,
    # predecessors, members, memberships, projects by role, funding schemes, upcoming and past
    # events, its latest news, contacts, the content version and, the first time after a
    # change, the footer contacts.
    with django_assert_max_num_queries(15):
        page_of(client, organisation)
