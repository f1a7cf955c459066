"""The project page: everything a researcher needs, safe to show, and hidden while a draft."""

import json
import re

import pytest

from projects.models import Participation
from tests.factories import (
    DRAFT,
    CountryFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    PersonFactory,
    ProjectFactory,
    SDGFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    congo = CountryFactory(code="CD", name_en="DR Congo")
    belgium = CountryFactory(code="BE", name_en="Belgium", region="europe")
    project = ProjectFactory(
        slug="maternal-health",
        title_en="Maternal health in Kinshasa",
        acronym="MATKIN",
        description_en="## Aims\n\nFewer deaths. <script>alert('x')</script>"
        '<a href="javascript:alert(1)" onclick="steal()">click</a> <b onmouseover="x()">bold</b>',
        countries=[congo],
        sdgs=[SDGFactory(number=3, title_en="Good Health and Well-being")],
        contact=PersonFactory(role_en="Cooperation officer", email="cooperation@example.org"),
        budget=250000,
    )
    project.keywords.set(["midwifery"])
    project.funding_schemes.add(FundingSchemeFactory(name_en="South Initiatives"))
    project.funding_schemes.add(
        FundingSchemeFactory(name_en="Hidden Scheme", publication_status=DRAFT)
    )
    ParticipationFactory(
        project=project,
        organisation=OrganisationFactory(name_en="ULB", country=belgium),
        role=Participation.Role.LEAD,
    )
    ParticipationFactory(
        project=project,
        organisation=OrganisationFactory(name_en="Université de Kinshasa", country=congo),
        role=Participation.Role.CO_LEAD,
    )
    ParticipationFactory(
        project=project,
        organisation=OrganisationFactory(name_en="Secret Partner", publication_status=DRAFT),
        role=Participation.Role.PARTNER,
    )
    return project


def test_the_page_shows_the_project_with_links_to_its_countries_goals_and_funding(client, project):
    content = client.get("/en/projects/maternal-health/").content.decode()
    assert "<h1>Maternal health in Kinshasa" in content
    assert "MATKIN" in content
    assert 'href="/en/countries/cd/">DR Congo</a>' in content
    assert 'href="/en/sdgs/3/"' in content and "Good Health and Well-being" in content
    assert 'href="/en/projects/?tag=midwifery"' in content
    assert "South Initiatives" in content and "Hidden Scheme" not in content
    assert "€250,000" in content
    assert "cooperation@example.org" in content
    assert 'aria-label="Breadcrumbs"' in content


def test_the_description_is_markdown_with_no_script_or_event_handler_surviving(client, project):
    content = client.get("/en/projects/maternal-health/").content.decode()
    description = content[content.index('<div class="prose">') :]
    assert "<h3>Aims</h3>" in description  # headings start below the page's h2 sections
    assert "<script>alert" not in content
    assert "javascript:" not in content
    assert "onclick" not in content and "onmouseover" not in content


def test_partners_are_grouped_by_role_and_co_leadership_by_a_partner_is_visible(client, project):
    response = client.get("/en/projects/maternal-health/")
    groups = {
        role: [p.organisation.name for p in ps]
        for role, ps in response.context["participations_by_role"]
    }
    assert groups == {"Lead": ["ULB"], "Co-lead": ["Université de Kinshasa"]}
    content = response.content.decode()
    assert "co-led by a partner institution in the South" in content
    assert "Secret Partner" not in content


def test_the_page_carries_opengraph_and_schema_org_data(client, project):
    content = client.get("/en/projects/maternal-health/").content.decode()
    assert '<meta property="og:title" content="Maternal health in Kinshasa">' in content
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S).group(1)
    )
    assert data["@type"] == "ResearchProject"
    assert data["name"] == "Maternal health in Kinshasa"
    assert data["url"] == "http://testserver/en/projects/maternal-health/"
    # A role is not a property of an organisation: each member is wrapped in its role.
    roles = {role["member"]["name"]: role for role in data["member"]}
    assert set(roles) == {"ULB", "Université de Kinshasa"}  # not the draft partner
    assert roles["Université de Kinshasa"]["@type"] == "OrganizationRole"
    assert roles["Université de Kinshasa"]["roleName"] == "Co-lead"
    assert "startDate" not in data and "endDate" not in data  # not properties of a project


def test_json_ld_cannot_be_closed_by_a_title(client):
    ProjectFactory(slug="tricky", title_en="</script><script>alert(1)</script>")
    content = client.get("/en/projects/tricky/").content.decode()
    assert "</script><script>alert(1)" not in content


def test_related_projects_share_a_country_or_a_goal(client, project):
    ProjectFactory(title_en="Same country", countries=[project.countries.get()])
    ProjectFactory(title_en="Same goal", sdgs=[project.sdgs.get()])
    ProjectFactory(title_en="Unrelated", countries=[CountryFactory(code="PE")])
    related = client.get("/en/projects/maternal-health/").context["related_projects"]
    assert {p.title for p in related} == {"Same country", "Same goal"}


def test_a_draft_project_answers_404(client, project):
    project.publication_status = DRAFT
    project.save()
    assert client.get("/en/projects/maternal-health/").status_code == 404


def test_the_page_runs_a_bounded_number_of_queries(client, project, django_assert_max_num_queries):
    with django_assert_max_num_queries(14):
        assert client.get("/en/projects/maternal-health/").status_code == 200
