"""The open-data page: every export of the portal, its fields, its licence and examples, from
the exports themselves (each list's `ListExport`: its columns and what each key means), so
that the page cannot drift from what the files hold.

Top layer: imports the apps, and no app imports it.
"""

from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from cooperation_portal.collation import Collated
from cooperation_portal.exports import ListExport
from events.exports import EventExport
from funding.exports import FundingSchemeExport
from partners.exports import OrganisationExport
from projects import iati
from projects.exports import ProjectExport
from taxonomy.models import Discipline


@dataclass
class ExportEntry:
    """One list's exports, as the page describes them."""

    title: Promise
    app: str  # the URL namespace: "projects"
    export: type[ListExport]
    example_query: str

    @property
    def list_url(self) -> str:
        return reverse(f"{self.app}:list")

    @property
    def csv_url(self) -> str:
        return reverse(f"{self.app}:export_csv")

    @property
    def json_url(self) -> str:
        return reverse(f"{self.app}:export_json")

    @property
    def record_url(self) -> str:
        return reverse(f"{self.app}:record", kwargs={"slug": "SLUG"}).replace("SLUG", "<slug>")

    @property
    def fields(self):
        return self.export.fields.items()

    @property
    def columns(self):
        return self.export.columns

    @property
    def item_name(self) -> str:
        return self.export.item_name

    @property
    def name(self) -> str:
        return self.export.name


EXPORTS = [
    ExportEntry(_("Projects"), "projects", ProjectExport, "country=CD&sdg=3"),
    ExportEntry(_("Funding"), "funding", FundingSchemeExport, "status=open"),
    ExportEntry(_("Partners"), "partners", OrganisationExport, "country=BO"),
    ExportEntry(_("Events"), "events", EventExport, "when=past"),
]


@require_safe
def open_data_page(request):
    context = {
        "exports": EXPORTS,
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "iati_identifier_prefix": settings.IATI_ORGANISATION_IDENTIFIER,
        "iati_url": reverse("projects:iati"),
        "iati_sectors": [
            (discipline, iati.DISCIPLINE_SECTORS[discipline.slug])
            for discipline in Discipline.objects.filter(slug__in=iati.DISCIPLINE_SECTORS).order_by(
                Collated("name"), "pk"
            )
        ],
        "iati_fallback_sector": iati.FALLBACK_SECTOR,
        "site": request.build_absolute_uri("/").rstrip("/"),
    }
    return render(request, "pages/open_data.html", context)
