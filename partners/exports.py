"""The partners list as open data: CSV and JSON of exactly the organisations a list address
shows, `/partners/export.csv?<the list's filters>` (see cooperation_portal/exports.py).

What each key of a record means: FIELDS (shown on the open-data page).
"""

from django.utils.translation import gettext_lazy as _

from cooperation_portal.exports import ListExport, day, moment, yes_no
from cooperation_portal.provided import PROJECTS_PER_ORGANISATION, counts

from .filters import OrganisationFilter
from .models import Organisation

CSV_COLUMNS = [
    "slug",
    "url",
    "name_fr",
    "name_en",
    "acronym",
    "kind",
    "is_own_structure",
    "tagline_fr",
    "tagline_en",
    "country",
    "city",
    "website",
    "parent",
    "founded_on",
    "merged_into",
    "merged_on",
    "projects",
    "updated_at",
]


FIELDS = {
    "slug": _("The last part of its address: stable, unique in its list."),
    "url": _("Its page on the portal, in the language of the address asked."),
    "name": _('Its name, in French ("fr") and English ("en").'),
    "acronym": _('Its short name, or "".'),
    "kind": _(
        "university, faculty, ngo, cooperation-unit, fund, public-funder, research-centre, "
        "hospital or other."
    ),
    "is_own_structure": _("True for the university's own cooperation structures."),
    "tagline": _("What it is in one line, in French and English."),
    "country": _("Its country (ISO 3166 code and name), or null."),
    "city": _("Its city, as written locally."),
    "website": _('Its website, or "".'),
    "parent": _("The slug of the organisation it belongs to, or null."),
    "founded_on": _("When it was founded (ISO 8601 date), or null."),
    "merged_into": _("The slug of the organisation it merged into, or null."),
    "merged_on": _("When it merged, or null."),
    "projects": _("How many published projects it takes part in."),
    "updated_at": _("When it was last changed (ISO 8601, with the offset)."),
}


class OrganisationExport(ListExport):
    name = "partners"
    item_name = "organisation"
    list_url_name = "partners:list"
    columns = CSV_COLUMNS
    fields = FIELDS

    def filterset(self) -> OrganisationFilter:
        organisations = Organisation.objects.published().in_directory_order()
        return OrganisationFilter(self.request.GET, organisations)

    def queryset(self):
        return Organisation.objects.published().with_listing_relations()

    def annotate_chunk(self, organisations) -> None:
        # Projects are a higher app: it provides the counts (cooperation_portal.provided).
        counted = counts(PROJECTS_PER_ORGANISATION, [o.pk for o in organisations])
        for organisation in organisations:
            organisation.published_project_count = counted[organisation.pk]

    def record(self, organisation: Organisation) -> dict:
        country = organisation.country
        return {
            "slug": organisation.slug,
            "url": self.absolute_url(organisation.get_absolute_url()),
            "name": {"fr": organisation.name_fr, "en": organisation.name_en},
            "acronym": organisation.acronym,
            "kind": organisation.kind,
            "is_own_structure": organisation.is_own_structure,
            "tagline": {"fr": organisation.tagline_fr, "en": organisation.tagline_en},
            "country": {"code": country.code, "name": country.name} if country else None,
            "city": organisation.city,
            "website": organisation.website,
            "parent": organisation.parent.slug if organisation.parent else None,
            "founded_on": day(organisation.founded_on),
            "merged_into": organisation.merged_into.slug if organisation.merged_into else None,
            "merged_on": day(organisation.merged_on),
            "projects": organisation.published_project_count,
            "updated_at": moment(organisation.updated_at),
        }

    def csv_row(self, item: dict) -> list:
        return [
            item["slug"],
            item["url"],
            item["name"]["fr"],
            item["name"]["en"],
            item["acronym"],
            item["kind"],
            yes_no(item["is_own_structure"]),
            item["tagline"]["fr"],
            item["tagline"]["en"],
            item["country"]["code"] if item["country"] else "",
            item["city"],
            item["website"],
            item["parent"],
            item["founded_on"],
            item["merged_into"],
            item["merged_on"],
            item["projects"],
            item["updated_at"],
        ]
