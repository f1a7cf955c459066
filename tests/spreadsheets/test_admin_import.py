"""The projects' spreadsheets in the admin (projects.admin.SpreadsheetAdminMixin): the import page,
its preview row by row and its "Confirm", the limits refused on the form, the templates, and the
change list's export with its filters."""

import csv
import io
import os
import runpy
import tempfile
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape
from reversion.models import Revision, Version

from cooperation_portal import liveness
from cooperation_portal.spreadsheet_admin import SESSION_UPLOADS, uploads_folder
from cooperation_portal.spreadsheets import read_spreadsheet
from projects.models import Keyword, Participation, Project
from projects.resources import COLUMNS, ProjectResource
from tests.factories import (
    DRAFT,
    PUBLISHED,
    ProjectFactory,
)
from tests.helpers import admin_url
from tests.officers.helpers import OFFICERS, messages_of, signed_in, staff_user
from tests.open_data.test_long_exports import Beats
from tests.spreadsheets.test_project_import import as_csv, as_xlsx, project_row

pytestmark = pytest.mark.django_db

IMPORT = admin_url(Project, "import")
CONFIRM = admin_url(Project, "import_confirm")
CHANGELIST = admin_url(Project, "changelist")
GUNICORN_CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


@pytest.fixture(autouse=True)
def temporary_files(monkeypatch, tmp_path_factory):
    """The files kept between a preview and its "Confirm" in a folder of the test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("tmp")))


def upload(client, path, name=None):
    """Posts the file at `path` on the import page, as the "Check the file" button does."""
    with open(path, "rb") as file:
        content = file.read()
    return client.post(
        IMPORT, {"file": SimpleUploadedFile(name or os.path.basename(path), content)}
    )


def text_of(response) -> str:
    return response.content.decode()


def has_confirm(response) -> bool:
    return CONFIRM in text_of(response) and 'name="token"' in text_of(response)


def counts() -> dict:
    return {
        "projects": Project.objects.count(),
        "participations": Participation.objects.count(),
        "keywords": Keyword.objects.count(),
        "revisions": Revision.objects.count(),
    }


# The import ---------------------------------------------------------------------------------


def test_the_change_list_links_to_the_import_page_for_who_may_add_projects(
    as_officer, as_editor, django_user_model
):
    for client in (as_officer, as_editor):
        assert IMPORT in text_of(client.get(CHANGELIST))
        page = client.get(IMPORT)
        assert page.status_code == 200
        assert admin_url(Project, "import_template", "xlsx") in text_of(page)

    reader = django_user_model.objects.create_user("reader", is_staff=True)
    reader.user_permissions.add(Permission.objects.get(codename="view_project"))
    as_reader = signed_in(reader)
    assert as_reader.get(CHANGELIST).status_code == 200
    assert IMPORT not in text_of(as_reader.get(CHANGELIST))
    assert as_reader.get(IMPORT).status_code == 403
    assert as_reader.post(CONFIRM, {"token": "0" * 32}).status_code == 403


def test_the_import_page_speaks_french_to_a_french_officer(officer):
    page = signed_in(officer, "fr").get(IMPORT)

    assert page.status_code == 200
    assert '<html lang="fr"' in text_of(page)


def test_upload_preview_then_confirm_imports_drafts_with_their_links_and_history(
    vocabulary, as_officer, officer, tmp_path
):
    ProjectFactory(slug="imported-3", title_en="Old title", publication_status=DRAFT)
    rows = [project_row(n) for n in range(4)]
    before = counts()

    preview = upload(as_officer, as_xlsx(rows, tmp_path / "projects.xlsx"))

    assert preview.status_code == 200
    page = text_of(preview)
    assert [(row["row"], row["action"]) for row in preview.context["rows"]] == [
        (2, "created"),
        (3, "created"),
        (4, "created"),
        (5, "updated"),
    ]
    assert "new, as a draft" in page
    assert "Imported project 0" in page
    assert "<code>title_en</code>" in page  # the changed columns of row 5
    assert "Ready to import: 3 new, 1 changed, 0 unchanged." in page
    assert has_confirm(preview)
    assert counts() == before  # nothing written by the preview
    token = preview.context["token"]
    kept = uploads_folder() / token
    assert kept.is_file()
    assert not str(kept).startswith(str(settings.MEDIA_ROOT))

    done = as_officer.post(CONFIRM, {"token": token}, follow=True)

    assert done.redirect_chain[-1][0] == CHANGELIST
    assert messages_of(done) == ["Imported: 3 new, 1 changed, 0 unchanged."]
    assert not kept.exists()  # deleted once imported
    assert set(
        Project.objects.filter(slug__startswith="imported-").values_list(
            "slug", "publication_status"
        )
    ) == {(f"imported-{n}", DRAFT) for n in range(4)}
    project = Project.objects.get(slug="imported-2")
    assert sorted(project.countries.values_list("code", flat=True)) == ["BJ", "CD"]
    assert sorted(project.participations.values_list("organisation__slug", "role")) == [
        ("ucoopia", "co-lead"),
        ("unikin", "lead"),
    ]
    assert sorted(project.keywords.values_list("slug", flat=True)) == ["midwifery", "paludisme"]
    assert Project.objects.get(slug="imported-3").title_en == "Imported project 3"
    version = Version.objects.get_for_object(project).get()
    assert version.revision.user == officer
    assert version.revision.comment == "Imported from projects.xlsx"
    # The new drafts are on the change list.
    assert "Imported project 2" in text_of(as_officer.get(CHANGELIST))

    # The same token cannot import again.
    again = as_officer.post(CONFIRM, {"token": token}, follow=True)
    assert "no longer ready to confirm" in messages_of(again)[0]


def test_a_csv_file_goes_through_the_same_steps(vocabulary, as_editor, tmp_path):
    preview = upload(as_editor, as_csv([project_row(0)], tmp_path / "projects.csv"))
    assert has_confirm(preview)

    as_editor.post(CONFIRM, {"token": preview.context["token"]})

    assert Project.objects.get(slug="imported-0").publication_status == DRAFT


def test_a_bad_cell_is_shown_with_its_row_and_column_and_no_confirm_is_offered(
    vocabulary, as_officer, tmp_path
):
    rows = [project_row(n) for n in range(20)]
    rows[12] = {**rows[12], "countries": "CD; XX"}  # on the spreadsheet's row 14
    before = counts()

    preview = upload(as_officer, as_xlsx(rows, tmp_path / "projects.xlsx"))

    page = text_of(preview)
    assert escape("row 14, column `countries`: no country with code `XX`") in page
    assert "1 error: nothing was imported." in page
    assert not has_confirm(preview)
    assert preview.context["token"] is None
    assert not as_officer.session.get(SESSION_UPLOADS)
    # The upload form is offered again, for the corrected file.
    assert 'type="file"' in page
    # And a token made up cannot import it.
    forged = as_officer.post(CONFIRM, {"token": "a" * 32}, follow=True)
    assert "no longer ready to confirm" in messages_of(forged)[0]
    assert counts() == before


def test_a_file_of_twenty_five_thousand_rows_is_refused_on_the_form(as_officer, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text(
        "slug,title_fr\n" + "".join(f"p-{n},Projet {n}\n" for n in range(25_000)),
        encoding="utf-8",
    )
    before = counts()

    response = upload(as_officer, path)

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "“big.csv” has more than 20 000 rows: it cannot be imported at once. "
        "Split it into several files."
    ]
    assert not has_confirm(response)
    assert counts() == before


def test_a_file_over_ten_megabytes_or_not_a_spreadsheet_is_refused_on_the_form(
    as_officer, tmp_path
):
    huge = tmp_path / "huge.csv"
    huge.write_bytes(b"slug\n" + b"x" * (10 * 1024 * 1024))
    notes = tmp_path / "notes.pdf"
    notes.write_bytes(b"%PDF-1.4")

    assert "too large" in upload(as_officer, huge).context["form"].errors["file"][0]
    assert "only CSV and XLSX" in upload(as_officer, notes).context["form"].errors["file"][0]


def test_a_formula_cell_is_refused_with_its_cell_and_nothing_can_be_confirmed(
    vocabulary, as_officer, tmp_path
):
    rows = [project_row(n) for n in range(3)]
    rows[1] = {**rows[1], "budget": "=1000*2"}
    before = counts()

    preview = upload(as_officer, as_xlsx(rows, tmp_path / "projects.xlsx"))

    assert escape("row 3, column `budget`: holds a formula (=1000*2)") in text_of(preview)
    assert not has_confirm(preview)
    assert counts() == before


def test_an_editor_cannot_change_a_published_project_through_an_import(
    vocabulary, as_editor, as_officer, tmp_path
):
    ProjectFactory(slug="imported-0", title_en="Before", publication_status=PUBLISHED)
    path = as_csv([project_row(0)], tmp_path / "projects.csv")

    preview = upload(as_editor, path)

    assert escape(
        "row 2: “Before” is published: only a cooperation officer may change it"
    ) in text_of(preview)
    assert not has_confirm(preview)
    assert Project.objects.get(slug="imported-0").title_en == "Before"

    # An officer may; the project stays published.
    preview = upload(as_officer, path)
    as_officer.post(CONFIRM, {"token": preview.context["token"]})
    project = Project.objects.get(slug="imported-0")
    assert (project.title_en, project.publication_status) == ("Imported project 0", PUBLISHED)


def test_a_preview_is_confirmed_only_by_its_own_session(vocabulary, as_officer, roles, tmp_path):
    preview = upload(as_officer, as_csv([project_row(0)], tmp_path / "projects.csv"))
    other = signed_in(staff_user("other", OFFICERS))

    refused = other.post(CONFIRM, {"token": preview.context["token"]}, follow=True)

    assert "no longer ready to confirm" in messages_of(refused)[0]
    assert not Project.objects.filter(slug="imported-0").exists()


# The templates ------------------------------------------------------------------------------


def test_the_xlsx_template_has_the_columns_an_example_row_and_notes(
    vocabulary, as_officer, tmp_path
):
    response = as_officer.get(admin_url(Project, "import_template", "xlsx"))

    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    path = tmp_path / "template.xlsx"
    path.write_bytes(response.content)
    workbook = openpyxl.load_workbook(path)
    projects, notes = workbook.worksheets
    rows = list(projects.values)
    assert list(rows[0]) == COLUMNS
    assert len(rows) == 2
    example = dict(zip(COLUMNS, rows[1], strict=True))
    assert example["title_fr"] and example["sdgs"] and example["partners"]
    assert notes.title == "Notes"
    assert [
        row[0] for row in notes.iter_rows(min_row=2, max_row=len(COLUMNS) + 1, values_only=True)
    ] == COLUMNS

    # The example row imports cleanly (a dry run: nothing written).
    before = counts()
    report = ProjectResource(user=None).import_sheet(read_spreadsheet(path), dry_run=True)
    assert not report.has_errors, report.lines()
    assert report.count("created") == 1
    assert counts() == before
    # And through the import page too.
    assert has_confirm(upload(as_officer, path))


def test_the_csv_template_has_the_columns_and_an_example_row(vocabulary, as_officer):
    response = as_officer.get(admin_url(Project, "import_template", "csv"))

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == COLUMNS
    assert len(rows) == 2
    assert (
        not ProjectResource()
        .import_sheet(
            read_spreadsheet(io.BytesIO(response.content), name="template.csv"), dry_run=True
        )
        .has_errors
    )


# The export ---------------------------------------------------------------------------------


def exported(response) -> list[dict]:
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_export_holds_the_change_lists_search_and_filters(vocabulary, as_officer):
    ProjectFactory(slug="malaria-kinshasa", title_en="Malaria in Kinshasa")
    ProjectFactory(slug="malaria-cotonou", title_en="Malaria in Cotonou", publication_status=DRAFT)
    ProjectFactory(slug="water-goma", title_en="Water in Goma")

    searched = as_officer.get(admin_url(Project, "export", "csv") + "?q=malaria")
    filtered = as_officer.get(
        admin_url(Project, "export", "csv") + "?q=malaria&publication_status__exact=draft"
    )
    everything = as_officer.get(admin_url(Project, "export", "xlsx"))

    assert searched.status_code == 200
    assert searched["Content-Type"].startswith("text/csv")
    assert [row["slug"] for row in exported(searched)] == ["malaria-cotonou", "malaria-kinshasa"]
    assert list(exported(searched)[0]) == COLUMNS
    assert [row["slug"] for row in exported(filtered)] == ["malaria-cotonou"]
    workbook = openpyxl.load_workbook(io.BytesIO(everything.content))
    assert [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)] == [
        "malaria-cotonou",
        "malaria-kinshasa",
        "water-goma",
    ]
    # The change list links to the export of what it shows.
    page = text_of(as_officer.get(CHANGELIST + "?q=malaria"))
    assert admin_url(Project, "export", "xlsx") + "?q=malaria" in page


def test_the_export_action_exports_the_selection_with_formulas_neutralised(vocabulary, as_officer):
    chosen = ProjectFactory(slug="chosen", title_en='=HYPERLINK("http://evil","x")')
    ProjectFactory(slug="other")

    response = as_officer.post(
        CHANGELIST,
        {"action": "export_selected_csv", "_selected_action": [chosen.pk]},
    )

    rows = exported(response)
    assert [row["slug"] for row in rows] == ["chosen"]
    assert rows[0]["title_en"] == '\'=HYPERLINK("http://evil","x")'


def test_an_export_imports_back_unchanged(vocabulary, as_officer, tmp_path):
    upload_preview = upload(
        as_officer, as_xlsx([project_row(n) for n in range(3)], tmp_path / "p.xlsx")
    )
    as_officer.post(CONFIRM, {"token": upload_preview.context["token"]})
    path = tmp_path / "export.xlsx"
    path.write_bytes(as_officer.get(admin_url(Project, "export", "xlsx")).content)

    preview = upload(as_officer, path)

    assert [row["action"] for row in preview.context["rows"]] == ["skipped"] * 3
    assert "Ready to import: 0 new, 0 changed, 3 unchanged." in text_of(preview)


def test_a_long_import_tells_the_server_after_each_row_that_it_is_working(
    vocabulary, as_officer, tmp_path
):
    """gunicorn replaces a worker silent for its timeout (30 s by default): a file of a
    thousand rows takes longer than that, in its preview and again once confirmed."""
    beats = Beats()
    # What gunicorn runs in each worker when it starts (deploy/gunicorn.conf.py).
    runpy.run_path(str(GUNICORN_CONFIG))["post_worker_init"](beats)
    try:
        path = as_csv([project_row(number) for number in range(3)], tmp_path / "three.csv")
        preview = upload(as_officer, path)
        after_preview = beats.count
        as_officer.post(CONFIRM, {"token": preview.context["token"]})
    finally:
        liveness.register_heartbeat(None)

    assert after_preview >= 3
    assert beats.count - after_preview >= 3
    assert Project.objects.filter(slug__startswith="imported-").count() == 3
