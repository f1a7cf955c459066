"""Projects imported from spreadsheets (CSV and XLSX): the dry run's report, one transaction,
errors by row and column, nothing written on error, the history, and the export that imports
back unchanged (projects.resources, cooperation_portal.spreadsheets)."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from reversion.models import Revision, Version

from cooperation_portal.spreadsheets import (
    MAX_ROWS,
    SpreadsheetRefused,
    read_spreadsheet,
)
from projects.models import Keyword, Participation, Project
from projects.resources import COLUMNS, ProjectResource
from tests.factories import (
    DRAFT,
    PUBLISHED,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(django_user_model):
    user = django_user_model.objects.create_user("officer", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="projects", codename__endswith="project")
    )
    return user


def project_row(number: int) -> dict:
    return {
        "slug": f"imported-{number}",
        "title_fr": f"Projet importé {number}",
        "title_en": f"Imported project {number}",
        "acronym": f"IMP{number}",
        "summary_fr": "Améliorer la santé maternelle.",
        "summary_en": "Improving maternal health.",
        "description_fr": "Une **description**.",
        "description_en": "",
        "start_date": "01/02/2025",
        "end_date": "2027-03-31",
        "budget": "250 000,50",
        "website": "www.example.org",
        "countries": "CD; BJ",
        "sdgs": "3; 5",
        "disciplines": "public-health; Agronomie",
        "funding_schemes": "Initiatives Sud",
        "partners": "Université de Kinshasa (pilote); Ucoopia (co-lead)",
        "keywords": "paludisme; Sage-femme",
    }


def as_xlsx(rows: list[dict], path, headers=COLUMNS):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(column, "") for column in headers])
    workbook.save(path)
    return path


def as_csv(rows: list[dict], path, headers=COLUMNS, delimiter=","):
    with open(path, "w", newline="", encoding="utf-8-sig") as file:
        writer = csv.DictWriter(file, fieldnames=headers, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)
    return path


def import_file(path, *, dry_run=False, user=None):
    return ProjectResource(user=user).import_sheet(read_spreadsheet(path), dry_run=dry_run)


def counts() -> dict:
    return {
        "projects": Project.objects.count(),
        "participations": Participation.objects.count(),
        "keywords": Keyword.objects.count(),
        "revisions": Revision.objects.count(),
    }


@pytest.mark.parametrize("write", [as_xlsx, as_csv], ids=["xlsx", "csv"])
def test_two_hundred_projects_arrive_as_drafts_with_every_relation(vocabulary, write, tmp_path):
    path = write([project_row(n) for n in range(200)], tmp_path / f"projects.{write.__name__[3:]}")

    report = import_file(path)

    assert not report.has_errors, report.lines()
    assert report.count("created") == 200
    assert Project.objects.count() == 200
    assert set(Project.objects.values_list("publication_status", flat=True)) == {DRAFT}
    project = Project.objects.get(slug="imported-7")
    assert (project.title_fr, project.title_en) == ("Projet importé 7", "Imported project 7")
    assert project.start_date == datetime.date(2025, 2, 1)
    assert project.end_date == datetime.date(2027, 3, 31)
    assert project.budget == Decimal("250000.50")
    assert project.website == "https://www.example.org"
    assert sorted(project.countries.values_list("code", flat=True)) == ["BJ", "CD"]
    assert sorted(project.sdgs.values_list("number", flat=True)) == [3, 5]
    assert sorted(project.disciplines.values_list("slug", flat=True)) == [
        "agronomy",
        "public-health",
    ]
    assert list(project.funding_schemes.values_list("slug", flat=True)) == ["south-initiatives"]
    assert sorted(project.participations.values_list("organisation__slug", "role")) == [
        ("ucoopia", "co-lead"),
        ("unikin", "lead"),
    ]
    assert sorted(project.keywords.values_list("slug", flat=True)) == ["midwifery", "paludisme"]
    # The new keyword is created once, for all the rows that name it.
    assert Keyword.objects.count() == 2


def test_importing_the_same_file_again_changes_nothing(vocabulary, tmp_path):
    path = as_xlsx([project_row(n) for n in range(200)], tmp_path / "projects.xlsx")
    import_file(path)
    before = counts()
    updated_at = dict(Project.objects.values_list("slug", "updated_at"))

    report = import_file(path)

    assert not report.has_errors, report.lines()
    assert report.count("skipped") == 200
    assert report.count("created") == report.count("updated") == 0
    assert counts() == before  # no new revision either
    assert dict(Project.objects.values_list("slug", "updated_at")) == updated_at


def test_a_changed_cell_updates_the_project_and_names_the_changed_columns(vocabulary, tmp_path):
    rows = [project_row(n) for n in range(3)]
    import_file(as_csv(rows, tmp_path / "projects.csv"))
    rows[1] = {**rows[1], "countries": "CD", "partners": "Ucoopia (partenaire)"}

    report = import_file(as_csv(rows, tmp_path / "projects.csv"))

    assert [(row.row, row.action) for row in report.rows] == [
        (2, "skipped"),
        (3, "updated"),
        (4, "skipped"),
    ]
    assert report.rows[1].changed == ["countries", "partners"]
    project = Project.objects.get(slug="imported-1")
    assert list(project.countries.values_list("code", flat=True)) == ["CD"]
    assert list(project.participations.values_list("organisation__slug", "role")) == [
        ("ucoopia", "partner")
    ]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("countries", "CD; XX", "row 14, column `countries`: no country with code `XX`"),
        ("start_date", "31/02/2027", "row 14, column `start_date`: 31/02/2027 is not a date"),
        (
            "partners",
            "Nowhere University (partner)",
            "row 14, column `partners`: no organisation named `Nowhere University`",
        ),
        ("title_fr", "", "row 14, column `title_fr`: This field cannot be blank."),
    ],
)
def test_one_bad_cell_is_reported_with_its_row_and_column_and_nothing_is_written(
    vocabulary, tmp_path, column, value, message
):
    rows = [project_row(n) for n in range(20)]
    rows[12] = {**rows[12], column: value}  # the 13th project, on the spreadsheet's row 14
    before = counts()

    report = import_file(as_xlsx(rows, tmp_path / "projects.xlsx"))

    assert report.has_errors
    assert len(report.errors) == 1, report.lines()
    assert str(report.errors[0]).startswith(message)
    assert counts() == before
    assert "nothing was imported" in report.summary()


def test_the_dry_run_reports_every_row_and_writes_nothing(vocabulary, tmp_path):
    before = counts()

    report = import_file(
        as_xlsx([project_row(n) for n in range(5)], tmp_path / "p.xlsx"), dry_run=True
    )

    assert [(row.row, row.action) for row in report.rows] == [(n, "created") for n in range(2, 7)]
    assert "Nothing has been written yet" in report.summary()
    assert counts() == before


def test_export_then_import_round_trips_every_field_and_relation(vocabulary, tmp_path):
    import_file(as_xlsx([project_row(n) for n in range(3)], tmp_path / "projects.xlsx"))
    exported = ProjectResource().export()
    path = tmp_path / "export.xlsx"
    path.write_bytes(exported.export("xlsx"))
    Project.objects.all().delete()

    report = import_file(path)

    assert report.count("created") == 3, report.lines()
    again = ProjectResource().export()
    assert again.dict == exported.dict
    assert again.dict[0]["partners"] == "University of Kinshasa (lead); Ucoopia (co-lead)"
    assert again.dict[0]["start_date"] == "2025-02-01"
    # And importing the export into the same projects changes nothing.
    assert import_file(path).count("skipped") == 3


def test_an_exported_formula_is_neutralised(vocabulary, tmp_path):
    ProjectFactory(slug="evil", title_en='=HYPERLINK("http://evil","x")', title_fr="-1+2")

    exported = ProjectResource().export()
    row = exported.dict[0]

    assert row["title_en"] == '\'=HYPERLINK("http://evil","x")'
    assert row["title_fr"] == "'-1+2"
    path = tmp_path / "export.xlsx"
    path.write_bytes(exported.export("xlsx"))
    cell = openpyxl.load_workbook(path).active["C2"]
    assert cell.data_type == "s"  # text, not a formula
    # Imported back, the title is what was typed.
    Project.objects.all().delete()
    exported_csv = tmp_path / "export.csv"
    exported_csv.write_text(exported.export("csv"), encoding="utf-8")
    ProjectResource().import_sheet(read_spreadsheet(exported_csv), dry_run=True)
    dataset = read_spreadsheet(exported_csv).dataset
    assert dataset.dict[0]["title_en"].startswith("'=")


def test_a_file_of_more_than_twenty_thousand_rows_is_refused(vocabulary, tmp_path):
    path = tmp_path / "big.csv"
    line = ",".join(project_row(0)[column].replace(",", " ") for column in COLUMNS)
    path.write_text(",".join(COLUMNS) + "\n" + (line + "\n") * 25_000, encoding="utf-8")
    before = counts()

    with pytest.raises(SpreadsheetRefused) as refusal:
        read_spreadsheet(path)

    assert refusal.value.message == (
        "“big.csv” has more than 20 000 rows: it cannot be imported at once. "
        "Split it into several files."
    )
    assert MAX_ROWS == 20_000
    with pytest.raises(CommandError, match="more than 20 000 rows"):
        call_command("import_content", str(path), "--model", "projects", stdout=io.StringIO())
    assert counts() == before


def test_a_file_over_ten_megabytes_is_refused(tmp_path):
    path = tmp_path / "huge.csv"
    path.write_bytes(b"slug\n" + b"x" * (10 * 1024 * 1024))

    with pytest.raises(SpreadsheetRefused, match="too large"):
        read_spreadsheet(path)


def test_an_xlsx_formula_cell_is_an_error_of_its_cell_never_computed(vocabulary, tmp_path):
    rows = [project_row(n) for n in range(3)]
    rows[1] = {**rows[1], "budget": "=1000*2"}
    before = counts()

    report = import_file(as_xlsx(rows, tmp_path / "projects.xlsx"))

    assert [str(error) for error in report.errors] == [
        "row 3, column `budget`: holds a formula (=1000*2); formulas are not imported: "
        "type the value itself"
    ]
    assert counts() == before


def test_a_semicolon_separated_csv_with_a_byte_order_mark_is_read(vocabulary, tmp_path):
    path = as_csv([project_row(0)], tmp_path / "projects.csv", delimiter=";")

    report = import_file(path)

    assert report.count("created") == 1, report.lines()


def test_the_commands_dry_run_writes_nothing_and_prints_the_report(vocabulary, tmp_path):
    path = as_xlsx([project_row(n) for n in range(120)], tmp_path / "projects.xlsx")
    before = counts()
    out = io.StringIO()

    call_command("import_content", str(path), "--model", "projects", "--dry-run", stdout=out)

    printed = out.getvalue()
    assert "[#########################-----] 100 of 120 rows" in printed
    assert "row 2: new, “Imported project 0”" in printed
    assert "Ready to import: 120 new, 0 changed, 0 unchanged." in printed
    assert counts() == before


def test_the_command_fails_on_an_error_and_writes_nothing(vocabulary, tmp_path):
    rows = [project_row(n) for n in range(3)]
    rows[2] = {**rows[2], "sdgs": "18"}
    out = io.StringIO()
    before = counts()

    with pytest.raises(CommandError) as failure:
        call_command(
            "import_content",
            str(as_csv(rows, tmp_path / "p.csv")),
            "--model",
            "projects",
            stdout=out,
        )

    assert failure.value.returncode == 1
    assert "row 4, column `sdgs`: no Sustainable Development Goal number `18`" in out.getvalue()
    assert counts() == before


def test_the_history_records_the_import_with_its_user(vocabulary, officer, tmp_path):
    path = as_xlsx([project_row(n) for n in range(2)], tmp_path / "projects.xlsx")

    call_command(
        "import_content",
        str(path),
        "--model",
        "projects",
        "--user",
        "officer",
        stdout=io.StringIO(),
    )

    project = Project.objects.get(slug="imported-1")
    version = Version.objects.get_for_object(project).get()
    assert version.revision.user == officer
    assert version.revision.comment == "Imported from projects.xlsx"
    # The version holds the project's links too, so that a restore brings them back.
    linked = {v.content_type.model for v in version.revision.version_set.all()}
    assert {"participation", "projectcountry", "taggedkeyword"} <= linked


def test_an_update_keeps_a_published_project_published_and_never_publishes(
    vocabulary, officer, tmp_path
):
    ProjectFactory(slug="imported-0", publication_status=PUBLISHED)
    ProjectFactory(slug="imported-1", publication_status=DRAFT)

    report = import_file(as_csv([project_row(0), project_row(1)], tmp_path / "p.csv"), user=officer)

    assert [row.action for row in report.rows] == ["updated", "updated"], report.lines()
    statuses = dict(Project.objects.values_list("slug", "publication_status"))
    assert statuses == {"imported-0": PUBLISHED, "imported-1": DRAFT}


def test_only_who_may_publish_changes_a_published_project(vocabulary, django_user_model, tmp_path):
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    ProjectFactory(slug="imported-0", publication_status=PUBLISHED, title_en="Before")

    report = import_file(as_csv([project_row(0)], tmp_path / "p.csv"), user=editor)

    assert [str(error) for error in report.errors] == [
        "row 2: “Before” is published: only a cooperation officer may change it"
    ]
    assert Project.objects.get(slug="imported-0").title_en == "Before"


def test_an_editor_may_import_back_an_export_holding_published_projects_unchanged(
    vocabulary, django_user_model, tmp_path
):
    """Only a changed published project needs an officer: the rest of the file is the
    editor's to import."""
    editor = django_user_model.objects.create_user("editor", is_staff=True)
    import_file(as_csv([project_row(0), project_row(1)], tmp_path / "p.csv"))
    Project.objects.filter(slug="imported-0").update(publication_status=PUBLISHED)
    path = tmp_path / "export.xlsx"
    path.write_bytes(ProjectResource().export().export("xlsx"))
    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    for cells in sheet.iter_rows(min_row=2):
        if cells[header.index("slug")].value == "imported-1":  # the draft
            cells[header.index("title_en")].value = "Changed by the editor"
    workbook.save(path)

    report = import_file(path, user=editor)

    assert not report.has_errors, report.lines()
    assert (report.count("skipped"), report.count("updated")) == (1, 1)
    assert Project.objects.get(slug="imported-1").title_en == "Changed by the editor"


def test_an_imported_project_is_found_by_its_partners_countries_and_keywords(
    vocabulary, client, tmp_path
):
    """The search columns are refreshed once per row (`refreshed_once`), after its links."""
    import_file(as_csv([project_row(1)], tmp_path / "one.csv"))
    Project.objects.filter(slug="imported-1").update(publication_status=PUBLISHED)

    for words in ("Kinshasa", "Ucoopia", "paludisme", "Sage-femme"):
        page = client.get("/en/projects/", {"q": words})
        found = [project.slug for project in page.context["page_obj"]]
        assert found == ["imported-1"], words


def test_demo_projects_exported_then_imported_back_are_all_unchanged(tmp_path):
    call_command("load_demo", verbosity=0)
    path = tmp_path / "demo.xlsx"
    path.write_bytes(ProjectResource().export().export("xlsx"))
    before = counts()

    report = import_file(path)

    assert not report.has_errors, report.lines()
    assert report.count("skipped") == Project.objects.count() > 40
    assert counts() == before
