"""The funding pages run a fixed number of SQL queries, whatever the number of rows."""

import pytest

from funding.models import FundingScheme
from tests.factories import (
    AffiliationFactory,
    ApplicantLevelFactory,
    CallFactory,
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    PersonFactory,
    ProjectFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def make_schemes(count: int) -> list:
    levels = [ApplicantLevelFactory(code=code) for code in ("master", "doctoral")]
    countries = [CountryFactory(code=code) for code in ("CD", "SN")]
    disciplines = [DisciplineFactory(slug=slug) for slug in ("health", "agronomy")]
    affiliations = [AffiliationFactory(code=code) for code in ("partner-university", "ulb")]
    schemes = []
    for _ in range(count):
        scheme = FundingSchemeFactory(
            contact=PersonFactory(), applicant_type=FundingScheme.ApplicantType.PERSON
        )
        scheme.applicant_levels.set(levels)
        scheme.eligible_nationalities.set(countries)
        scheme.disciplines.set(disciplines)
        scheme.eligible_affiliations.set(affiliations)
        CallFactory(scheme=scheme)
        CallFactory(scheme=scheme)
        ProjectFactory().funding_schemes.add(scheme)
        schemes.append(scheme)
    return schemes


@pytest.mark.parametrize(
    "url",
    [
        "/en/funding/",
        "/en/funding/?level=doctoral&country=CD&discipline=health&status=open&sort=name",
        "/en/funding/?level=doctoral&country=CD&discipline=health&affiliation=partner-university"
        "&applying_as=person&status=open&status=closed",
        "/en/funding/?affiliation=ulb&affiliation=partner-university&applying_as=person",
        "/en/funding/deadlines.ics",
        "/en/funding/deadlines.ics?country=CD",
        "/en/funding/feed/",
        "/en/funding/feed/?level=doctoral",
        "/en/funding/feed/?affiliation=ulb&applying_as=person",
    ],
)
def test_a_funding_list_runs_as_many_queries_for_one_scheme_as_for_twenty_five(client, url):
    make_schemes(1)
    with_one = count_queries(client, url)
    make_schemes(24)
    assert count_queries(client, url) == with_one


def test_a_scheme_page_runs_as_many_queries_for_one_call_as_for_many(client):
    scheme = make_schemes(1)[0]
    url = scheme.get_absolute_url()
    with_two_calls = count_queries(client, url)
    for _ in range(10):
        CallFactory(scheme=scheme)
        ProjectFactory().funding_schemes.add(scheme)
    assert count_queries(client, url) == with_two_calls


def test_the_funding_list_stays_under_a_dozen_queries(client, django_assert_max_num_queries):
    make_schemes(25)
    # The options of levels, countries, disciplines and affiliations (read once for the filter
    # form and the eligibility form), count, page of schemes (with funder and next deadline),
    # levels and calls of the page, the content version and, the first time after a change,
    # the footer contacts.
    with django_assert_max_num_queries(10):
        assert client.get("/en/funding/").status_code == 200


def test_an_answered_eligibility_form_adds_only_what_the_reasons_read(
    client, django_assert_max_num_queries
):
    make_schemes(25)
    url = (
        "/en/funding/?level=doctoral&country=CD&discipline=health"
        "&affiliation=partner-university&applying_as=person&status=open"
    )
    # The nine above; the four values checked (level, country, discipline, affiliation); the
    # page's nationalities, disciplines and affiliations, for the card's reasons.
    with django_assert_max_num_queries(17):  # footer: see above
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Why it fits you:") == 20


def test_the_calendar_and_the_feed_read_their_calls_in_one_query(
    client, django_assert_max_num_queries
):
    make_schemes(25)
    # The calls with their schemes, in one query; plus one to check a given nationality.
    with django_assert_max_num_queries(1):
        assert client.get("/en/funding/deadlines.ics").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/en/funding/feed/?country=CD").status_code == 200
