"""Content imported from the spreadsheets officers keep, and exported so that it can be edited
and imported back: reading a CSV or XLSX file within limits, the cells people type (`; `-lists,
dates day first or ISO, amounts, references to existing rows by a human key), and a report that
says, for every row as the spreadsheet numbers it, what the import does or why it cannot.

The import itself is django-import-export's (`SpreadsheetResource` is one of its
`ModelResource`s): `import_data(dry_run=...)` in one transaction, rolled back on a dry run or on
any error, so that an error anywhere means nothing is written.

Foundation layer: imports no app of ours; each app writes the resource of its models.
"""

import csv
import datetime
import io
import os
import re
import unicodedata
import zoneinfo
from dataclasses import dataclass
from dataclasses import field as default
from decimal import Decimal, InvalidOperation

import reversion
import tablib
from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    MultipleObjectsReturned,
    ValidationError,
)
from django.db import models
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.fields import Field
from import_export.instance_loaders import CachedInstanceLoader
from import_export.results import RowResult

from .publication import Publishable, may_publish
from .text import FORMULA_STARTS, spreadsheet_safe

#: The largest file imported, and the most rows: beyond, the officer splits the file (or a
#: developer runs the command in steps); a request never reads more.
MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000

#: How the items of a list are written in a cell: `CD; BJ`.
SEPARATOR = "; "

FORMATS = {".csv": "csv", ".xlsx": "xlsx"}


class SpreadsheetRefused(Exception):
    """A file that is not imported at all (too large, too many rows, not CSV or XLSX); the
    message says why, for an officer."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class FormulaCell:
    """An XLSX cell holding a formula: never computed, reported as an error of its cell."""

    def __init__(self, formula):
        self.formula = str(formula)

    def __str__(self) -> str:
        return self.formula


@dataclass
class Sheet:
    """A file read for import: its name, its rows as a tablib `Dataset` (blank rows left
    out), and the number the spreadsheet shows for each of them (the header is row 1)."""

    name: str
    dataset: tablib.Dataset
    row_numbers: list[int]


# Reading --------------------------------------------------------------------------------------


def read_spreadsheet(file, name: str | None = None) -> Sheet:
    """The rows of `file` (a path, or an uploaded or open binary file) for import. Refused with
    `SpreadsheetRefused` before anything is read if larger than `MAX_BYTES`, and as soon as it
    holds more than `MAX_ROWS` rows. A formula cell of an XLSX file becomes a `FormulaCell`."""
    if isinstance(file, str | os.PathLike):
        name = name or os.path.basename(file)
        size = os.path.getsize(file)
        opened = open(file, "rb")  # noqa: SIM115 (closed below)
    else:
        name = name or os.path.basename(getattr(file, "name", "") or "")
        size = getattr(file, "size", None)
        if size is None:
            size = file.seek(0, io.SEEK_END)
            file.seek(0)
        opened = file
    extension = os.path.splitext(name)[1].lower()
    if extension not in FORMATS:
        raise SpreadsheetRefused(
            gettext("“%(name)s” cannot be imported: only CSV and XLSX files can.") % {"name": name}
        )
    if size > MAX_BYTES:
        raise SpreadsheetRefused(
            gettext(
                "“%(name)s” is too large to import (%(size)s MB; at most %(most)s MB). "
                "Split it into several files."
            )
            % {
                "name": name,
                "size": round(size / 1024 / 1024, 1),
                "most": MAX_BYTES // 1024 // 1024,
            }
        )
    try:
        rows = _xlsx_rows(opened) if FORMATS[extension] == "xlsx" else _csv_rows(opened, name)
        return _sheet(name, rows)
    finally:
        if opened is not file:
            opened.close()


def _too_many_rows(name: str) -> SpreadsheetRefused:
    return SpreadsheetRefused(
        gettext(
            "“%(name)s” has more than %(most)s rows: it cannot be imported at once. "
            "Split it into several files."
        )
        % {"name": name, "most": f"{MAX_ROWS:,}".replace(",", " ")}
    )


def _csv_rows(file, name: str):
    data = file.read()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SpreadsheetRefused(
            gettext("“%(name)s” is not UTF-8 text. In your spreadsheet, save it as “CSV UTF-8”.")
            % {"name": name}
        ) from None
    header = text.split("\n", 1)[0]
    # Column names hold neither separator: the header says which one the file uses.
    delimiter = ";" if header.count(";") > header.count(",") else ","
    yield from csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _xlsx_rows(file):
    from openpyxl import load_workbook

    try:
        # Formulas as written (never computed): a cell holding one is reported, not read.
        workbook = load_workbook(file, read_only=True, data_only=False)
    except Exception:
        raise SpreadsheetRefused(
            gettext("This file cannot be read as an XLSX workbook. Save it again as “.xlsx”.")
        ) from None
    try:
        for cells in workbook.worksheets[0].iter_rows():
            yield [
                FormulaCell(cell.value)
                if getattr(cell, "data_type", None) == "f"
                else getattr(cell, "value", None)
                for cell in cells
            ]
    finally:
        workbook.close()


def _sheet(name: str, rows) -> Sheet:
    rows = iter(rows)
    try:
        header = [str(value or "").strip() for value in next(rows)]
    except StopIteration:
        raise SpreadsheetRefused(gettext("“%(name)s” is empty.") % {"name": name}) from None
    while header and not header[-1]:
        header.pop()
    width = len(header)
    dataset = tablib.Dataset(headers=header)
    row_numbers = []
    for number, values in enumerate(rows, start=2):
        values = list(values)[:width]
        if all(value is None or str(value).strip() == "" for value in values):
            continue
        if len(row_numbers) >= MAX_ROWS:
            raise _too_many_rows(name)
        dataset.append(values + [None] * (width - len(values)))
        row_numbers.append(number)
    return Sheet(name=name, dataset=dataset, row_numbers=row_numbers)


# Cells ----------------------------------------------------------------------------------------


def split_list(value) -> list[str]:
    """The items of a `; `-separated cell, without blanks: "CD; BJ;" is ["CD", "BJ"]."""
    if value is None:
        return []
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return [item.strip() for item in str(value).split(";") if item.strip()]


def join_list(items) -> str:
    return SEPARATOR.join(str(item) for item in items)


def normalized(text) -> str:
    """A name as compared when looked up: case and runs of spaces ignored."""
    return " ".join(str(text or "").split()).casefold()


DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def parse_date(value) -> datetime.date | None:
    """A date typed day first (`31/03/2027`, also with dots or dashes) or ISO (`2027-03-31`),
    or read from a date cell. Blank is None; anything else raises ValueError in words."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    # A date cell read as text with a time ("2027-03-31 00:00:00").
    text = re.sub(r"[ T]00:00(:00)?$", "", text)
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, date_format).date()
        except ValueError:
            continue
    raise ValueError(
        gettext("%(value)s is not a date (write it as 31/03/2027 or 2027-03-31)") % {"value": text}
    )


def blank_as_empty(value):
    """A value as compared to tell a changed row: a blank translation is NULL in one row and ""
    in another (modeltranslation's fields allow both), and the cells say the same."""
    return "" if value is None else value


def without_neutralising_apostrophe(text: str) -> str:
    """Text as typed, without the apostrophe an export put before what reads as a formula
    (`spreadsheet_safe`), so that an exported file imports back unchanged."""
    if text.startswith("'") and text[1:].startswith(FORMULA_STARTS):
        return text[1:]
    return text


# Widgets: a cell's value to a Python value and back -------------------------------------------


class TextWidget(widgets.CharWidget):
    """Text: trimmed, blank as "", a number read from a spreadsheet as it shows (`2024`, not
    `2024.0`)."""

    def clean(self, value, row=None, **kwargs):
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return without_neutralising_apostrophe(str(value).strip())


class DateWidget(widgets.Widget):
    """A date, day first or ISO (`parse_date`); exported as ISO, which no spreadsheet reads the
    wrong way round."""

    def clean(self, value, row=None, **kwargs):
        return parse_date(value)

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class AmountWidget(widgets.Widget):
    """An amount: `12500`, `12 500,50` or `12,500.50`; exported as `12500.50`."""

    def clean(self, value, row=None, **kwargs):
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, int | float | Decimal):
            return Decimal(str(value))
        text = re.sub(r"[\s\u00a0\u202f€]", "", str(value))
        if "," in text and "." in text:
            text = text.replace(",", "") if text.rfind(".") > text.rfind(",") else text
            text = text.replace(".", "").replace(",", ".") if "," in text else text
        else:
            text = text.replace(",", ".")
        try:
            return Decimal(text)
        except InvalidOperation:
            raise ValueError(
                gettext("%(value)s is not an amount (write it as 12500 or 12500,50)")
                % {"value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        # With its cents, as the database keeps it: a row that types `1500` changes nothing
        # of a row that has 1500.00, and the preview does not call it changed.
        return "" if value is None else f"{Decimal(value):.2f}"


def plain(text) -> str:
    """A code or label as compared when looked up: without accents, case, hyphens or runs of
    spaces, so that "Mobilité individuelle", "mobilite individuelle" and
    "individual-mobility" read as typed."""
    decomposed = unicodedata.normalize("NFKD", str(text or "").casefold())
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(re.sub(r"[-_·'\u2019]", " ", letters).split())


def spellings(label) -> list[str]:
    """The ways a label is typed, in each language: "Étudiant·e de master" also as
    "Étudiante de master" and "Étudiant de master"."""
    found = []
    for language in ("fr", "en"):
        with translation.override(language):
            text = str(label)
        found += [text, text.replace("·", ""), re.sub(r"·\w+", "", text)]
    return found


def in_words(choices) -> str:
    """The choices of a column as the error of an unknown one lists them: code (label)."""
    return ", ".join(f"{code} ({label})" for code, label in choices)


class ChoiceWidget(widgets.Widget):
    """One of the `choices` of a field (a `TextChoices`): its code or its label in French or
    English, case and accents ignored; exported as the code. A blank cell is `default` (the
    field's default where it has one; else blank, which the model refuses if required)."""

    def __init__(self, choices, default=""):
        super().__init__()
        self.choices = choices
        self.default = default
        self._index = None

    def index(self) -> dict:
        if self._index is None:
            self._index = {}
            for code, label in self.choices.choices:
                for key in [code, *spellings(label)]:
                    self._index[plain(key)] = code
        return self._index

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip()
        if not text:
            return self.default
        code = self.index().get(plain(text))
        if code is None:
            raise ValueError(
                gettext("`%(value)s` is not one of: %(choices)s")
                % {"value": text, "choices": in_words(self.choices.choices)}
            )
        return code

    def render(self, value, obj=None, **kwargs):
        return value or ""


YES = {"oui", "yes", "true", "vrai", "1", "x", "o", "y"}
NO = {"non", "no", "false", "faux", "0", "n"}


class YesNoWidget(widgets.Widget):
    """A ticked box: yes or no in either language (oui, non, yes, no, true, false, 1, 0, or an
    `x` for yes; a checkbox cell's TRUE and FALSE); a blank cell is no, as an unticked box.
    Exported as yes or no."""

    def clean(self, value, row=None, **kwargs):
        if value is None or isinstance(value, bool):
            return bool(value)
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        text = plain(value).removesuffix(".0")
        if text in YES:
            return True
        if not text or text in NO:
            return False
        raise ValueError(
            gettext("`%(value)s` is neither yes nor no (write oui or non, yes or no)")
            % {"value": value}
        )

    def render(self, value, obj=None, **kwargs):
        return "yes" if value else "no"


class WebsiteWidget(TextWidget):
    """An address; without its scheme (`www.example.org`) it is taken as https, as the admin's
    forms do."""

    def clean(self, value, row=None, **kwargs):
        text = super().clean(value, row, **kwargs)
        if text and "://" not in text:
            text = f"https://{text}"
        return text


#: An index value for a key that names several rows.
AMBIGUOUS = object()


class References:
    """Existing rows named by a human key (a country's code, a scheme's slug or French name).
    An unknown key is an error naming it: nothing is ever created implicitly.

    A subclass says how its rows are known (`keys_of`), how they are written (`key_of`) and
    what an unknown one is called (`unknown`). The rows are read once per import."""

    def keys_of(self, obj) -> list[str]:
        raise NotImplementedError

    def key_of(self, obj) -> str:
        raise NotImplementedError

    def unknown(self, key: str) -> str:
        raise NotImplementedError

    def ambiguous(self, key: str) -> str:
        return gettext("`%(key)s` names several; use its slug") % {"key": key}

    def identity(self, item):
        """What two equal items share, to tell an unchanged list from a changed one."""
        return item.pk

    def index(self) -> dict:
        if self._index is None:
            index = {}
            queryset = self.queryset if self.queryset is not None else self.model.objects.all()
            for obj in queryset:
                for key in {normalized(key) for key in self.keys_of(obj) if key}:
                    index[key] = AMBIGUOUS if key in index and index[key] != obj else obj
            self._index = index
        return self._index

    def find(self, key: str):
        """The row `key` names, or raise ValueError with the message for an officer."""
        found = self.index().get(normalized(key))
        if found is None:
            raise ValueError(self.unknown(key))
        if found is AMBIGUOUS:
            raise ValueError(self.ambiguous(key))
        return found


class ReferenceListWidget(References, widgets.ManyToManyWidget):
    """A `; `-list of existing rows named by a human key (`References`): `CD; BJ`."""

    def __init__(self, model, queryset=None):
        super().__init__(model, separator=SEPARATOR)
        self.queryset = queryset
        self._index = None

    def clean(self, value, row=None, **kwargs):
        items, problems = [], []
        for key in split_list(value):
            try:
                item = self.find(key)
            except ValueError as error:
                problems.append(str(error))
                continue
            if self.identity(item) not in {self.identity(other) for other in items}:
                items.append(item)
        if problems:
            raise ValueError("; ".join(problems))
        return items

    def items(self, value) -> list:
        if value is None:
            return []
        if hasattr(value, "all"):
            try:
                return list(value.all())
            except ValueError:  # the links of an object not saved yet
                return []
        return list(value)

    def render(self, value, obj=None, **kwargs):
        return join_list(sorted(self.key_of(item) for item in self.items(value)))


class ReferenceWidget(References, widgets.ForeignKeyWidget):
    """One existing row named by a human key (`References`), or none for a blank cell: a
    foreign key (an organisation's country, a scheme's funder)."""

    def __init__(self, model, queryset=None):
        super().__init__(model)
        self.queryset = queryset
        self._index = None

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        key = str(value or "").strip()
        return self.find(key) if key else None

    def render(self, value, obj=None, **kwargs):
        return self.key_of(value) if value is not None else ""


class SlugOrNameWidget(ReferenceListWidget):
    """Rows known by slug or name in either language (`name_fr`, `name_en`); written by slug,
    unique and stable."""

    def keys_of(self, obj):
        return [obj.slug, obj.name_fr, obj.name_en]

    def key_of(self, obj):
        return obj.slug


def parse_date_time(value) -> datetime.datetime | None:
    """A date and time in Brussels time (the site's time zone, as the admin reads them): day
    first (`31/03/2027 12:00`) or ISO (`2027-03-31 12:00`), or a date-time cell; a date alone
    is midnight. Blank is None; anything else raises ValueError in words. Returned aware."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime.datetime):
        moment = value
    elif isinstance(value, datetime.date):
        moment = datetime.datetime.combine(value, datetime.time())
    else:
        text = " ".join(str(value).split())
        moment = None
        date_part, _space, time_part = text.partition(" ")
        if "T" in date_part:
            date_part, _t, time_part = date_part.partition("T")
        time_part = re.sub(r"^(\d{1,2})[h:.](\d{2})", r"\1:\2", time_part.strip())
        if re.fullmatch(r"\d{1,2}h", time_part):
            time_part = time_part[:-1] + ":00"
        try:
            day = parse_date(date_part)
            hours = (
                datetime.datetime.strptime(
                    time_part[:8], "%H:%M:%S" if time_part.count(":") == 2 else "%H:%M"
                ).time()
                if time_part
                else datetime.time()
            )
            moment = datetime.datetime.combine(day, hours)
        except (ValueError, TypeError):
            raise ValueError(
                gettext(
                    "%(value)s is not a date and time (write it as 31/03/2027 12:00 or "
                    "2027-03-31 12:00, Brussels time)"
                )
                % {"value": text}
            ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return moment


def in_brussels(moment) -> str:
    """A moment as an error message says it: `31/03/2027 12:00`, Brussels time."""
    return timezone.localtime(moment, zoneinfo.ZoneInfo(settings.TIME_ZONE)).strftime(
        "%d/%m/%Y %H:%M"
    )


class DateTimeWidget(widgets.Widget):
    """A date and time in Brussels time (`parse_date_time`); exported as `2027-03-31 12:00`,
    Brussels time, as the admin shows it."""

    def clean(self, value, row=None, **kwargs):
        return parse_date_time(value)

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        local = timezone.localtime(value, zoneinfo.ZoneInfo(settings.TIME_ZONE))
        return local.strftime("%Y-%m-%d %H:%M:%S" if local.second else "%Y-%m-%d %H:%M")


def column(name: str, widget=None) -> Field:
    """A column of the file for the model's field of the same name (text unless `widget`
    says otherwise)."""
    return Field(attribute=name, column_name=name, widget=widget or TextWidget())


def is_links(field) -> bool:
    return isinstance(field.widget, widgets.ManyToManyWidget)


# The report ----------------------------------------------------------------------------------


@dataclass
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if self.column:
            return gettext("row %(row)s, column `%(column)s`: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return gettext("row %(row)s: %(message)s") % {"row": self.row, "message": self.message}


CREATED, UPDATED, SKIPPED, ERROR = "created", "updated", "skipped", "error"


@dataclass
class RowReport:
    row: int
    action: str
    name: str = ""
    changed: list[str] = default(default_factory=list)
    errors: list[CellError] = default(default_factory=list)

    def __str__(self) -> str:
        if self.action == ERROR:
            return "\n".join(str(error) for error in self.errors)
        text = {
            CREATED: gettext("row %(row)s: new, “%(name)s”"),
            UPDATED: gettext("row %(row)s: changes “%(name)s” (%(changed)s)"),
            SKIPPED: gettext("row %(row)s: “%(name)s” unchanged"),
        }[self.action]
        return text % {"row": self.row, "name": self.name, "changed": ", ".join(self.changed)}


@dataclass
class ImportReport:
    """What an import did, or would do (a dry run): every row, and the errors of the file."""

    file_name: str
    dry_run: bool
    rows: list[RowReport] = default(default_factory=list)
    file_errors: list[str] = default(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def errors(self) -> list[CellError]:
        return [error for row in self.rows for error in row.errors]

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(row.action == ERROR for row in self.rows)

    @property
    def written(self) -> bool:
        return not self.dry_run and not self.has_errors

    def summary(self) -> str:
        counts = {
            "created": self.count(CREATED),
            "updated": self.count(UPDATED),
            "skipped": self.count(SKIPPED),
        }
        if self.has_errors:
            errors = len(self.errors) + len(self.file_errors)
            return ngettext(
                "%(errors)s error: nothing was imported. Correct the file and import it again.",
                "%(errors)s errors: nothing was imported. Correct the file and import it again.",
                errors,
            ) % {"errors": errors}
        if self.dry_run:
            return (
                gettext(
                    "Ready to import: %(created)s new, %(updated)s changed, %(skipped)s "
                    "unchanged. Nothing has been written yet."
                )
                % counts
            )
        return gettext("Imported: %(created)s new, %(updated)s changed, %(skipped)s unchanged.") % (
            counts
        )

    def lines(self) -> list[str]:
        return [
            *self.file_errors,
            *(str(row) for row in self.rows),
            self.summary(),
        ]


# The resource ---------------------------------------------------------------------------------


class ImportDiff:
    """Each row's values as exported, before and after: which columns the row changes."""

    def __init__(self, resource, instance, new):
        self.resource = resource
        self.before = resource.exported_values(instance) if not new else {}
        self.after = {}
        resource._diff = self

    def compare_with(self, resource, instance):
        self.after = resource.exported_values(instance) if instance is not None else {}

    def changed(self) -> list[str]:
        return [
            column for column, value in self.after.items() if self.before.get(column, "") != value
        ]

    def as_html(self):  # pragma: no cover - the admin's preview builds its own
        return []


class SpreadsheetResource(resources.ModelResource):
    """A model imported from and exported to spreadsheets (`import_sheet`, `export`).

    - Rows match existing rows by `import_id_fields` (`slug`): importing a file twice
      changes nothing the second time.
    - Every error is a `ValidationError` keyed by its column, reported with its row.
    - The model's `full_clean()` runs on every row (`clean_model_instances`), then the rules
      of its admin form (`check_row`, for the subclass to extend).
    - New `Publishable` rows are drafts (the default; `publication_status` is no column).
    - Each row created or changed is a version in the history (django-reversion), with who
      imported it and a comment naming the file; an unchanged row is none.
    - Exported text that a spreadsheet would read as a formula is neutralised
      (`spreadsheet_safe`); the apostrophe is removed again on import.
    """

    class Meta:
        import_id_fields = ["slug"]
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True
        skip_html_diff = True
        store_instance = True
        instance_loader_class = CachedInstanceLoader

    def __init__(self, user=None, comment: str = "", progress=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.comment = comment
        self.progress = progress
        self._diff = None
        self._total = 0
        self._slug_rows = {}
        self._row_numbers = []

    # What the columns hold -------------------------------------------------------------------

    #: {column: what it holds}, for the import page and the template's "Notes" sheet.
    column_notes: dict = {}
    #: How a row finds the object it changes, said to officers.
    matching_note = _(
        "A row with the slug of an existing object changes it; any other row adds a new one."
    )

    def columns(self) -> list[str]:
        return [field.column_name for field in self.get_import_fields()]

    def notes(self) -> list:
        """What else officers should know of a file of this model (for the import page and the
        template's "Notes")."""
        if issubclass(self._meta.model, Publishable):
            return [
                _(
                    "New rows arrive as drafts, for an officer to publish; an update leaves "
                    "a row draft or published as it is. Only a cooperation officer may change "
                    "published content."
                )
            ]
        return []

    def example_row(self) -> dict[str, str]:
        """A row of the template that imports cleanly here: its references are rows of this
        database ({column: cell})."""
        return {}

    def written_as(self, column: str, obj, names, found=lambda item: item) -> str:
        """The first of `names` that the widget of `column` reads back as `obj`, else its
        slug: how the template's example names an existing row."""
        widget = self.fields[column].widget
        for name in names:
            try:
                if name and found(widget.find(name)) == obj:
                    return name
            except ValueError:
                continue
        return obj.slug

    # Import ----------------------------------------------------------------------------------

    def import_sheet(self, sheet: Sheet, *, dry_run: bool) -> ImportReport:
        """Import `sheet` in one transaction (rolled back on a dry run or any error)."""
        if not self.comment:
            self.comment = gettext("Imported from %(file)s") % {"file": sheet.name}
        self._total = len(sheet.dataset)
        self._row_numbers = sheet.row_numbers
        report = ImportReport(file_name=sheet.name, dry_run=dry_run)
        missing = [
            column
            for column in self.required_columns()
            if column not in (sheet.dataset.headers or [])
        ]
        if missing:
            report.file_errors.append(
                gettext("The file has no column %(columns)s (row 1 names the columns).")
                % {"columns": ", ".join(f"`{column}`" for column in missing)}
            )
            return report
        unknown = [
            header
            for header in sheet.dataset.headers
            if header not in {field.column_name for field in self.get_import_fields()}
        ]
        if unknown:
            report.file_errors.append(
                gettext("Unknown column %(columns)s; the columns are: %(known)s.")
                % {
                    "columns": ", ".join(f"`{column}`" for column in unknown),
                    "known": ", ".join(field.column_name for field in self.get_import_fields()),
                }
            )
            return report
        result = self.import_data(
            self.prepared(sheet.dataset),
            dry_run=dry_run,
            use_transactions=True,
            rollback_on_validation_errors=True,
        )
        for error in result.base_errors:
            report.file_errors.append(
                gettext("The import stopped: %(error)s") % {"error": error.error}
            )
        for index, row_result in enumerate(result.rows):
            report.rows.append(self.row_report(self.spreadsheet_row(index + 1), row_result))
        if report.has_errors and not dry_run:
            # Nothing was written: what went wrong is the news.
            report.rows = [row for row in report.rows if row.action == ERROR]
        return report

    #: The column a blank slug is made from, as the admin prefills it (`prepopulated_fields`).
    slug_from = None

    def prepared(self, dataset: tablib.Dataset) -> tablib.Dataset:
        """`dataset` with each blank slug made from its `slug_from` column: the same file
        makes the same slugs, so importing it again finds the rows it created."""
        headers = dataset.headers
        if not self.slug_from or "slug" not in headers or self.slug_from not in headers:
            return dataset
        slug_at, source_at = headers.index("slug"), headers.index(self.slug_from)
        prepared = tablib.Dataset(headers=headers)
        for values in dataset:
            values = list(values)
            if not str(values[slug_at] or "").strip() and isinstance(values[source_at], str):
                values[slug_at] = slugify(values[source_at])[:200]
            prepared.append(values)
        return prepared

    def required_columns(self) -> list[str]:
        return list(self.get_import_id_fields())

    def spreadsheet_row(self, number: int) -> int:
        """The number the spreadsheet shows for the dataset's row `number` (from 1)."""
        if 0 < number <= len(self._row_numbers):
            return self._row_numbers[number - 1]
        return number + 1

    def row_report(self, row: int, row_result) -> RowReport:
        if row_result.import_type == RowResult.IMPORT_TYPE_INVALID:
            errors = []
            error_dict = getattr(row_result.validation_error, "error_dict", None)
            if error_dict is None:
                error_dict = {NON_FIELD_ERRORS: row_result.validation_error.messages}
            seen = set()
            for key, messages in error_dict.items():
                column = self.column_of(key)
                for message in ValidationError(messages).messages:
                    if (column, message) not in seen:
                        seen.add((column, message))
                        errors.append(CellError(row, column, message))
            return RowReport(row, ERROR, errors=errors)
        if row_result.import_type == RowResult.IMPORT_TYPE_ERROR:
            errors = [
                CellError(row, "", gettext("could not be saved (%(error)s)") % {"error": e.error})
                for e in row_result.errors
            ]
            return RowReport(row, ERROR, errors=errors)
        action = {
            RowResult.IMPORT_TYPE_NEW: CREATED,
            RowResult.IMPORT_TYPE_UPDATE: UPDATED,
        }.get(row_result.import_type, SKIPPED)
        return RowReport(
            row,
            action,
            name=row_result.object_repr or "",
            changed=getattr(row_result, "changed", []) if action == UPDATED else [],
        )

    def column_of(self, key: str) -> str:
        """The column of an error of the model's field `key` ("" for the whole row)."""
        if key == NON_FIELD_ERRORS:
            return ""
        columns = {field.column_name for field in self.get_import_fields()}
        if key in columns:
            return key
        # `title` is checked as its column in the default language (`title_fr`).
        in_default_language = f"{key}_{settings.LANGUAGE_CODE[:2]}"
        return in_default_language if in_default_language in columns else key

    def get_diff_class(self):
        return ImportDiff

    def exported_values(self, instance) -> dict:
        return {
            field.column_name: self.export_field(field, instance)
            for field in self.get_import_fields()
        }

    def import_row(self, row, instance_loader, **kwargs):
        # A version of its own for every row (as the admin's bulk actions do), so that
        # restoring one project restores nothing else.
        # Managed by hand: the row is added once its links are saved (`after_import_row`), not
        # again at each save of a link.
        with reversion.create_revision(manage_manually=True, atomic=False):
            reversion.set_user(self.user)
            reversion.set_comment(self.comment)
            row_result = super().import_row(row, instance_loader, **kwargs)
        if self.progress is not None:
            self.progress(kwargs.get("row_number") or 0, self._total)
        return row_result

    def get_instance(self, instance_loader, row):
        """The row's existing object, or None for a new one. A key cell that names nothing
        (an unknown scheme, a time that is no time) leaves the row new, for the error of its
        column (`import_instance`); a key that names several objects is an error of the row."""
        try:
            return super().get_instance(instance_loader, row)
        except ValueError:
            return None
        except MultipleObjectsReturned:
            columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
            raise ValidationError(
                gettext(
                    "several existing rows have these %(columns)s: tell them apart in the admin "
                    "first"
                )
                % {"columns": ", ".join(f"`{column}`" for column in columns)}
            ) from None

    def before_import_row(self, row, **kwargs):
        self._diff = None

    def import_instance(self, instance, row, **kwargs):
        """Every column of the row on `instance` (its links kept for `save_m2m`), each error
        keyed by its column; then the rules of the row (`check_row`)."""
        errors = {}
        instance._imported_links = {}
        for field in self.get_import_fields():
            column = field.column_name
            if field.readonly or column not in row:
                continue
            if isinstance(row[column], FormulaCell):
                errors[column] = gettext(
                    "holds a formula (%(formula)s); formulas are not imported: type the value "
                    "itself"
                ) % {"formula": row[column]}
                continue
            try:
                if is_links(field):
                    instance._imported_links[column] = field.clean(row, **kwargs)
                else:
                    self.import_field(field, instance, row, **kwargs)
            except ValueError as error:
                errors[column] = str(error)
        id_columns = [self.fields[name].column_name for name in self.get_import_id_fields()]
        key = tuple(str(row.get(column) or "").strip() for column in id_columns)
        here = self.spreadsheet_row(kwargs.get("row_number") or 0)
        first = self._slug_rows.setdefault(key, here)
        if first != here and all(key):
            errors[id_columns[0]] = gettext(
                "`%(value)s` is also on row %(row)s: each row must name another one"
            ) % {"value": "; ".join(key), "row": first}
        new = instance.pk is None
        for column, message in self.check_row(instance, new, row).items():
            errors.setdefault(column, message)
        if errors:
            raise ValidationError(
                {column: ValidationError(message) for column, message in errors.items()}
            )

    def check_row(self, instance, new: bool, row) -> dict[str, str]:
        """The rules of the admin beyond the model's `full_clean()`: {column: message}, for
        the subclass to extend. Here the lengths of long texts (a summary): the admin's form
        holds them to the field's `max_length`, which the database does not for a TextField."""
        problems = {}
        for field in self.get_import_fields():
            try:
                model_field = instance._meta.get_field(field.attribute)
            except FieldDoesNotExist:
                continue
            longest = getattr(model_field, "max_length", None)
            if not isinstance(model_field, models.TextField) or not longest:
                continue
            length = len(getattr(instance, field.attribute) or "")
            if length > longest:
                problems[field.column_name] = gettext(
                    "at most %(longest)s characters (it has %(length)s)"
                ) % {"longest": longest, "length": length}
        return problems

    def publisher_problem(self, instance, new: bool) -> str | None:
        """Why the user may not make this change, or None. Content the public sees may be
        changed only by who may publish (as in the admin). Asked only of rows that change
        something: an editor may import back an export that holds published rows, unchanged.
        A subclass whose rows show on a published page (a scheme's calls) extends it."""
        if (
            not new
            and self.user is not None
            and isinstance(instance, Publishable)
            and instance.is_published
            and not may_publish(self.user, type(instance))
        ):
            return gettext("“%(name)s” is published: only a cooperation officer may change it") % {
                "name": type(instance)._default_manager.get(pk=instance.pk)
            }
        return None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        problem = self.publisher_problem(instance, instance.pk is None)
        if problem:
            errors.setdefault(NON_FIELD_ERRORS, []).append(ValidationError(problem))
        super().validate_instance(instance, errors, validate_unique)

    def save_m2m(self, instance, row, **kwargs):
        for field in self.get_import_fields():
            if is_links(field) and field.column_name in instance._imported_links:
                self.save_links(field, instance, instance._imported_links[field.column_name])

    def save_links(self, field, instance, items) -> None:
        """Link `instance` to `items`, the cleaned value of the column of `field`; the related
        manager's `set()` changes only the difference."""
        getattr(instance, field.attribute).set(items)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or original is None or original.pk is None:
            return False
        for field in self.get_import_fields():
            if field.column_name not in row:
                continue
            if is_links(field):
                incoming = instance._imported_links.get(field.column_name, [])
                current = field.widget.items(field.get_value(original))
                identity = field.widget.identity
                if {identity(item) for item in incoming} != {identity(item) for item in current}:
                    return False
            elif blank_as_empty(field.get_value(instance)) != blank_as_empty(
                field.get_value(original)
            ):
                return False
        return True

    def after_import_row(self, row, row_result, **kwargs):
        if self._diff is not None:
            row_result.changed = self._diff.changed()
        if row_result.import_type in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE):
            instance = row_result.instance
            if instance is not None and reversion.is_registered(type(instance)):
                # Again, now that its links are saved: the version holds them too.
                reversion.add_to_revision(instance)

    # Export ----------------------------------------------------------------------------------

    def export_field(self, field, instance, **kwargs):
        return spreadsheet_safe(super().export_field(field, instance, **kwargs))
