"""Country and SDG pages gather projects, partners, funding and events."""

import datetime

import pytest
from django.utils import timezone

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


@pytest.fixture
def congo():
    country = CountryFactory(code="CD", name_en="DR Congo", region="africa")
    benin = CountryFactory(code="BJ", name_en="Benin")
    health, water = SDGFactory(number=3), SDGFactory(number=6)
    ProjectFactory(title_en="Clinics in Kinshasa", countries=[country], sdgs=[health])
    ProjectFactory(title_en="Wells in Kasai", countries=[country], sdgs=[health, water])
    ProjectFactory(title_en="Rice in Benin", countries=[benin], sdgs=[water])
    ProjectFactory(title_en="Draft in Congo", countries=[country], publication_status=DRAFT)
    OrganisationFactory(name_en="Université de Kinshasa", country=country)
    scheme = FundingSchemeFactory(name_en="Mobility for Congolese nationals")
    scheme.eligible_nationalities.add(country)
    CallFactory(scheme=scheme, deadline=timezone.now() + datetime.timedelta(days=12))
    FundingSchemeFactory(name_en="Grant for Beninese nationals").eligible_nationalities.add(benin)
    EventFactory(title_en="Seminar in Kinshasa", country=country)
    EventFactory(
        title_en="Past seminar in Kinshasa",
        country=country,
        starts_at=timezone.now() - datetime.timedelta(days=30),
        ends_at=timezone.now() - datetime.timedelta(days=29),
    )
    return country


def test_the_country_page_gathers_what_concerns_the_country(client, congo):
    response = client.get("/en/countries/cd/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "<h1>DR Congo</h1>" in content
    assert "Africa" in content
    assert "Clinics in Kinshasa" in content and "Wells in Kasai" in content
    assert "Rice in Benin" not in content and "Draft in Congo" not in content
    sdg_counts = {sdg.number: sdg.project_count for sdg in response.context["sdg_counts"]}
    assert sdg_counts == {3: 2, 6: 1}
    assert "Université de Kinshasa" in content
    assert "Mobility for Congolese nationals" in content
    assert "Grant for Beninese nationals" not in content
    assert "Seminar in Kinshasa" in content and "Past seminar" not in content


def test_an_upper_case_country_code_redirects_to_the_canonical_address(client, congo):
    response = client.get("/en/countries/CD/")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/cd/"


@pytest.mark.parametrize("code", ["zz", "xyz", "1"])
def test_an_unknown_country_answers_404(client, congo, code):
    assert client.get(f"/en/countries/{code}/").status_code == 404


def test_the_sdg_page_shows_its_projects_with_counts_by_country(client, congo):
    response = client.get("/en/sdgs/6/")
    content = response.content.decode()
    assert "Wells in Kasai" in content and "Rice in Benin" in content
    assert "Clinics in Kinshasa" not in content
    counts = {country.code: country.project_count for country in response.context["country_counts"]}
    assert counts == {"CD": 1, "BJ": 1}


def test_the_sdg_list_shows_the_goals_with_their_project_counts(client, congo):
    response = client.get("/en/sdgs/")
    counts = {sdg.number: sdg.project_count for sdg in response.context["sdgs"]}
    assert counts == {3: 2, 6: 2}


@pytest.mark.parametrize("number", ["0", "18", "99"])
def test_an_sdg_outside_1_to_17_answers_404(client, congo, number):
    assert client.get(f"/en/sdgs/{number}/").status_code == 404


def test_sdg_badges_take_the_goal_s_colour_class_not_a_style_attribute(client, congo):
    content = client.get("/en/sdgs/").content.decode()
    assert '<a class="sdg-badge sdg-3" href="/en/sdgs/3/"' in content
    assert "style=" not in client.get("/en/sdgs/3/").content.decode()
    assert 'class="page-header sdg-header sdg-3"' in client.get("/en/sdgs/3/").content.decode()
