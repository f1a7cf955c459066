import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country, Discipline

from .models import ApplicantLevel, FundingScheme


class FundingSchemeFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", widget=forms.SearchInput(attrs={"maxlength": 200})
    )
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=FundingScheme.Kind.choices)
    level = django_filters.ModelMultipleChoiceFilter(
        label=_("I am a…"),
        field_name="applicant_levels__code",
        to_field_name="code",
        queryset=ApplicantLevel.objects.all(),
        distinct=True,
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Nationality"),
        to_field_name="code",
        queryset=Country.objects.all(),
        method="filter_nationality",
    )
    discipline = django_filters.ModelMultipleChoiceFilter(
        label=_("Discipline"),
        field_name="disciplines__slug",
        to_field_name="slug",
        queryset=Discipline.objects.all(),
        distinct=True,
    )

    class Meta:
        model = FundingScheme
        fields = ["q", "kind", "level", "country", "discipline"]

    def search(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(
            Q(name_en__icontains=value)
            | Q(name_fr__icontains=value)
            | Q(summary_en__icontains=value)
            | Q(summary_fr__icontains=value)
        )

    def filter_nationality(self, queryset, name, value):
        return queryset.open_to_nationals_of(value.code)
