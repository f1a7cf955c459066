import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ModelMultipleChoiceField, MultipleChoiceField

from cooperation_portal.listing import by_name, with_upper_case_values
from taxonomy.models import Country, Discipline

from .models import ApplicantLevel, Call, FundingScheme


class BlankValuesIgnoredMixin:
    """``?discipline=`` (an empty choice, as a select sends it) means no filter, not an error."""

    def clean(self, value):
        if isinstance(value, list | tuple):
            value = [item for item in value if item not in ("", None)]
        return super().clean(value)


class ChoicesField(BlankValuesIgnoredMixin, MultipleChoiceField):
    pass


class ModelChoicesField(BlankValuesIgnoredMixin, ModelMultipleChoiceField):
    pass


class ChoicesFilter(django_filters.MultipleChoiceFilter):
    field_class = ChoicesField


class ModelChoicesFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ModelChoicesField


class FundingSchemeFilter(django_filters.FilterSet):
    """The funding list's filters; the calendar and the Atom feed honour the same parameters.

    Every filter is a method so that it reads in the domain's words: a scheme with no level
    (or no discipline) listed is open to all, and matches whichever is asked for.
    """

    SORT_CHOICES = [
        ("deadline", _("Next deadline first")),
        ("name", _("Name")),
    ]

    q = django_filters.CharFilter(
        label=_("Search"), method="search", widget=forms.SearchInput(attrs={"maxlength": 200})
    )
    kind = ChoicesFilter(
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
    country = django_filters.ModelChoiceFilter(
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
    status = ChoicesFilter(
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
    )

    class Meta:
        model = FundingScheme
        fields = ["q", "kind", "level", "country", "discipline", "status", "sort"]

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

    def filter_status(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.with_status(value, self.at)

    def sort_schemes(self, queryset, name, value):
        # The view's queryset comes sorted by next deadline, the default.
        if value == "name":
            return queryset.by_name()
        return queryset
