import django_filters
from django.utils.translation import gettext_lazy as _

from cooperation_portal.listing import (
    ListFilterSet,
    YearFilter,
    by_name,
    with_upper_case_values,
)
from taxonomy.models import SDG, Country

from .models import NewsItem


class NewsFilter(ListFilterSet):
    """The news list's filters; the Atom feed honours the same parameters."""

    year = YearFilter()
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        to_field_name="code",
        queryset=by_name(Country),
        method="filter_country",
        empty_label=_("Any country"),
    )
    sdg = django_filters.ModelChoiceFilter(
        label=_("Sustainable Development Goal"),
        to_field_name="number",
        queryset=SDG.objects.order_by("number"),
        method="filter_sdg",
        empty_label=_("Any goal"),
    )

    class Meta:
        model = NewsItem
        fields = ["year", "country", "sdg"]

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(with_upper_case_values(data, "country"), *args, **kwargs)

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)

    def filter_country(self, queryset, name, value):
        return queryset.about_country(value)

    def filter_sdg(self, queryset, name, value):
        return queryset.about_sdg(value)
