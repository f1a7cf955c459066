"""Open data: every public list as CSV and JSON, `/<list>/export.csv?<the list's filters>`.

Each list says what it exports in a `ListExport` of its app (projects/exports.py,
funding/exports.py, partners/exports.py, events/exports.py); this module reads the filters,
streams the file and answers 400 to filters it does not understand. An export uses the very
filter set of its list, so the export of a list's address holds exactly that list's objects,
every page of them, in its order.

Rows are read CHUNK at a time by id and streamed: a list of any length takes the memory of
one chunk (and of its ids).

The JSON documents share one envelope (a change of shape changes `version`; the open-data page
documents each list's records):

    {"version": 1, "licence": "CC BY 4.0", "licence_url": "...", "source": "<the list's address>",
     "generated_at": "2026-12-04T06:00:00+01:00", "count": 2, "<name>": [<record>, ...]}

Dates and times are ISO 8601, times with their offset. The CSV files are UTF-8 with a
byte-order mark (spreadsheets then read the accents), a header row, lists joined with "; ",
and cells that would start a formula kept as text.

Foundation layer: imports no app of ours.
"""

import csv
import io
import json
from collections.abc import Iterable, Iterator, Sequence

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404, JsonResponse, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.views import View

from .listing import ListFilterSet, bad_filters_response
from .liveness import still_working
from .text import spreadsheet_safe

JSON_VERSION = 1
#: How many objects are read at a time.
CHUNK = 500
#: Lists in one CSV cell.
JOIN = "; "


def joined(values: Iterable) -> str:
    return JOIN.join(str(value) for value in values)


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def moment(value) -> str | None:
    """A date-time as ISO 8601 with its offset, in the portal's time zone (None stays None)."""
    return timezone.localtime(value).isoformat() if value is not None else None


def day(value) -> str | None:
    return value.isoformat() if value is not None else None


def amount(value) -> str | None:
    """A sum of money as a decimal string ("12500.00"): JSON numbers would round it."""
    return None if value is None else str(value)


def by_code(countries) -> list[dict]:
    return [
        {"code": country.code, "name": country.name}
        for country in sorted(countries, key=lambda c: c.code)
    ]


class ListExport:
    """What one list exports, and how: the subclass of each app says which filter set chooses
    the objects, how a chunk of them is read, and what a record and a CSV row hold. One
    instance answers one request (`request` may be None outside one: URLs are then relative)."""

    #: The JSON key of the records and the files' name ("projects", "funding_schemes").
    name: str
    #: The JSON key of one record (`<slug>.json`): "project".
    item_name: str
    #: What each key of a record means, for the open-data page (a test checks that every key
    #: is described): {key: description}.
    fields: dict
    #: The list's URL name, the `source` of a JSON document.
    list_url_name: str
    #: The CSV header.
    columns: Sequence[str]

    def __init__(self, request=None):
        self.request = request
        #: One moment for the filters, the order and the statuses, as the list has.
        self.at = timezone.now()

    def absolute_url(self, path: str) -> str:
        return self.request.build_absolute_uri(path) if self.request else path

    def filterset(self) -> ListFilterSet:
        raise NotImplementedError

    def ids(self, filterset) -> Sequence[int]:
        """The ids of every object the list shows for these filters, in its order."""
        return list(filterset.qs.values_list("pk", flat=True))

    def queryset(self) -> QuerySet:
        """The objects with everything a record says of them (relations prefetched)."""
        raise NotImplementedError

    def annotate_chunk(self, objects: list) -> None:
        """Add what is counted for a chunk at once (e.g. the projects of organisations)."""

    def record(self, obj) -> dict:
        raise NotImplementedError

    def csv_row(self, record: dict) -> list:
        raise NotImplementedError

    def objects(self, ids: Sequence[int]) -> Iterator:
        """The objects of `ids`, in that order, CHUNK at a time: a chunk is let go before the
        next is read, so that only one is ever in memory, and the server is told after each
        that the response is making progress."""
        for start in range(0, len(ids), CHUNK):
            chunk = self.chunk([int(pk) for pk in ids[start : start + CHUNK]])
            yield from chunk
            del chunk
            # Minutes of streaming for 100,000 projects: busy, not stuck (see liveness).
            still_working()

    def chunk(self, wanted: list[int]) -> list:
        found = {obj.pk: obj for obj in self.queryset().filter(pk__in=wanted).order_by()}
        chunk = [found[pk] for pk in wanted if pk in found]
        self.annotate_chunk(chunk)
        return chunk

    def records(self, ids: Sequence[int]) -> Iterator[dict]:
        return map(self.record, self.objects(ids))

    def source(self, filterset) -> str:
        """The address of the list the export holds."""
        query = filterset.valid_query().urlencode()
        return self.absolute_url(reverse(self.list_url_name)) + (f"?{query}" if query else "")


def csv_lines(columns: Sequence[str], rows: Iterable[list]) -> Iterator[str]:
    """A CSV file, a line at a time: a byte-order mark (spreadsheets then read UTF-8), the
    header, the rows, cells that look like formulas kept as text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(cells) -> str:
        writer.writerow([spreadsheet_safe("" if cell is None else cell) for cell in cells])
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    yield "\ufeff" + line(columns)
    for row in rows:
        yield line(row)


def envelope(source: str) -> dict:
    """What every JSON document of the open data starts with."""
    return {
        "version": JSON_VERSION,
        "licence": settings.OPEN_DATA_LICENCE,
        "licence_url": settings.OPEN_DATA_LICENCE_URL,
        "source": source,
        "generated_at": timezone.localtime().replace(microsecond=0).isoformat(),
    }


def json_parts(name: str, records: Iterable[dict], *, count: int, source: str) -> Iterator[str]:
    """A JSON document of the open-data envelope, a record at a time."""
    head = {**envelope(source), "count": count}
    yield json.dumps(head, ensure_ascii=False)[:-1] + f", {json.dumps(name)}: ["
    for position, item in enumerate(records):
        yield ("," if position else "") + json.dumps(item, ensure_ascii=False)
    yield "]}"


class ListExportView(View):
    """A list's objects for the request's filters, as CSV or JSON, streamed. Filters it does not
    understand answer 400 (it has no page to show the error on, and ignoring them would give
    more than was asked)."""

    http_method_names = ["get", "head", "options"]
    export_class: type[ListExport] | None = None
    format = "csv"  # or "json"

    def get(self, request, *args, **kwargs):
        export = self.export_class(request)
        filterset = export.filterset()
        if filterset.form.errors:
            return bad_filters_response(filterset)
        ids = export.ids(filterset)
        records = export.records(ids)
        if self.format == "csv":
            lines = csv_lines(export.columns, map(export.csv_row, records))
            response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        else:
            parts = json_parts(
                export.name, records, count=len(ids), source=export.source(filterset)
            )
            response = StreamingHttpResponse(parts, content_type="application/json; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{export.name}.{self.format}"'
        # Anyone may read the portal's open data from a page of their own.
        response["Access-Control-Allow-Origin"] = "*"
        return response


class RecordView(View):
    """One object of a list as JSON, `<slug>.json`: the record its list's export gives, in the
    same envelope. Only what is published."""

    http_method_names = ["get", "head", "options"]
    export_class: type[ListExport] | None = None

    def get(self, request, slug: str):
        export = self.export_class(request)
        pk = export.queryset().filter(slug=slug).values_list("pk", flat=True).first()
        if pk is None:
            raise Http404(gettext("Nothing public has this address."))
        record = next(export.records([pk]))
        document = {**envelope(record["url"]), export.item_name: record}
        response = JsonResponse(document, json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
        return response


def export_urls(export_class: type[ListExport]):
    """The addresses of a list's open data, for the app's urls.py, before the objects' own
    slugs: `export.csv` and `export.json` (named `export_csv`, `export_json`) and
    `<slug>.json` (named `record`)."""
    return [
        *(
            path(
                f"export.{format_}",
                ListExportView.as_view(export_class=export_class, format=format_),
                name=f"export_{format_}",
            )
            for format_ in ("csv", "json")
        ),
        path("<slug:slug>.json", RecordView.as_view(export_class=export_class), name="record"),
    ]
