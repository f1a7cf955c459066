from django.views.generic import DetailView

from cooperation_portal.listing import FilteredListView
from partners.models import Organisation

from .filters import ProjectFilter
from .models import Participation, Project


class ProjectListView(FilteredListView):
    filterset_class = ProjectFilter
    template_name = "projects/project_list.html"
    partial_template_name = "projects/_results.html"

    def get_queryset(self):
        return Project.objects.published().with_listing_relations()


class ProjectDetailView(DetailView):
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return Project.objects.published().prefetch_related(
            "countries",
            "sdgs",
            "disciplines",
            "keywords",
            "funding_schemes",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        participations = (
            Participation.objects.filter(
                project=self.object,
                organisation__publication_status=Organisation.PublicationStatus.PUBLISHED,
            )
            .select_related("organisation__country")
            .order_by("organisation__name")
        )
        order = [role for role, _label in Participation.Role.choices]
        context["participations_by_role"] = [
            (Participation.Role(role).label, [p for p in participations if p.role == role])
            for role in order
            if any(p.role == role for p in participations)
        ]
        return context
