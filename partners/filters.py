import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Country

from .models import Organisation


class OrganisationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Search"), method="search", widget=forms.SearchInput(attrs={"maxlength": 200})
    )
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=Organisation.Kind.choices)
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Country"),
        field_name="country__code",
        to_field_name="code",
        queryset=Country.objects.all(),
    )
    region = django_filters.MultipleChoiceFilter(
        label=_("Region"), field_name="country__region", choices=Country.Region.choices
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "country", "region"]

    def search(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        return queryset.filter(
            Q(name_en__icontains=value)
            | Q(name_fr__icontains=value)
            | Q(acronym__icontains=value)
            | Q(city__icontains=value)
        )
