"""The directory, /en/partners/: own structures first, then partners by region and country."""

import pytest

from partners.models import Organisation
from taxonomy.models import Country
from tests.factories import (
    DRAFT,
    CountryFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)
from tests.helpers import count_queries
from tests.partners.page import card_titles, headings, text

pytestmark = pytest.mark.django_db

URL = "/en/partners/"


@pytest.fixture
def countries():
    return {
        "BE": CountryFactory(code="BE", name_en="Belgium", region=Country.Region.EUROPE),
        "CD": CountryFactory(code="CD", name_en="DR Congo", region=Country.Region.AFRICA),
        "BJ": CountryFactory(code="BJ", name_en="Benin", region=Country.Region.AFRICA),
        "PE": CountryFactory(code="PE", name_en="Peru", region=Country.Region.LATIN_AMERICA),
    }


@pytest.fixture
def directory(countries):
    return {
        "codepo": OrganisationFactory(
            name_en="CODEPO",
            acronym="CODEPO",
            kind=Organisation.Kind.COOPERATION_UNIT,
            is_own_structure=True,
            tagline_en="Engineering students' projects with partners in the South.",
            country=countries["BE"],
        ),
        "fosfom": OrganisationFactory(
            name_en="Medical Training Support Fund",
            acronym="FOSFOM",
            kind=Organisation.Kind.FUND,
            is_own_structure=True,
            tagline_en="Grants for doctors from the South training in Brussels.",
            country=countries["BE"],
        ),
        "umons": OrganisationFactory(name_en="Université de Mons", country=countries["BE"]),
        "kinshasa": OrganisationFactory(
            name_en="Université de Kinshasa", city="Kinshasa", country=countries["CD"]
        ),
        "abomey": OrganisationFactory(
            name_en="Université d'Abomey-Calavi", country=countries["BJ"]
        ),
        "lima": OrganisationFactory(
            name_en="Universidad Nacional Agraria La Molina",
            kind=Organisation.Kind.UNIVERSITY,
            country=countries["PE"],
        ),
        "ares": OrganisationFactory(
            name_en="ARES", kind=Organisation.Kind.PUBLIC_FUNDER, country=countries["BE"]
        ),
    }


def names_shown(response) -> list[str]:
    return card_titles(response, "results")


def test_the_university_s_own_structures_come_first_with_what_they_do(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    sections = [name for level, name in headings(response, "results") if level == "h2"]
    assert sections[0] == "The university's cooperation structures"
    assert names_shown(response)[:2] == ["CODEPO", "Medical Training Support Fund (FOSFOM)"]
    page = text(response, "results")
    assert "Engineering students' projects with partners in the South." in page
    assert "Grants for doctors from the South training in Brussels." in page


def test_partners_are_grouped_by_region_then_country(client, directory):
    response = client.get(URL)
    outline = [
        (level, name) for level, name in headings(response, "results") if level in {"h2", "h3"}
    ]
    partner_outline = outline[outline.index(("h2", "Africa")) :]
    # Regions in their usual order (Africa, Latin America, Asia, Europe), countries by name.
    assert partner_outline == [
        ("h2", "Africa"),
        ("h3", "Benin"),
        ("h3", "DR Congo"),
        ("h2", "Latin America"),
        ("h3", "Peru"),
        ("h2", "Europe"),
        ("h3", "Belgium"),
    ]
    assert ("h4", "Université de Kinshasa") in headings(response, "results")


def test_an_organisation_without_a_country_is_listed_last(client, directory):
    OrganisationFactory(name_en="World Health Organization", country=None)
    response = client.get(URL)
    assert [name for level, name in headings(response, "results") if level == "h2"][-1] == (
        "Other organisations"
    )
    assert names_shown(response)[-1] == "World Health Organization"


def test_each_organisation_shows_its_number_of_published_projects(client, directory):
    for _ in range(2):
        ParticipationFactory(organisation=directory["kinshasa"])
    ParticipationFactory(
        organisation=directory["kinshasa"], project=ProjectFactory(publication_status=DRAFT)
    )
    page = text(client.get(URL), "results")
    assert "University · Kinshasa · DR Congo 2 projects" in page
    assert "No published project yet" in page  # the others


def test_a_project_count_follows_publication_at_once(client, directory):
    """The counts are kept by the process between requests: a change shows on the next page."""
    ParticipationFactory(organisation=directory["kinshasa"])
    draft = ProjectFactory(publication_status=DRAFT)
    ParticipationFactory(organisation=directory["kinshasa"], project=draft)
    assert "DR Congo 1 project" in text(client.get(URL), "results")
    draft.publication_status = "published"
    draft.save()
    assert "DR Congo 2 projects" in text(client.get(URL), "results")
    ParticipationFactory(organisation=directory["kinshasa"])
    assert "DR Congo 3 projects" in text(client.get(URL), "results")


def test_the_project_count_links_to_the_organisation_s_projects(client, directory):
    ParticipationFactory(organisation=directory["kinshasa"])
    content = client.get(URL).content.decode()
    assert f'href="/en/projects/?partner={directory["kinshasa"].slug}"' in content


def test_drafts_are_not_listed(client, directory):
    OrganisationFactory(name_en="Secret Draft University", publication_status=DRAFT)
    response = client.get(URL)
    assert "Secret Draft University" not in response.content.decode()
    assert "7 organisations" in text(response, "results")


def test_a_merged_organisation_stays_listed_and_says_it_is_now_part_of_its_successor(client):
    ucoopia = OrganisationFactory(name_en="Ucoopia", kind=Organisation.Kind.NGO)
    OrganisationFactory(
        name_en="ULB-Coopération",
        kind=Organisation.Kind.NGO,
        is_own_structure=True,
        merged_into=ucoopia,
    )
    OrganisationFactory(name_en="FOSFOM", is_own_structure=True, kind=Organisation.Kind.FUND)
    response = client.get(URL)
    # Among the structures, the current ones come first.
    assert names_shown(response)[:2] == ["FOSFOM", "ULB-Coopération"]
    assert "Now part of Ucoopia." in text(response, "results")
    assert f'Now part of <a href="{ucoopia.get_absolute_url()}">Ucoopia</a>' in (
        response.content.decode()
    )


def test_a_parent_or_successor_still_in_draft_is_never_named(client, countries):
    school = OrganisationFactory(name_en="Secret school", publication_status=DRAFT)
    successor = OrganisationFactory(name_en="Secret successor", publication_status=DRAFT)
    OrganisationFactory(name_en="CODEPO", parent=school, country=countries["BE"])
    OrganisationFactory(name_en="Eclosio", merged_into=successor, country=countries["BE"])
    response = client.get(URL)
    assert names_shown(response) == ["CODEPO", "Eclosio"]
    content = response.content.decode()
    assert "Secret" not in content
    assert "part of" not in text(response, "results")


def test_in_french_countries_and_organisations_are_in_french_order(client):
    burundi = CountryFactory(code="BI", name_fr="Burundi", region=Country.Region.AFRICA)
    benin = CountryFactory(code="BJ", name_fr="Bénin", region=Country.Region.AFRICA)
    for name, country in [
        ("Université du Burundi", burundi),
        ("Université d'Abomey-Calavi", benin),
        ("Institut régional de santé publique", benin),
        ("École nationale d'administration", benin),
    ]:
        OrganisationFactory(name_fr=name, country=country)
    response = client.get("/fr/partners/")
    assert [name for level, name in headings(response, "results") if level == "h3"] == [
        "Bénin",
        "Burundi",
    ]
    assert names_shown(response) == [
        "École nationale d'administration",
        "Institut régional de santé publique",
        "Université d'Abomey-Calavi",
        "Université du Burundi",
    ]


def test_a_unit_says_which_organisation_it_belongs_to(client, countries):
    school = OrganisationFactory(
        name_en="École polytechnique de Bruxelles",
        acronym="EPB",
        kind=Organisation.Kind.FACULTY,
        country=countries["BE"],
    )
    OrganisationFactory(
        name_en="CODEPO",
        is_own_structure=True,
        kind=Organisation.Kind.COOPERATION_UNIT,
        parent=school,
        country=countries["BE"],
    )
    assert "Cooperation unit · part of EPB" in text(client.get(URL), "results")


# Filters ------------------------------------------------------------------------------------


def test_search_finds_an_organisation_by_name_acronym_or_city(client, directory):
    assert names_shown(client.get(URL, {"q": "kinshasa"})) == ["Université de Kinshasa"]
    assert names_shown(client.get(URL, {"q": "fosfom"})) == [
        "Medical Training Support Fund (FOSFOM)"
    ]
    assert names_shown(client.get(URL, {"q": "students"})) == ["CODEPO"]


def test_the_kind_filter_keeps_only_organisations_of_those_kinds(client, directory):
    response = client.get(URL, {"kind": ["fund", "public-funder"]})
    assert sorted(names_shown(response)) == ["ARES", "Medical Training Support Fund (FOSFOM)"]


def test_the_country_filter_accepts_codes_in_either_case(client, directory):
    assert names_shown(client.get(URL, {"country": "CD"})) == ["Université de Kinshasa"]
    assert names_shown(client.get(URL, {"country": ["cd", "bj"]})) == [
        "Université d'Abomey-Calavi",
        "Université de Kinshasa",
    ]


def test_the_region_filter_keeps_only_organisations_of_that_region(client, directory):
    response = client.get(URL, {"region": "latin-america"})
    assert names_shown(response) == ["Universidad Nacional Agraria La Molina"]


def test_filters_combine(client, directory):
    response = client.get(URL, {"region": "europe", "kind": "university"})
    assert names_shown(response) == ["Université de Mons"]


def test_nothing_found_says_so(client, directory):
    response = client.get(URL, {"q": "no such organisation"})
    assert "No organisation matches these filters." in text(response, "results")


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "spaceship"},
        {"country": "XX"},
        {"country": "not a code at all"},
        {"region": "antarctica"},
    ],
)
def test_an_unknown_filter_value_is_shown_as_invalid_not_an_error(client, directory, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "Some filter values were not understood" in text(response, "results")
    # The value is left out: everything is listed.
    assert "7 organisations" in text(response, "results")


def test_a_very_long_search_is_cut_not_an_error(client, directory):
    response = client.get(URL, {"q": "Kinshasa" + "x" * 5000})
    assert response.status_code == 200
    assert "No organisation matches these filters." in text(response, "results")


def test_an_invalid_value_does_not_cancel_the_valid_filters(client, directory):
    response = client.get(URL, {"kind": "spaceship", "region": "latin-america"})
    assert names_shown(response) == ["Universidad Nacional Agraria La Molina"]


def test_a_page_beyond_the_last_shows_the_last_page(client, directory):
    response = client.get(URL, {"page": 99})
    assert response.status_code == 200
    assert names_shown(response)[0] == "CODEPO"


@pytest.mark.parametrize("page", ["0", "-1", "abc"])
def test_a_malformed_page_number_shows_the_first_page(client, directory, page):
    response = client.get(URL, {"page": page})
    assert response.status_code == 200
    assert names_shown(response)[0] == "CODEPO"


def test_organisations_are_paginated_by_twenty(client, countries):
    for number in range(25):
        OrganisationFactory(name_en=f"Partner {number:02}", country=countries["CD"])
    first = client.get(URL)
    second = client.get(URL, {"page": 2})
    assert len(names_shown(first)) == 20
    assert len(names_shown(second)) == 5
    assert "Page 2 of 2" in text(second)


def test_htmx_gets_only_the_results(client, directory):
    response = client.get(URL, {"region": "africa"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert content.lstrip().startswith('<div id="results"')
    assert "<h1" not in content
    assert "Université de Kinshasa" in content


# Queries ------------------------------------------------------------------------------------


def make_organisations(count: int, countries) -> None:
    codes = list(countries)
    for number in range(count):
        organisation = OrganisationFactory(
            country=countries[codes[number % len(codes)]],
            is_own_structure=number % 5 == 0,
            parent=OrganisationFactory(publication_status=DRAFT),
            merged_into=OrganisationFactory(publication_status=DRAFT) if number % 3 else None,
        )
        ParticipationFactory(organisation=organisation)


@pytest.mark.parametrize("url", [URL, URL + "?region=africa&kind=university&q=univ"])
def test_the_directory_runs_as_many_queries_for_two_organisations_as_for_forty(
    client, countries, url
):
    make_organisations(2, countries)
    with_two = count_queries(client, url)
    make_organisations(38, countries)
    assert count_queries(client, url) == with_two


def test_the_directory_stays_within_six_queries(client, countries, django_assert_max_num_queries):
    make_organisations(30, countries)
    client.get(URL)  # after a change, the first page builds the kept values (footer, counts)
    # Countries of the filter form, count, the page (with country joined), the published
    # parents and successors of its organisations, and the content version; the project
    # counts come from the projects' facet index, kept by the process.
    with django_assert_max_num_queries(6):
        assert client.get(URL).status_code == 200


def test_search_ignores_accents_and_case(client):
    OrganisationFactory(name_en="Université de Kinshasa", name_fr="Université de Kinshasa")
    OrganisationFactory(
        name_en="Royal University of Phnom Penh", name_fr="Université royale de Phnom Penh"
    )
    response = client.get("/en/partners/?q=UNIVERSITE DE KINSHASA")
    content = response.content.decode()
    assert "Université de Kinshasa" in content
    assert "Phnom Penh" not in content
    assert "Phnom Penh" in client.get("/en/partners/?q=royale").content.decode()
