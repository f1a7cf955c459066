"""The projects list: filters, OR within a facet and AND across, facet counts, sorting, chips."""

import datetime

import pytest
from django.utils import timezone

from projects.filters import FACET_PARTNER_LIMIT
from projects.models import Participation
from tests.factories import (
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR = datetime.timedelta(days=365)


def results(response) -> str:
    """The results' part of a list page (not its facets)."""
    return response.content.decode().split('id="results"')[1]


def titles(response) -> set[str]:
    return {project.title for project in response.context["page_obj"]}


@pytest.fixture
def world():
    congo = CountryFactory(code="CD", name_en="DR Congo", region="africa")
    benin = CountryFactory(code="BJ", name_en="Benin", region="africa")
    peru = CountryFactory(code="PE", name_en="Peru", region="latin-america")
    health = SDGFactory(number=3)
    water = SDGFactory(number=6)
    medicine = DisciplineFactory(slug="medicine")
    agronomy = DisciplineFactory(slug="agronomy")
    kinshasa = OrganisationFactory(slug="unikin", name_en="Université de Kinshasa", country=congo)
    scheme = FundingSchemeFactory(slug="south-initiatives")
    projects = {
        "congo-health": ProjectFactory(
            title_en="Congo health", countries=[congo], sdgs=[health], disciplines=[medicine]
        ),
        "benin-water": ProjectFactory(
            title_en="Benin water", countries=[benin], sdgs=[water], disciplines=[agronomy]
        ),
        "benin-health": ProjectFactory(
            title_en="Benin health",
            countries=[benin],
            sdgs=[health],
            start_date=TODAY + YEAR,
            end_date=TODAY + 2 * YEAR,
        ),
        "peru-water": ProjectFactory(
            title_en="Peru water",
            countries=[peru],
            sdgs=[water, health],
            start_date=TODAY - 3 * YEAR,
            end_date=TODAY - YEAR,
        ),
    }
    ParticipationFactory(
        project=projects["congo-health"], organisation=kinshasa, role=Participation.Role.CO_LEAD
    )
    projects["benin-water"].funding_schemes.add(scheme)
    projects["benin-water"].keywords.set(["irrigation", "rice"])
    return projects


def test_without_filters_every_published_project_is_listed(client, world):
    response = client.get("/en/projects/")
    assert titles(response) == {"Congo health", "Benin water", "Benin health", "Peru water"}
    assert "4 projects" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=CD", {"Congo health"}),
        ("country=cd", {"Congo health"}),
        ("region=latin-america", {"Peru water"}),
        ("sdg=6", {"Benin water", "Peru water"}),
        ("discipline=agronomy", {"Benin water"}),
        ("partner=unikin", {"Congo health"}),
        ("status=planned", {"Benin health"}),
        ("status=completed", {"Peru water"}),
        ("status=ongoing", {"Congo health", "Benin water"}),
        ("funding=south-initiatives", {"Benin water"}),
        ("tag=irrigation", {"Benin water"}),
    ],
)
def test_each_filter_keeps_only_the_matching_projects(client, world, query, expected):
    assert titles(client.get(f"/en/projects/?{query}")) == expected


def test_values_of_one_facet_combine_with_or(client, world):
    response = client.get("/en/projects/?country=CD&country=PE")
    assert titles(response) == {"Congo health", "Peru water"}


def test_different_facets_combine_with_and(client, world):
    response = client.get("/en/projects/?country=CD&country=BJ&sdg=3")
    assert titles(response) == {"Congo health", "Benin health"}


def test_a_project_matching_several_values_is_listed_once(client, world):
    response = client.get("/en/projects/?sdg=3&sdg=6")
    assert response.context["paginator"].count == 4


def facet(response, name):
    return {
        option.value: (option.count, option.selected)
        for option in next(f for f in response.context["facets"] if f.name == name).options
    }


def test_facet_counts_tell_how_many_results_each_option_would_give(client, world):
    response = client.get("/en/projects/?sdg=3")
    # Countries count within SDG 3: Congo 1, Benin 1 (health), Peru 1.
    assert facet(response, "country") == {
        "CD": (1, False),
        "BJ": (1, False),
        "PE": (1, False),
    }
    # The SDG facet ignores its own selection, so that another goal can be added with its count.
    assert facet(response, "sdg") == {"3": (3, True), "6": (2, False)}
    assert facet(response, "status") == {
        "planned": (1, False),
        "ongoing": (1, False),
        "completed": (1, False),
    }


def test_facet_counts_follow_the_other_filters(client, world):
    response = client.get("/en/projects/?country=BJ")
    assert facet(response, "sdg") == {"3": (1, False), "6": (1, False)}
    assert facet(response, "discipline") == {"agronomy": (1, False)}
    assert facet(response, "tag") == {"irrigation": (1, False), "rice": (1, False)}


def test_active_filters_are_shown_as_chips_that_remove_themselves(client, world):
    response = client.get("/en/projects/?country=CD&country=BJ&sdg=3")
    chips = {(str(chip.label), chip.query) for chip in response.context["active_filters"]}
    assert ("DR Congo", "country=BJ&sdg=3") in chips
    assert ("Benin", "country=CD&sdg=3") in chips


@pytest.mark.parametrize(
    ("sort", "first"),
    [("title", "Benin health"), ("start", "Peru water"), ("recent", "Benin health")],
)
def test_sorting(client, world, sort, first):
    response = client.get(f"/en/projects/?sort={sort}")
    assert response.context["page_obj"][0].title == first


def test_pagination_keeps_the_filters(client):
    congo = CountryFactory(code="CD")
    for _ in range(25):
        ProjectFactory(countries=[congo])
    response = client.get("/en/projects/?country=CD")
    assert len(response.context["page_obj"]) == 20
    assert 'href="?country=CD&amp;page=2"' in response.content.decode()
    assert len(client.get("/en/projects/?country=CD&page=2").context["page_obj"]) == 5


def test_an_htmx_request_gets_the_results_and_the_facets_only(client, world):
    response = client.get("/en/projects/?country=CD", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert 'id="results"' in content
    assert 'id="facets" class="facets" data-hx-swap-oob="true"' in content
    assert "HX-Request" in response["Vary"]


def test_the_page_works_as_a_plain_form_without_javascript(client, world):
    content = client.get("/en/projects/").content.decode()
    assert 'method="get" action="/en/projects/"' in content
    assert 'name="country" value="CD"' in content
    assert '<button type="submit">' in content


def test_the_list_runs_the_same_number_of_queries_for_1_and_for_60_projects(client):
    country = CountryFactory(code="CD")
    sdg = SDGFactory(number=3)

    def populate(count):
        for _ in range(count):
            project = ProjectFactory(countries=[country], sdgs=[sdg])
            ParticipationFactory(project=project)
            project.keywords.add("water")

    url = "/en/projects/?country=CD&sdg=3&q=water&sort=title"
    populate(1)
    # The first request after a change rebuilds the facet index (projects.facets): one query
    # per facet and per vocabulary, whatever the number of projects.
    rebuilding_with_one = count_queries(client, url)
    with_one = count_queries(client, url)
    populate(59)
    assert count_queries(client, url) == rebuilding_with_one
    # 1 content version, 1 search, 1 page, 2 prefetches (countries, SDGs), 1 footer contacts,
    # 2 validations of filter values (country, SDG): no count, no facet query.
    assert count_queries(client, url) == with_one <= 8
    assert "60 projects" in client.get(url).content.decode()


def test_a_partner_with_two_roles_on_a_project_counts_that_project_once(client):
    kinshasa = OrganisationFactory(slug="unikin")
    project = ProjectFactory()
    ParticipationFactory(project=project, organisation=kinshasa, role=Participation.Role.CO_LEAD)
    ParticipationFactory(project=project, organisation=kinshasa, role=Participation.Role.FUNDER)
    assert facet(client.get("/en/projects/"), "partner") == {"unikin": (1, False)}


def test_a_chosen_partner_of_no_project_is_shown_at_zero_beside_the_top_partners(client):
    # More partners than the facet shows at first (FACET_PARTNER_LIMIT), and one of none.
    for number in range(FACET_PARTNER_LIMIT + 2):
        ParticipationFactory(organisation=OrganisationFactory(slug=f"partner-{number}"))
    OrganisationFactory(slug="no-project-yet")
    response = client.get("/en/projects/?partner=no-project-yet")
    assert response.status_code == 200
    assert response.context["paginator"].count == 0
    options = facet(response, "partner")
    assert options["no-project-yet"] == (0, True)
    assert len(options) == FACET_PARTNER_LIMIT + 1


def test_a_card_shows_its_countries_and_goals_as_they_are_now(client):
    """A card's countries and SDGs come from the facet index: a change shows at once."""
    congo = CountryFactory(code="CD", name_en="DR Congo")
    benin = CountryFactory(code="BJ", name_en="Benin")
    project = ProjectFactory(title_en="Clinics", countries=[congo], sdgs=[SDGFactory(number=3)])
    card = results(client.get("/en/projects/"))
    assert '<a href="/en/countries/cd/">DR Congo</a></p>' in card
    assert card.count('<a class="sdg-badge ') == 1
    project.countries.add(benin)
    project.sdgs.add(SDGFactory(number=6))
    card = results(client.get("/en/projects/"))
    assert '<a href="/en/countries/bj/">Benin</a>, <a href="/en/countries/cd/">DR Congo</a>' in card
    assert card.count('<a class="sdg-badge ') == 2
