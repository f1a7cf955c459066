"""The funding list as open data: CSV and JSON of exactly the schemes a list address shows,
`/funding/export.csv?<the list's filters>` (see cooperation_portal/exports.py).

What each key of a record means: FIELDS (shown on the open-data page).
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from cooperation_portal.exports import ListExport, amount, by_code, joined, moment, yes_no
from partners.models import published_organisations

from .filters import FundingSchemeFilter
from .models import Call, FundingScheme

CSV_COLUMNS = [
    "slug",
    "url",
    "name_fr",
    "name_en",
    "kind",
    "status",
    "next_deadline",
    "funder",
    "applicant_levels",
    "applicant_type",
    "open_to_all_nationalities",
    "eligible_nationalities",
    "eligible_affiliations",
    "disciplines",
    "sdgs",
    "amount_min_eur",
    "amount_max_eur",
    "duration_fr",
    "duration_en",
    "application_url",
    "calls",
    "is_example",
    "summary_fr",
    "summary_en",
    "updated_at",
]


FIELDS = {
    "slug": _("The last part of its address: stable, unique in its list."),
    "url": _("Its page on the portal, in the language of the address asked."),
    "name": _('Its name, in French ("fr") and English ("en").'),
    "summary": _("Its summary, in French and English."),
    "kind": _(
        "What it funds: individual-mobility, travel-grant, student-group-project, valorisation, "
        "doctoral-grant or project-grant."
    ),
    "status": _(
        "open, upcoming or closed at the time of the export: open if a call is open, else "
        "upcoming if one opens later."
    ),
    "next_deadline": _(
        "When its next call closes for applicants (its internal deadline while that is ahead), "
        "or null."
    ),
    "funder": _("The organisation that funds it (name and slug), or null."),
    "applicant_levels": _("The codes of the career levels that may apply (empty: every level)."),
    "applicant_type": _("person, organisation or either: who applies."),
    "open_to_all_nationalities": _("True when applicants of every nationality may apply."),
    "eligible_nationalities": _(
        "Otherwise, the countries whose nationals may apply (code and name)."
    ),
    "eligible_affiliations": _("The codes of the affiliations that may apply (empty: any)."),
    "disciplines": _("The slugs of the disciplines it is open to (empty: every discipline)."),
    "sdgs": _("The numbers of the Sustainable Development Goals it serves."),
    "amount_min_eur": _("The smallest grant in euros, as a decimal string, or null."),
    "amount_max_eur": _("The largest grant in euros, as a decimal string, or null."),
    "duration": _("How long a grant lasts, in words, in French and English."),
    "application_url": _('Where to apply, or "".'),
    "calls": _(
        "Its calls: title (French and English), opens_at, deadline, internal_deadline (or null), "
        "status and url."
    ),
    "is_example": _("True for demonstration content, invented for the example."),
    "updated_at": _("When it was last changed (ISO 8601, with the offset)."),
}


class FundingSchemeExport(ListExport):
    name = "funding_schemes"
    item_name = "funding_scheme"
    list_url_name = "funding:list"
    columns = CSV_COLUMNS
    fields = FIELDS

    def filterset(self) -> FundingSchemeFilter:
        schemes = FundingScheme.objects.published().by_next_deadline(self.at)
        return FundingSchemeFilter(self.request.GET or None, schemes, at=self.at)

    def queryset(self):
        return (
            FundingScheme.objects.published()
            .with_next_closing(self.at)
            .prefetch_related(
                published_organisations("funder"),
                "applicant_levels",
                "eligible_nationalities",
                "eligible_affiliations",
                "disciplines",
                "sdgs",
                Prefetch("calls", queryset=Call.objects.order_by("deadline", "pk")),
            )
        )

    def record(self, scheme: FundingScheme) -> dict:
        at = self.at
        funder = scheme.funder
        return {
            "slug": scheme.slug,
            "url": self.absolute_url(scheme.get_absolute_url()),
            "name": {"fr": scheme.name_fr, "en": scheme.name_en},
            "summary": {"fr": scheme.summary_fr, "en": scheme.summary_en},
            "kind": scheme.kind,
            "status": scheme.status_at(at),
            "next_deadline": moment(scheme.next_closing),
            "funder": {"name": funder.name, "slug": funder.slug} if funder else None,
            "applicant_levels": [level.code for level in scheme.applicant_levels.all()],
            "applicant_type": scheme.applicant_type,
            "open_to_all_nationalities": scheme.open_to_all_nationalities,
            "eligible_nationalities": by_code(scheme.eligible_nationalities.all()),
            "eligible_affiliations": [a.code for a in scheme.eligible_affiliations.all()],
            "disciplines": sorted(discipline.slug for discipline in scheme.disciplines.all()),
            "sdgs": sorted(sdg.number for sdg in scheme.sdgs.all()),
            "amount_min_eur": amount(scheme.amount_min),
            "amount_max_eur": amount(scheme.amount_max),
            "duration": {"fr": scheme.duration_fr, "en": scheme.duration_en},
            "application_url": scheme.application_url,
            "calls": [
                {
                    "title": {"fr": call.title_fr, "en": call.title_en},
                    "opens_at": moment(call.opens_at),
                    "deadline": moment(call.deadline),
                    "internal_deadline": moment(call.internal_deadline),
                    "status": call.status_at(at),
                    "url": call.url,
                }
                for call in scheme.calls.all()
            ],
            "is_example": scheme.is_example,
            "updated_at": moment(scheme.updated_at),
        }

    def csv_row(self, item: dict) -> list:
        return [
            item["slug"],
            item["url"],
            item["name"]["fr"],
            item["name"]["en"],
            item["kind"],
            item["status"],
            item["next_deadline"],
            item["funder"]["name"] if item["funder"] else "",
            joined(item["applicant_levels"]),
            item["applicant_type"],
            yes_no(item["open_to_all_nationalities"]),
            joined(country["code"] for country in item["eligible_nationalities"]),
            joined(item["eligible_affiliations"]),
            joined(item["disciplines"]),
            joined(item["sdgs"]),
            item["amount_min_eur"],
            item["amount_max_eur"],
            item["duration"]["fr"],
            item["duration"]["en"],
            item["application_url"],
            # A call as "title: opens → deadline (status)", in English, the file's language.
            joined(
                f"{call['title']['en'] or call['title']['fr']}: {call['opens_at']} → "
                f"{call['deadline']} ({call['status']})"
                for call in item["calls"]
            ),
            yes_no(item["is_example"]),
            item["summary"]["fr"],
            item["summary"]["en"],
            item["updated_at"],
        ]
