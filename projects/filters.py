"""The projects list's filters, its sorting, and the counts shown beside each facet option.

Values of one facet combine with OR (`?country=CD&country=BJ`: in DR Congo or Benin), different
facets with AND. Facet counts follow the usual faceted-search rule: the counts of a facet take
every other active filter into account, but not the facet's own selection, so that a visitor
sees what ticking one more option would add.
"""

import copy
import functools
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

import django_filters
import numpy as np
from django import forms
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Case, CharField, Q, Value, When
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from cooperation_portal.addresses import address
from cooperation_portal.collation import Collated, sort_key
from cooperation_portal.listing import (
    InOrder,
    ListFilterSet,
    SelectShowingDefault,
    with_upper_case_values,
)
from cooperation_portal.memory import drawn
from cooperation_portal.publication import published
from cooperation_portal.templatetags.portal import translated
from funding.models import FundingScheme
from partners.models import Organisation
from taxonomy.models import SDG, Country, Discipline

from . import facets as facet_counts
from .models import (
    Keyword,
    Participation,
    Project,
    ProjectCountry,
    ProjectDiscipline,
    ProjectFunding,
    ProjectSDG,
    TaggedKeyword,
    status_condition,
)

FACET_PARTNER_LIMIT = 15
FACET_TAG_LIMIT = 15
CO_LED = "co-led"
FACETS = ("status", "country", "region", "sdg", "discipline", "partner", "funding", "tag")


def facet_index(today) -> facet_counts.FacetIndex:
    """The published projects and, per facet, their links to its terms (see
    `projects.facets`): what the facet counts are made of."""
    status = Case(
        *(When(status_condition(value, today), then=Value(value)) for value in Project.Status),
        output_field=CharField(),
    )
    links = {
        "status": (Project.objects.published().annotate(status=status), "pk", "status"),
        "country": (ProjectCountry.objects.all(), "project_id", "country_id"),
        "region": (ProjectCountry.objects.all(), "project_id", "country__region"),
        "sdg": (ProjectSDG.objects.all(), "project_id", "sdg_id"),
        "discipline": (ProjectDiscipline.objects.all(), "project_id", "discipline_id"),
        # Drafts are not shown.
        "partner": (
            Participation.objects.filter(published("organisation")),
            "project_id",
            "organisation_id",
        ),
        "funding": (
            ProjectFunding.objects.filter(published("scheme")),
            "project_id",
            "scheme_id",
        ),
        "tag": (TaggedKeyword.objects.all(), "content_object_id", "tag_id"),
        # Not facets of the list: the figures' funders, and the share co-led by a partner in
        # the South (the list filters on it in SQL).
        "funder": (
            Participation.objects.filter(published("organisation"), role=Participation.Role.FUNDER),
            "project_id",
            "organisation_id",
        ),
        "leadership": (
            Project.objects.published().co_led_by_partner().annotate(co_led=Value(CO_LED)),
            "pk",
            "co_led",
        ),
    }
    # The terms each facet's filter accepts: its own queryset, one definition for both.
    vocabularies = {
        name: filter_.queryset.all()
        for name, filter_ in ProjectFilter.base_filters.items()
        if isinstance(filter_, RelatedFacetFilter)
    }
    # The funders are organisations, as the partners are: the same rows, read once (the
    # queryset keeps them once iterated).
    vocabularies["funder"] = vocabularies["partner"]
    # The list's orders, in each language (titles as its collation sorts them).
    ranks, orders = {}, {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):  # Collated reads it when the query is compiled
            ranks[f"title:{language}"] = Project.objects.published().order_by(
                Collated("title"), "pk"
            )
        for sort, keys in SORTS.items():
            orders[f"{sort}:{language}"] = tuple(
                f"{key}:{language}" if key.endswith("title") else key for key in keys
            )
    return facet_counts.build(
        Project.objects.published(), links, vocabularies, ranks=ranks, orders=orders
    )


#: The list's orders but relevance: the columns each compares in turn ("-": latest first),
#: ties going to the older project (see `projects.facets.build`).
SORTS = {
    "recent": ("-start", "title"),
    "title": ("title",),
    "start": ("start", "title"),
    "end": ("end", "title"),
}


def by_relevance_order(index, rows: list[tuple], passing) -> np.ndarray:
    """The ids of the (id, rank) `rows` that pass the facet filters, by relevance: rank,
    then start date, latest first, then id."""
    ids = np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows))
    ranks = np.fromiter((row[1] for row in rows), dtype=np.float64, count=len(rows))
    positions, known = index.positions_of(ids)
    kept = known.copy()
    kept[known] = passing[positions[known]]
    ids, ranks, starts = ids[kept], ranks[kept], index.starts[positions[kept]]
    return ids[np.lexsort((ids, -starts, -ranks))]


class FacetFilterMixin:
    """A facet's filter as a condition on projects, so that the facet counts can tell, for
    each project, whether it passes this filter (see `projects.facets`)."""

    def condition(self, value) -> Q:
        raise NotImplementedError

    def filter(self, queryset, value):
        return queryset.filter(self.condition(value)) if value else queryset


class TermsField(django_filters.fields.ModelMultipleChoiceField):
    """The chosen terms of a facet, checked against the facet index's vocabulary (set by the
    filter as `vocabulary`): the usual query only when a value is not a known term, for the
    usual error message."""

    vocabulary = None

    def _check_values(self, value):
        known = self.vocabulary() if self.vocabulary else {}
        try:
            chosen = list(dict.fromkeys(value))
        except TypeError:  # not a list of texts: the usual message
            chosen = None
        if chosen and all(isinstance(item, str) and item in known for item in chosen):
            return in_vocabulary_order([known[item] for item in chosen])
        return super()._check_values(value)


class RelatedFacetFilter(FacetFilterMixin, django_filters.ModelMultipleChoiceFilter):
    """Projects linked to any of the chosen terms: `projects_linked(terms)` gives their ids
    from the link table alone (no join back to the projects), used as a subquery, so the outer
    query gets no join, hence no duplicate rows and no DISTINCT."""

    field_class = TermsField

    def __init__(self, *args, projects_linked, **kwargs):
        self.projects_linked = projects_linked
        super().__init__(*args, **kwargs)

    def condition(self, value) -> Q:
        return Q(pk__in=self.projects_linked(value))

    @property
    def field(self):
        field = super().field
        field.vocabulary = self.vocabulary
        return field

    def vocabulary(self) -> dict[str, object]:
        """The terms this filter accepts, by the text that names them in the address (a
        country's code, an SDG's number...), from the facet index: no query."""
        name = next(name for name, filter_ in self.parent.filters.items() if filter_ is self)
        index = facet_counts.current("projects", facet_index, using=self.parent.queryset.db)
        key = self.extra["to_field_name"]
        return drawn(
            index,
            ("vocabulary", name),
            lambda: {str(getattr(term, key)): term for term in index.terms[name].values()},
        )


def in_its_language(term):
    """A term's name, marked with its language where the page's is missing ("midwifery" on a
    French page until the keyword is translated); a term with no translated name as it is."""
    translated_name = build_localized_fieldname("name", settings.LANGUAGE_CODE)
    if not hasattr(term, translated_name):
        return term
    return drawn(term, ("name", get_language()), lambda: translated(term, "name"))


def linked_through(link, term: str, project: str = "project"):
    """`projects_linked` for a link model: the ids of the projects linked to any of the terms
    through its `term` foreign key (and its `project` one)."""
    return lambda terms: link.objects.filter(**{f"{term}__in": terms}).values(f"{project}_id")


class RegionFilter(FacetFilterMixin, django_filters.MultipleChoiceFilter):
    def condition(self, value) -> Q:
        return Q(
            pk__in=ProjectCountry.objects.filter(country__region__in=value).values("project_id")
        )


class StatusFilter(FacetFilterMixin, django_filters.MultipleChoiceFilter):
    def condition(self, value) -> Q:
        wanted = Q()
        for status in value:
            wanted |= status_condition(status)
        return wanted


@dataclass(frozen=True)
class Figures:
    """How many published projects pass some facet filters, and how many of those each term
    of each facet counts (from the facet index: no query but the content version's)."""

    total: int
    counts: dict[str, dict]
    index: facet_counts.FacetIndex
    passing: np.ndarray

    @property
    def terms(self) -> dict[str, dict]:
        return self.index.terms

    def latest(self, count: int, *, started_by: date | None = None) -> list[Project]:
        """The first `count` of these projects in the list's default order (latest start
        first), or of those started by the day `started_by`; read by id, ready for cards."""
        passing = self.passing
        if started_by is not None:
            passing = passing & (self.index.starts <= started_by.toordinal())
        ids = self.index.in_order(order_name(ProjectFilter.SORT_RECENT), passing)
        return InOrder(ids, Project.objects.published().for_cards())[:count]

    def per_term(self, facet: str, *, with_zero: bool = False) -> list:
        """The terms of `facet` (its vocabulary's, or only those counting a project), each a
        copy carrying `project_count`, in the vocabulary's order (`in_vocabulary_order`)."""
        counts = self.counts[facet]
        terms = []
        for term in self.terms[facet].values():
            number = counts.get(term.pk, 0)
            if number or with_zero:
                term = copy.copy(term)  # the index's own terms are shared by every request
                term.project_count = number
                terms.append(term)
        return in_vocabulary_order(terms)


def in_vocabulary_order(terms: list) -> list:
    """Terms as their vocabulary orders them: SDGs by number, the others by name as the
    page's language sorts it (what `Collated("name")` does in SQL)."""
    if terms and isinstance(terms[0], SDG):
        return sorted(terms, key=lambda term: term.number)
    language = get_language()
    return sorted(
        terms, key=lambda term: drawn(term, ("sort key", language), lambda: sort_key(str(term)))
    )


def project_figures(using: str | None = None, **chosen: list) -> Figures:
    """The figures of the published projects that pass the facet filters `chosen`
    ({facet: [term values]}, e.g. country=[a country's primary key])."""
    index = facet_counts.current("projects", facet_index, using=using or DEFAULT_DB_ALIAS)
    counts, passing = index.count(chosen)
    return Figures(int(passing.sum()), counts, index, passing)


def order_name(sort: str) -> str:
    """The facet index's name of the list's order `sort` in the page's language."""
    return f"{sort}:{(get_language() or settings.LANGUAGE_CODE)[:2]}"


def with_card_terms(projects: list[Project]) -> list[Project]:
    """`projects` (published), each given what its card shows besides its own columns, from
    the facet index: its countries and SDGs, in their vocabularies' order, as `country_list`
    and `sdg_list`."""
    if not projects:
        return projects
    index = facet_counts.current("projects", facet_index, using=projects[0]._state.db)
    ids = [project.pk for project in projects]
    for facet, attribute in (("country", "country_list"), ("sdg", "sdg_list")):
        terms = index.terms[facet]
        for project, linked in zip(projects, index.linked(facet, ids), strict=True):
            setattr(project, attribute, in_vocabulary_order([terms[pk] for pk in linked]))
    return projects


def projects_per_organisation(ids: list[int], using: str | None = None) -> dict[int, int]:
    """{organisation id: the published projects it takes part in} for the organisations
    `ids` (published ones), from the facet index: the partners' directory shows them (see
    `cooperation_portal.provided`). Counted once per content version, then looked up."""
    index = facet_counts.current("projects", facet_index, using=using or DEFAULT_DB_ALIAS)
    totals = drawn(index, "partner totals", lambda: index.count({}, facets=["partner"])[0])
    return {pk: totals["partner"].get(pk, 0) for pk in ids}


def projects_of_organisation(organisation) -> str:
    """The projects list of `organisation`'s projects (see `cooperation_portal.provided`)."""
    return address("projects:list") + "?" + urlencode({"partner": organisation.slug})


SORT_RELEVANCE = "relevance"
SORT_RECENT = "recent"


class ProjectFilterForm(forms.Form):
    """The projects list's form beyond its filters: the order, which filters nothing (the
    facet index gives every order, `ProjectFilter.counted`), so it is a field, not a filter."""

    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            (SORT_RELEVANCE, _("Relevance")),
            (SORT_RECENT, _("Most recent")),
            ("title", _("Title")),
            ("start", _("Start date")),
            ("end", _("End date")),
        ],
        widget=SelectShowingDefault(default=SORT_RECENT),
    )


class ProjectFilter(ListFilterSet):
    CO_LED = CO_LED
    SORT_RELEVANCE = SORT_RELEVANCE
    SORT_RECENT = SORT_RECENT

    q = django_filters.CharFilter(
        label=_("Search the projects"),
        method="filter_search",
        widget=forms.SearchInput(attrs={"maxlength": 200}),
    )
    country = RelatedFacetFilter(
        label=_("Country"),
        field_name="countries__code",
        projects_linked=linked_through(ProjectCountry, "country"),
        to_field_name="code",
        queryset=Country.objects.all(),
    )
    region = RegionFilter(label=_("Region"), choices=Country.Region.choices)
    sdg = RelatedFacetFilter(
        label=_("Sustainable Development Goal"),
        field_name="sdgs__number",
        projects_linked=linked_through(ProjectSDG, "sdg"),
        to_field_name="number",
        queryset=SDG.objects.all(),
    )
    discipline = RelatedFacetFilter(
        label=_("Discipline"),
        field_name="disciplines__slug",
        projects_linked=linked_through(ProjectDiscipline, "discipline"),
        to_field_name="slug",
        queryset=Discipline.objects.all(),
    )
    partner = RelatedFacetFilter(
        label=_("Partner"),
        field_name="participations__organisation__slug",
        projects_linked=linked_through(Participation, "organisation"),
        to_field_name="slug",
        queryset=Organisation.objects.published(),
    )
    status = StatusFilter(label=_("Status"), choices=Project.Status.choices)
    funding = RelatedFacetFilter(
        label=_("Funding"),
        field_name="funding_schemes__slug",
        projects_linked=linked_through(ProjectFunding, "scheme"),
        to_field_name="slug",
        queryset=FundingScheme.objects.published(),
    )
    tag = RelatedFacetFilter(
        label=_("Keyword"),
        field_name="keywords__slug",
        projects_linked=linked_through(TaggedKeyword, "tag", project="content_object"),
        to_field_name="slug",
        queryset=Keyword.objects.all(),
    )
    leadership = django_filters.ChoiceFilter(
        label=_("Leadership"),
        choices=[(CO_LED, _("co-led by a partner in the South"))],
        method="filter_leadership",
    )

    class Meta:
        model = Project
        form = ProjectFilterForm
        fields = ["q", "country", "region", "sdg", "discipline", "partner", "status", "funding"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_upper_case_values(data, "country"), *args, **kwargs)

    # Filtering -----------------------------------------------------------------------------

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_leadership(self, queryset, name, value):
        return queryset.co_led_by_partner() if value == self.CO_LED else queryset

    # Sorting -------------------------------------------------------------------------------

    @property
    def searching(self) -> bool:
        return bool(self.cleaned("q").strip())

    @property
    def valid_data(self) -> dict:
        """The values that passed validation (none when no parameter was given)."""
        self.is_valid()
        return getattr(self.form, "cleaned_data", {})

    def cleaned(self, name, default=""):
        return self.valid_data.get(name) or default

    @property
    def sort_order(self) -> str:
        default = self.SORT_RELEVANCE if self.searching else self.SORT_RECENT
        chosen = self.cleaned("sort")
        if chosen == self.SORT_RELEVANCE and not self.searching:
            return default
        return chosen or default

    # Facets --------------------------------------------------------------------------------

    @property
    def qs(self):
        """The results in the chosen order, read a page at a time (`InOrder`): the facet
        index knows which projects pass the facet filters and in what order (`counted`), so
        only the filters that are not facets (search, leadership) become SQL, one query, and
        a page reads its own rows by id. `filter_queryset` stays the filters' meaning in SQL."""
        return InOrder(self.counted.ordered_ids, self.queryset)

    @functools.cached_property
    def counted(self) -> "Counted":
        """What the facet index says of this selection: the counts of every facet, the number
        of results and their ids in the chosen order."""
        # The sort select shows the order applied, and offers "relevance" only to a search.
        sort = self.form.fields["sort"]
        sort.widget.applied = self.sort_order
        if not self.searching:
            sort.widget.choices = [c for c in sort.choices if c[0] != self.SORT_RELEVANCE]
        chosen = {
            name: [getattr(value, "pk", value) for value in values]
            for name, values in self.valid_data.items()
            if name in FACETS and values
        }
        # The projects every other filter keeps (search, leadership, ...), through the filters
        # themselves: a new filter needs no second encoding here.
        selection, narrowed = self.queryset.order_by(), False
        for name, value in self.valid_data.items():
            if name in self.filters and name not in FACETS and value:
                selection, narrowed = self.filters[name].filter(selection, value), True
        index = facet_counts.current("projects", facet_index, using=self.queryset.db)
        by_relevance = self.sort_order == self.SORT_RELEVANCE
        rows = []
        if narrowed:
            # A search reads its matches once: their ids for the counts and, to sort by
            # relevance, what the order reads (the page then needs no second search).
            rows = facet_counts.rows_of(selection, *(("pk", "rank") if by_relevance else ("pk",)))
        counts, passing = index.count(
            chosen,
            among=index.mask_of(row[0] for row in rows) if narrowed else None,
            limits={"partner": FACET_PARTNER_LIMIT, "tag": FACET_TAG_LIMIT},
        )
        if by_relevance:
            ordered_ids = by_relevance_order(index, rows, passing)
        else:
            ordered_ids = index.in_order(order_name(self.sort_order), passing)
        return Counted(counts, ordered_ids, index.terms, index, passing)

    def facets(self) -> list["Facet"]:
        """Every facet with its options and counts."""
        counts, terms = self.counted.counts, self.counted.terms
        return [
            self._choice_facet("status", Project.Status.choices, counts["status"]),
            self._model_facet("country", terms, counts),
            self._choice_facet("region", Country.Region.choices, counts["region"]),
            self._model_facet("sdg", terms, counts),
            self._model_facet("discipline", terms, counts),
            self._model_facet("partner", terms, counts),
            self._model_facet("funding", terms, counts),
            self._model_facet("tag", terms, counts),
        ]

    def _selected(self, name: str) -> list[str]:
        """The valid values chosen for `name`, as they appear in the address."""
        values = self.valid_data.get(name) or []
        to_field_name = getattr(self.filters[name].field, "to_field_name", None)
        if to_field_name:
            return [str(getattr(obj, to_field_name)) for obj in values]
        return [str(value) for value in values]

    def _model_facet(self, name, terms, counts) -> "Facet":
        """Options for the terms counted (and the selected ones, even at 0), in the
        vocabulary's order, each named in the address by the filter's key (code, slug...)."""
        key = self.filters[name].extra["to_field_name"]
        selected = self._selected(name)
        counted = counts[name]
        chosen = [obj.pk for obj in self.valid_data.get(name) or []]
        vocabulary = terms[name]
        shown = in_vocabulary_order(
            [
                vocabulary[pk]
                for pk in dict.fromkeys([*counted, *chosen])
                if pk in vocabulary  # a term added since the index was built waits for the next
            ]
        )
        options = [
            FacetOption(
                str(getattr(term, key)),
                in_its_language(term),
                counted.get(term.pk, 0),
                str(getattr(term, key)) in selected,
            )
            for term in shown
        ]
        return Facet(name, self.filters[name].label, options)

    def _choice_facet(self, name, choices, counts) -> "Facet":
        selected = self._selected(name)
        options = [
            FacetOption(value, label, counts.get(value, 0), value in selected)
            for value, label in choices
            if counts.get(value) or value in selected or name == "status"
        ]
        return Facet(name, self.filters[name].label, options)

    def active_filters(self, facets: list["Facet"]) -> list["ActiveFilter"]:
        """The chips: each active value, with the address of the same list without it."""
        chips = []
        labels = {
            facet.name: {option.value: option.label for option in facet.options} for facet in facets
        }
        for name in (
            "q",
            "leadership",
            "country",
            "region",
            "sdg",
            "discipline",
            "partner",
            "status",
            "funding",
            "tag",
        ):
            single = name in ("q", "leadership")
            for value in [self.cleaned(name)] if single else self._selected(name):
                if not value:
                    continue
                remaining = self.data.copy()
                remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
                remaining.pop("page", None)
                label = labels.get(name, {}).get(value) or dict(
                    self.filters[name].extra.get("choices", [])
                ).get(value, value)
                chips.append(ActiveFilter(self.filters[name].label, label, remaining.urlencode()))
        return chips


@dataclass(frozen=True)
class Counted:
    counts: dict[str, dict]
    ordered_ids: np.ndarray  # the results, in the chosen order: as many as there are
    terms: dict[str, dict]
    index: facet_counts.FacetIndex
    passing: np.ndarray  # the results, as a mask over the index's projects


@dataclass
class FacetOption:
    value: str
    label: object
    count: int
    selected: bool


#: A facet longer than this shows its first FACET_TOP options (by number of projects) and
#: every selected one; the rest is folded under "Show all N".
FACET_UNFOLDED = 7
FACET_TOP = 6


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)

    def __post_init__(self):
        """`shown` and `folded`: the options drawn at first, and those under "Show all"."""
        if len(self.options) <= FACET_UNFOLDED:
            self.shown, self.folded = self.options, []
            return
        by_count = sorted(self.options, key=lambda option: -option.count)
        self.shown = [o for i, o in enumerate(by_count) if i < FACET_TOP or o.selected]
        self.folded = [o for i, o in enumerate(by_count) if i >= FACET_TOP and not o.selected]


@dataclass
class ActiveFilter:
    facet_label: str
    label: object
    query: str
