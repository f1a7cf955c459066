"""Funding schemes and their calls imported from spreadsheets (CSV and XLSX) and exported to
them (funding.resources, funding.admin): drafts with every relation, calls matched by scheme and
French title, errors by row and column with nothing written, Brussels time, the demo data
exported and imported back unchanged, the admin's import page, templates and export, and the
command."""

import csv
import datetime
import io
import os
import tempfile
from decimal import Decimal
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from reversion.models import Revision, Version

from cooperation_portal.spreadsheets import read_spreadsheet
from funding.models import Call, FundingScheme
from funding.resources import CALL_COLUMNS, SCHEME_COLUMNS, CallResource, FundingSchemeResource
from tests.factories import (
    DRAFT,
    PUBLISHED,
    CallFactory,
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    PersonFactory,
    SDGFactory,
)
from tests.helpers import admin_url
from tests.officers.helpers import messages_of
from tests.spreadsheets.test_project_import import as_csv, as_xlsx

pytestmark = pytest.mark.django_db

BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = datetime.UTC


@pytest.fixture
def funding_vocabulary():
    """The rows a scheme's cells name: three countries, two goals, two disciplines, two
    organisations (one with an acronym) and two contacts."""
    for code in ("CD", "BJ", "SN"):
        CountryFactory(code=code)
    SDGFactory(number=4)
    SDGFactory(number=17)
    DisciplineFactory(slug="public-health", name_fr="Santé publique", name_en="Public health")
    DisciplineFactory(slug="agronomy", name_fr="Agronomie", name_en="Agronomy")
    OrganisationFactory(
        slug="wbi", name_fr="Wallonie-Bruxelles International", name_en="WBI", acronym="WBI"
    )
    OrganisationFactory(slug="ares", name_fr="Académie de recherche", acronym="ARES")
    PersonFactory(email="mobility@example.org", name="", role_en="Mobility grants officer")
    PersonFactory(email="", name="Aminata Diallo", role_en="Research funding officer")


@pytest.fixture(autouse=True)
def temporary_files(monkeypatch, tmp_path_factory):
    """The files kept between a preview and its "Confirm" in a folder of the test's own."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path_factory.mktemp("tmp")))


def scheme_row(number: int) -> dict:
    return {
        "slug": f"imported-scheme-{number}",
        "name_fr": f"Bourse importée {number}",
        "name_en": f"Imported grant {number}",
        "kind": "Bourse de voyage",
        "funder": "WBI",
        "summary_fr": "De courts séjours de recherche.",
        "summary_en": "Short research stays.",
        "description_fr": "Une **description**.",
        "description_en": "",
        "applicant_levels": "master; Doctorante; postdoctoral researcher",
        "eligible_affiliations": "Université partenaire du Sud; NGO",
        "applicant_type": "personnes",
        "open_to_all_nationalities": "non",
        "eligible_nationalities": "CD; BJ",
        "disciplines": "public-health; Agronomie",
        "sdgs": "4; 17",
        "amount_min": "1 500",
        "amount_max": "6000,50",
        "duration_fr": "1 à 3 mois",
        "duration_en": "1 to 3 months",
        "application_url": "www.example.org/apply",
        "no_call_note_fr": "",
        "no_call_note_en": "",
        "contact": "mobility@example.org",
    }


def call_row(scheme: int, number: int) -> dict:
    return {
        "scheme": f"imported-scheme-{scheme}",
        "title_fr": f"Appel {2027 + number}",
        "title_en": f"{2027 + number} call",
        "opens_at": f"01/02/{2027 + number}",
        "deadline": f"{2027 + number}-07-15 12:00",
        "internal_deadline": f"01/07/{2027 + number} 17h",
        "url": "www.example.org/call",
    }


def import_schemes(path, *, dry_run=False, user=None):
    return FundingSchemeResource(user=user).import_sheet(read_spreadsheet(path), dry_run=dry_run)


def import_calls(path, *, dry_run=False, user=None):
    return CallResource(user=user).import_sheet(read_spreadsheet(path), dry_run=dry_run)


def schemes_file(rows, path):
    writer = as_csv if str(path).endswith(".csv") else as_xlsx
    return writer(rows, path, headers=SCHEME_COLUMNS)


def calls_file(rows, path):
    writer = as_csv if str(path).endswith(".csv") else as_xlsx
    return writer(rows, path, headers=CALL_COLUMNS)


def counts() -> dict:
    return {
        "schemes": FundingScheme.objects.count(),
        "calls": Call.objects.count(),
        "links": sum(
            getattr(FundingScheme, name).through.objects.count()
            for name in (
                "applicant_levels",
                "eligible_affiliations",
                "eligible_nationalities",
                "disciplines",
                "sdgs",
            )
        ),
        "revisions": Revision.objects.count(),
    }


def imported_schemes(tmp_path, count=3):
    report = import_schemes(
        schemes_file([scheme_row(n) for n in range(count)], tmp_path / "schemes.xlsx")
    )
    assert not report.has_errors, report.lines()


# Schemes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_many_schemes_arrive_as_drafts_with_every_relation(funding_vocabulary, tmp_path, extension):
    path = schemes_file([scheme_row(n) for n in range(60)], tmp_path / f"schemes.{extension}")

    report = import_schemes(path)

    assert not report.has_errors, report.lines()
    assert report.count("created") == 60
    assert set(FundingScheme.objects.values_list("publication_status", flat=True)) == {DRAFT}
    scheme = FundingScheme.objects.get(slug="imported-scheme-7")
    assert (scheme.name_fr, scheme.name_en) == ("Bourse importée 7", "Imported grant 7")
    assert scheme.kind == FundingScheme.Kind.TRAVEL_GRANT
    assert scheme.funder.slug == "wbi"
    assert scheme.description_fr == "Une **description**."
    assert sorted(scheme.applicant_levels.values_list("code", flat=True)) == [
        "doctoral",
        "master",
        "postdoctoral",
    ]
    assert sorted(scheme.eligible_affiliations.values_list("code", flat=True)) == [
        "ngo",
        "partner-university",
    ]
    assert scheme.applicant_type == FundingScheme.ApplicantType.PERSON
    assert scheme.open_to_all_nationalities is False
    assert sorted(scheme.eligible_nationalities.values_list("code", flat=True)) == ["BJ", "CD"]
    assert sorted(scheme.disciplines.values_list("slug", flat=True)) == [
        "agronomy",
        "public-health",
    ]
    assert sorted(scheme.sdgs.values_list("number", flat=True)) == [4, 17]
    assert (scheme.amount_min, scheme.amount_max) == (Decimal("1500"), Decimal("6000.50"))
    assert (scheme.duration_fr, scheme.duration_en) == ("1 à 3 mois", "1 to 3 months")
    assert scheme.application_url == "https://www.example.org/apply"
    assert scheme.contact.email == "mobility@example.org"


def test_a_blank_slug_is_made_from_the_french_name_and_a_blank_type_is_either(
    funding_vocabulary, tmp_path
):
    row = {**scheme_row(0), "slug": "", "applicant_type": "", "open_to_all_nationalities": ""}
    path = schemes_file([row], tmp_path / "schemes.csv")

    assert import_schemes(path).count("created") == 1
    scheme = FundingScheme.objects.get(slug="bourse-importee-0")
    assert scheme.applicant_type == FundingScheme.ApplicantType.EITHER
    assert scheme.open_to_all_nationalities is False
    # The same file finds the scheme it made.
    assert import_schemes(path).count("skipped") == 1


@pytest.mark.parametrize(
    ("cell", "ticked"),
    [
        ("oui", True),
        ("Yes", True),
        ("TRUE", True),
        ("1", True),
        ("x", True),
        ("non", False),
        ("no", False),
        ("false", False),
        ("0", False),
        ("", False),
    ],
)
def test_open_to_all_nationalities_reads_yes_and_no_in_either_language(
    funding_vocabulary, tmp_path, cell, ticked
):
    row = {**scheme_row(0), "open_to_all_nationalities": cell, "eligible_nationalities": ""}

    report = import_schemes(schemes_file([row], tmp_path / "schemes.csv"))

    assert not report.has_errors, report.lines()
    scheme = FundingScheme.objects.get()
    assert scheme.open_to_all_nationalities is ticked
    assert FundingSchemeResource().export().dict[0]["open_to_all_nationalities"] == (
        "yes" if ticked else "no"
    )


def test_kinds_types_and_levels_are_read_by_code_or_label_whatever_the_case_and_accents(
    funding_vocabulary, tmp_path
):
    rows = [
        {**scheme_row(0), "kind": "MOBILITE individuelle", "applicant_type": "organisation"},
        {
            **scheme_row(1),
            "kind": "doctoral-grant",
            "applicant_type": "Individuals or organisations",
        },
        {
            **scheme_row(2),
            "kind": "Cooperation project grant",
            "applicant_levels": "Étudiant de master; academic staff; Personnel administratif",
        },
    ]

    report = import_schemes(schemes_file(rows, tmp_path / "schemes.csv"))

    assert not report.has_errors, report.lines()
    assert list(FundingScheme.objects.order_by("slug").values_list("kind", "applicant_type")) == [
        ("individual-mobility", "organisation"),
        ("doctoral-grant", "either"),
        ("project-grant", "person"),
    ]
    levels = FundingScheme.objects.get(slug="imported-scheme-2").applicant_levels
    assert sorted(levels.values_list("code", flat=True)) == [
        "academic-staff",
        "administrative-staff",
        "master",
    ]
    exported = FundingSchemeResource().export().dict[2]
    assert exported["kind"] == "project-grant"
    assert exported["applicant_levels"] == "academic-staff; administrative-staff; master"


@pytest.mark.parametrize(
    ("cell", "contact"),
    [
        ("MOBILITY@example.org", "mobility@example.org"),
        ("Aminata Diallo", ""),
        ("Mobility grants officer", "mobility@example.org"),
        ("", None),
    ],
)
def test_the_contact_is_found_by_e_mail_name_or_role(funding_vocabulary, tmp_path, cell, contact):
    report = import_schemes(
        schemes_file([{**scheme_row(0), "contact": cell}], tmp_path / "schemes.csv")
    )

    assert not report.has_errors, report.lines()
    found = FundingScheme.objects.get().contact
    assert (found.email if found else None) == contact


def test_a_role_that_several_contacts_share_asks_for_the_e_mail_address(
    funding_vocabulary, tmp_path
):
    PersonFactory(email="other@example.org", role_en="Mobility grants officer")

    report = import_schemes(
        schemes_file(
            [{**scheme_row(0), "contact": "Mobility grants officer"}], tmp_path / "schemes.csv"
        )
    )

    assert [str(error) for error in report.errors] == [
        "row 2, column `contact`: `Mobility grants officer` names several contacts; "
        "write the e-mail address"
    ]


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "eligible_nationalities",
            "CD; XX",
            "row 14, column `eligible_nationalities`: no country with code `XX`",
        ),
        (
            "kind",
            "Grant",
            "row 14, column `kind`: `Grant` is not one of: individual-mobility "
            "(Individual mobility), travel-grant (Travel grant)",
        ),
        ("name_fr", "", "row 14, column `name_fr`: This field cannot be blank."),
        (
            "funder",
            "Nowhere Fund",
            "row 14, column `funder`: no organisation named `Nowhere Fund`",
        ),
        (
            "applicant_levels",
            "master; professor",
            "row 14, column `applicant_levels`: `professor` is not one of: bachelor",
        ),
        (
            "open_to_all_nationalities",
            "maybe",
            "row 14, column `open_to_all_nationalities`: `maybe` is neither yes nor no",
        ),
        (
            "amount_max",
            "1000",
            "row 14, column `amount_max`: the largest amount is below the smallest (1500)",
        ),
        ("amount_min", "-5", "row 14, column `amount_min`: an amount cannot be negative"),
        (
            "summary_en",
            "x" * 601,
            "row 14, column `summary_en`: at most 600 characters (it has 601)",
        ),
        (
            "slug",
            "feed",
            "row 14, column `slug`: This address is taken by the portal itself",
        ),
        ("contact", "nobody@example.org", "row 14, column `contact`: no contact with e-mail"),
    ],
)
def test_one_bad_scheme_cell_is_reported_with_its_row_and_column_and_nothing_is_written(
    funding_vocabulary, tmp_path, column, value, message
):
    rows = [scheme_row(n) for n in range(20)]
    rows[12] = {**rows[12], column: value}  # the 13th scheme, on the spreadsheet's row 14
    before = counts()

    report = import_schemes(schemes_file(rows, tmp_path / "schemes.xlsx"))

    assert report.has_errors
    assert len(report.errors) == 1, report.lines()
    assert str(report.errors[0]).startswith(message)
    assert counts() == before
    assert "nothing was imported" in report.summary()


def test_importing_the_same_schemes_again_changes_nothing(funding_vocabulary, tmp_path):
    path = schemes_file([scheme_row(n) for n in range(40)], tmp_path / "schemes.xlsx")
    import_schemes(path)
    before = counts()
    updated_at = dict(FundingScheme.objects.values_list("slug", "updated_at"))

    report = import_schemes(path)

    assert not report.has_errors, report.lines()
    assert report.count("skipped") == 40
    assert counts() == before  # no new revision either
    assert dict(FundingScheme.objects.values_list("slug", "updated_at")) == updated_at


def test_a_changed_cell_updates_the_scheme_and_names_the_changed_columns(
    funding_vocabulary, tmp_path
):
    rows = [scheme_row(n) for n in range(3)]
    import_schemes(schemes_file(rows, tmp_path / "schemes.csv"))
    rows[1] = {**rows[1], "eligible_nationalities": "SN", "kind": "valorisation"}

    report = import_schemes(schemes_file(rows, tmp_path / "schemes.csv"))

    assert [(row.row, row.action) for row in report.rows] == [
        (2, "skipped"),
        (3, "updated"),
        (4, "skipped"),
    ]
    assert report.rows[1].changed == ["kind", "eligible_nationalities"]
    scheme = FundingScheme.objects.get(slug="imported-scheme-1")
    assert list(scheme.eligible_nationalities.values_list("code", flat=True)) == ["SN"]


def test_an_editor_cannot_change_a_published_scheme_but_an_officer_can(
    funding_vocabulary, editor, officer, tmp_path
):
    FundingSchemeFactory(
        slug="imported-scheme-0", name_fr="Avant", name_en="Before", publication_status=PUBLISHED
    )
    path = schemes_file([scheme_row(0)], tmp_path / "schemes.csv")

    refused = import_schemes(path, user=editor)

    assert [str(error) for error in refused.errors] == [
        "row 2: “Before” is published: only a cooperation officer may change it"
    ]
    assert import_schemes(path, user=officer).count("updated") == 1
    scheme = FundingScheme.objects.get(slug="imported-scheme-0")
    assert (scheme.name_fr, scheme.publication_status) == ("Bourse importée 0", PUBLISHED)


# Calls --------------------------------------------------------------------------------------


def test_many_calls_arrive_for_their_schemes_in_brussels_time(funding_vocabulary, tmp_path):
    imported_schemes(tmp_path, count=20)
    rows = [call_row(scheme, number) for scheme in range(20) for number in range(3)]

    report = import_calls(calls_file(rows, tmp_path / "calls.xlsx"))

    assert not report.has_errors, report.lines()
    assert report.count("created") == 60
    call = Call.objects.get(scheme__slug="imported-scheme-4", title_fr="Appel 2028")
    assert call.title_en == "2028 call"
    # Winter (UTC+1) and summer (UTC+2) in Brussels.
    assert call.opens_at == datetime.datetime(2028, 1, 31, 23, 0, tzinfo=UTC)
    assert call.deadline == datetime.datetime(2028, 7, 15, 10, 0, tzinfo=UTC)
    assert call.internal_deadline == datetime.datetime(2028, 7, 1, 15, 0, tzinfo=UTC)
    assert call.url == "https://www.example.org/call"
    assert FundingScheme.objects.get(slug="imported-scheme-4").calls.count() == 3


def test_a_call_is_found_by_its_scheme_and_french_title_whatever_names_the_scheme(
    funding_vocabulary, tmp_path
):
    imported_schemes(tmp_path, count=2)
    import_calls(calls_file([call_row(0, 0), call_row(1, 0)], tmp_path / "calls.csv"))
    rows = [
        {**call_row(0, 0), "scheme": "Bourse importée 0", "deadline": "2027-07-16 12:00"},
        {**call_row(1, 0), "scheme": "Imported grant 1"},
        {**call_row(1, 0), "scheme": "imported-scheme-1", "title_fr": "Appel spécial"},
    ]

    report = import_calls(calls_file(rows, tmp_path / "calls.csv"))

    assert [(row.action, row.changed) for row in report.rows] == [
        ("updated", ["deadline"]),
        ("skipped", []),
        ("created", []),
    ], report.lines()
    assert Call.objects.get(scheme__slug="imported-scheme-0").deadline == datetime.datetime(
        2027, 7, 16, 12, 0, tzinfo=BRUSSELS
    )
    assert Call.objects.filter(scheme__slug="imported-scheme-1").count() == 2


def test_importing_the_same_calls_again_changes_nothing(funding_vocabulary, tmp_path):
    imported_schemes(tmp_path, count=10)
    path = calls_file(
        [call_row(scheme, number) for scheme in range(10) for number in range(3)],
        tmp_path / "calls.csv",
    )
    import_calls(path)
    before = counts()
    updated_at = dict(Call.objects.values_list("pk", "updated_at"))

    report = import_calls(path)

    assert not report.has_errors, report.lines()
    assert report.count("skipped") == 30
    assert counts() == before
    assert dict(Call.objects.values_list("pk", "updated_at")) == updated_at


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        (
            "deadline",
            "31/02/2027 12:00",
            "row 9, column `deadline`: 31/02/2027 12:00 is not a date and time",
        ),
        (
            "deadline",
            "2028-01-31 12:00",
            "row 9, column `deadline`: the call closes before it opens (01/02/2028 00:00)",
        ),
        (
            "internal_deadline",
            "2028-07-16 12:00",
            "row 9, column `internal_deadline`: after the deadline (15/07/2028 12:00)",
        ),
        (
            "internal_deadline",
            "2028-01-01 12:00",
            "row 9, column `internal_deadline`: before the call opens (01/02/2028 00:00)",
        ),
        (
            "scheme",
            "Nowhere grants",
            "row 9, column `scheme`: no funding scheme with slug or name `Nowhere grants`",
        ),
        ("scheme", "", "row 9, column `scheme`: This field cannot be null."),
        ("title_fr", "", "row 9, column `title_fr`: This field cannot be blank."),
        ("opens_at", "", "row 9, column `opens_at`: This field cannot be null."),
        ("url", "javascript:alert(1)", "row 9, column `url`: "),
    ],
)
def test_one_bad_call_cell_is_reported_with_its_row_and_column_and_nothing_is_written(
    funding_vocabulary, tmp_path, column, value, message
):
    imported_schemes(tmp_path, count=4)
    rows = [call_row(scheme, number) for scheme in range(4) for number in range(3)]
    rows[7] = {**rows[7], column: value}  # scheme 2's call of 2028, on the spreadsheet's row 9
    before = counts()

    report = import_calls(calls_file(rows, tmp_path / "calls.xlsx"))

    assert report.has_errors
    assert len(report.errors) == 1, report.lines()
    assert str(report.errors[0]).startswith(message)
    assert counts() == before


def test_a_call_named_twice_in_a_file_is_an_error_of_the_second_row(funding_vocabulary, tmp_path):
    imported_schemes(tmp_path, count=1)
    rows = [call_row(0, 0), call_row(0, 1), {**call_row(0, 0), "title_en": "Again"}]

    report = import_calls(calls_file(rows, tmp_path / "calls.csv"))

    assert [str(error) for error in report.errors] == [
        "row 4, column `scheme`: `imported-scheme-0; Appel 2027` is also on row 2: each row "
        "must name another one"
    ]
    assert Call.objects.count() == 0


def test_a_call_named_by_its_scheme_two_ways_in_a_file_is_an_error_of_the_second_row(
    funding_vocabulary, tmp_path
):
    imported_schemes(tmp_path, count=1)
    rows = [call_row(0, 0), {**call_row(0, 0), "scheme": "Bourse importée 0"}]

    report = import_calls(calls_file(rows, tmp_path / "calls.csv"))

    assert [str(error) for error in report.errors] == [
        "row 3, column `scheme`: this call is also on row 2: each row must name another one"
    ]
    assert Call.objects.count() == 0


def test_a_file_of_calls_without_the_title_column_is_refused(funding_vocabulary, tmp_path):
    imported_schemes(tmp_path, count=1)
    path = as_csv(
        [{"scheme": "imported-scheme-0", "opens_at": "01/02/2027"}],
        tmp_path / "calls.csv",
        headers=["scheme", "opens_at"],
    )

    report = import_calls(path)

    assert report.file_errors == ["The file has no column `title_fr` (row 1 names the columns)."]
    assert Call.objects.count() == 0


def test_only_an_officer_adds_or_changes_the_calls_of_a_published_scheme(
    funding_vocabulary, editor, officer, tmp_path
):
    imported_schemes(tmp_path, count=2)
    FundingScheme.objects.filter(slug="imported-scheme-0").update(publication_status=PUBLISHED)
    path = calls_file([call_row(0, 0), call_row(1, 0)], tmp_path / "calls.csv")

    refused = import_calls(path, user=editor)

    assert [str(error) for error in refused.errors] == [
        "row 2: “Imported grant 0” is published: only a cooperation officer may add or "
        "change its calls"
    ]
    assert Call.objects.count() == 0
    # The calls of a draft scheme are the editor's to import.
    assert (
        import_calls(calls_file([call_row(1, 0)], tmp_path / "draft.csv"), user=editor).count(
            "created"
        )
        == 1
    )
    assert import_calls(path, user=officer).count("created") == 1
    assert Call.objects.count() == 2


# Export and import back ---------------------------------------------------------------------


def write_export(dataset, path):
    if str(path).endswith(".csv"):
        path.write_text(dataset.export("csv"), encoding="utf-8")
    else:
        path.write_bytes(dataset.export("xlsx"))
    return path


@pytest.mark.parametrize("extension", ["xlsx", "csv"])
def test_export_then_import_round_trips_every_field_relation_and_time(
    funding_vocabulary, tmp_path, extension
):
    rows = [scheme_row(n) for n in range(3)]
    rows[1] = {
        **rows[1],
        "open_to_all_nationalities": "oui",
        "eligible_nationalities": "",
        "amount_min": "",
        "contact": "",
        "no_call_note_fr": "Toute l'année.",
        "description_en": "- a list\n- of two",
    }
    import_schemes(schemes_file(rows, tmp_path / "schemes.xlsx"))
    calls = [
        {
            "scheme": "imported-scheme-0",
            "title_fr": "Appel d'été",
            "title_en": "Summer call",
            "opens_at": "2027-07-01 09:30",
            "deadline": "15/01/2028 12:00",
            "internal_deadline": "2027-12-20 23:59:30",
            "url": "",
        },
        call_row(2, 0),
    ]
    import_calls(calls_file(calls, tmp_path / "calls.xlsx"))
    schemes_export = FundingSchemeResource().export()
    calls_export = CallResource().export()
    schemes_path = write_export(schemes_export, tmp_path / f"schemes-export.{extension}")
    calls_path = write_export(calls_export, tmp_path / f"calls-export.{extension}")
    FundingScheme.objects.all().delete()

    assert import_schemes(schemes_path).count("created") == 3
    assert import_calls(calls_path).count("created") == 2

    assert FundingSchemeResource().export().dict == schemes_export.dict
    assert CallResource().export().dict == calls_export.dict
    summer = calls_export.dict[0]
    assert (summer["opens_at"], summer["deadline"], summer["internal_deadline"]) == (
        "2027-07-01 09:30",
        "2028-01-15 12:00",
        "2027-12-20 23:59:30",
    )
    call = Call.objects.get(title_fr="Appel d'été")
    assert call.opens_at == datetime.datetime(2027, 7, 1, 7, 30, tzinfo=UTC)
    assert call.deadline == datetime.datetime(2028, 1, 15, 11, 0, tzinfo=UTC)
    scheme = schemes_export.dict[1]
    assert scheme["open_to_all_nationalities"] == "yes"
    assert scheme["amount_min"] == ""
    assert scheme["description_en"] == "'- a list\n- of two"  # neutralised, read back as typed
    assert FundingScheme.objects.get(slug="imported-scheme-1").description_en.startswith("- a")
    # Importing the export into the same rows again changes nothing.
    assert import_schemes(schemes_path).count("skipped") == 3
    assert import_calls(calls_path).count("skipped") == 2


def test_the_demo_schemes_and_calls_export_and_import_back_unchanged(tmp_path, officer):
    call_command("load_demo", verbosity=0)
    assert FundingScheme.objects.count() >= 10
    assert Call.objects.count() >= 15
    titles = list(Call.objects.values_list("scheme_id", "title_fr"))
    # No two calls of a scheme share a French title (the key a row finds its call by).
    assert len(titles) == len(set(titles))
    before = counts()
    updated_at = (
        dict(FundingScheme.objects.values_list("pk", "updated_at")),
        dict(Call.objects.values_list("pk", "updated_at")),
    )

    for extension in ("xlsx", "csv"):
        schemes = write_export(
            FundingSchemeResource().export(), tmp_path / f"demo-schemes.{extension}"
        )
        calls = write_export(CallResource().export(), tmp_path / f"demo-calls.{extension}")

        schemes_report = import_schemes(schemes, user=officer)
        calls_report = import_calls(calls, user=officer)

        assert not schemes_report.has_errors, schemes_report.lines()
        assert not calls_report.has_errors, calls_report.lines()
        assert [str(row) for row in schemes_report.rows if row.action != "skipped"] == []
        assert len(schemes_report.rows) == FundingScheme.objects.count()
        assert [str(row) for row in calls_report.rows if row.action != "skipped"] == []
        assert len(calls_report.rows) == Call.objects.count()
    assert counts() == before
    assert (
        dict(FundingScheme.objects.values_list("pk", "updated_at")),
        dict(Call.objects.values_list("pk", "updated_at")),
    ) == updated_at


def test_the_export_reads_the_same_number_of_queries_for_more_rows(funding_vocabulary, tmp_path):
    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as schemes:
            FundingSchemeResource().export()
        with CaptureQueriesContext(connection) as calls:
            CallResource().export()
        return len(schemes), len(calls)

    imported_schemes(tmp_path, count=2)
    import_calls(calls_file([call_row(0, 0)], tmp_path / "calls.csv"))
    few = queries()
    imported_schemes(tmp_path, count=12)
    import_calls(
        calls_file([call_row(s, n) for s in range(12) for n in range(2)], tmp_path / "calls.csv")
    )

    assert queries() == few


# The admin ----------------------------------------------------------------------------------


def upload(client, model, path):
    """Posts the file at `path` on the import page of `model`, as "Check the file" does."""
    with open(path, "rb") as file:
        content = file.read()
    return client.post(
        admin_url(model, "import"),
        {"file": SimpleUploadedFile(os.path.basename(path), content)},
    )


def has_confirm(response, model) -> bool:
    page = response.content.decode()
    return admin_url(model, "import_confirm") in page and 'name="token"' in page


def test_schemes_then_calls_go_through_the_import_page_preview_and_confirm(
    funding_vocabulary, as_officer, officer, tmp_path
):
    FundingSchemeFactory(slug="imported-scheme-2", name_en="Old name", publication_status=DRAFT)
    before = counts()

    preview = upload(
        as_officer,
        FundingScheme,
        schemes_file([scheme_row(n) for n in range(3)], tmp_path / "schemes.xlsx"),
    )

    assert [(row["row"], row["action"]) for row in preview.context["rows"]] == [
        (2, "created"),
        (3, "created"),
        (4, "updated"),
    ]
    assert "Ready to import: 2 new, 1 changed, 0 unchanged." in preview.content.decode()
    assert has_confirm(preview, FundingScheme)
    assert counts() == before
    done = as_officer.post(
        admin_url(FundingScheme, "import_confirm"), {"token": preview.context["token"]}, follow=True
    )
    assert messages_of(done) == ["Imported: 2 new, 1 changed, 0 unchanged."]
    assert FundingScheme.objects.get(slug="imported-scheme-2").name_en == "Imported grant 2"
    assert sorted(
        FundingScheme.objects.get(slug="imported-scheme-1").sdgs.values_list("number", flat=True)
    ) == [4, 17]

    preview = upload(
        as_officer,
        Call,
        calls_file([call_row(s, n) for s in range(3) for n in range(2)], tmp_path / "calls.csv"),
    )

    assert "new, as a draft" not in preview.content.decode()
    assert "Ready to import: 6 new, 0 changed, 0 unchanged." in preview.content.decode()
    done = as_officer.post(
        admin_url(Call, "import_confirm"), {"token": preview.context["token"]}, follow=True
    )
    assert done.redirect_chain[-1][0] == admin_url(Call, "changelist")
    assert messages_of(done) == ["Imported: 6 new, 0 changed, 0 unchanged."]
    assert Call.objects.filter(scheme__slug="imported-scheme-1").count() == 2
    version = Version.objects.get_for_object(Call.objects.first()).get()
    assert version.revision.user == officer
    assert version.revision.comment == "Imported from calls.csv"
    assert "2028 call" in as_officer.get(admin_url(Call, "changelist")).content.decode()


def test_a_bad_call_is_shown_with_its_row_and_column_and_cannot_be_confirmed(
    funding_vocabulary, as_officer, tmp_path
):
    imported_schemes(tmp_path, count=1)
    rows = [call_row(0, 0), {**call_row(0, 1), "deadline": "31/02/2027 12:00"}]

    preview = upload(as_officer, Call, calls_file(rows, tmp_path / "calls.xlsx"))

    assert escape("row 3, column `deadline`: 31/02/2027 12:00 is not a date and time") in (
        preview.content.decode()
    )
    assert not has_confirm(preview, Call)
    assert Call.objects.count() == 0


@pytest.mark.parametrize(
    ("model", "resource", "columns"),
    [
        (FundingScheme, FundingSchemeResource, SCHEME_COLUMNS),
        (Call, CallResource, CALL_COLUMNS),
    ],
    ids=["schemes", "calls"],
)
def test_the_templates_example_rows_import_cleanly(
    funding_vocabulary, as_officer, as_editor, tmp_path, model, resource, columns
):
    FundingSchemeFactory(slug="a-published-scheme", publication_status=PUBLISHED)
    FundingSchemeFactory(slug="b-draft-scheme", publication_status=DRAFT)
    page = as_officer.get(admin_url(model, "import"))
    assert page.status_code == 200
    assert [column for column, _note in page.context["columns"]] == columns
    assert all(f"<code>{column}</code>" in page.content.decode() for column in columns)

    xlsx = as_officer.get(admin_url(model, "import_template", "xlsx"))
    path = tmp_path / "template.xlsx"
    path.write_bytes(xlsx.content)
    sheet, notes = openpyxl.load_workbook(path).worksheets
    rows = list(sheet.values)
    assert list(rows[0]) == columns
    assert len(rows) == 2
    assert notes.title == "Notes"
    noted = notes.iter_rows(min_row=2, max_row=len(columns) + 1, values_only=True)
    assert [row[0] for row in noted] == columns

    before = counts()
    report = resource().import_sheet(read_spreadsheet(path), dry_run=True)
    assert not report.has_errors, report.lines()
    assert report.count("created") == 1
    assert counts() == before
    # Through the import page too, for an editor as for an officer.
    assert has_confirm(upload(as_editor, model, path), model)

    text = as_officer.get(admin_url(model, "import_template", "csv")).content.decode("utf-8")
    csv_rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert csv_rows[0] == columns
    report = resource().import_sheet(
        read_spreadsheet(io.BytesIO(text.encode("utf-8")), name="template.csv"), dry_run=True
    )
    assert not report.has_errors, report.lines()


def exported(response) -> list[dict]:
    text = response.content.decode("utf-8").removeprefix("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_change_lists_export_honours_their_filters(funding_vocabulary, as_officer):
    travel = FundingSchemeFactory(slug="travel", kind=FundingScheme.Kind.TRAVEL_GRANT)
    FundingSchemeFactory(slug="doctoral", kind=FundingScheme.Kind.DOCTORAL_GRANT)
    CallFactory(scheme=travel, title_fr="Appel A")
    CallFactory(scheme=travel, title_fr="Appel B")
    CallFactory(scheme__kind=FundingScheme.Kind.VALORISATION, title_fr="Appel C")

    schemes = as_officer.get(
        admin_url(FundingScheme, "export", "csv") + "?kind__exact=travel-grant"
    )
    calls = as_officer.get(admin_url(Call, "export", "csv") + f"?scheme__id__exact={travel.pk}")
    every_call = as_officer.get(admin_url(Call, "export", "xlsx"))

    assert [row["slug"] for row in exported(schemes)] == ["travel"]
    assert list(exported(schemes)[0]) == SCHEME_COLUMNS
    assert [(row["scheme"], row["title_fr"]) for row in exported(calls)] == [
        ("travel", "Appel A"),
        ("travel", "Appel B"),
    ]
    assert list(exported(calls)[0]) == CALL_COLUMNS
    workbook = openpyxl.load_workbook(io.BytesIO(every_call.content))
    assert len(list(workbook.active.iter_rows(min_row=2))) == 3
    page = as_officer.get(admin_url(Call, "changelist") + f"?scheme__id__exact={travel.pk}")
    assert admin_url(Call, "import") in page.content.decode()
    assert (
        admin_url(Call, "export", "xlsx") + f"?scheme__id__exact={travel.pk}"
        in page.content.decode()
    )


def test_the_export_actions_export_the_selected_schemes_and_calls(funding_vocabulary, as_officer):
    chosen = FundingSchemeFactory(slug="chosen")
    FundingSchemeFactory(slug="other")
    call = CallFactory(scheme=chosen, title_fr="Appel choisi")
    CallFactory(scheme=chosen, title_fr="Appel laissé")

    schemes = as_officer.post(
        admin_url(FundingScheme, "changelist"),
        {"action": "export_selected_csv", "_selected_action": [chosen.pk]},
    )
    calls = as_officer.post(
        admin_url(Call, "changelist"),
        {"action": "export_selected_csv", "_selected_action": [call.pk]},
    )

    assert [row["slug"] for row in exported(schemes)] == ["chosen"]
    assert [row["title_fr"] for row in exported(calls)] == ["Appel choisi"]


# The command --------------------------------------------------------------------------------


def test_the_commands_dry_run_of_calls_writes_nothing_and_prints_the_report(
    funding_vocabulary, tmp_path
):
    imported_schemes(tmp_path, count=2)
    path = calls_file([call_row(s, n) for s in range(2) for n in range(2)], tmp_path / "calls.csv")
    before = counts()
    out = io.StringIO()

    call_command("import_content", str(path), "--model", "calls", "--dry-run", stdout=out)

    printed = out.getvalue()
    assert "row 2: new, “Imported grant 0 — 2027 call”" in printed
    assert "Ready to import: 4 new, 0 changed, 0 unchanged." in printed
    assert counts() == before
    call_command("import_content", str(path), "--model", "calls", stdout=io.StringIO())
    assert Call.objects.count() == 4
