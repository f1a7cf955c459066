import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from cooperation_portal.listing import ListFilterSet, by_name, with_upper_case_values
from taxonomy.models import Country

from .models import Organisation


class OrganisationFilter(ListFilterSet):
    q = django_filters.CharFilter(
        label=_("Search"),
        method="search",
        widget=forms.SearchInput(attrs={"maxlength": 200}),
        help_text=_("Name, acronym, city or description."),
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"),
        choices=Organisation.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    region = django_filters.MultipleChoiceFilter(
        label=_("Region"),
        field_name="country__region",
        choices=Country.Region.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    country = django_filters.ModelMultipleChoiceFilter(
        label=_("Country"),
        field_name="country__code",
        to_field_name="code",
        queryset=by_name(Country),
    )

    class Meta:
        model = Organisation
        fields = ["q", "kind", "region", "country"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_upper_case_values(data, "country"), *args, **kwargs)

    def search(self, queryset, name, value):
        return queryset.search(value)
