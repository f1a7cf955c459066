from django.views.generic import DetailView, ListView

from cooperation_portal.listing import FilteredListView

from .filters import OrganisationFilter
from .models import Organisation, Person


class OrganisationListView(FilteredListView):
    filterset_class = OrganisationFilter
    template_name = "partners/organisation_list.html"
    partial_template_name = "partners/_results.html"

    def get_queryset(self):
        return (
            Organisation.objects.published()
            .with_listing_relations()
            .order_by("-is_own_structure", "country__region", "country__code", "name")
        )


class OrganisationDetailView(DetailView):
    template_name = "partners/organisation_detail.html"

    def get_queryset(self):
        return Organisation.objects.published().select_related("country", "parent", "merged_into")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        # Higher apps are reached through reverse relations: partners never imports them.
        context["participations"] = (
            organisation.participations.filter(
                project__publication_status=Organisation.PublicationStatus.PUBLISHED
            )
            .select_related("project")
            .order_by("role", "-project__start_date")
        )
        context["units"] = organisation.units.published()
        context["formed_from"] = organisation.formed_from.published()
        context["members"] = organisation.memberships.select_related("member")
        context["contacts"] = organisation.contacts.all()
        return context


class ContactListView(ListView):
    """The cooperation officers and structure contacts, by role."""

    template_name = "partners/contact_list.html"
    context_object_name = "contacts"

    def get_queryset(self):
        return Person.objects.select_related("organisation")
