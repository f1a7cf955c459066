"""Every list page runs the same number of SQL queries whatever the number of rows."""

import pytest

from tests.factories import (
    CallFactory,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
    NewsItemFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def make_rows(count: int) -> None:
    countries = [CountryFactory(code=code) for code in ("CD", "BJ")]
    sdgs = [SDGFactory(number=number) for number in (3, 6)]
    for _ in range(count):
        project = ProjectFactory(countries=countries, sdgs=sdgs)
        ParticipationFactory(project=project)
        CallFactory(scheme=FundingSchemeFactory())
        EventFactory(country=countries[0])
        OrganisationFactory(country=countries[1])
        NewsItemFactory(countries=countries, sdgs=sdgs, projects=[project])


PAGES = [
    "/en/",
    "/en/projects/",
    "/en/projects/?country=CD&sdg=3",
    "/en/projects/?q=water",
    "/en/projects/?q=water&sort=relevance&status=ongoing",
    "/en/projects/first-project/",
    "/en/funding/",
    "/en/partners/",
    "/en/events/",
    "/en/news/",
    "/en/news/?country=CD&sdg=3",
    "/en/countries/cd/",
    "/en/sdgs/",
    "/en/sdgs/3/",
    "/en/about/",
]


def test_every_page_runs_as_many_queries_for_10_projects_as_for_200(client, office_pages):
    ProjectFactory(slug="first-project", countries=[CountryFactory(code="CD")])
    make_rows(9)
    with_10 = {url: count_queries(client, url) for url in PAGES}
    make_rows(191)
    # One page of rows at most, with related rows loaded in bulk: the counts stay the same.
    assert {url: count_queries(client, url) for url in PAGES} == with_10


def test_country_and_sdg_pages_show_a_few_projects_and_link_to_all(client):
    make_rows(30)
    for url, link in (
        ("/en/countries/cd/", "/en/projects/?country=CD"),
        ("/en/sdgs/3/", "/en/projects/?sdg=3"),
    ):
        response = client.get(url)
        assert len(response.context["projects"]) == 6
        assert response.context["project_count"] == 30
        assert f'href="{link}"' in response.content.decode()
        assert "See all 30 projects" in response.content.decode()
        # The latest six: the first six of the list that "See all" opens.
        listed = client.get(link).context["page_obj"]
        assert [p.pk for p in response.context["projects"]] == [p.pk for p in listed][:6]


def test_the_projects_list_runs_two_queries_and_a_fixed_number_more_after_a_change(
    client, django_assert_max_num_queries
):
    make_rows(25)
    # After a change, the facet index is rebuilt: the projects, the links of the 8 facets, of
    # the funders and of the co-led projects (the figures'), the 6 vocabularies they name and
    # the titles' order in each language, whatever the number of projects; and the footer's
    # contacts.
    with django_assert_max_num_queries(2 + 20 + 1):
        assert client.get("/en/projects/?sort=title").status_code == 200
    # Then: the content version and the page's projects (their countries and SDGs, the
    # counts and the order come from the index).
    with django_assert_max_num_queries(2):
        assert client.get("/en/projects/?country=CD&sdg=3").status_code == 200
