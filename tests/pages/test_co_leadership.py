"""Co-led by a partner in the South: one rule, so the home figure and the project pages agree,
drafts included (a draft organisation is never shown, so it never counts)."""

import pytest
from django.utils import translation

from partners.models import Organisation
from projects.models import Participation
from tests.factories import (
    DRAFT,
    CountryFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

NOTICE = "This project is co-led by a partner institution in the South"


@pytest.fixture
def projects():
    congo = CountryFactory(code="CD", region="africa")
    belgium = CountryFactory(code="BE", region="europe")
    co_leads = {
        "kinshasa": OrganisationFactory(country=congo),
        "draft-partner": OrganisationFactory(country=congo, publication_status=DRAFT),
        "brussels": OrganisationFactory(country=belgium),
        "own-structure-abroad": OrganisationFactory(country=congo, is_own_structure=True),
        "no-country": OrganisationFactory(country=None),
    }
    for slug, organisation in co_leads.items():
        project = ProjectFactory(slug=f"co-led-{slug}")
        ParticipationFactory(project=project, organisation=OrganisationFactory(country=belgium))
        ParticipationFactory(
            project=project, organisation=organisation, role=Participation.Role.CO_LEAD
        )
    return co_leads


def test_the_home_figure_counts_the_project_pages_that_show_the_notice(client, projects):
    home = client.get("/en/")
    pages_with_notice = [
        slug for slug in projects if NOTICE in client.get(f"/en/projects/co-led-{slug}/").text
    ]
    assert pages_with_notice == ["kinshasa"]
    assert home.context["counts"]["co_led"] == len(pages_with_notice)


def test_the_partner_co_lead_tag_follows_the_same_rule(client, projects):
    with translation.override("en"):
        tagged = client.get("/en/projects/co-led-kinshasa/").text
        untagged = client.get("/en/projects/co-led-brussels/").text
    assert "partner in the South, leading</span>" in tagged
    assert "partner in the South, leading</span>" not in untagged
    assert Organisation.objects.filter(publication_status=DRAFT).count() == 1


def test_a_project_led_by_a_partner_in_the_south_counts_too(client, projects):
    """The definition is "a lead or co-lead participation": a project a partner in the South
    leads, with a Belgian co-lead, is as much shared as the other way round."""
    project = ProjectFactory(slug="led-from-kinshasa")
    ParticipationFactory(project=project, organisation=projects["kinshasa"])  # the lead
    ParticipationFactory(
        project=project,
        organisation=OrganisationFactory(country=CountryFactory(code="BE")),
        role=Participation.Role.CO_LEAD,
    )

    assert NOTICE in client.get("/en/projects/led-from-kinshasa/").text
    assert client.get("/en/").context["counts"]["co_led"] == 2


def test_the_home_figure_links_to_the_list_of_exactly_those_projects(client, projects):
    home = client.get("/en/")
    assert 'href="/en/projects/?leadership=co-led"' in home.text
    listed = client.get("/en/projects/", {"leadership": "co-led"})
    assert listed.context["paginator"].count == home.context["counts"]["co_led"] == 1
    assert "/en/projects/co-led-kinshasa/" in listed.text
    # The filter shows as a chip and is kept when a facet is ticked (a hidden field).
    assert "co-led by a partner in the South" in listed.text
    assert '<input type="hidden" name="leadership" value="co-led">' in listed.text
    # The facet counts are those of the co-led projects only.
    status = next(facet for facet in listed.context["facets"] if facet.name == "status")
    assert sum(option.count for option in status.options) == 1


def test_an_unknown_leadership_value_is_shown_as_invalid(client, projects):
    response = client.get("/en/projects/", {"leadership": "nonsense"})
    assert response.status_code == 200
    assert response.context["paginator"].count == len(projects)
