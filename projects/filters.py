"""The projects list's filters, its sorting, and the counts shown beside each facet option.

Values of one facet combine with OR (`?country=CD&country=BJ`: in DR Congo or Benin), different
facets with AND. Facet counts follow the usual faceted-search rule: the counts of a facet take
every other active filter into account, but not the facet's own selection, so that a visitor
sees what ticking one more option would add.
"""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname
from taggit.models import Tag

from cooperation_portal.listing import with_upper_case_values
from funding.models import FundingScheme
from partners.models import Organisation
from taxonomy.models import SDG, Country, Discipline

from .models import Project

FACET_PARTNER_LIMIT = 15
FACET_TAG_LIMIT = 15


class RelatedFacetFilter(django_filters.ModelMultipleChoiceFilter):
    """Projects related to any of the chosen objects, through a subquery: the outer query gets no
    join, hence no duplicate rows and no DISTINCT."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        keys = [getattr(obj, self.field.to_field_name) for obj in value]
        matching = Project.objects.filter(**{f"{self.field_name}__in": keys})
        return queryset.filter(pk__in=matching.values("pk"))


class RegionFilter(django_filters.MultipleChoiceFilter):
    def filter(self, queryset, value):
        if not value:
            return queryset
        matching = Project.objects.filter(countries__region__in=value)
        return queryset.filter(pk__in=matching.values("pk"))


class ProjectFilter(django_filters.FilterSet):
    SORT_RELEVANCE = "relevance"
    SORT_RECENT = "recent"
    SORT_TITLE = "title"
    SORT_START = "start"
    SORT_END = "end"
    SORT_CHOICES = [
        (SORT_RELEVANCE, _("Relevance")),
        (SORT_RECENT, _("Most recent")),
        (SORT_TITLE, _("Title")),
        (SORT_START, _("Start date")),
        (SORT_END, _("End date")),
    ]

    q = django_filters.CharFilter(
        label=_("Search the projects"),
        method="filter_search",
        widget=forms.SearchInput(attrs={"maxlength": 200}),
    )
    country = RelatedFacetFilter(
        label=_("Country"),
        field_name="countries__code",
        to_field_name="code",
        queryset=Country.objects.all(),
    )
    region = RegionFilter(label=_("Region"), choices=Country.Region.choices)
    sdg = RelatedFacetFilter(
        label=_("Sustainable Development Goal"),
        field_name="sdgs__number",
        to_field_name="number",
        queryset=SDG.objects.all(),
    )
    discipline = RelatedFacetFilter(
        label=_("Discipline"),
        field_name="disciplines__slug",
        to_field_name="slug",
        queryset=Discipline.objects.all(),
    )
    partner = RelatedFacetFilter(
        label=_("Partner"),
        field_name="participations__organisation__slug",
        to_field_name="slug",
        queryset=Organisation.objects.published(),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Project.Status.choices, method="filter_status"
    )
    funding = RelatedFacetFilter(
        label=_("Funding"),
        field_name="funding_schemes__slug",
        to_field_name="slug",
        queryset=FundingScheme.objects.published(),
    )
    tag = RelatedFacetFilter(
        label=_("Keyword"),
        field_name="keywords__slug",
        to_field_name="slug",
        queryset=Tag.objects.all(),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=SORT_CHOICES, method="keep", empty_label=None
    )

    class Meta:
        model = Project
        fields = ["q", "country", "region", "sdg", "discipline", "partner", "status", "funding"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_upper_case_values(data, "country"), *args, **kwargs)

    # Filtering -----------------------------------------------------------------------------

    def filter_search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset

    def filter_status(self, queryset, name, value):
        if not value or set(value) == set(Project.Status.values):
            return queryset
        today = timezone.localdate()
        by_status = {
            Project.Status.PLANNED: Project.objects.planned(today),
            Project.Status.ONGOING: Project.objects.ongoing(today),
            Project.Status.COMPLETED: Project.objects.completed(today),
        }
        wanted = Q()
        for status in value:
            wanted |= Q(pk__in=by_status[status].values("pk"))
        return queryset.filter(wanted)

    def keep(self, queryset, name, value):
        return queryset  # sorting is applied last, in `filter_queryset`

    def filter_queryset(self, queryset):
        return self.sorted(super().filter_queryset(queryset))

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

    def sorted(self, queryset: QuerySet) -> QuerySet:
        title = build_localized_fieldname("title", (get_language() or "en")[:2])
        ordering = {
            self.SORT_RELEVANCE: ["-rank", "-start_date", "pk"],
            self.SORT_RECENT: ["-start_date", title, "pk"],
            self.SORT_TITLE: [title, "pk"],
            self.SORT_START: ["start_date", title, "pk"],
            self.SORT_END: ["end_date", title, "pk"],
        }[self.sort_order]
        return queryset.order_by(*ordering)

    # Facets --------------------------------------------------------------------------------

    def queryset_without(self, facet: str) -> QuerySet:
        """The results with every active filter but `facet`'s own selection."""
        queryset = self.queryset.all()
        for name, value in self.valid_data.items():
            if name in (facet, "sort"):
                continue
            queryset = self.filters[name].filter(queryset, value)
        return queryset

    def facets(self) -> list["Facet"]:
        """Every facet with its options and counts: a constant number of queries."""
        self.is_valid()
        return [
            self._status_facet(),
            self._model_facet("country", Country.objects.all(), "projectcountry", "code"),
            self._region_facet(),
            self._model_facet("sdg", SDG.objects.all(), "projectsdg", "number"),
            self._model_facet("discipline", Discipline.objects.all(), "projectdiscipline", "slug"),
            self._model_facet(
                "partner",
                Organisation.objects.published(),
                "participations",
                "slug",
                limit=FACET_PARTNER_LIMIT,
            ),
            self._model_facet(
                "funding", FundingScheme.objects.published(), "projectfunding", "slug"
            ),
            self._tag_facet(),
        ]

    def _selected(self, name: str) -> list[str]:
        """The valid values chosen for `name`, as they appear in the address."""
        values = self.valid_data.get(name) or []
        to_field_name = getattr(self.filters[name].field, "to_field_name", None)
        if to_field_name:
            return [str(getattr(obj, to_field_name)) for obj in values]
        return [str(value) for value in values]

    def _model_facet(self, name, vocabulary, link, key, limit=None) -> "Facet":
        selected = self._selected(name)
        rows = (
            self.queryset_without(name)
            .count_per(vocabulary, link)
            .filter(Q(project_count__gt=0) | Q(**{f"{key}__in": selected}))
        )
        if limit:
            rows = rows.order_by("-project_count")[:limit]
        options = [
            FacetOption(
                str(getattr(row, key)), row, row.project_count, str(getattr(row, key)) in selected
            )
            for row in rows
        ]
        if limit:
            options.sort(key=lambda option: str(option.label))
        return Facet(name, self.filters[name].label, options)

    def _region_facet(self) -> "Facet":
        base = self.queryset_without("region").values("pk")
        selected = self._selected("region")
        counts = dict(
            Country.objects.values_list("region")
            .annotate(
                result_count=Count(
                    "projectcountry__project",
                    distinct=True,
                    filter=Q(projectcountry__project__in=base),
                )
            )
            .order_by()
        )
        options = [
            FacetOption(value, label, counts.get(value, 0), value in selected)
            for value, label in Country.Region.choices
            if counts.get(value) or value in selected
        ]
        return Facet("region", self.filters["region"].label, options)

    def _status_facet(self) -> "Facet":
        today = timezone.localdate()
        counts = self.queryset_without("status").aggregate(
            planned=Count("pk", filter=Q(start_date__gt=today)),
            completed=Count("pk", filter=Q(end_date__lt=today)),
            total=Count("pk"),
        )
        counts["ongoing"] = counts["total"] - counts["planned"] - counts["completed"]
        selected = self._selected("status")
        options = [
            FacetOption(value, label, counts[value], value in selected)
            for value, label in Project.Status.choices
        ]
        return Facet("status", self.filters["status"].label, options)

    def _tag_facet(self) -> "Facet":
        base = self.queryset_without("tag").values("pk")
        selected = self._selected("tag")
        rows = (
            Tag.objects.filter(
                Q(
                    taggit_taggeditem_items__content_type__app_label="projects",
                    taggit_taggeditem_items__content_type__model="project",
                    taggit_taggeditem_items__object_id__in=base,
                )
                | Q(slug__in=selected)
            )
            .annotate(
                result_count=Count(
                    "taggit_taggeditem_items",
                    filter=Q(
                        taggit_taggeditem_items__content_type__model="project",
                        taggit_taggeditem_items__object_id__in=base,
                    ),
                )
            )
            .order_by("-result_count", "name")[:FACET_TAG_LIMIT]
        )
        options = sorted(
            (
                FacetOption(row.slug, row.name, row.result_count, row.slug in selected)
                for row in rows
            ),
            key=lambda option: option.label.lower(),
        )
        return Facet("tag", self.filters["tag"].label, options)

    def active_filters(self, facets: list["Facet"]) -> list["ActiveFilter"]:
        """The chips: each active value, with the address of the same list without it."""
        chips = []
        labels = {
            facet.name: {option.value: option.label for option in facet.options} for facet in facets
        }
        for name in (
            "q",
            "country",
            "region",
            "sdg",
            "discipline",
            "partner",
            "status",
            "funding",
            "tag",
        ):
            for value in self._selected(name) if name != "q" else [self.cleaned("q")]:
                if not value:
                    continue
                remaining = self.data.copy()
                remaining.setlist(name, [v for v in remaining.getlist(name) if v != value])
                remaining.pop("page", None)
                label = labels.get(name, {}).get(value, value)
                chips.append(ActiveFilter(self.filters[name].label, label, remaining.urlencode()))
        return chips


@dataclass
class FacetOption:
    value: str
    label: object
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list[FacetOption] = field(default_factory=list)


@dataclass
class ActiveFilter:
    facet_label: str
    label: object
    query: str
