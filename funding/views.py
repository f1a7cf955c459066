from django.db.models import Prefetch
from django.views.generic import DetailView

from cooperation_portal.listing import FilteredListView

from .filters import FundingSchemeFilter
from .models import Call, FundingScheme


class FundingSchemeListView(FilteredListView):
    filterset_class = FundingSchemeFilter
    template_name = "funding/scheme_list.html"
    partial_template_name = "funding/_results.html"

    def get_queryset(self):
        return (
            FundingScheme.objects.published()
            .with_listing_relations()
            .prefetch_related(Prefetch("calls", queryset=Call.objects.not_closed()))
        )


class FundingSchemeDetailView(DetailView):
    template_name = "funding/scheme_detail.html"

    def get_queryset(self):
        return (
            FundingScheme.objects.published()
            .select_related("funder", "contact")
            .prefetch_related(
                "applicant_levels",
                "eligible_nationalities",
                "disciplines",
                "sdgs",
                "calls",
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Through the reverse relation: funding sits below projects and never imports it.
        context["funded_projects"] = self.object.projects.published().order_by("-start_date")
        return context
