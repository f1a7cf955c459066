from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import DetailView, TemplateView, View

from cooperation_portal.calendars import calendar_response
from cooperation_portal.listing import FilteredListView, bad_filters_response
from cooperation_portal.preview import DraftPreviewMixin

from .calendars import events_calendar
from .filters import EventFilter
from .models import Event
from .structured_data import event_data


class EventListView(FilteredListView):
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    partial_template_name = "events/_results.html"

    def get_queryset(self):
        return Event.objects.published().with_listing_relations()


class EventDetailView(DraftPreviewMixin, DetailView):
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return Event.objects.visible_to(self.request.user).with_page_relations()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["structured_data"] = event_data(self.object, self.request.build_absolute_uri)
        return context


class CooperationDayView(TemplateView):
    """The next University Cooperation Day (or the latest), and the archive of past editions."""

    template_name = "events/cooperation_day.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        editions = Event.objects.published().cooperation_days()
        edition = editions.with_page_relations().featured_cooperation_day(now)
        archive = editions.past(now).latest_first()
        if edition is not None:
            archive = archive.exclude(pk=edition.pk)
        context.update(
            edition=edition,
            edition_is_next=edition is not None and not edition.is_past(now),
            archive=archive,
        )
        return context


class CalendarMixin:
    def calendar_for(self, uid: str, name: str, events):
        return events_calendar(uid, name, events, self.request.build_absolute_uri)


class EventCalendarView(CalendarMixin, View):
    """The published events as an iCalendar feed, filtered like the list: upcoming ones unless
    the address asks for past ones (`when=past`)."""

    def get(self, request, *args, **kwargs):
        filterset = EventFilter(
            request.GET,
            queryset=Event.objects.published().with_listing_relations(),
            request=request,
        )
        if not filterset.is_valid():
            return bad_filters_response(filterset)
        name = f"{settings.PORTAL_NAME} — {_('Events')}"
        calendar = self.calendar_for("events", name, filterset.qs)
        return calendar_response(calendar, "events.ics")


class EventICalendarView(CalendarMixin, DetailView):
    """One event, to add to a calendar."""

    def get_queryset(self):
        return Event.objects.published().with_listing_relations()

    def render_to_response(self, context, **response_kwargs):
        event = self.object
        calendar = self.calendar_for(f"event-{event.pk}-calendar", event.title, [event])
        return calendar_response(calendar, f"{event.slug}.ics")
