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
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from taggit.models import Tag

from cooperation_portal.admin_actions import (
    HistoryAdminMixin,
    PublishableAdminMixin,
    in_each_language,
)
from cooperation_portal.collation import Collated
from cooperation_portal.spreadsheets import (
    CREATED,
    ERROR,
    MAX_BYTES,
    MAX_ROWS,
    SKIPPED,
    UPDATED,
    SpreadsheetRefused,
    read_spreadsheet,
)
from funding.models import FundingScheme
from partners.models import Organisation
from taxonomy.admin import CountryAdmin, DisciplineAdmin, SDGAdmin
from taxonomy.models import SDG, Country, Discipline

from .models import Keyword, Participation, Project
from .resources import COLUMNS, ProjectResource

#: The roles offered, one row each, when a project is added: most projects have a lead and a
#: co-lead, so the officer only searches for the two organisations.
ROLES_OF_A_NEW_PROJECT = [Participation.Role.LEAD, Participation.Role.CO_LEAD]


class ParticipationFormSet(forms.BaseInlineFormSet):
    """On a new project, rows ready with the roles of `ROLES_OF_A_NEW_PROJECT`. A row left
    without an organisation has not changed, so it is ignored rather than refused."""

    def __init__(self, *args, instance=None, **kwargs):
        if instance is None or instance.pk is None:
            kwargs.setdefault("initial", [{"role": role} for role in ROLES_OF_A_NEW_PROJECT])
        super().__init__(*args, instance=instance, **kwargs)


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
    fields = ["organisation", "role"]
    autocomplete_fields = ["organisation"]

    def get_extra(self, request, obj=None, **kwargs):
        return len(ROLES_OF_A_NEW_PROJECT) if obj is None else 0

    def get_queryset(self, request):
        # Each row is titled with the organisation's name.
        return super().get_queryset(request).select_related("organisation")


class ProjectStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Project.Status.choices

    def queryset(self, request, queryset):
        if self.value() == Project.Status.PLANNED:
            return queryset.planned()
        if self.value() == Project.Status.ONGOING:
            return queryset.ongoing()
        if self.value() == Project.Status.COMPLETED:
            return queryset.completed()
        return queryset


def choice_of(
    name: str, queryset, *, required: bool = False, **options
) -> forms.ModelMultipleChoiceField:
    """A field choosing the rows of the project's many-to-many field `name` by searching for
    them (the admin's autocomplete, which reads the search fields of their admin)."""
    model_field = Project._meta.get_field(name)
    return forms.ModelMultipleChoiceField(
        label=capfirst(model_field.verbose_name),
        queryset=queryset,
        widget=AutocompleteSelectMultiple(model_field, admin.site),
        required=required,
        **options,
    )


#: The form's fields for the project's links to the vocabularies and schemes, and the
#: many-to-many field each edits. These links are explicit models (deleting a term in use is
#: refused), which the admin leaves out of its forms (its check admin.E013 refuses them in
#: fieldsets): the fields have names of their own, and the form saves their links itself.
LINK_FIELDS = {
    "linked_countries": "countries",
    "linked_sdgs": "sdgs",
    "linked_disciplines": "disciplines",
    "linked_funding_schemes": "funding_schemes",
}


class ProjectForm(forms.ModelForm):
    """A project with its keywords, countries, goals, disciplines and funding schemes, each
    chosen in one search box on the form rather than one inline row per term.

    Keywords are chosen from the bilingual vocabulary (created, with both names, under
    "Keywords"), not typed as free text: a word typed on a French form would otherwise become a
    new keyword with a French name only."""

    keywords = choice_of("keywords", Keyword.objects.all())
    linked_countries = choice_of("countries", Country.objects.order_by(Collated("name")))
    linked_sdgs = choice_of(
        "sdgs",
        SDG.objects.order_by("number"),
        # Every project is aligned with at least one goal.
        required=True,
        error_messages={"required": _("Choose at least one Sustainable Development Goal.")},
    )
    linked_disciplines = choice_of("disciplines", Discipline.objects.order_by(Collated("name")))
    linked_funding_schemes = choice_of(
        "funding_schemes", FundingScheme.objects.order_by(Collated("name"))
    )

    class Meta:
        model = Project
        fields = ["keywords"]  # and those of the admin's fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for form_field, name in LINK_FIELDS.items():
                linked = getattr(self.instance, name).values_list("pk", flat=True)
                self.initial.setdefault(form_field, list(linked))

    def _save_m2m(self):
        super()._save_m2m()
        # The related manager's `set()` changes only the difference: a link that stays keeps
        # its row, and m2m_changed tells the search and the page cache.
        for form_field, name in LINK_FIELDS.items():
            if form_field in self.cleaned_data:
                getattr(self.instance, name).set(self.cleaned_data[form_field])


# Spreadsheets: import, templates and export -----------------------------------------------------

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

#: What each column of the file holds (shown on the import page and in the template's "Notes").
COLUMN_NOTES = {
    "slug": _(
        "The project's address (lower-case letters, digits and hyphens): a row with the slug of "
        "an existing project changes that project. Left blank, it is made from title_fr."
    ),
    "title_fr": _("Title in French. Required."),
    "title_en": _("Title in English."),
    "acronym": _("Short name, for example EAUKIN."),
    "summary_fr": _("Summary in French. Required."),
    "summary_en": _("Summary in English."),
    "description_fr": _("Description in French (Markdown: **bold**, lists, links)."),
    "description_en": _("Description in English (Markdown)."),
    "start_date": _("Date, day first (31/03/2027) or ISO (2027-03-31)."),
    "end_date": _("Date, day first (31/03/2027) or ISO (2027-03-31); not before start_date."),
    "budget": _("Amount in euros: 250000, 250 000,50 or 250000.50."),
    "website": _("Web address; https:// is added when missing."),
    "countries": _("ISO country codes separated by “; ”, for example CD; BJ."),
    "sdgs": _("Sustainable Development Goal numbers (1 to 17) separated by “; ”: at least one."),
    "disciplines": _(
        "Existing disciplines, by slug or name (French or English), separated by “; ”."
    ),
    "funding_schemes": _(
        "Existing funding schemes, by slug or name (French or English), separated by “; ”."
    ),
    "partners": _(
        "Existing organisations (by name, slug or acronym), each with its role in brackets, "
        "separated by “; ”: Université de Kinshasa (pilote); Ucoopia (partenaire). Roles: "
        "pilote (lead), co-pilote (co-lead), partenaire (partner), bailleur de fonds (funder). "
        "An unknown organisation is an error: add it under Organisations first."
    ),
    "keywords": _(
        "Keywords separated by “; ”; one that does not exist yet is created, to be translated "
        "under Keywords."
    ),
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


def example_row() -> dict[str, str]:
    """A row of the template that imports cleanly: its references are rows of this database."""
    resource = ProjectResource()

    def named(column, obj, names, found=lambda item: item) -> str:
        widget = resource.fields[column].widget
        for name in names:
            try:
                if name and found(widget.find(name)) == obj:
                    return name
            except ValueError:
                continue
        return obj.slug

    row = {
        "slug": "eau-potable-kinshasa",
        "title_fr": "Eau potable à Kinshasa",
        "title_en": "Safe water in Kinshasa",
        "acronym": "EAUKIN",
        "summary_fr": "De l'eau potable pour deux quartiers de Kinshasa.",
        "summary_en": "Safe drinking water for two districts of Kinshasa.",
        "description_fr": "",
        "description_en": "",
        "start_date": "01/02/2027",
        "end_date": "31/01/2030",
        "budget": "250000",
        "website": "https://www.example.org",
    }
    country = Country.objects.filter(code="CD").first() or Country.objects.order_by("code").first()
    row["countries"] = country.code if country else ""
    sdg = SDG.objects.filter(number=6).first() or SDG.objects.order_by("number").first()
    row["sdgs"] = str(sdg.number) if sdg else ""
    discipline = Discipline.objects.order_by("slug").first()
    row["disciplines"] = named("disciplines", discipline, [discipline.name]) if discipline else ""
    scheme = FundingScheme.objects.order_by("slug").first()
    row["funding_schemes"] = named("funding_schemes", scheme, [scheme.name]) if scheme else ""
    organisation = Organisation.objects.order_by("slug").first()
    if organisation:
        role = str(Participation.Role.LEAD.label).lower()
        row["partners"] = named(
            "partners",
            organisation,
            [f"{name} ({role})" for name in (organisation.name, organisation.acronym)],
            found=lambda partnership: partnership.organisation,
        )
        if row["partners"] == organisation.slug:
            row["partners"] = f"{organisation.slug} ({role})"
    else:
        row["partners"] = ""
    keyword = Keyword.objects.order_by("slug").first()
    row["keywords"] = keyword.name if keyword else ""
    return row


def template_workbook(row: dict[str, str]) -> bytes:
    """The XLSX template: the columns and `row` on its first sheet (the one imported), and a
    "Notes" sheet saying what each column holds."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = gettext("Projects")[:31]
    sheet.append(COLUMNS)
    sheet.append([row[column] for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        cell.data_type = "s"  # text, as typed: never a formula
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(14, min(45, len(row[column]) + 2))
    notes = workbook.create_sheet(gettext("Notes")[:31])
    notes.append([gettext("Column"), gettext("What it holds"), gettext("Example")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for column in COLUMNS:
        notes.append([column, str(COLUMN_NOTES[column]), row[column]])
    notes.append([])
    for line in general_notes():
        notes.append(["", line])
    notes.column_dimensions["A"].width = 18
    notes.column_dimensions["B"].width = 90
    notes.column_dimensions["C"].width = 40
    for cells in notes.iter_rows(min_row=2):
        cells[1].alignment = Alignment(wrap_text=True, vertical="top")
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


def general_notes() -> list[str]:
    return [
        gettext(
            "Row 1 names the columns; each following row is a project. Delete the example row "
            "before importing your own."
        ),
        gettext(
            "New projects are drafts; an update leaves a project draft or published as it is. "
            "Only a cooperation officer may change a published project."
        ),
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

    resource_class = ProjectResource
    import_template = "admin/projects/project/import.html"
    import_preview_template = "admin/projects/project/import_preview.html"

    # Permissions and addresses ---------------------------------------------------------------

    def has_import_permission(self, request) -> bool:
        """An import adds and changes: it needs both permissions (and publishing, for a
        published project: the resource's rule)."""
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
                    report = self.resource_class(user=request.user).import_sheet(
                        sheet, dry_run=True
                    )
                    token = None if report.has_errors else self.keep_upload(request, upload)
                    return self.import_preview(request, report, token)
        return TemplateResponse(
            request,
            self.import_template,
            {
                **self.spreadsheet_context(request, gettext("Import %(items)s")),
                "form": form,
                "columns": [(column, COLUMN_NOTES[column]) for column in COLUMNS],
                "general_notes": general_notes(),
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
            report = self.resource_class(user=request.user).import_sheet(sheet, dry_run=False)
        except SpreadsheetRefused as refusal:  # pragma: no cover - read once already
            self.message_user(request, refusal.message, messages.ERROR)
            return HttpResponseRedirect(self.spreadsheet_url("import"))
        finally:
            kept.unlink(missing_ok=True)
        if report.has_errors:
            # Something changed since the preview (a project published meanwhile...).
            return self.import_preview(request, report, None)
        self.message_user(request, report.summary(), messages.SUCCESS)
        return HttpResponseRedirect(self.spreadsheet_url("changelist"))

    def import_preview(self, request, report, token):
        rows = [
            {
                "row": row.row,
                "action": row.action,
                "outcome": OUTCOMES[row.action],
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
        row = example_row()
        name = slugify(gettext("%(items)s template") % {"items": self.opts.verbose_name_plural})
        if file_format == "xlsx":
            return spreadsheet_response(template_workbook(row), "xlsx", name)
        dataset = tablib.Dataset([row[column] for column in COLUMNS], headers=COLUMNS)
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


@admin.register(Project)
class ProjectAdmin(SpreadsheetAdminMixin, PublishableAdminMixin, TranslationAdmin):
    form = ProjectForm
    change_list_template = "admin/projects/project/change_list.html"
    actions = [*PublishableAdminMixin.actions, export_selected_xlsx, export_selected_csv]
    list_display = [
        "title",
        "acronym",
        "status",
        "start_date",
        "end_date",
        "leads",
        "country_list",
        "is_published",
        "is_example",
    ]
    list_filter = [
        "publication_status",
        ProjectStatusFilter,
        "countries__region",
        "countries",
        "sdgs",
        "disciplines",
        "is_example",
    ]
    search_fields = ["acronym", "slug", *in_each_language("title")]
    autocomplete_fields = ["contact"]
    prepopulated_fields = {"slug": ("title_fr",)}
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ParticipationInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    in_each_language("title"),
                    ("acronym", "slug"),
                    in_each_language("summary"),
                    in_each_language("description"),
                    ("start_date", "end_date"),
                ]
            },
        ),
        (
            _("Where and what"),
            {"fields": ["linked_countries", "linked_sdgs", "linked_disciplines", "keywords"]},
        ),
        (
            _("Details"),
            {"fields": ["linked_funding_schemes", "budget", "website", "contact"]},
        ),
        (
            _("Publication"),
            {"fields": ["publication_status", "is_example", ("created_at", "updated_at")]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "countries",
                Prefetch(
                    "participations",
                    queryset=Participation.objects.filter(
                        role__in=[Participation.Role.LEAD, Participation.Role.CO_LEAD]
                    ).select_related("organisation"),
                    to_attr="leading_participations",
                ),
            )
        )

    @admin.display(description=_("status"))
    def status(self, obj) -> str:
        return Project.Status(obj.status).label

    @admin.display(description=_("led by"))
    def leads(self, obj) -> str | None:
        names = [
            participation.organisation.short_name for participation in obj.leading_participations
        ]
        return ", ".join(names) or None

    @admin.display(description=_("countries"))
    def country_list(self, obj) -> str | None:
        return ", ".join(country.code for country in obj.countries.all()) or None


@admin.register(Participation)
class ParticipationAdmin(HistoryAdminMixin, admin.ModelAdmin):
    list_display = ["organisation", "role", "project"]
    list_filter = ["role"]
    list_select_related = ["organisation", "project"]
    search_fields = [
        "organisation__acronym",
        "project__acronym",
        *(f"organisation__{name}" for name in in_each_language("name")),
        *(f"project__{name}" for name in in_each_language("title")),
    ]
    autocomplete_fields = ["project", "organisation"]


@admin.register(Keyword)
class KeywordAdmin(HistoryAdminMixin, TranslationAdmin):
    """The projects' keywords, named in both languages; the slug is the `tag` of addresses."""

    list_display = ["name", "name_fr", "name_en", "slug", "project_count"]
    search_fields = ["slug", *in_each_language("name")]
    prepopulated_fields = {"slug": ("name_fr",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("project_links"))

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, obj) -> int:
        return obj.project_count


# The projects' keywords are `Keyword`s: django-taggit's own tags are no longer used.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)


# The vocabularies' admin (taxonomy) with a "projects" column: taxonomy knows no projects,
# so its admin is extended here, the one app that does.


class ProjectCountMixin:
    """A "projects" column, counted in the changelist's one query."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("projects"))

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, obj) -> int:
        return obj.project_count


for vocabulary, vocabulary_admin in (
    (Country, CountryAdmin),
    (SDG, SDGAdmin),
    (Discipline, DisciplineAdmin),
):
    admin.site.unregister(vocabulary)
    admin.site.register(
        vocabulary,
        type(
            vocabulary_admin.__name__,
            (ProjectCountMixin, vocabulary_admin),
            {"list_display": [*vocabulary_admin.list_display, "project_count"]},
        ),
    )
