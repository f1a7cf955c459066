"""The countries index (/en/countries/): a map with one link per country with projects, each
named with its count, and the same figures in a table sortable by any column without
JavaScript; each country page's locator map and figures; the home page's small map."""

import re
from decimal import Decimal

import pytest

from partners.models import Organisation
from projects.models import Participation
from tests.factories import (
    DRAFT,
    CountryFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    congo = CountryFactory(code="CD", name_en="DR Congo", region="africa")
    peru = CountryFactory(code="PE", name_en="Peru", region="latin-america")
    benin = CountryFactory(code="BJ", name_en="Benin", region="africa")
    CountryFactory(code="KH", name_en="Cambodia", region="asia")  # no project
    kinshasa = OrganisationFactory(country=congo)
    OrganisationFactory(country=congo)
    OrganisationFactory(country=congo, publication_status=DRAFT)
    for budget in (Decimal(100_000), Decimal(300_000), None):
        project = ProjectFactory(countries=[congo], budget=budget)
        ParticipationFactory(
            project=project, organisation=kinshasa, role=Participation.Role.CO_LEAD
        )
    ProjectFactory(countries=[congo, peru], budget=Decimal(50_000))
    ProjectFactory(countries=[benin], budget=Decimal(10_000), publication_status=DRAFT)
    return {"CD": congo, "PE": peru, "BJ": benin}


def map_links(html: str) -> dict[str, str]:
    """{address: accessible name} of the links drawn on the map."""
    svg = re.search(r"<svg[^>]*>.*?</svg>", html, re.S).group(0)
    return dict(re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"', svg))


def table_rows(html: str) -> list[list[str]]:
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [
            re.sub(r"<[^>]+>", "", cell).strip()
            for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        for row in rows
    ]


def test_the_map_has_one_named_link_per_country_with_projects(client, world):
    html = client.get("/en/countries/").content.decode()

    assert map_links(html) == {
        "/en/countries/cd/": "DR Congo: 4 projects",
        "/en/countries/pe/": "Peru: 1 project",
    }


def test_the_table_holds_every_country_with_its_figures_largest_first(client, world):
    rows = table_rows(client.get("/en/countries/").content.decode())

    assert [row[0] for row in rows] == ["DR Congo", "Peru", "Benin", "Cambodia"]
    congo = rows[0]
    # 4 projects (the draft in Benin never counts), 2 published partners, and its budget:
    # 100,000 + 300,000 + half of 50,000, one budget not stated.
    assert congo[2:5] == ["4", "4", "2"]
    assert congo[5] == "€425,000 (1 not stated)"
    assert rows[1][5] == "€25,000"


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("sort=name", "Benin"),
        ("sort=name&order=desc", "Peru"),
        ("sort=budget", "DR Congo"),
        ("sort=budget&order=asc", "Benin"),
        ("sort=region", "Benin"),
        ("sort=nonsense", "DR Congo"),
    ],
)
def test_the_table_sorts_by_any_column_without_javascript(client, world, query, first):
    html = client.get(f"/en/countries/?{query}").content.decode()

    assert table_rows(html)[0][0] == first


def test_the_sorted_column_says_so_and_its_heading_reverses_the_order(client, world):
    html = client.get("/en/countries/?sort=budget").content.decode()

    heading = re.search(r'<th scope="col" aria-sort="descending"><a href="([^"]+)">Budget', html)
    assert heading and heading.group(1) == "?sort=budget&amp;order=asc"
    assert html.count("aria-sort=") == 1


def test_a_country_page_has_its_locator_map_and_figures(client, world):
    html = client.get("/en/countries/cd/").content.decode()

    assert re.search(r'<svg[^>]*role="img"[^>]*aria-label="DR Congo on the map"', html)
    figures = re.search(r'<ul class="figures">(.*?)</ul>', html, re.S).group(1)
    numbers = re.findall(r'<strong class="figure__number[^"]*">([^<]+)</strong>', figures)
    assert numbers == ["4", "€425,000", "2", "75%"]
    assert 'href="/en/figures/?country=CD"' in html


def test_the_home_page_shows_the_small_map_and_links_to_the_countries(client, world):
    html = client.get("/en/").content.decode()

    assert "world-map--small" in html
    assert set(map_links(html)) == {"/en/countries/cd/", "/en/countries/pe/"}
    assert 'href="/en/countries/"' in html
    assert Organisation.objects.count() == 3


def test_the_index_answers_in_french_with_the_french_names(client, world):
    response = client.get("/fr/countries/")

    assert response.status_code == 200
    assert 'aria-label="Pays CD\u00a0: 4 projets"' in response.content.decode()


@pytest.mark.parametrize("url", ["/en/countries/", "/en/countries/cd/", "/en/"])
def test_the_pages_with_maps_run_as_many_queries_for_many_projects_as_for_few(client, url):
    congo = CountryFactory(code="CD")
    ProjectFactory(countries=[congo])
    client.get(url)  # the facet index is built once per content version
    few = count_queries(client, url)

    for code in ("PE", "BJ", "KH", "SN", "BF"):
        country = CountryFactory(code=code)
        OrganisationFactory(country=country)
        for _ in range(4):
            ProjectFactory(countries=[congo, country])
    client.get(url)

    assert count_queries(client, url) == few
