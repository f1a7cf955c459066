"""The figures' CSV files (`/figures/<table>.csv`): UTF-8 with a header row, one row per line
of the page's table for the same selection, budgets in whole euros, cells that a spreadsheet
would read as a formula made text, French labels on `/fr/`, 400 for filters not understood and
404 for a table that does not exist."""

import csv
import io
from decimal import Decimal

import pytest

from projects.models import Project
from tests.factories import CountryFactory, DisciplineFactory, ProjectFactory, SDGFactory
from tests.figures.conftest import FORMULA_DISCIPLINE, SELECTIONS, TABLES, expected_figures

pytestmark = pytest.mark.django_db

HEADER = ["key", "label", "projects", "budget_eur", "projects_without_budget"]
CO_LED_HEADER = ["co_led_projects", "co_led_share"]


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.content[:300]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


SELECTION = "region=africa&status=ongoing"


@pytest.mark.parametrize("table", TABLES)
def test_each_csv_has_the_lines_of_the_pages_table(client, portfolio, table):
    page = client.get(f"/en/figures/?{SELECTION}")
    lines = page.context["figures"].tables[table].lines
    assert lines
    response = client.get(f"/en/figures/{table}.csv?{SELECTION}")
    assert f'filename="figures-{table}.csv"' in response["Content-Disposition"]
    header, *rows = read_csv(response)
    with_co_led = table == "by-year"
    assert header == HEADER + (CO_LED_HEADER if with_co_led else [])
    assert len(rows) == len(lines)
    for row, line in zip(rows, lines, strict=True):
        assert row[0] == line.key
        assert row[1].lstrip("'") == str(line.label)
        assert int(row[2]) == line.projects
        assert int(row[3]) == round(line.budget)
        assert int(row[4]) == line.not_stated
        if with_co_led:
            assert int(row[5]) == line.co_led
            if line.projects:
                assert float(row[6]) == pytest.approx(line.co_led / line.projects, abs=5e-5)
            else:
                assert row[6] == ""


@pytest.mark.parametrize("table", TABLES)
def test_each_csv_counts_what_the_orm_counts(client, portfolio, table):
    """Not only the page's numbers: the same numbers as the ORM's, rounded to the euro."""
    expected = expected_figures(SELECTIONS[SELECTION]()).tables[table]
    _header, *rows = read_csv(client.get(f"/en/figures/{table}.csv?{SELECTION}"))
    assert {row[0] for row in rows} == set(expected)
    for key, _label, projects, budget, not_stated, *co_led in rows:
        wanted = expected[key]
        assert (int(projects), int(not_stated)) == (wanted["projects"], wanted["not_stated"])
        assert abs(int(budget) - wanted["budget"]) <= Decimal("0.51"), key
        if co_led:
            assert int(co_led[0]) == wanted["co_led"]


def test_a_label_that_starts_like_a_formula_stays_text(client, portfolio):
    rows = read_csv(client.get("/en/figures/by-discipline.csv"))
    labels = {row[0]: row[1] for row in rows[1:]}
    assert labels[FORMULA_DISCIPLINE] == "'=Formula studies"
    assert labels["medicine"] == "Medicine"

    french = read_csv(client.get("/fr/figures/by-discipline.csv"))
    labels = {row[0]: row[1] for row in french[1:]}
    assert labels[FORMULA_DISCIPLINE] == "'=Études de formules"
    assert labels["medicine"] == "Médecine"
    assert french[0] == HEADER


def test_the_french_csv_has_the_french_pages_numbers(client, portfolio):
    page = client.get(f"/fr/figures/?{SELECTION}")
    assert page.status_code == 200
    lines = page.context["figures"].tables["by-sdg"].lines
    _header, *rows = read_csv(client.get(f"/fr/figures/by-sdg.csv?{SELECTION}"))
    assert [row[0] for row in rows] == [line.key for line in lines]
    assert [row[1] for row in rows] == [str(line.label) for line in lines]
    assert all(row[1].startswith("ODD ") or row[1].startswith("SDG ") for row in rows)
    assert [int(row[2]) for row in rows] == [line.projects for line in lines]


def test_a_csv_of_no_project_has_its_header_only(client, portfolio):
    Project.objects.filter(countries__code="VN").delete()
    rows = read_csv(client.get("/en/figures/by-country.csv?country=VN"))
    assert rows == [HEADER]


def test_filters_not_understood_answer_400_in_plain_words(client, portfolio):
    response = client.get("/en/figures/by-country.csv?sdg=99&country=ZZ")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Some filter values were not understood" in text
    assert "Country" in text and "Sustainable Development Goal" in text


def test_a_table_that_does_not_exist_answers_404(client, portfolio):
    assert client.get("/en/figures/by-nothing.csv").status_code == 404
    assert client.get("/en/figures/by-nothing.csv?sdg=99").status_code == 404
    assert client.get("/fr/figures/by-nothing.csv").status_code == 404


def test_a_budget_is_rounded_to_the_euro_and_split_between_countries(client, db):
    congo = CountryFactory(code="CD", region="africa")
    peru = CountryFactory(code="PE", region="latin-america")
    sdg = SDGFactory(number=3)
    discipline = DisciplineFactory(slug="medicine")
    ProjectFactory(
        countries=[congo, peru], sdgs=[sdg], disciplines=[discipline], budget=Decimal("1001.40")
    )
    ProjectFactory(countries=[congo], sdgs=[sdg], disciplines=[discipline], budget=None)
    countries = read_csv(client.get("/en/figures/by-country.csv"))
    assert countries[1:] == [
        ["cd", "Country CD", "2", "501", "1"],
        ["pe", "Country PE", "1", "501", "0"],
    ]
    regions = read_csv(client.get("/en/figures/by-region.csv"))
    assert regions[1:] == [
        ["africa", "Africa", "2", "501", "1"],
        ["latin-america", "Latin America", "1", "501", "0"],
    ]
    goals = read_csv(client.get("/en/figures/by-sdg.csv?country=PE"))
    assert goals[1:] == [["3", "SDG 3: Goal 3", "1", "1001", "0"]]
