from functools import cached_property

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_filters.fields import (
    ModelChoiceField,
    ModelChoiceIterator,
    ModelMultipleChoiceField,
)

from cooperation_portal.listing import (
    ListFilterSet,
    SelectShowingDefault,
    by_name,
    with_upper_case_values,
)
from taxonomy.models import Country, Discipline

from .eligibility import Applicant
from .models import Affiliation, ApplicantLevel, Call, FundingScheme


class OptionsReadOnce(ModelChoiceIterator):
    """The field's options from ``field.options``, read once however often they are used."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        for option in self.field.options:
            yield self.choice(option)

    def __len__(self):
        extra = (self.field.empty_label is not None) + (self.field.null_label is not None)
        return len(self.field.options) + extra

    def __bool__(self):
        return len(self) > 0


class OptionsReadOnceMixin:
    """A model choice field that reads its options once per form: the filter form and the
    eligibility form offer the same vocabularies, and share one query for each."""

    iterator = OptionsReadOnce

    @cached_property
    def options(self) -> list:
        return list(self.queryset)


class ModelChoicesField(OptionsReadOnceMixin, ModelMultipleChoiceField):
    pass


class ModelChoiceOnceField(OptionsReadOnceMixin, ModelChoiceField):
    pass


class ModelChoicesFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ModelChoicesField


class ModelChoiceOnceFilter(django_filters.ModelChoiceFilter):
    field_class = ModelChoiceOnceField


class FundingSchemeFilter(ListFilterSet):
    """The funding list's filters; the calendar and the Atom feed honour the same parameters.

    Every filter is a method so that it reads in the domain's words: a scheme with no level
    (no discipline, no affiliation) listed is open to all, and matches whichever is asked for;
    one that takes individuals or organisations matches both ``applying_as`` values.
    """

    SORT_DEADLINE = "deadline"
    SORT_CHOICES = [
        (SORT_DEADLINE, _("Next deadline first")),
        ("name", _("Name")),
    ]

    q = django_filters.CharFilter(
        label=_("Search"), method="search", widget=forms.SearchInput(attrs={"maxlength": 200})
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind of funding"),
        choices=FundingScheme.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    level = ModelChoicesFilter(
        label=_("Applicant level"),
        to_field_name="code",
        queryset=ApplicantLevel.objects.all(),
        method="filter_levels",
        widget=forms.CheckboxSelectMultiple,
    )
    country = ModelChoiceOnceFilter(
        label=_("Nationality"),
        to_field_name="code",
        queryset=by_name(Country),
        method="filter_nationality",
        empty_label=_("Any nationality"),
    )
    discipline = ModelChoicesFilter(
        label=_("Discipline"),
        to_field_name="slug",
        queryset=by_name(Discipline),
        method="filter_disciplines",
    )
    affiliation = ModelChoicesFilter(
        label=_("Applicant's institution"),
        to_field_name="code",
        queryset=Affiliation.objects.all(),
        method="filter_affiliations",
        widget=forms.CheckboxSelectMultiple,
    )
    applying_as = django_filters.ChoiceFilter(
        label=_("Applying as"),
        choices=[
            (FundingScheme.ApplicantType.PERSON, _("An individual")),
            (FundingScheme.ApplicantType.ORGANISATION, _("An organisation")),
        ],
        method="filter_applicant_type",
        empty_label=pgettext_lazy("applying as", "Either"),
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=[
            (status.value, status.label)
            for status in (Call.Status.OPEN, Call.Status.UPCOMING, Call.Status.CLOSED)
        ],
        method="filter_status",
        widget=forms.CheckboxSelectMultiple,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        choices=SORT_CHOICES,
        method="sort_schemes",
        empty_label=None,
        widget=SelectShowingDefault(default=SORT_DEADLINE),
    )

    class Meta:
        model = FundingScheme
        fields = [
            "q",
            "kind",
            "level",
            "country",
            "discipline",
            "affiliation",
            "applying_as",
            "status",
            "sort",
        ]

    def __init__(self, data=None, *args, at=None, **kwargs):
        #: The moment the statuses are computed for: one per request, shared with the page.
        self.at = at or timezone.now()
        super().__init__(with_upper_case_values(data, "country"), *args, **kwargs)

    def search(self, queryset, name, value):
        return queryset.search(value)

    def filter_levels(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.for_levels(level.code for level in value)

    def filter_nationality(self, queryset, name, value):
        return queryset.open_to_nationals_of(value.code)

    def filter_disciplines(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.in_disciplines(discipline.slug for discipline in value)

    def filter_affiliations(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.for_affiliations(affiliation.code for affiliation in value)

    def filter_applicant_type(self, queryset, name, value):
        return queryset.for_applicant_type(value)

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.with_status(value, self.at)

    @property
    def valid_data(self) -> dict:
        """The values that passed validation (none when no parameter was given)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return self.form.cleaned_data

    @property
    def applicant(self) -> Applicant | None:
        """Who asked, if the eligibility questions were answered (with understood values)."""
        return Applicant.from_filters(self.valid_data)

    @property
    def statuses(self) -> list[str]:
        """The call statuses asked for; none means every status."""
        return list(self.valid_data.get("status") or [])

    def sort_schemes(self, queryset, name, value):
        # The view's queryset comes sorted by next deadline, the default.
        if value == "name":
            return queryset.by_name()
        return queryset
