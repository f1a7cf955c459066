"""Figures for any selection of the published projects: how many and how much, where, on
what, when, funded by whom, and how equal (the share co-led by a partner in the South).

They are computed from the facet index (`projects.facets`) over the mask of the projects that
pass the list's own filters (`ProjectFilter.counted`): a weighted `numpy.bincount` per table,
a few milliseconds at 100,000 projects, and no query beyond the list's (a search's matches).

How money is counted, one rule for the page, its CSV files, the home page and the country
pages:

- A project without a budget is "not stated": never counted as zero, and counted apart.
- Totals count each project once.
- Per country, a project counts in full in the number of projects of each of its countries,
  and its budget is split equally between them, so that the countries' budgets add up to the
  total. A region's budget is the sum of its countries' shares.
- Per goal, discipline, funding scheme, funder and year, a project counts, with its whole
  budget, under each of its terms: those budgets may add up to more than the total.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country

from . import facets as facet_counts
from .filters import CO_LED, in_vocabulary_order


@dataclass(frozen=True)
class Line:
    """One row of a table of figures."""

    key: str  # the term as the projects list's address names it (a code, a number, a slug)
    label: object
    projects: int
    budget: float  # euros, of the stated budgets only
    not_stated: int  # projects without a budget
    term: object = None  # the vocabulary's term (an SDG gives its colour), if any
    co_led: int | None = None  # per year: the projects co-led by a partner in the South

    @property
    def co_led_share(self) -> float | None:
        if self.co_led is None or not self.projects:
            return None
        return self.co_led / self.projects


@dataclass(frozen=True)
class Table:
    """A table of the figures page, and its CSV file (`/figures/<name>.csv`)."""

    name: str
    title: object
    key_title: object  # the heading of the first column
    lines: list[Line]
    #: The projects list's filter a line links to (the line's key as its value), if any.
    filter_name: str | None = None
    #: How its budgets are counted (see the module's docstring).
    budget_rule: object = ""
    #: Whether its lines carry the co-led share (the years).
    with_co_led: bool = False

    #: The most lines the page shows (the CSV file has them all): a page of figures does not
    #: grow with the number of funders.
    SHOWN = 25

    @property
    def is_cut(self) -> bool:
        return len(self.lines) > self.SHOWN

    @property
    def shown_lines(self) -> list[Line]:
        """Every line, or the SHOWN with the most projects (most first; ties in the
        vocabulary's order)."""
        if not self.is_cut:
            return self.lines
        return sorted(self.lines, key=lambda line: -line.projects)[: self.SHOWN]

    @property
    def largest_count(self) -> int:
        return max((line.projects for line in self.lines), default=0)

    @property
    def largest_budget(self) -> float:
        return max((line.budget for line in self.lines), default=0.0)


@dataclass(frozen=True)
class SelectionFigures:
    projects: int
    budget: float
    not_stated: int
    co_led: int
    tables: dict[str, Table] = field(default_factory=dict)

    @property
    def co_led_share(self) -> float | None:
        return self.co_led / self.projects if self.projects else None


SPLIT_RULE = _(
    "A project in several countries counts in full in each country's number of projects; "
    "its budget is split equally between its countries."
)
FULL_RULE = _(
    "A project counts, with its whole budget, under each of its terms: the budgets may add "
    "up to more than the total."
)


class Tally:
    """Sums over the projects of a selection (`passing`, a mask over the index's projects)."""

    def __init__(self, index: facet_counts.FacetIndex, passing: np.ndarray):
        self.index = index
        self.passing = passing
        budgets = index.budgets
        self.unknown = np.isnan(budgets)
        self.amounts = np.where(self.unknown, 0.0, budgets)

    def per_term(self, facet: str, amounts: np.ndarray | None = None):
        """Per term of `facet` (by position): projects, budget, budgets not stated."""
        links = self.index.facets[facet]
        keep = self.passing[links.projects]
        projects, terms = links.projects[keep], links.terms[keep]
        size = len(links.values)
        amounts = self.amounts if amounts is None else amounts
        return (
            np.bincount(terms, minlength=size),
            np.bincount(terms, weights=amounts[projects], minlength=size),
            np.bincount(terms, weights=self.unknown[projects], minlength=size),
        )

    def country_shares(self) -> np.ndarray:
        """Each project's budget divided by its number of countries."""
        links = self.index.facets["country"]
        countries = np.bincount(links.projects, minlength=len(self.index.pks))
        return self.amounts / np.maximum(countries, 1)

    @functools.cached_property
    def country_lines(self) -> list[Line]:
        """Per country: its projects, and its share of their budgets (split equally)."""
        return lines_of(
            self, "country", lambda term: term.code.lower(), amounts=self.country_shares()
        )

    @functools.cached_property
    def co_led_mask(self) -> np.ndarray:
        links = self.index.facets["leadership"]
        return links.linked_to([CO_LED], len(self.index.pks)) & self.passing


def lines_of(
    tally: Tally,
    facet: str,
    key: Callable,
    *,
    amounts: np.ndarray | None = None,
    label: Callable = str,
) -> list[Line]:
    """The lines of a facet's terms that count a project, as the vocabulary orders them."""
    links = tally.index.facets[facet]
    counts, money, unknown = tally.per_term(facet, amounts)
    vocabulary = tally.index.terms[facet]
    terms = [
        vocabulary[links.values[position]]
        for position in np.flatnonzero(counts)
        if links.values[position] in vocabulary
    ]
    positions = links.positions
    return [
        Line(
            key=str(key(term)),
            label=label(term),
            projects=int(counts[positions[term.pk]]),
            budget=float(money[positions[term.pk]]),
            not_stated=int(unknown[positions[term.pk]]),
            term=term,
        )
        for term in in_vocabulary_order(terms)
    ]


def region_lines(tally: Tally, countries: list[Line]) -> list[Line]:
    """Per region: its projects (once each), and the shares of its countries' budgets."""
    counts, _money, unknown = tally.per_term("region")
    positions = tally.index.facets["region"].positions
    budgets: dict[str, float] = {}
    for line in countries:
        budgets[line.term.region] = budgets.get(line.term.region, 0.0) + line.budget
    return [
        Line(
            key=value,
            label=label,
            projects=int(counts[positions[value]]),
            budget=budgets.get(value, 0.0),
            not_stated=int(unknown[positions[value]]),
        )
        for value, label in Country.Region.choices
        if value in positions and counts[positions[value]]
    ]


def year_lines(tally: Tally) -> list[Line]:
    """Per start year, from the first to the last of the selection (years without a project
    included, so that a chart's axis is time): projects, budget, and those co-led."""
    years = tally.index.years[tally.passing]
    if not len(years):
        return []
    first = int(years.min())
    size = int(years.max()) - first + 1
    offsets = years - first
    counts = np.bincount(offsets, minlength=size)
    money = np.bincount(offsets, weights=tally.amounts[tally.passing], minlength=size)
    unknown = np.bincount(offsets, weights=tally.unknown[tally.passing], minlength=size)
    co_led = np.bincount(offsets, weights=tally.co_led_mask[tally.passing], minlength=size)
    return [
        Line(
            key=str(first + offset),
            label=str(first + offset),
            projects=int(counts[offset]),
            budget=float(money[offset]),
            not_stated=int(unknown[offset]),
            co_led=int(co_led[offset]),
        )
        for offset in range(size)
    ]


def goal_label(sdg) -> str:
    return gettext("SDG %(number)s: %(title)s") % {"number": sdg.number, "title": sdg.title}


def _by_region(tally: "Tally") -> Table:
    lines = region_lines(tally, tally.country_lines)
    return Table("by-region", _("Projects by region"), _("Region"), lines, "region", SPLIT_RULE)


def _by_country(tally: "Tally") -> Table:
    return Table(
        "by-country",
        _("Projects by country"),
        _("Country"),
        tally.country_lines,
        "country",
        SPLIT_RULE,
    )


def _by_term(name, facet, title, key_title, key, filter_name, **options) -> Callable:
    """A table of one facet's terms, each counting its projects with their whole budgets."""

    def table(tally: "Tally") -> Table:
        lines = lines_of(tally, facet, key, label=options.get("label", str))
        return Table(name, title, key_title, lines, filter_name, FULL_RULE)

    return table


def _by_year(tally: "Tally") -> Table:
    return Table(
        "by-year",
        _("Projects by start year"),
        _("Start year"),
        year_lines(tally),
        None,
        _("Each project counts once, in the year it starts."),
        with_co_led=True,
    )


#: The tables of the figures, in the page's order, each made from a `Tally`.
TABLES: dict[str, Callable] = {
    "by-region": _by_region,
    "by-country": _by_country,
    "by-sdg": _by_term(
        "by-sdg",
        "sdg",
        _("Projects by Sustainable Development Goal"),
        _("Goal"),
        lambda term: term.number,
        "sdg",
        label=goal_label,
    ),
    "by-discipline": _by_term(
        "by-discipline",
        "discipline",
        _("Projects by discipline"),
        _("Discipline"),
        lambda term: term.slug,
        "discipline",
    ),
    "by-year": _by_year,
    "by-funding-scheme": _by_term(
        "by-funding-scheme",
        "funding",
        _("Projects by funding scheme"),
        _("Funding scheme"),
        lambda term: term.slug,
        "funding",
    ),
    # No link: the list's `partner` takes every role, so it would list more than the line.
    "by-funder": _by_term(
        "by-funder", "funder", _("Projects by funder"), _("Funder"), lambda term: term.slug, None
    ),
}


def selection_figures(
    index: facet_counts.FacetIndex, passing: np.ndarray, tables: tuple[str, ...] = tuple(TABLES)
) -> SelectionFigures:
    """The figures of the projects of the mask `passing`: the totals, and the `tables` asked
    for (all by default; the home and country pages need only the countries')."""
    tally = Tally(index, passing)
    return SelectionFigures(
        projects=int(passing.sum()),
        budget=float(tally.amounts[passing].sum()),
        not_stated=int((passing & tally.unknown).sum()),
        co_led=int(tally.co_led_mask.sum()),
        tables={name: TABLES[name](tally) for name in tables},
    )
