from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from cooperation_portal.listing import FilteredListView
from cooperation_portal.preview import DraftPreviewMixin
from cooperation_portal.provided import (
    PROJECTS_OF_ORGANISATION,
    PROJECTS_PER_ORGANISATION,
    counts,
    link,
)

from .filters import OrganisationFilter
from .models import Organisation, Person
from .structured_data import organisation_data


@dataclass
class CountryGroup:
    country: object  # taxonomy.Country, or None for organisations without a country
    organisations: list = field(default_factory=list)


@dataclass
class DirectorySection:
    key: str  # "own-structures", "former-structures", a region, or "other"
    title: str
    is_own_structures: bool = False
    countries: list[CountryGroup] = field(default_factory=list)


def directory_sections(organisations) -> list[DirectorySection]:
    """One page of the directory, already in directory order, cut into sections: the
    university's current cooperation structures, its former ones, then one section per region
    with its countries."""
    sections: list[DirectorySection] = []
    for organisation in organisations:
        if organisation.is_former_structure:
            key, title = "former-structures", _("Former cooperation structures")
        elif organisation.is_own_structure:
            key, title = "own-structures", _("The university's cooperation structures")
        elif organisation.country:
            key, title = organisation.country.region, organisation.country.get_region_display()
        else:
            key, title = "other", _("Other organisations")
        if not sections or sections[-1].key != key:
            sections.append(
                DirectorySection(
                    key=key,
                    title=title,
                    is_own_structures=key in {"own-structures", "former-structures"},
                )
            )
        section = sections[-1]
        # The structures are few and told apart by what they do, not by their country.
        country = None if section.is_own_structures else organisation.country
        if not section.countries or section.countries[-1].country != country:
            section.countries.append(CountryGroup(country=country))
        section.countries[-1].organisations.append(organisation)
    return sections


class OrganisationListView(FilteredListView):
    filterset_class = OrganisationFilter
    template_name = "partners/organisation_list.html"
    partial_template_name = "partners/_results.html"

    def get_queryset(self):
        return Organisation.objects.published().with_listing_relations().in_directory_order()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        # Projects are a higher app: it provides the counts and the links
        # (cooperation_portal.provided).
        counted = counts(
            PROJECTS_PER_ORGANISATION,
            [organisation.pk for organisation in page],
            using=self.object_list.db,
        )
        for organisation in page:
            organisation.published_project_count = counted[organisation.pk]
            organisation.projects_url = link(PROJECTS_OF_ORGANISATION, organisation)
        context["sections"] = directory_sections(page)
        return context


class OrganisationDetailView(DraftPreviewMixin, DetailView):
    """An organisation; one that merged into another stays here and points to its successor,
    whose contacts it shows. What other apps say of it (its projects, the schemes it funds, the
    events it organises) is added by the top layer's page (`pages.views.OrganisationPageView`),
    which serves this address."""

    template_name = "partners/organisation_detail.html"

    def get_queryset(self):
        return Organisation.objects.visible_to(self.request.user).with_listing_relations()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        # Read once: the page lists them and its schema.org data names them.
        units = list(organisation.units.published())
        context.update(
            units=units,
            history=organisation.history(),
            contacts=Person.objects.reaching(organisation),
            structured_data=organisation_data(organisation, units, self.request.build_absolute_uri),
        )
        return context


@dataclass
class ContactGroup:
    organisation: Organisation | None
    contacts: list = field(default_factory=list)


class ContactListView(ListView):
    """The cooperation officers and structure contacts by role, grouped by organisation in
    the order the office gave them (``Person.position``). An organisation that merged into
    another keeps its place, pointing to its successor, without its own contacts."""

    template_name = "partners/contact_list.html"
    context_object_name = "contacts"

    def get_queryset(self):
        return Person.objects.public().with_organisation()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        groups: dict[int | None, ContactGroup] = {}
        for person in context["contacts"]:
            organisation = person.organisation
            is_merged = organisation is not None and organisation.merged_into_id is not None
            if is_merged and organisation.merged_into is None:
                continue  # merged into a draft: nothing to point to, nothing live to show
            group = groups.setdefault(
                person.organisation_id, ContactGroup(organisation=organisation)
            )
            if not is_merged:
                group.contacts.append(person)
        context["contact_groups"] = list(groups.values())
        return context
