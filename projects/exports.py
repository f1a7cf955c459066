"""The projects list as open data: CSV and JSON of exactly the projects a list address shows
(every page of them, in the list's order), `/projects/export.csv?<the list's filters>` (see
cooperation_portal/exports.py for what every list's export shares).

The list's own filters choose the projects (`ProjectFilter.counted`: the facet index, and a
search's matches), so an export and its page never disagree.

What each key of a record means: FIELDS (shown on the open-data page).
"""

from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cooperation_portal.exports import ListExport, amount, by_code, day, joined, moment, yes_no
from cooperation_portal.publication import published
from funding.models import FundingScheme
from taxonomy.models import SDG, Country, Discipline

from .filters import ProjectFilter
from .models import Participation, Project, partner_co_leadership

CSV_COLUMNS = [
    "slug",
    "url",
    "title_fr",
    "title_en",
    "acronym",
    "status",
    "start_date",
    "end_date",
    "budget_eur",
    "countries",
    "sdgs",
    "disciplines",
    "partners",
    "funding_schemes",
    "keywords",
    "co_led_by_partner_in_the_south",
    "is_example",
    "summary_fr",
    "summary_en",
    "updated_at",
]
ROLE_ORDER = list(Participation.Role.values)  # lead, co-lead, partner, funder


FIELDS = {
    "slug": _("The last part of its address: stable, unique in its list."),
    "url": _("Its page on the portal, in the language of the address asked."),
    "title": _('Its title, in French ("fr") and English ("en").'),
    "summary": _("Its summary, in French and English."),
    "acronym": _('Its short name, or "".'),
    "status": _("planned, ongoing or completed."),
    "start_date": _("When it starts (ISO 8601 date)."),
    "end_date": _("When it ends, or null if not set."),
    "budget_eur": _(
        'Its budget in euros, as a decimal string ("250000.00"); null when not stated.'
    ),
    "countries": _("Where it works: each country with its ISO 3166 code and its name."),
    "sdgs": _("The numbers of the Sustainable Development Goals it serves."),
    "disciplines": _("The slugs of its disciplines."),
    "participations": _(
        "Who takes part: each organisation with its name, slug and role (lead, co-lead, partner, "
        "funder)."
    ),
    "funding_schemes": _("The slugs of the funding schemes that fund it."),
    "keywords": _("Its keywords."),
    "co_led_by_partner_in_the_south": _("True when a partner in the South leads or co-leads it."),
    "is_example": _("True for demonstration content, invented for the example."),
    "updated_at": _("When it was last changed (ISO 8601, with the offset)."),
}


class ProjectExport(ListExport):
    name = "projects"
    item_name = "project"
    list_url_name = "projects:list"
    columns = CSV_COLUMNS
    fields = FIELDS

    def filterset(self) -> ProjectFilter:
        return ProjectFilter(
            self.request.GET, queryset=Project.objects.published(), request=self.request
        )

    def ids(self, filterset):
        # The facet index's ids in the list's order: no query.
        return filterset.counted.ordered_ids

    def queryset(self):
        # Each relation into a plain list (`to_attr`): Django then builds no queryset per
        # project and relation, which took most of an export's time.
        return Project.objects.published().prefetch_related(
            Prefetch("countries", queryset=Country.objects.all(), to_attr="exported_countries"),
            Prefetch("sdgs", queryset=SDG.objects.all(), to_attr="exported_sdgs"),
            Prefetch(
                "disciplines", queryset=Discipline.objects.all(), to_attr="exported_disciplines"
            ),
            Prefetch("keywords", to_attr="exported_keywords"),
            Prefetch(
                "funding_schemes",
                queryset=FundingScheme.objects.published().order_by("slug"),
                to_attr="exported_schemes",
            ),
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(published("organisation"))
                .select_related("organisation")
                .order_by("organisation__slug"),
                to_attr="exported_participations",
            ),
        )

    def annotate_chunk(self, projects) -> None:
        """Whether a partner in the South leads or co-leads each project: one query a chunk."""
        leading = set(
            Participation.objects.filter(partner_co_leadership())
            .filter(project__in=[project.pk for project in projects])
            .values_list("project_id", flat=True)
        )
        for project in projects:
            project.co_led_by_partner_in_the_south = project.pk in leading

    def record(self, project: Project) -> dict:
        return {
            "slug": project.slug,
            "url": self.absolute_url(project.get_absolute_url()),
            "title": {"fr": project.title_fr, "en": project.title_en},
            "summary": {"fr": project.summary_fr, "en": project.summary_en},
            "acronym": project.acronym,
            "status": project.status,
            "start_date": day(project.start_date),
            "end_date": day(project.end_date),
            "budget_eur": amount(project.budget),
            "countries": by_code(project.exported_countries),
            "sdgs": sorted(sdg.number for sdg in project.exported_sdgs),
            "disciplines": sorted(d.slug for d in project.exported_disciplines),
            "participations": [
                {
                    "organisation": participation.organisation.name,
                    "slug": participation.organisation.slug,
                    "role": participation.role,
                }
                for participation in sorted(
                    project.exported_participations, key=lambda p: ROLE_ORDER.index(p.role)
                )
            ],
            "funding_schemes": [scheme.slug for scheme in project.exported_schemes],
            "keywords": sorted(keyword.name for keyword in project.exported_keywords),
            "co_led_by_partner_in_the_south": project.co_led_by_partner_in_the_south,
            "is_example": project.is_example,
            "updated_at": moment(project.updated_at),
        }

    def csv_row(self, item: dict) -> list:
        return [
            item["slug"],
            item["url"],
            item["title"]["fr"],
            item["title"]["en"],
            item["acronym"],
            item["status"],
            item["start_date"],
            item["end_date"],
            item["budget_eur"],
            joined(country["code"] for country in item["countries"]),
            joined(item["sdgs"]),
            joined(item["disciplines"]),
            joined(f"{p['organisation']} ({p['role']})" for p in item["participations"]),
            joined(item["funding_schemes"]),
            joined(item["keywords"]),
            yes_no(item["co_led_by_partner_in_the_south"]),
            yes_no(item["is_example"]),
            item["summary"]["fr"],
            item["summary"]["en"],
            item["updated_at"],
        ]


def in_chunks(ids) -> Iterator[Project]:
    """The published projects of `ids` (in that order), read a chunk at a time, with what an
    export says of them (the IATI file's too)."""
    return ProjectExport().objects(ids)
