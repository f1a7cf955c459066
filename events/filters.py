import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Event


class EventFilter(django_filters.FilterSet):
    WHEN_UPCOMING = "upcoming"
    WHEN_PAST = "past"

    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(WHEN_UPCOMING, _("Upcoming")), (WHEN_PAST, _("Past"))],
        method="filter_when",
        empty_label=None,
    )
    kind = django_filters.MultipleChoiceFilter(label=_("Kind"), choices=Event.Kind.choices)
    year = django_filters.NumberFilter(
        label=_("Year"),
        field_name="starts_at",
        lookup_expr="year",
        widget=forms.NumberInput(attrs={"min": 2000, "max": 2100}),
        min_value=2000,
        max_value=2100,
    )

    class Meta:
        model = Event
        fields = ["when", "kind", "year"]

    def __init__(self, data=None, *args, **kwargs):
        # Upcoming events unless the visitor asks for past ones.
        if data is not None and not data.get("when"):
            data = data.copy()
            data["when"] = self.WHEN_UPCOMING
        super().__init__(data, *args, **kwargs)

    def filter_when(self, queryset, name, value):
        now = timezone.now()
        if value == self.WHEN_PAST:
            return queryset.past(now).order_by("-starts_at")
        return queryset.upcoming(now).order_by("starts_at")
