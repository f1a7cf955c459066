"""Every list page runs the same number of SQL queries whatever the number of rows."""

import pytest

from tests.factories import (
    CallFactory,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
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


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/projects/",
        "/en/projects/?country=CD&sdg=3",
        "/en/funding/",
        "/en/partners/",
        "/en/events/",
        "/en/countries/cd/",
        "/en/sdgs/",
        "/en/sdgs/3/",
    ],
)
def test_a_list_page_runs_as_many_queries_for_one_row_as_for_twenty_five(client, url):
    make_rows(1)
    with_one_row = count_queries(client, url)
    make_rows(24)
    # One page of 20 rows at most, with related rows loaded in bulk: the count stays the same.
    assert count_queries(client, url) == with_one_row


def test_the_projects_list_stays_under_fourteen_queries(client, django_assert_max_num_queries):
    make_rows(25)
    # count, page, countries and SDGs of the page, 8 facets (status, country, region, SDG,
    # discipline, partner, funding, keyword), footer contacts.
    with django_assert_max_num_queries(13):
        assert client.get("/en/projects/").status_code == 200
