import django_filters
from django import forms
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation_portal.listing import ListFilterSet, SelectShowingDefault, YearFilter

from .models import Event


class EventFilter(ListFilterSet):
    """Upcoming events (soonest first) unless the visitor asks for past ones (latest first).

    The calendar feed shares these filters, so a feed is the list the visitor was looking at.
    """

    WHEN_UPCOMING = "upcoming"
    WHEN_PAST = "past"

    when = django_filters.ChoiceFilter(
        label=_("When"),
        choices=[(WHEN_UPCOMING, _("Upcoming")), (WHEN_PAST, _("Past"))],
        method="filter_when",
        empty_label=None,
        widget=SelectShowingDefault(default=WHEN_UPCOMING),
    )
    kind = django_filters.MultipleChoiceFilter(
        label=_("Kind"), choices=Event.Kind.choices, widget=forms.CheckboxSelectMultiple
    )
    year = YearFilter()

    class Meta:
        model = Event
        fields = ["when", "kind", "year"]

    def __init__(self, data=None, *args, at=None, **kwargs):
        # Upcoming events unless the visitor asks for past ones; always bound, so that the
        # default applies to a page without a query string too.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if not data.get("when"):
            data["when"] = self.WHEN_UPCOMING
        self.at = at or timezone.now()
        super().__init__(data, *args, **kwargs)

    @property
    def shows_past(self) -> bool:
        self.form.is_valid()  # cleans the form once; invalid values are left out
        return self.form.cleaned_data.get("when") == self.WHEN_PAST

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("when"):
            # A `when` that was not understood: the default, and the form says it was invalid.
            queryset = self.filter_when(queryset, "when", self.WHEN_UPCOMING)
        return queryset

    def filter_when(self, queryset, name, value):
        if value == self.WHEN_PAST:
            return queryset.past(self.at).latest_first()
        return queryset.upcoming(self.at).soonest_first()

    def filter_year(self, queryset, name, value):
        return queryset.in_year(value)
