"""The admin's side of the spreadsheets (cooperation_portal.spreadsheets): on the change list of a
model with a `SpreadsheetResource`, an "Import" page with its preview row by row and its
"Confirm", the import templates (XLSX with a "Notes" sheet, and CSV), and the export of the
change list (its filters and search) or of a selection, in the columns of the import, so that
an export can be edited and imported back.

Foundation layer: imports no app of ours. An app's admin mixes `SpreadsheetAdminMixin` in
and names its resource (`resource_class`); the resource says what its columns hold
(`column_notes`), how its rows are matched (`matching_note`) and gives the template's example
row (`example_row`).
"""

import io
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

import tablib
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .liveness import still_working
from .publication import Publishable
from .spreadsheets import (
    CREATED,
    ERROR,
    MAX_BYTES,
    MAX_ROWS,
    SKIPPED,
    UPDATED,
    SpreadsheetRefused,
    read_spreadsheet,
)

#: Where an uploaded file waits between its preview and the officer's "Confirm": a folder of
#: the server's temporary files that only the portal's user may read, never under MEDIA_ROOT
#: (which the web server publishes). Each file is named by a random token that the uploader's
#: session alone holds, and deleted once imported, or after `KEEP_UPLOADS_FOR` if the officer
#: never confirms.
UPLOADS = "cooperation-portal-imports"
KEEP_UPLOADS_FOR = 24 * 60 * 60
#: The session's {token: uploaded file's name} of the imports awaiting confirmation.
SESSION_UPLOADS = "spreadsheet_imports"
#: How many previews a session keeps ready to confirm (several tabs); older ones are dropped.
KEPT_PER_SESSION = 5
TOKEN = re.compile(r"^[0-9a-f]{32}$")

SPREADSHEET_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

#: What a row will do, as the preview says it.
OUTCOMES = {
    CREATED: _("new, as a draft"),
    UPDATED: _("changed"),
    SKIPPED: _("unchanged"),
    ERROR: _("error"),
}


class SpreadsheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (CSV or XLSX)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def uploads_folder() -> Path:
    """The folder of files awaiting confirmation, made readable by the portal's user only."""
    folder = Path(tempfile.gettempdir()) / UPLOADS
    folder.mkdir(mode=0o700, exist_ok=True)
    status = folder.lstat()
    if folder.is_symlink() or (hasattr(os, "getuid") and status.st_uid != os.getuid()):
        raise PermissionError(f"{folder} is not the portal's own folder")
    return folder


def forget_old_uploads(folder: Path) -> None:
    """Delete the files of previews never confirmed."""
    too_old = time.time() - KEEP_UPLOADS_FOR
    for kept in folder.iterdir():
        try:
            if kept.stat().st_mtime < too_old:
                kept.unlink()
        except FileNotFoundError:  # deleted meanwhile by another request
            continue


def spreadsheet_response(dataset, file_format: str, name: str) -> HttpResponse:
    """`dataset` (a tablib `Dataset`, or an XLSX file's bytes) as a CSV (UTF-8 with a
    byte-order mark, so that spreadsheets read the accents) or XLSX file to download."""
    if isinstance(dataset, bytes):
        content = dataset
    elif file_format == "csv":
        content = "\ufeff" + dataset.export("csv")
    else:
        content = dataset.export("xlsx")
    response = HttpResponse(content, content_type=SPREADSHEET_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}.{file_format}"'
    return response


def template_workbook(resource) -> bytes:
    """The XLSX template of `resource`: its columns and example row on the first sheet (the one
    imported), and a "Notes" sheet saying what each column holds."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    columns = resource.columns()
    row = resource.example_row()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = capfirst(resource._meta.model._meta.verbose_name_plural)[:31]
    sheet.append(columns)
    sheet.append([row.get(column, "") for column in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.data_type = "s"  # text, as typed: never a formula
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, min(45, len(row.get(column, "")) + 2))
    notes = workbook.create_sheet(gettext("Notes")[:31])
    notes.append([gettext("Column"), gettext("What it holds"), gettext("Example")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in columns:
        notes.append([column, str(resource.column_notes[column]), row.get(column, "")])
    notes.append([])
    for line in general_notes(resource):
        notes.append(["", line])
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 90
    notes.column_dimensions["C"].width = 40
    for cells in notes.iter_rows(min_row=2):
        cells[1].alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def general_notes(resource) -> list[str]:
    """What the import page and the template's "Notes" say of every file of `resource`."""
    return [
        gettext(
            "Row 1 names the columns; each following row adds or changes one item (%(item)s). "
            "Delete the example row before importing your own."
        )
        % {"item": resource._meta.model._meta.verbose_name},
        str(resource.matching_note),
        *(str(note) for note in resource.notes()),
        gettext("Cells are values: a formula is refused. CSV files are saved as “CSV UTF-8”."),
        gettext("At most %(rows)s rows and %(megabytes)s MB per file.")
        % {"rows": f"{MAX_ROWS:,}".replace(",", " "), "megabytes": MAX_BYTES // 1024 // 1024},
    ]


@admin.action(description=_("Export selected %(verbose_name_plural)s to a spreadsheet (XLSX)"))
def export_selected_xlsx(modeladmin, request, queryset):
    return modeladmin.export_response(queryset, "xlsx")


@admin.action(description=_("Export selected %(verbose_name_plural)s to a spreadsheet (CSV)"))
def export_selected_csv(modeladmin, request, queryset):
    return modeladmin.export_response(queryset, "csv")


class SpreadsheetAdminMixin:
    """The change list's "Import" page and its preview, the import templates, and the export
    of the change list (its filters and search) or of a selection, in the columns of
    `resource_class` (cooperation_portal.spreadsheets), so that an export can be edited and
    imported back.

    The import is in two steps: the uploaded file is read (`read_spreadsheet`: its size, rows
    and type), imported in a dry run whose report the preview shows row by row, and kept
    server-side (`uploads_folder`); "Confirm" imports that very file in one transaction, as the
    user (the history names them), then deletes it. A file with any error offers no "Confirm".
    """

    #: The `SpreadsheetResource` of the model.
    resource_class = None
    change_list_template = "admin/spreadsheets/change_list.html"
    import_template = "admin/spreadsheets/import.html"
    import_preview_template = "admin/spreadsheets/import_preview.html"

    # Permissions and addresses ---------------------------------------------------------------

    def has_import_permission(self, request) -> bool:
        """An import adds and changes: it needs both permissions (and publishing, for a
        published object: the resource's rule)."""
        return self.has_add_permission(request) and self.has_change_permission(request)

    def spreadsheet_url(self, view: str, *args) -> str:
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}",
            args=args,
            current_app=self.admin_site.name,
        )

    def get_urls(self):
        wrap = self.admin_site.admin_view
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("import/", wrap(self.import_view), name=f"{name}_import"),
            path("import/confirm/", wrap(self.import_confirm_view), name=f"{name}_import_confirm"),
            path(
                "import/template.<str:file_format>",
                wrap(self.import_template_view),
                name=f"{name}_import_template",
            ),
            path("export.<str:file_format>", wrap(self.export_view), name=f"{name}_export"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        context = {"has_import_permission": self.has_import_permission(request)}
        return super().changelist_view(request, {**context, **(extra_context or {})})

    # Import ------------------------------------------------------------------------------------

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        form = SpreadsheetUploadForm()
        if request.method == "POST":
            form = SpreadsheetUploadForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                try:
                    sheet = read_spreadsheet(upload)
                except SpreadsheetRefused as refusal:
                    form.add_error("file", refusal.message)
                else:
                    report = self.importer(request).import_sheet(sheet, dry_run=True)
                    token = None if report.has_errors else self.keep_upload(request, upload)
                    return self.import_preview(request, report, token)
        resource = self.resource_class()
        return TemplateResponse(
            request,
            self.import_template,
            {
                **self.spreadsheet_context(request, gettext("Import %(items)s")),
                "form": form,
                "columns": [
                    (column, resource.column_notes[column]) for column in resource.columns()
                ],
                "general_notes": general_notes(resource),
                "matching_note": resource.matching_note,
            },
        )

    def import_confirm_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        if request.method != "POST":
            return HttpResponseRedirect(self.spreadsheet_url("import"))
        token = request.POST.get("token", "")
        name = self.take_upload(request, token)
        if name is None:
            self.message_user(
                request,
                gettext(
                    "This import is no longer ready to confirm (already done, or older than a "
                    "day): upload the file again."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(self.spreadsheet_url("import"))
        kept = uploads_folder() / token
        try:
            sheet = read_spreadsheet(kept, name=name)
            report = self.importer(request).import_sheet(sheet, dry_run=False)
        except SpreadsheetRefused as refusal:  # pragma: no cover - read once already
            self.message_user(request, refusal.message, messages.ERROR)
            return HttpResponseRedirect(self.spreadsheet_url("import"))
        finally:
            kept.unlink(missing_ok=True)
        if report.has_errors:
            # Something changed since the preview (an object published meanwhile...).
            return self.import_preview(request, report, None)
        self.message_user(request, report.summary(), messages.SUCCESS)
        return HttpResponseRedirect(self.spreadsheet_url("changelist"))

    def import_preview(self, request, report, token):
        rows = [
            {
                "row": row.row,
                "action": row.action,
                "outcome": self.outcome(row.action),
                "name": row.name,
                "changed": row.changed,
                "errors": [
                    gettext("column `%(column)s`: %(message)s")
                    % {"column": error.column, "message": error.message}
                    if error.column
                    else error.message
                    for error in row.errors
                ],
            }
            for row in report.rows
        ]
        errors = [*report.file_errors, *(str(error) for error in report.errors)]
        return TemplateResponse(
            request,
            self.import_preview_template,
            {
                **self.spreadsheet_context(request, gettext("Check the import of %(items)s")),
                "report": report,
                "summary": report.summary(),
                "rows": rows,
                "errors": errors,
                "token": token,
                "form": SpreadsheetUploadForm() if token is None else None,
            },
        )

    def importer(self, request):
        """The resource importing as the user, with a sign of life after each row: a file of
        thousands of rows takes minutes, and gunicorn would replace a silent worker
        (`cooperation_portal.liveness`)."""
        return self.resource_class(user=request.user, progress=lambda done, total: still_working())

    def outcome(self, action: str) -> str:
        """What a row will do, as the preview says it: a new row of published content is a
        draft."""
        if action == CREATED and not issubclass(self.model, Publishable):
            return gettext("new")
        return str(OUTCOMES[action])

    def keep_upload(self, request, upload) -> str:
        """Keep `upload` for its confirmation: its token, held by this session only."""
        folder = uploads_folder()
        forget_old_uploads(folder)
        token = secrets.token_hex(16)
        descriptor = os.open(folder / token, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as kept:
            upload.seek(0)
            for chunk in upload.chunks():
                kept.write(chunk)
        waiting = dict(request.session.get(SESSION_UPLOADS, {}))
        waiting[token] = {"name": upload.name, "user": request.user.pk}
        while len(waiting) > KEPT_PER_SESSION:
            oldest = next(iter(waiting))
            del waiting[oldest]
            (folder / oldest).unlink(missing_ok=True)
        request.session[SESSION_UPLOADS] = waiting
        return token

    def take_upload(self, request, token: str) -> str | None:
        """The name of the file kept for `token` by this session and user, forgotten by the
        session (a second "Confirm" finds nothing); None if there is none."""
        if not TOKEN.match(token):
            return None
        waiting = dict(request.session.get(SESSION_UPLOADS, {}))
        kept = waiting.pop(token, None)
        request.session[SESSION_UPLOADS] = waiting
        if kept is None or kept.get("user") != request.user.pk:
            return None
        if not (uploads_folder() / token).is_file():
            return None
        return kept["name"]

    def import_template_view(self, request, file_format):
        if file_format not in SPREADSHEET_TYPES:
            raise Http404
        if not self.has_import_permission(request):
            raise PermissionDenied
        resource = self.resource_class()
        name = slugify(gettext("%(items)s template") % {"items": self.opts.verbose_name_plural})
        if file_format == "xlsx":
            return spreadsheet_response(template_workbook(resource), "xlsx", name)
        columns, row = resource.columns(), resource.example_row()
        dataset = tablib.Dataset([row.get(column, "") for column in columns], headers=columns)
        return spreadsheet_response(dataset, "csv", name)

    # Export ------------------------------------------------------------------------------------

    def export_view(self, request, file_format):
        """The change list, every page of it, with its filters, search and date, as a file."""
        if file_format not in SPREADSHEET_TYPES:
            raise Http404
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            return HttpResponseRedirect(self.spreadsheet_url("changelist") + "?e=1")
        return self.export_response(changelist.queryset, file_format)

    def export_response(self, queryset, file_format: str) -> HttpResponse:
        # Without the change list's own prefetching: the resource reads what its columns need.
        dataset = self.resource_class().export(queryset.prefetch_related(None))
        name = f"{slugify(self.opts.verbose_name_plural)}-{timezone.localdate():%Y-%m-%d}"
        return spreadsheet_response(dataset, file_format, name)

    def spreadsheet_context(self, request, title: str) -> dict:
        return {
            **self.admin_site.each_context(request),
            "title": title % {"items": self.opts.verbose_name_plural},
            "opts": self.opts,
            "app_label": self.opts.app_label,
            "has_view_permission": self.has_view_permission(request),
            "changelist_url": self.spreadsheet_url("changelist"),
            "import_url": self.spreadsheet_url("import"),
            "confirm_url": self.spreadsheet_url("import_confirm"),
            "template_xlsx_url": self.spreadsheet_url("import_template", "xlsx"),
            "template_csv_url": self.spreadsheet_url("import_template", "csv"),
            "max_rows": f"{MAX_ROWS:,}".replace(",", " "),
            "max_megabytes": MAX_BYTES // 1024 // 1024,
        }
