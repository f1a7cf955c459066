"""Organisations imported from spreadsheets (CSV and XLSX) and exported to them
(partners.resources), in the command and the admin: drafts with their country, parent and
successor, errors by row and column with nothing written, and exports that import back
unchanged, the demo data's included."""

import csv
import datetime
import io
import os
import tempfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from reversion.models import Revision, Version

from cooperation_portal.spreadsheets import read_spreadsheet
from partners.models import Organisation
from partners.resources import COLUMNS, OrganisationResource
from tests.factories import DRAFT, PUBLISHED, CountryFactory, OrganisationFactory
from tests.helpers import admin_url
from tests.officers.helpers import messages_of

pytestmark = pytest.mark.django_db

IMPORT = admin_url(Organisation, "import")
CONFIRM = admin_url(Organisation, "import_confirm")
CHANGELIST = admin_url(Organisation, "changelist")

#: The kinds as officers write them: codes, and names in either language.
KINDS = {
    "Centre de recherche": "research-centre",
    "ngo": "ngo",
    "ONG": "ngo",
    "faculte ou ecole": "faculty",
    "Hôpital": "hospital",
    "Public funder": "public-funder",
}


@pytest.fixture
def partners():
    """The rows a file's cells name: two countries and two organisations."""
    CountryFactory(code="CD")
    CountryFactory(code="BJ")
    OrganisationFactory(
        slug="unikin",
        name_fr="Université de Kinshasa",
        name_en="University of Kinshasa",
        acronym="UNIKIN",
    )
    OrganisationFactory(
        slug="ucoopia",
        name_fr="Ucoopia",
        name_en="Ucoopia",
        kind=Organisation.Kind.COOPERATION_UNIT,
        is_own_structure=True,
    )


@pytest.fixture(autouse=True)
def temporary_files(monkeypatch, tmp_path_factory):
    """The files kept between a preview and its "Confirm" in a folder of the test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("tmp")))


def organisation_row(number: int) -> dict:
    """A row naming existing organisations (by name and acronym), and from the second row on
    every third one an organisation of the first row of the file (by its English name)."""
    kind = list(KINDS)[number % len(KINDS)]
    return {
        "slug": f"imported-{number}",
        "name_fr": f"Organisation importée {number}",
        "name_en": f"Imported organisation {number}",
        "acronym": f"IMP{number}",
        "kind": kind,
        "is_own_structure": ["oui", "no", "x", ""][number % 4],
        "tagline_fr": "Recherche sur l'eau potable.",
        "tagline_en": "Research on safe water.",
        "description_fr": "Une **description**.",
        "description_en": "",
        "country": "cd" if number % 2 else "BJ",
        "city": "Kinshasa",
        "website": "www.example.org",
        "parent": "Imported organisation 0" if number % 3 == 1 else "Université de Kinshasa",
        "founded_on": "01/02/2015",
        "merged_into": "UNIKIN" if number % 5 == 4 else "",
        "merged_on": "2024-03-31" if number % 5 == 4 else "",
    }


def as_xlsx(rows: list[dict], path, headers=COLUMNS):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(column, "") for column in headers])
    workbook.save(path)
    return path


def as_csv(rows: list[dict], path, headers=COLUMNS):
    with open(path, "w", newline="", encoding="utf-8-sig") as file:
        writer = csv.DictWriter(file, fieldnames=headers)
        writer.writeheader()
        writer.writerows(rows)
    return path


def import_file(path, *, dry_run=False, user=None):
    return OrganisationResource(user=user).import_sheet(read_spreadsheet(path), dry_run=dry_run)


def counts() -> dict:
    return {
        "organisations": Organisation.objects.count(),
        "revisions": Revision.objects.count(),
    }


def every_column() -> list[tuple]:
    """Every organisation with every value the columns hold, relations by slug."""
    return list(
        Organisation.objects.order_by("slug").values_list(
            "slug",
            "name_fr",
            "name_en",
            "acronym",
            "kind",
            "is_own_structure",
            "tagline_fr",
            "tagline_en",
            "description_fr",
            "description_en",
            "country__code",
            "city",
            "website",
            "parent__slug",
            "founded_on",
            "merged_into__slug",
            "merged_on",
            "publication_status",
        )
    )


# The import -----------------------------------------------------------------------------------


@pytest.mark.parametrize("write", [as_xlsx, as_csv], ids=["xlsx", "csv"])
def test_many_organisations_arrive_as_drafts_with_every_relation(partners, write, tmp_path):
    path = write([organisation_row(n) for n in range(60)], tmp_path / f"o.{write.__name__[3:]}")

    report = import_file(path)

    assert not report.has_errors, report.lines()
    assert report.count("created") == 60
    imported = Organisation.objects.filter(slug__startswith="imported-")
    assert imported.count() == 60
    assert set(imported.values_list("publication_status", flat=True)) == {DRAFT}
    first, fourth, fifth = (Organisation.objects.get(slug=f"imported-{n}") for n in (0, 4, 5))
    assert (first.name_fr, first.name_en, first.acronym) == (
        "Organisation importée 0",
        "Imported organisation 0",
        "IMP0",
    )
    assert (first.tagline_fr, first.description_fr) == (
        "Recherche sur l'eau potable.",
        "Une **description**.",
    )
    assert first.city == "Kinshasa"
    assert first.website == "https://www.example.org"
    assert first.founded_on == datetime.date(2015, 2, 1)
    assert (first.country.code, fifth.country.code) == ("BJ", "CD")
    assert first.parent.slug == "unikin"
    assert fourth.parent.slug == "imported-0"  # added by the file's first row
    assert fourth.merged_into.slug == "unikin"
    assert fourth.merged_on == datetime.date(2024, 3, 31)
    assert (first.merged_into, first.merged_on) == (None, None)
    kinds = dict(imported.values_list("slug", "kind"))
    assert [kinds[f"imported-{n}"] for n in range(len(KINDS))] == list(KINDS.values())
    structures = dict(imported.values_list("slug", "is_own_structure"))
    assert [structures[f"imported-{n}"] for n in range(4)] == [True, False, True, False]


def test_a_blank_slug_is_made_from_the_french_name_and_found_again(partners, tmp_path):
    row = {**organisation_row(0), "slug": ""}
    path = as_csv([row], tmp_path / "o.csv")

    first = import_file(path)
    second = import_file(path)

    assert first.count("created") == 1, first.lines()
    assert Organisation.objects.filter(slug="organisation-importee-0").exists()
    assert second.count("skipped") == 1, second.lines()


def test_importing_the_same_file_again_changes_nothing(partners, tmp_path):
    path = as_xlsx([organisation_row(n) for n in range(60)], tmp_path / "o.xlsx")
    import_file(path)
    before = counts()
    updated_at = dict(Organisation.objects.values_list("slug", "updated_at"))

    report = import_file(path)

    assert not report.has_errors, report.lines()
    assert [row.action for row in report.rows] == ["skipped"] * 60
    assert counts() == before  # no new revision either
    assert dict(Organisation.objects.values_list("slug", "updated_at")) == updated_at


def test_a_changed_cell_updates_the_organisation_and_names_the_changed_columns(partners, tmp_path):
    rows = [organisation_row(n) for n in range(3)]
    import_file(as_csv(rows, tmp_path / "o.csv"))
    rows[1] = {**rows[1], "parent": "ucoopia", "kind": "university", "is_own_structure": "no"}

    report = import_file(as_csv(rows, tmp_path / "o.csv"))

    assert [(row.row, row.action) for row in report.rows] == [
        (2, "skipped"),
        (3, "updated"),
        (4, "skipped"),
    ]
    assert report.rows[1].changed == ["kind", "parent"]
    organisation = Organisation.objects.get(slug="imported-1")
    assert (organisation.kind, organisation.parent.slug) == ("university", "ucoopia")


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("country", "XX", "row 14, column `country`: no country with code `XX`"),
        (
            "kind",
            "Bank",
            "row 14, column `kind`: `Bank` is not one of: "
            "university (University), faculty (Faculty or school), ngo (NGO), ",
        ),
        ("founded_on", "31/02/2027", "row 14, column `founded_on`: 31/02/2027 is not a date"),
        ("name_fr", "", "row 14, column `name_fr`: This field cannot be blank."),
        ("is_own_structure", "maybe", "row 14, column `is_own_structure`: `maybe` is neither"),
        (
            "parent",
            "Nowhere University",
            "row 14, column `parent`: no organisation named `Nowhere University`",
        ),
        # A later row's organisation is not there yet.
        ("parent", "imported-15", "row 14, column `parent`: no organisation named `imported-15`"),
        ("parent", "IMP12", "row 14, column `parent`: an organisation cannot be its own parent"),
        (
            "merged_into",
            "Organisation importée 12",
            "row 14, column `merged_into`: an organisation cannot merge into itself",
        ),
        ("merged_into", "", "row 14, column `merged_on`: a merger date needs merged_into"),
        ("website", "javascript:alert(1)", "row 14, column `website`: "),
    ],
)
def test_one_bad_cell_is_reported_with_its_row_and_column_and_nothing_is_written(
    partners, tmp_path, column, value, message
):
    rows = [organisation_row(n) for n in range(20)]
    # The 13th organisation, on the spreadsheet's row 14, merged into another.
    rows[12] = {**rows[12], "merged_into": "Ucoopia", "merged_on": "31/12/2023", column: value}
    before = counts()

    report = import_file(as_xlsx(rows, tmp_path / "o.xlsx"))

    assert report.has_errors
    assert len(report.errors) == 1, report.lines()
    assert str(report.errors[0]).startswith(message)
    assert counts() == before
    assert "nothing was imported" in report.summary()


def test_an_organisation_merged_into_itself_in_the_database_is_refused(partners, tmp_path):
    row = {**organisation_row(0), "slug": "unikin", "parent": "", "merged_into": "UNIKIN"}

    report = import_file(as_csv([row], tmp_path / "o.csv"))

    assert [str(error) for error in report.errors] == [
        "row 2, column `merged_into`: an organisation cannot merge into itself"
    ]


def test_the_dry_run_reports_every_row_and_writes_nothing(partners, tmp_path):
    before = counts()

    report = import_file(
        as_xlsx([organisation_row(n) for n in range(5)], tmp_path / "o.xlsx"), dry_run=True
    )

    assert [(row.row, row.action) for row in report.rows] == [(n, "created") for n in range(2, 7)]
    assert counts() == before


def test_an_update_keeps_a_published_organisation_published_with_its_history(
    partners, officer, tmp_path
):
    OrganisationFactory(slug="imported-0", publication_status=PUBLISHED, name_en="Before")

    report = import_file(as_csv([organisation_row(0)], tmp_path / "o.csv"), user=officer)

    assert [row.action for row in report.rows] == ["updated"], report.lines()
    organisation = Organisation.objects.get(slug="imported-0")
    assert (organisation.name_en, organisation.publication_status) == (
        "Imported organisation 0",
        PUBLISHED,
    )
    version = Version.objects.get_for_object(organisation).get()
    assert version.revision.user == officer
    assert version.revision.comment == "Imported from o.csv"


def test_only_who_may_publish_changes_a_published_organisation(partners, editor, tmp_path):
    OrganisationFactory(slug="imported-0", publication_status=PUBLISHED, name_en="Before")

    report = import_file(as_csv([organisation_row(0)], tmp_path / "o.csv"), user=editor)

    assert [str(error) for error in report.errors] == [
        "row 2: “Before” is published: only a cooperation officer may change it"
    ]
    assert Organisation.objects.get(slug="imported-0").name_en == "Before"


# The export -----------------------------------------------------------------------------------


def test_export_then_import_round_trips_every_field_and_relation(partners, tmp_path):
    rows = [organisation_row(n) for n in range(12)]
    # Its slug sorts last, but it is exported before the organisation that merged into it.
    rows.append({**organisation_row(12), "slug": "zz-network", "parent": "Ucoopia"})
    rows[0] = {**rows[0], "merged_into": "zz-network", "merged_on": ""}
    rows = [rows[-1], *rows[:-1]]
    assert not import_file(as_xlsx(rows, tmp_path / "o.xlsx")).has_errors
    exported = OrganisationResource().export()
    before = every_column()
    path = tmp_path / "export.xlsx"
    path.write_bytes(exported.export("xlsx"))
    Organisation.objects.update(parent=None, merged_into=None, merged_on=None)
    Organisation.objects.exclude(slug__in=["unikin", "ucoopia"]).delete()

    report = import_file(path)

    assert not report.has_errors, report.lines()
    assert report.count("created") == 13
    assert report.count("skipped") == 2  # unikin and ucoopia, left as they were
    assert every_column() == before
    row = next(row for row in OrganisationResource().export().dict if row["slug"] == "imported-4")
    assert row == {
        **organisation_row(4),
        "kind": "hospital",
        "is_own_structure": "yes",
        "country": "BJ",
        "website": "https://www.example.org",
        "parent": "imported-0",
        "founded_on": "2015-02-01",
        "merged_into": "unikin",
    }
    # And importing the export into the same organisations changes nothing.
    assert [row.action for row in import_file(path).rows] == ["skipped"] * 15


def test_the_export_runs_the_same_few_queries_for_any_number_of_organisations(partners):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            OrganisationResource().export()
        return len(context.captured_queries)

    few = queries()
    parent = Organisation.objects.get(slug="unikin")
    OrganisationFactory.create_batch(20, parent=parent, merged_into=parent)

    assert queries() == few <= 2


def test_the_demo_datas_organisations_export_and_import_back_unchanged(tmp_path):
    call_command("load_demo", verbosity=0, stdout=io.StringIO())
    exported = OrganisationResource().export()
    assert len(exported) == Organisation.objects.count() > 20
    before, revisions = every_column(), Revision.objects.count()
    updated_at = dict(Organisation.objects.values_list("slug", "updated_at"))

    for name, content in (
        ("demo.xlsx", exported.export("xlsx")),
        ("demo.csv", exported.export("csv").encode("utf-8")),
    ):
        path = tmp_path / name
        path.write_bytes(content)

        report = import_file(path)

        assert not report.has_errors, report.lines()
        assert {row.action for row in report.rows} == {"skipped"}, report.lines()
        assert every_column() == before
        assert Revision.objects.count() == revisions
        assert dict(Organisation.objects.values_list("slug", "updated_at")) == updated_at


def test_a_formula_in_a_name_is_exported_neutralised_and_imported_as_typed(partners, tmp_path):
    OrganisationFactory(slug="evil", name_en='=HYPERLINK("http://evil","x")', name_fr="-1+2")

    exported = OrganisationResource().export()
    row = next(row for row in exported.dict if row["slug"] == "evil")

    assert row["name_en"] == '\'=HYPERLINK("http://evil","x")'
    assert row["name_fr"] == "'-1+2"
    path = tmp_path / "export.xlsx"
    path.write_bytes(exported.export("xlsx"))
    header = [cell.value for cell in openpyxl.load_workbook(path).active[1]]
    evil = next(
        cells
        for cells in openpyxl.load_workbook(path).active.iter_rows()
        if cells[0].value == "evil"
    )
    assert evil[header.index("name_en")].data_type == "s"  # text, not a formula
    # Imported back, the name is what was typed.
    assert import_file(path).count("skipped") == 3
    assert Organisation.objects.get(slug="evil").name_en == '=HYPERLINK("http://evil","x")'


# The command ----------------------------------------------------------------------------------


def test_the_commands_dry_run_writes_nothing_and_prints_the_report(partners, tmp_path):
    path = as_xlsx([organisation_row(n) for n in range(3)], tmp_path / "o.xlsx")
    before = counts()
    out = io.StringIO()

    call_command("import_content", str(path), "--model", "organisations", "--dry-run", stdout=out)

    printed = out.getvalue()
    assert "row 2: new, “Imported organisation 0 (IMP0)”" in printed
    assert "Ready to import: 3 new, 0 changed, 0 unchanged." in printed
    assert counts() == before


def test_the_command_fails_on_an_error_and_writes_nothing(partners, tmp_path):
    rows = [organisation_row(n) for n in range(3)]
    rows[2] = {**rows[2], "country": "XX"}
    out = io.StringIO()
    before = counts()

    with pytest.raises(CommandError):
        call_command(
            "import_content",
            str(as_csv(rows, tmp_path / "o.csv")),
            "--model",
            "organisations",
            stdout=out,
        )

    assert "row 4, column `country`: no country with code `XX`" in out.getvalue()
    assert counts() == before


# The admin ------------------------------------------------------------------------------------


def upload(client, path):
    """Posts the file at `path` on the import page, as the "Check the file" button does."""
    with open(path, "rb") as file:
        content = file.read()
    return client.post(IMPORT, {"file": SimpleUploadedFile(os.path.basename(path), content)})


def has_confirm(response) -> bool:
    page = response.content.decode()
    return CONFIRM in page and 'name="token"' in page


def exported(response) -> list[dict]:
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_change_list_links_to_the_import_page_and_the_export(as_officer):
    page = as_officer.get(CHANGELIST).content.decode()

    assert IMPORT in page
    assert admin_url(Organisation, "export", "xlsx") in page
    import_page = as_officer.get(IMPORT).content.decode()
    assert escape(str(OrganisationResource.column_notes["is_own_structure"])) in import_page
    assert admin_url(Organisation, "import_template", "csv") in import_page


def test_upload_preview_then_confirm_imports_drafts(partners, as_officer, officer, tmp_path):
    rows = [organisation_row(n) for n in range(4)]
    before = counts()

    preview = upload(as_officer, as_xlsx(rows, tmp_path / "organisations.xlsx"))

    assert preview.status_code == 200
    assert [(row["row"], row["action"]) for row in preview.context["rows"]] == [
        (2, "created"),
        (3, "created"),
        (4, "created"),
        (5, "created"),
    ]
    page = preview.content.decode()
    assert "new, as a draft" in page
    assert "Imported organisation 2" in page
    assert "Ready to import: 4 new, 0 changed, 0 unchanged." in page
    assert has_confirm(preview)
    assert counts() == before

    done = as_officer.post(CONFIRM, {"token": preview.context["token"]}, follow=True)

    assert done.redirect_chain[-1][0] == CHANGELIST
    assert messages_of(done) == ["Imported: 4 new, 0 changed, 0 unchanged."]
    imported = Organisation.objects.filter(slug__startswith="imported-")
    assert set(imported.values_list("publication_status", flat=True)) == {DRAFT}
    assert imported.get(slug="imported-1").parent.slug == "imported-0"
    version = Version.objects.get_for_object(imported.get(slug="imported-2")).get()
    assert version.revision.user == officer
    assert "Imported organisation 2" in as_officer.get(CHANGELIST).content.decode()


def test_a_bad_cell_is_shown_with_its_row_and_column_and_no_confirm_is_offered(
    partners, as_officer, tmp_path
):
    rows = [organisation_row(n) for n in range(3)]
    rows[1] = {**rows[1], "kind": "bank"}
    before = counts()

    preview = upload(as_officer, as_csv(rows, tmp_path / "organisations.csv"))

    assert escape("row 3, column `kind`: `bank` is not one of: university (University)") in (
        preview.content.decode()
    )
    assert not has_confirm(preview)
    assert counts() == before


@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_the_templates_example_row_imports_cleanly(partners, as_officer, tmp_path, file_format):
    response = as_officer.get(admin_url(Organisation, "import_template", file_format))

    assert response.status_code == 200
    path = tmp_path / f"template.{file_format}"
    path.write_bytes(response.content)
    sheet = read_spreadsheet(path)
    assert sheet.dataset.headers == COLUMNS
    assert len(sheet.dataset) == 1
    example = sheet.dataset.dict[0]
    assert example["name_fr"] and example["kind"] and example["country"] == "CD"
    assert example["parent"] == "University of Kinshasa"  # in the officer's language
    if file_format == "xlsx":
        notes = openpyxl.load_workbook(path).worksheets[1]
        assert [
            row[0] for row in notes.iter_rows(min_row=2, max_row=len(COLUMNS) + 1, values_only=True)
        ] == COLUMNS
    before = counts()

    report = import_file(path, dry_run=True)

    assert not report.has_errors, report.lines()
    assert report.count("created") == 1
    assert counts() == before
    assert has_confirm(upload(as_officer, path))


def test_the_change_list_export_honours_its_filter_and_search(partners, as_officer):
    OrganisationFactory(slug="draft-ngo", kind="ngo", publication_status=DRAFT)
    OrganisationFactory(slug="published-ngo", kind="ngo")

    filtered = as_officer.get(admin_url(Organisation, "export", "csv") + "?kind__exact=ngo")
    drafts = as_officer.get(
        admin_url(Organisation, "export", "csv")
        + "?kind__exact=ngo&publication_status__exact=draft"
    )
    searched = as_officer.get(admin_url(Organisation, "export", "xlsx") + "?q=Kinshasa")

    assert filtered.status_code == 200
    assert [row["slug"] for row in exported(filtered)] == ["draft-ngo", "published-ngo"]
    assert list(exported(filtered)[0]) == COLUMNS
    assert [row["slug"] for row in exported(drafts)] == ["draft-ngo"]
    workbook = openpyxl.load_workbook(io.BytesIO(searched.content))
    assert [row[0] for row in workbook.active.iter_rows(min_row=2, values_only=True)] == ["unikin"]


def test_the_export_action_exports_the_selection(partners, as_officer):
    chosen = Organisation.objects.get(slug="ucoopia")

    response = as_officer.post(
        CHANGELIST, {"action": "export_selected_csv", "_selected_action": [chosen.pk]}
    )

    rows = exported(response)
    assert [row["slug"] for row in rows] == ["ucoopia"]
    assert (rows[0]["kind"], rows[0]["is_own_structure"]) == ("cooperation-unit", "yes")
