"""The figures page (`/figures/`): every number equals the same aggregate computed
independently with the ORM, for the whole portfolio and for selections by the projects list's
filters; budgets not stated are counted apart, never as zero; invalid filters are shown; the
page's queries do not grow with the projects; it links to the list of the same selection and
back; money reads as each language writes it."""

import datetime
import re
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache

from projects.models import Participation, Project
from taxonomy.models import Country
from tests.factories import (
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.figures.conftest import (
    SELECTIONS,
    TABLES,
    expected_figures,
    published,
    today,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def numbers(line, with_co_led: bool) -> tuple:
    """A line of the page's figures as comparable numbers."""
    values = (line.projects, line.budget, line.not_stated)
    return (*values, line.co_led) if with_co_led else values


def expected_numbers(line: dict, with_co_led: bool) -> tuple:
    values = (line["projects"], pytest.approx(float(line["budget"]), abs=0.01), line["not_stated"])
    return (*values, line["co_led"]) if with_co_led else values


def assert_figures_are(figures, expected) -> None:
    assert figures.projects == expected.projects
    assert figures.budget == pytest.approx(float(expected.budget), abs=0.01)
    assert figures.not_stated == expected.not_stated
    assert figures.co_led == expected.co_led
    assert list(figures.tables) == TABLES
    for name, table in figures.tables.items():
        shown = {line.key: numbers(line, table.with_co_led) for line in table.lines}
        wanted = {
            key: expected_numbers(line, table.with_co_led)
            for key, line in expected.tables[name].items()
        }
        assert shown == wanted, name


def whole_euros_en(amount) -> str:
    return f"€{int(Decimal(amount).quantize(Decimal(1))):,}"


def whole_euros_fr(amount) -> str:
    return f"{int(Decimal(amount).quantize(Decimal(1))):,}".replace(",", "\u00a0") + "\u00a0€"


def tiles(html: str) -> list[str]:
    """The numbers of the "In total" tiles: projects, budget, share co-led."""
    return re.findall(r'<strong class="figure__number[^"]*">([^<]*)</strong>', html)


def total_as_shown(amount, language: str = "en") -> set[str]:
    """How the budget's tile may state `amount`: to the euro, or, from a million, in
    millions to one decimal (short enough for a phone)."""
    whole = whole_euros_en(amount) if language == "en" else whole_euros_fr(amount)
    if amount < 1_000_000:
        return {whole}
    millions = f"{float(amount) / 1_000_000:.1f}"
    if language == "en":
        return {whole, f"€{millions} million"}
    millions = millions.replace(".", ",")
    # "1,2 million" is the rule (plural from 2), "1,2 millions" Django's French `intword`.
    return {
        whole,
        *(
            f"{millions}{space}{word}\u00a0€"
            for space in " \u00a0"
            for word in ("million", "millions")
        ),
    }


# 1. Every figure, against the ORM -------------------------------------------------------------


@pytest.mark.parametrize("query", list(SELECTIONS))
def test_every_figure_equals_the_orm_aggregate(client, portfolio, query):
    expected = expected_figures(SELECTIONS[query]())
    assert expected.projects > 0, "a selection of no project would prove little"
    response = client.get(f"/en/figures/?{query}")
    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    figures = response.context["figures"]
    assert_figures_are(figures, expected)

    html = response.content.decode()
    projects, budget, _share = tiles(html)
    assert projects == str(expected.projects)
    assert budget in total_as_shown(expected.budget)
    project_word = "project" if expected.co_led == 1 else "projects"
    assert f"co-led by a partner in the South ({expected.co_led} {project_word})" in html
    if expected.not_stated > 1:
        assert f"The budgets of {expected.not_stated} projects are not stated" in html
    # Each table's rows, as the table behind "Show as table" shows them.
    for name in ("by-country", "by-sdg", "by-year"):
        for line in figures.tables[name].lines:
            wanted = expected.tables[name][line.key]
            row = (
                f'<tr><th scope="row">{line.label}</th><td>{wanted["projects"]}</td>'
                f"<td>{whole_euros_en(wanted['budget'])}</td><td>{wanted['not_stated']}</td>"
            )
            assert row in html, (name, line.key)


def test_the_tables_follow_their_vocabularies_order(client, portfolio):
    figures = client.get("/en/figures/").context["figures"]
    regions = [line.key for line in figures.tables["by-region"].lines]
    assert regions == [value for value, _label in Country.Region.choices]
    years = [int(line.key) for line in figures.tables["by-year"].lines]
    assert years == list(range(years[0], years[-1] + 1))
    assert years[-1] > today().year, "some projects are planned for next year"
    goals = [int(line.key) for line in figures.tables["by-sdg"].lines]
    assert goals == sorted(goals)


def test_drafts_never_count(client, portfolio):
    drafts = Project.objects.exclude(pk__in=published())
    assert drafts.exists()
    # Published projects do have a draft scheme, a draft funder and a draft co-lead in the South.
    assert published().filter(funding_schemes__slug="draft-scheme").exists()
    assert published().filter(participations__organisation__slug="draft-funder").exists()
    assert published().filter(participations__organisation__slug="draft-south").exists()
    figures = client.get("/en/figures/").context["figures"]
    assert figures.projects == published().count() < Project.objects.count()
    draft_scheme = "draft-scheme"
    assert draft_scheme not in [line.key for line in figures.tables["by-funding-scheme"].lines]
    assert "draft-funder" not in [line.key for line in figures.tables["by-funder"].lines]


def test_the_home_page_counts_the_same_co_led_projects(client, portfolio):
    expected = expected_figures(published())
    assert 0 < expected.co_led < expected.projects
    home = client.get("/en/").context["counts"]
    figures = client.get("/en/figures/").context["figures"]
    assert home["co_led"] == figures.co_led == expected.co_led
    assert home["projects"] == figures.projects == expected.projects
    listed = client.get("/en/projects/?leadership=co-led").context["paginator"].count
    assert listed == expected.co_led


def test_the_french_page_shows_the_same_figures(client, portfolio):
    query = "region=africa&status=ongoing"
    expected = expected_figures(SELECTIONS[query]())
    response = client.get(f"/fr/figures/?{query}")
    assert response.status_code == 200
    assert_figures_are(response.context["figures"], expected)
    html = response.content.decode()
    assert tiles(html)[1] in total_as_shown(expected.budget, "fr")
    line = response.context["figures"].tables["by-country"].lines[0]
    assert f"<td>{whole_euros_fr(expected.tables['by-country'][line.key]['budget'])}</td>" in html


# 2. Budgets not stated ------------------------------------------------------------------------


@pytest.fixture
def budgets_partly_stated():
    congo = CountryFactory(code="CD", region="africa")
    benin = CountryFactory(code="BJ", region="africa")
    sdg = SDGFactory(number=3)
    for number in range(2):
        ProjectFactory(slug=f"unstated-{number}", countries=[congo], sdgs=[sdg], budget=None)
    ProjectFactory(slug="zero", countries=[benin], sdgs=[sdg], budget=Decimal("0"))
    ProjectFactory(slug="thousand", countries=[benin], sdgs=[sdg], budget=Decimal("1000"))


def test_a_selection_of_projects_without_budget_shows_zero_euros_and_how_many(
    client, budgets_partly_stated
):
    response = client.get("/en/figures/?country=CD")
    figures = response.context["figures"]
    assert (figures.projects, figures.budget, figures.not_stated) == (2, 0.0, 2)
    html = response.content.decode()
    assert tiles(html)[1] == "€0"
    assert "The budgets of 2 projects are not stated" in html
    (line,) = figures.tables["by-country"].lines
    assert (line.key, line.projects, line.budget, line.not_stated) == ("cd", 2, 0.0, 2)
    (goal,) = figures.tables["by-sdg"].lines
    assert (goal.projects, goal.budget, goal.not_stated) == (2, 0.0, 2)
    (year,) = figures.tables["by-year"].lines
    assert (year.projects, year.budget, year.not_stated) == (2, 0.0, 2)


def test_a_budget_of_zero_is_stated(client, budgets_partly_stated):
    response = client.get("/en/figures/?country=BJ")
    figures = response.context["figures"]
    assert (figures.projects, figures.budget, figures.not_stated) == (2, 1000.0, 0)
    assert "Every project of the selection states its budget." in response.content.decode()


def test_the_whole_portfolio_counts_the_unstated_budgets_apart(client, budgets_partly_stated):
    response = client.get("/en/figures/")
    figures = response.context["figures"]
    assert (figures.projects, figures.budget, figures.not_stated) == (4, 1000.0, 2)
    html = response.content.decode()
    assert "The budgets of 2 projects are not stated" in html
    assert tiles(html)[1] == "€1,000"
    (goal,) = figures.tables["by-sdg"].lines
    assert (goal.projects, goal.budget, goal.not_stated) == (4, 1000.0, 2)
    lines = {line.key: line for line in figures.tables["by-country"].lines}
    assert (lines["bj"].budget, lines["bj"].not_stated) == (1000.0, 0)
    assert (lines["cd"].budget, lines["cd"].not_stated) == (0.0, 2)


def test_one_project_without_budget_is_said_in_the_singular(client, budgets_partly_stated):
    Project.objects.get(slug="zero").delete()
    Project.objects.get(slug="unstated-0").delete()
    html = client.get("/en/figures/").content.decode()
    assert "The budget of 1 project is not stated" in html


# 3. Invalid filters ---------------------------------------------------------------------------


def test_invalid_filters_are_shown_and_every_project_counted(client, portfolio):
    expected = expected_figures(published())
    response = client.get("/en/figures/?sdg=99&country=ZZ")
    assert response.status_code == 200
    assert set(response.context["filter"].form.errors) == {"sdg", "country"}
    html = response.content.decode()
    assert "Some filter values were not understood" in html
    assert "Sustainable Development Goal:" in html
    assert "Country:" in html
    assert_figures_are(response.context["figures"], expected)
    assert "Figures of all the projects" in html


def test_an_invalid_value_beside_a_valid_one_keeps_the_valid_one(client, portfolio):
    expected = expected_figures(SELECTIONS["country=CD&sdg=3"]())
    response = client.get("/en/figures/?country=CD&sdg=3&funding=draft-scheme")
    assert response.status_code == 200
    assert set(response.context["filter"].form.errors) == {"funding"}
    assert_figures_are(response.context["figures"], expected)


# 5. Queries -----------------------------------------------------------------------------------


def test_the_page_runs_the_same_number_of_queries_for_5_and_for_40_projects(client, db):
    rng_countries = [
        CountryFactory(code=code, region=region)
        for code, region in (("CD", "africa"), ("PE", "latin-america"), ("BE", "europe"))
    ]
    sdgs = [SDGFactory(number=number) for number in (3, 6)]
    disciplines = [DisciplineFactory(slug=slug) for slug in ("medicine", "agronomy")]
    funder = OrganisationFactory(slug="funder", country=rng_countries[2])
    schemes = [FundingSchemeFactory(slug=f"scheme-{n}", funder=funder) for n in range(2)]
    south = OrganisationFactory(slug="south", country=rng_countries[0])
    start = today() - datetime.timedelta(days=3 * 365)

    def populate(first, count):
        for number in range(first, first + count):
            project = ProjectFactory(
                title_en=f"Water project {number}",
                countries=rng_countries[: 1 + number % 3],
                sdgs=sdgs[: 1 + number % 2],
                disciplines=[disciplines[number % 2]],
                budget=None if number % 4 == 0 else Decimal(1000 * number),
                start_date=start + datetime.timedelta(days=100 * number),
                end_date=None,
            )
            project.funding_schemes.set([schemes[number % 2]])
            ParticipationFactory(project=project, organisation=south, role="co-lead")
            ParticipationFactory(project=project, organisation=funder, role="funder")
            project.keywords.add("water")

    for url in ("/en/figures/", "/en/figures/?country=CD&sdg=3&q=water&status=ongoing"):
        Project.objects.all().delete()
        populate(0, 5)
        # The first request after a change rebuilds the facet index: one query per facet and
        # per vocabulary, whatever the number of projects.
        rebuilding_with_5 = count_queries(client, url)
        with_5 = count_queries(client, url)
        populate(5, 35)
        assert count_queries(client, url) == rebuilding_with_5, url
        assert count_queries(client, url) == with_5, url
        cache.clear()
        assert client.get(url).context["figures"].projects > 5


# 6. Links between the list and the figures ----------------------------------------------------


class Links(HTMLParser):
    """The links of a page: (address, text)."""

    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.href: str | None = None
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.href, self.text = dict(attrs).get("href"), ""

    def handle_data(self, data):
        if self.href is not None:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "a" and self.href is not None:
            self.links.append((self.href, " ".join(self.text.split())))
            self.href = None


def links_to(html: str, path: str, text: str = "") -> list[dict]:
    """The queries ({name: [values]}) of the page's links to `path` whose text has `text`."""
    parser = Links()
    parser.feed(html)
    return [
        parse_qs(urlsplit(href).query)
        for href, link_text in parser.links
        if urlsplit(href).path == path and text in link_text
    ]


def test_the_list_links_to_the_figures_of_its_selection(client, portfolio):
    html = client.get("/en/projects/?country=CD&sort=title").content.decode()
    assert 'href="/en/figures/?country=CD"' in html
    assert links_to(html, "/en/figures/", "Figures for this selection") == [{"country": ["CD"]}]

    # Valid filters only (a value not understood is left out, as the list leaves it out).
    html = client.get("/en/projects/?country=CD&sdg=3&region=africa&tag=nope").content.decode()
    assert links_to(html, "/en/figures/", "Figures for this selection") == [
        {"country": ["CD"], "sdg": ["3"], "region": ["africa"]}
    ]

    html = client.get("/en/projects/?leadership=co-led&q=mangrove&page=2").content.decode()
    assert links_to(html, "/en/figures/", "Figures for this selection") == [
        {"leadership": ["co-led"], "q": ["mangrove"]}
    ]

    html = client.get("/en/projects/").content.decode()
    assert links_to(html, "/en/figures/", "Figures of all the projects") == [{}]


def test_the_figures_link_back_to_the_list_of_their_selection(client, portfolio):
    query = "country=CD&sdg=3"
    response = client.get(f"/en/figures/?{query}&sort=title&funding=nope")
    figures = response.context["figures"]
    html = response.content.decode()
    text = f"See these {figures.projects} projects in the list"
    assert links_to(html, "/en/projects/", text) == [{"country": ["CD"], "sdg": ["3"]}]
    listed = client.get(f"/en/projects/?{query}").context["paginator"].count
    assert listed == figures.projects

    html = client.get("/fr/figures/?region=africa").content.decode()
    assert {"region": ["africa"]} in links_to(html, "/fr/projects/")


def test_the_csv_links_carry_the_selection(client, portfolio):
    html = client.get("/en/figures/?country=CD&sdg=3&tag=nope").content.decode()
    for table in TABLES:
        assert links_to(html, f"/en/figures/{table}.csv") == [{"country": ["CD"], "sdg": ["3"]}]


def listed_by_line_links(client, html: str) -> list[tuple[str, str, int]]:
    """(the link's text, its address, the number of projects the list shows there) for each
    line's link of the page's charts: the links to the list with a query, but "See these
    projects in the list"."""
    parser = Links()
    parser.feed(html)
    lines = []
    for href, text in parser.links:
        if urlsplit(href).path == "/en/projects/" and "in the list" not in text and "?" in href:
            cache.clear()  # rendered, not served from the page cache: it has its context
            lines.append((text, href, client.get(href).context["paginator"].count))
    return lines


@pytest.mark.parametrize("query", ["", "region=africa&status=ongoing", "country=CD", "sdg=3"])
def test_each_line_links_to_the_list_of_its_projects(client, portfolio, query):
    """A bar "Country X: 3 projects" links to a list of those 3 projects, whatever the
    selection. When the selection already filters the same facet (`?country=CD`), adding
    `&country=be` to the list's address would mean "in CD or in BE": those lines link nowhere."""
    response = client.get(f"/en/figures/?{query}")
    figures = response.context["figures"]
    # The list cannot say "in CD and in BE": the lines of a facet the selection filters
    # already link nowhere; every other line links to exactly its projects.
    filtered = {name.split("=")[0] for name in query.split("&") if name}
    numbers = {
        str(line.label): line.projects
        for table in figures.tables.values()
        if table.filter_name and table.filter_name not in filtered
        for line in table.lines
    }
    checked = listed_by_line_links(client, response.content.decode())
    assert len(checked) == len(numbers)
    for table in figures.tables.values():
        if table.filter_name in filtered:
            assert f"?{query}&amp;{table.filter_name}=" not in response.content.decode()
    wrong = [
        f"{text}: {numbers[text]} on the figures page, {listed} at {href}"
        for text, href, listed in checked
        if listed != numbers[text]
    ]
    assert wrong == []


# 7. Money as each language writes it ------------------------------------------------------------


def test_money_is_written_as_each_language_writes_it(client, db):
    congo = CountryFactory(code="CD", region="africa")
    peru = CountryFactory(code="PE", region="latin-america")
    ProjectFactory(countries=[congo, peru], budget=Decimal("1234567.40"))

    english = client.get("/en/figures/").content.decode()
    assert tiles(english)[1] in total_as_shown(Decimal("1234567.40"))
    assert "<td>€1,234,567</td>" in english  # the year's whole budget, rounded to the euro
    assert "<td>€617,284</td>" in english  # half of it, per country, rounded to the euro

    french = client.get("/fr/figures/").content.decode()
    assert tiles(french)[1] in total_as_shown(Decimal("1234567.40"), "fr")
    assert "<td>1\u00a0234\u00a0567\u00a0€</td>" in french
    assert "<td>617\u00a0284\u00a0€</td>" in french


def test_a_long_table_shows_the_lines_with_the_most_projects_and_its_csv_has_them_all(client, db):
    """A page of figures does not grow with the number of funders."""
    funders = [OrganisationFactory(name_en=f"Funder {number:02}") for number in range(30)]
    for number, funder in enumerate(funders):
        for _ in range(1 + (number == 29)):  # the last funder funds two projects
            project = ProjectFactory()
            ParticipationFactory(
                project=project, organisation=funder, role=Participation.Role.FUNDER
            )

    response = client.get("/en/figures/")
    html = response.content.decode()
    table = response.context["figures"].tables["by-funder"]

    assert len(table.lines) == 30
    assert len(table.shown_lines) == 25
    assert table.shown_lines[0].label == "Funder 29"
    assert "The 25 with the most projects are shown, of 30: the CSV file has them all." in html
    rows = client.get("/en/figures/by-funder.csv").content.decode().strip().splitlines()
    assert len(rows) == 1 + 30
