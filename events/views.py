from django.views.generic import DetailView

from cooperation_portal.listing import FilteredListView

from .filters import EventFilter
from .models import Event


class EventListView(FilteredListView):
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    partial_template_name = "events/_results.html"

    def get_queryset(self):
        return Event.objects.published().with_listing_relations()


class EventDetailView(DetailView):
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return (
            Event.objects.published()
            .select_related("organiser", "country")
            .prefetch_related("sessions", "sdgs")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["related_projects"] = self.object.projects.published()
        return context
