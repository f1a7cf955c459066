"""Facet counts of the projects list, from an index each process keeps in memory.

The counts of a facet take every other active filter into account but not the facet's own
selection (ticking one more country shows what it would add), so each facet counts over its own
set of projects, and counting exactly is linear in that set. In SQL (the selection as a common
table expression joined to each link table, every facet in one statement) that was about 70 ms
at 10,000 projects and 0.6-0.9 s at 100,000 (EXPLAIN ANALYZE, PostgreSQL 15, 2 cores: each
branch hash-joins the selection with a sequential scan of its whole link table, 80,000 to
350,000 rows; a per-project row of term-id arrays with GIN indexes was tried too, 0.4 s for the
same selection and 1.8 s unfiltered). The statement was most of the list's time at any size
above a few thousand projects.

Here each facet is two integer arrays, one element per link of a published project to a term:
the project's position and the term's. A facet filter is a boolean mask over the projects
(those linked to any chosen term); counting a facet over the projects that pass every *other*
filter is one gather and one `numpy.bincount` over its links: well under a millisecond per
100,000 links, so all facets at 100,000 projects take a few milliseconds, and no SQL at all
when only facets are filtered. Filters that are not facets (the search, "co-led by a
partner") stay in SQL: their matching ids, one query, become the starting mask.

Freshness: the index is built (one query per facet and per vocabulary) the first time a
process needs it, and again whenever the database's content version or the day (a status
changes at midnight) differs from the one it was built with (`cooperation_portal.memory`).
Every write to content changes that version in its own transaction, so a list never shows
counts of rows it cannot see. Writes that send no signals must bump it (see
`cooperation_portal.caching.bump_content_version`). A rebuild reads every link row once, paid
by the first list request after a change, in each process.
"""

import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db import connections
from django.db.models import F, QuerySet
from django.utils import timezone

from cooperation_portal.memory import remembered


@dataclass(frozen=True)
class Links:
    """One facet: link `i` joins the project at position `projects[i]` to the term
    `values[terms[i]]` (a primary key, a code, a status). Each pair appears once."""

    projects: np.ndarray
    terms: np.ndarray
    values: tuple
    positions: dict

    def linked_to(self, values: Iterable, size: int) -> np.ndarray:
        """A mask over the `size` projects: those linked to any of `values`."""
        wanted = np.zeros(len(self.values), dtype=bool)
        for value in values:
            position = self.positions.get(value)
            if position is not None:
                wanted[position] = True
        mask = np.zeros(size, dtype=bool)
        mask[self.projects[wanted[self.terms]]] = True
        return mask


@dataclass(frozen=True)
class FacetIndex:
    """The published projects' ids, sorted, and their start dates (as day numbers), each
    facet's links, the terms of the facets drawn from a vocabulary, by primary key (so that
    a page names its options without a query), and the projects' positions in each of the
    list's orders (so that a page reads only its own rows, whatever the order)."""

    pks: np.ndarray
    starts: np.ndarray
    facets: dict[str, Links]
    terms: dict[str, dict]
    orders: dict[str, np.ndarray]
    #: Each project's budget in euros, NaN where it is not stated (the figures' sums).
    budgets: np.ndarray
    #: Each project's start year.
    years: np.ndarray

    def in_order(self, order: str, passing: np.ndarray) -> np.ndarray:
        """The ids of the projects of the mask `passing`, in the order `order`: one gather
        over the order computed when the index was built, not a sort per request."""
        positions = self.orders[order]
        return self.pks[positions[passing[positions]]]

    def positions_of(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions of `ids` among the projects, and which of them are there at all."""
        return _positions(self.pks, ids)

    def linked(self, facet: str, ids: Iterable[int]) -> list[list]:
        """For each of `ids`, the values of the terms of `facet` it is linked to (none for an
        id the index does not hold)."""
        links = self.facets[facet]
        positions, known = self.positions_of(np.fromiter(ids, dtype=np.int64))
        # The links are sorted by project: each project's are one slice.
        firsts = np.searchsorted(links.projects, positions, side="left")
        lasts = np.searchsorted(links.projects, positions, side="right")
        return [
            [links.values[term] for term in links.terms[first:last]] if present else []
            for first, last, present in zip(
                firsts.tolist(), lasts.tolist(), known.tolist(), strict=True
            )
        ]

    def mask_of(self, ids: Iterable[int]) -> np.ndarray:
        """A mask over the projects: those whose id is in `ids`."""
        positions, known = self.positions_of(np.fromiter(ids, dtype=np.int64))
        mask = np.zeros(len(self.pks), dtype=bool)
        mask[positions[known]] = True
        return mask

    def count(
        self,
        chosen: dict[str, list],
        *,
        among: np.ndarray | None = None,
        limits: dict[str, int] | None = None,
        facets: Iterable[str] | None = None,
    ) -> tuple[dict[str, dict], np.ndarray]:
        """Per facet (of `facets`, or all), {term value: number of projects} over the
        projects `among` (all by default) that pass every chosen facet filter but the facet's
        own; and the mask of the projects that pass them all. A facet of `limits` keeps its
        top terms by number (ties by value), plus its chosen terms."""
        size = len(self.pks)
        base = np.ones(size, dtype=bool) if among is None else among
        masks = {
            name: self.facets[name].linked_to(values, size)
            for name, values in chosen.items()
            if values
        }
        passing_all = base.copy()
        for mask in masks.values():
            passing_all &= mask
        counts = {}
        for name, links in self.facets.items():
            if facets is not None and name not in facets:
                continue
            if name in masks:
                keep = base.copy()
                for other, mask in masks.items():
                    if other != name:
                        keep &= mask
            else:
                keep = passing_all
            tally = np.bincount(links.terms[keep[links.projects]], minlength=len(links.values))
            terms = np.flatnonzero(tally)
            limit = (limits or {}).get(name)
            if limit is not None and len(terms) > limit:
                # Stable sort by number, highest first: ties keep the values' order.
                top = terms[np.argsort(-tally[terms], kind="stable")[:limit]]
                wanted = {links.positions.get(value) for value in chosen.get(name, ())}
                wanted.discard(None)  # a chosen term no published project is linked to
                terms = np.union1d(top, [t for t in wanted if tally[t]]).astype(np.int64)
            counts[name] = {links.values[t]: int(tally[t]) for t in terms}
        return counts, passing_all


def rows_of(queryset: QuerySet, *names: str, ordered: bool = False) -> list[tuple]:
    """The rows of `queryset.values_list(*names)`, read with a plain cursor: the ORM (and
    modeltranslation around it) spends microseconds per row, tens of milliseconds for the
    matches of a common word at 100,000 projects. Only for columns the database driver gives
    as Python wants them (numbers, text).

    Each column is selected under an alias of its own and read by that name: the order of a
    values_list's columns in its SQL is not the order asked for (modeltranslation's rewriting
    of the names changes it from one process to the next). The rows come in the queryset's
    order if `ordered`, in any order otherwise."""
    aliases = {f"column_{index}": F(name) for index, name in enumerate(names)}
    queryset = queryset.annotate(**aliases).values_list(*aliases)
    if not ordered:
        queryset = queryset.order_by()
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
        columns = [column[0] for column in cursor.description]
    order = [columns.index(alias) for alias in aliases]
    if order == list(range(len(columns))):
        return rows
    if len(order) == 1:
        return [(row[order[0]],) for row in rows]
    return list(map(operator.itemgetter(*order), rows))


def _links(rows: list[tuple], pks: np.ndarray) -> Links:
    """Links from (project id, term value) rows; rows of other projects, or of no term, are
    dropped, and each pair is kept once."""
    try:  # numbers (primary keys): converted and coded by numpy, a million rows in a blink
        pairs = np.array(rows, dtype=np.int64).reshape(-1, 2)
        project_ids = pairs[:, 0]
        distinct = _distinct(pairs[:, 1])
        terms = np.searchsorted(distinct, pairs[:, 1])
        values = tuple(int(value) for value in distinct)
    except (TypeError, ValueError):  # text (codes, statuses): a few distinct values
        project_ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
        values = tuple(sorted({row[1] for row in rows if row[1] is not None}))
        coded = {value: index for index, value in enumerate(values)}
        terms = np.fromiter((coded.get(row[1], -1) for row in rows), np.int64, count=len(rows))
    positions, known = _positions(pks, project_ids)
    known &= terms >= 0
    # One number per (project, term) pair: distinct pairs with a one-dimensional sort.
    width = max(len(values), 1)
    keys = _distinct(positions[known] * width + terms[known])
    return Links(
        projects=(keys // width).astype(np.int32),
        terms=(keys % width).astype(np.int32),
        values=values,
        positions={value: index for index, value in enumerate(values)},
    )


def _positions(pks: np.ndarray, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions of `ids` in the sorted `pks`, and which of them are there at all."""
    positions = np.searchsorted(pks, ids)
    known = positions < len(pks)
    known[known] = pks[positions[known]] == ids[known]
    return positions, known


def _distinct(numbers: np.ndarray) -> np.ndarray:
    """The distinct numbers, sorted (by sorting: `numpy.unique` took seconds here)."""
    numbers = np.sort(numbers)
    if len(numbers) == 0:
        return numbers
    return numbers[np.concatenate(([True], numbers[1:] != numbers[:-1]))]


def build(
    projects: QuerySet,
    sources: dict[str, tuple],
    vocabularies: dict[str, QuerySet],
    *,
    ranks: dict[str, QuerySet],
    orders: dict[str, tuple[str, ...]],
) -> FacetIndex:
    """An index of the `projects`, the facets' `sources` ((queryset, project id field, term
    field) each) and their `vocabularies`, and of the `orders` of the list.

    Each order compares columns in turn (a name, "-name" for descending), then the ids: "start"
    and "end" (the dates, a project with no end after every end), and the columns of `ranks`,
    each a queryset of the projects in an order only the database knows (titles in a
    language's collation), read once."""
    rows = sorted(rows_of(projects, "pk", "start_date", "end_date", "budget"))
    pks = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    budgets = np.fromiter(
        (np.nan if row[3] is None else float(row[3]) for row in rows),
        dtype=np.float64,
        count=len(rows),
    )
    columns = {
        "start": np.fromiter((_day(row[1]) for row in rows), dtype=np.int64, count=len(rows)),
        "end": np.fromiter((_day(row[2]) for row in rows), dtype=np.int64, count=len(rows)),
    }
    for name, queryset in ranks.items():
        in_order = rows_of(queryset, "pk", ordered=True)
        ids = np.fromiter((row[0] for row in in_order), dtype=np.int64, count=len(in_order))
        positions, known = _positions(pks, ids)
        rank = np.full(len(pks), len(pks), dtype=np.int64)  # a project added since: last
        rank[positions[known]] = np.arange(len(positions))[known]
        columns[name] = rank
    return FacetIndex(
        pks,
        columns["start"],
        {name: _links(rows_of(*source), pks) for name, source in sources.items()},
        {name: {term.pk: term for term in terms} for name, terms in vocabularies.items()},
        {name: _order(columns, keys) for name, keys in orders.items()},
        budgets,
        _years(columns["start"]),
    )


def _order(columns: dict[str, np.ndarray], keys: tuple[str, ...]) -> np.ndarray:
    """The positions of the projects sorted by the columns `keys` ("-" for descending), then
    by id (their positions are in id order)."""
    size = len(columns["start"])
    sort_keys = [np.arange(size)]  # numpy.lexsort sorts by its last key first
    for key in reversed(keys):
        column = columns[key.removeprefix("-")]
        sort_keys.append(-column if key.startswith("-") else column)
    return np.lexsort(sort_keys).astype(np.int32)


#: The day number of a project with no end date: after every real one.
NO_END = date.max.toordinal() + 1


def _years(days: np.ndarray) -> np.ndarray:
    """The years of day numbers (`date.toordinal`)."""
    since_1970 = days - date(1970, 1, 1).toordinal()
    return since_1970.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970


def _day(value) -> int:
    """A date as a day number (SQLite gives dates as text to a plain cursor); none: `NO_END`."""
    if value is None:
        return NO_END
    return (value if isinstance(value, date) else date.fromisoformat(str(value))).toordinal()


def current(name: str, make: Callable[[date], FacetIndex], *, using: str) -> FacetIndex:
    """The index `name` of the database `using`, as of its content version and today: the
    one this process holds, or one made now with `make(today)`."""
    today = timezone.localdate()
    return remembered(f"facets:{name}", lambda: make(today), depends_on=today, using=using)
