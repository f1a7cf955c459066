"""The projects list as CSV and JSON: exactly the projects of the list's address (every page,
in its order), both languages, formula-safe, streamed; bad filters answer 400."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Participation
from tests.factories import (
    DRAFT,
    CountryFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.helpers import every_page

pytestmark = pytest.mark.django_db


def listed(client, query: str) -> list[str]:
    """The slugs of every page of the HTML list at `query`."""
    return [project.slug for project in every_page(client, f"/en/projects/?{query}")]


def exported_csv(client, query: str) -> list[dict]:
    response = client.get(f"/en/projects/export.csv?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def exported_json(client, query: str) -> dict:
    response = client.get(f"/en/projects/export.json?{query}")
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


@pytest.fixture
def portfolio():
    congo, peru = CountryFactory(code="CD"), CountryFactory(code="PE")
    health, water = SDGFactory(number=3), SDGFactory(number=6)
    for number in range(26):
        ProjectFactory(
            slug=f"project-{number:02}",
            title_en=f"Project {number:02}",
            countries=[congo if number % 2 else peru],
            sdgs=[health if number % 3 else water],
        )
    ProjectFactory(slug="a-draft", countries=[congo], publication_status=DRAFT)


@pytest.mark.parametrize("query", ["", "country=CD", "country=cd&sdg=3&sort=title", "sdg=6"])
def test_the_exports_hold_exactly_the_list_s_projects_in_its_order(client, portfolio, query):
    expected = listed(client, query)
    assert len(expected) > 0

    assert [row["slug"] for row in exported_csv(client, query)] == expected
    document = exported_json(client, query)
    assert [item["slug"] for item in document["projects"]] == expected
    assert document["count"] == len(expected)
    assert document["version"] == 1


def test_a_project_is_exported_whole_in_both_languages(client, db):
    kinshasa = OrganisationFactory(
        name_en="University of Kinshasa", country=CountryFactory(code="CD")
    )
    project = ProjectFactory(
        slug="water",
        title_en="Clean water",
        title_fr="Eau potable",
        budget=Decimal("125000.50"),
        countries=[CountryFactory(code="BJ"), kinshasa.country],
        sdgs=[SDGFactory(number=6)],
    )
    ParticipationFactory(project=project, organisation=kinshasa, role=Participation.Role.CO_LEAD)

    (row,) = exported_csv(client, "")
    (item,) = exported_json(client, "")["projects"]

    assert row["title_fr"] == item["title"]["fr"] == "Eau potable"
    assert row["title_en"] == item["title"]["en"] == "Clean water"
    assert row["url"] == item["url"] == "http://testserver/en/projects/water/"
    assert row["countries"] == "BJ; CD"
    assert row["budget_eur"] == item["budget_eur"] == "125000.50"
    assert row["partners"] == "University of Kinshasa (co-lead)"
    assert row["co_led_by_partner_in_the_south"] == "yes"
    assert item["co_led_by_partner_in_the_south"] is True
    assert item["start_date"] == project.start_date.isoformat()


def test_a_budget_not_stated_is_empty_not_zero(client, db):
    ProjectFactory(budget=None)

    assert exported_csv(client, "")[0]["budget_eur"] == ""
    assert exported_json(client, "")["projects"][0]["budget_eur"] is None


def test_text_that_looks_like_a_formula_stays_text(client, db):
    ProjectFactory(title_en='=HYPERLINK("http://evil.example")', title_fr="+32 2 000 00 00")

    row = exported_csv(client, "")[0]

    assert row["title_en"].startswith("'=")
    assert row["title_fr"].startswith("'+")


def test_filters_the_export_does_not_understand_answer_400(client, db):
    for url in ("/en/projects/export.csv?sdg=99", "/en/projects/export.json?country=ZZ"):
        response = client.get(url)
        assert response.status_code == 400
        assert b"not understood" in response.content


def test_the_list_links_to_the_exports_of_its_selection(client, portfolio):
    html = client.get("/en/projects/?country=CD&sort=title").content.decode()

    # In the list's order, so with its sort too.
    assert 'href="/en/projects/export.csv?sort=title&amp;country=CD"' in html
    assert 'href="/en/projects/export.json?sort=title&amp;country=CD"' in html
    assert 'href="/en/projects/iati.xml?sort=title&amp;country=CD"' in html


def queries_of_export(client, url: str) -> int:
    """The SQL queries of one export, its streamed content read whole."""
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        content = b"".join(response.streaming_content)
    assert json.loads(content)["count"] > 0
    return len(context.captured_queries)


def test_an_export_runs_as_many_queries_for_many_projects_as_for_few(client, db):
    country = CountryFactory(code="CD")
    ProjectFactory(countries=[country])
    client.get("/en/projects/")  # the facet index
    few = queries_of_export(client, "/en/projects/export.json")
    assert few > 3  # the projects, their countries, SDGs... were read
    for _ in range(30):
        project = ProjectFactory(countries=[country])
        ParticipationFactory(project=project)
    client.get("/en/projects/")

    assert queries_of_export(client, "/en/projects/export.json") == few
