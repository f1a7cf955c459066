"""The projects list as open data: CSV and JSON of exactly the projects a list address shows
(every page of them, in the list's order), `/projects/export.csv?<the list's filters>`.

The list's own filters choose the projects (`ProjectFilter.counted`: the facet index, and a
search's matches), so an export and its page never disagree. The rows are read and written a
chunk at a time and streamed: 100,000 projects take the memory of one chunk (and of their ids).

JSON shape, version 1 (documented for re-users; a change of shape changes the version):

    {"version": 1, "licence": "...", "source": "<the list's address>",
     "generated_at": "2026-12-04T06:00:00+01:00", "count": 2,
     "projects": [{"slug", "url", "title": {"fr", "en"}, "summary": {"fr", "en"}, "acronym",
                   "status", "start_date", "end_date", "budget_eur" (null: not stated),
                   "countries": [{"code", "name"}], "sdgs": [number], "disciplines": [slug],
                   "participations": [{"organisation", "slug", "role"}],
                   "funding_schemes": [slug], "keywords": [text],
                   "co_led_by_partner_in_the_south", "is_example", "updated_at"}, ...]}
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator

from django.db.models import Prefetch
from django.utils import timezone

from cooperation_portal.publication import published
from cooperation_portal.text import spreadsheet_safe
from funding.models import FundingScheme

from .models import Participation, Project, partner_co_leadership

JSON_VERSION = 1
LICENCE = "CC BY 4.0"
#: How many projects are read at a time.
CHUNK = 500

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
#: Lists in one CSV cell.
JOIN = "; "


def in_chunks(ids) -> Iterator[list[Project]]:
    """The published projects of `ids` (in that order), CHUNK at a time, with what an export
    says of them."""
    projects = Project.objects.published().prefetch_related(
        "countries",
        "sdgs",
        "disciplines",
        "keywords",
        Prefetch("funding_schemes", queryset=FundingScheme.objects.published().order_by("slug")),
        Prefetch(
            "participations",
            queryset=Participation.objects.filter(published("organisation"))
            .select_related("organisation")
            .order_by("organisation__slug"),
        ),
    )
    co_led = Participation.objects.filter(partner_co_leadership())
    for start in range(0, len(ids), CHUNK):
        wanted = [int(pk) for pk in ids[start : start + CHUNK]]
        rows = {project.pk: project for project in projects.filter(pk__in=wanted)}
        leading = set(co_led.filter(project_id__in=wanted).values_list("project_id", flat=True))
        for pk in wanted:
            if pk in rows:
                rows[pk].co_led_by_partner_in_the_south = pk in leading
                yield rows[pk]


def record(project: Project, absolute_url) -> dict:
    """A project as the JSON export gives it."""
    return {
        "slug": project.slug,
        "url": absolute_url(project.get_absolute_url()),
        "title": {"fr": project.title_fr, "en": project.title_en},
        "summary": {"fr": project.summary_fr, "en": project.summary_en},
        "acronym": project.acronym,
        "status": project.status,
        "start_date": project.start_date.isoformat(),
        "end_date": project.end_date.isoformat() if project.end_date else None,
        "budget_eur": None if project.budget is None else str(project.budget),
        "countries": [
            {"code": country.code, "name": country.name}
            for country in sorted(project.countries.all(), key=lambda c: c.code)
        ],
        "sdgs": sorted(sdg.number for sdg in project.sdgs.all()),
        "disciplines": sorted(discipline.slug for discipline in project.disciplines.all()),
        "participations": [
            {
                "organisation": participation.organisation.name,
                "slug": participation.organisation.slug,
                "role": participation.role,
            }
            for participation in sorted(
                project.participations.all(), key=lambda p: ROLE_ORDER.index(p.role)
            )
        ],
        "funding_schemes": [scheme.slug for scheme in project.funding_schemes.all()],
        "keywords": sorted(keyword.name for keyword in project.keywords.all()),
        "co_led_by_partner_in_the_south": project.co_led_by_partner_in_the_south,
        "is_example": project.is_example,
        "updated_at": timezone.localtime(project.updated_at).isoformat(),
    }


def csv_row(item: dict) -> list:
    """The JSON record as one CSV row (lists joined with "; ")."""
    return [
        item["slug"],
        item["url"],
        item["title"]["fr"],
        item["title"]["en"],
        item["acronym"],
        item["status"],
        item["start_date"],
        item["end_date"] or "",
        item["budget_eur"] or "",
        JOIN.join(country["code"] for country in item["countries"]),
        JOIN.join(str(number) for number in item["sdgs"]),
        JOIN.join(item["disciplines"]),
        JOIN.join(f"{p['organisation']} ({p['role']})" for p in item["participations"]),
        JOIN.join(item["funding_schemes"]),
        JOIN.join(item["keywords"]),
        "yes" if item["co_led_by_partner_in_the_south"] else "no",
        "yes" if item["is_example"] else "no",
        item["summary"]["fr"],
        item["summary"]["en"],
        item["updated_at"],
    ]


def csv_lines(records: Iterable[dict]) -> Iterator[str]:
    """The CSV file, a line at a time: a byte-order mark (spreadsheets then read UTF-8), the
    header, one row per project, cells that look like formulas kept as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line(CSV_COLUMNS)
    for item in records:
        yield line(csv_row(item))


def json_parts(records: Iterable[dict], *, count: int, source: str) -> Iterator[str]:
    """The JSON document, a project at a time."""
    head = {
        "version": JSON_VERSION,
        "licence": LICENCE,
        "source": source,
        "generated_at": timezone.localtime().replace(microsecond=0).isoformat(),
        "count": count,
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "projects": ['
    for position, item in enumerate(records):
        yield ("," if position else "") + json.dumps(item, ensure_ascii=False)
    yield "]}"
