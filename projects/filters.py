import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxonomy.models import SDG, Country, Discipline

from .models import Project


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", widget=forms.SearchInput(attrs={"maxlength": 200})
    )
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Country"),
        field_name="countries__code",
        to_field_name="code",
        queryset=Country.objects.all(),
        distinct=True,
    )
    sdg = django_filters.ModelMultipleChoiceFilter(
        label=_("Sustainable Development Goal"),
        field_name="sdgs__number",
        to_field_name="number",
        queryset=SDG.objects.all(),
        distinct=True,
    )
    discipline = django_filters.ModelMultipleChoiceFilter(
        label=_("Discipline"),
        field_name="disciplines__slug",
        to_field_name="slug",
        queryset=Discipline.objects.all(),
        distinct=True,
    )
    tag = django_filters.CharFilter(label=_("Keyword"), field_name="keywords__slug", distinct=True)
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Project.Status.choices, method="filter_status"
    )

    class Meta:
        model = Project
        fields = ["q", "country", "sdg", "discipline", "tag", "status"]

    def search(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(
            Q(title_en__icontains=value)
            | Q(title_fr__icontains=value)
            | Q(acronym__icontains=value)
            | Q(summary_en__icontains=value)
            | Q(summary_fr__icontains=value)
        )

    def filter_status(self, queryset, name, value):
        return {
            Project.Status.PLANNED: queryset.planned,
            Project.Status.ONGOING: queryset.ongoing,
            Project.Status.COMPLETED: queryset.completed,
        }[value]()
