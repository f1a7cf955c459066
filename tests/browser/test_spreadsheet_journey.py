"""Importing projects from a spreadsheet, in a real browser and in the French admin: a cooperation
officer downloads the import template from the projects' list, fills it with three projects of
her own, uploads it, reads the preview row by row (nothing written yet), confirms, and finds the
three projects among the drafts, which the public cannot see. A file with a bad cell shows the
row and column to correct and offers no "Confirm". The import pages pass axe-core.

Screenshots at 1280 px and 375 px go into screenshots/ (git-ignored).
"""

import openpyxl
import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from projects.models import Project
from tests.browser.test_officer_journey import PASSWORD, french_admin, public_page
from tests.helpers import axe_violations, save_screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHANGELIST_URL = "/admin/projects/project/"
TITLES = [
    "Forages solaires à Kaya",
    "Santé maternelle à Bukavu",
    "Maraîchage urbain à Cochabamba",
]


@pytest.fixture
def officer(django_user_model):
    """A cooperation officer: staff in her group, not a superuser (the group is made as the
    migration makes it: a transactional test's flush may have removed it)."""
    from django.contrib.auth.models import Group

    from tests.helpers import create_roles

    call_command("load_demo", verbosity=0)
    create_roles()
    user = django_user_model.objects.create_user(
        "officer", "officer@example.org", PASSWORD, is_staff=True
    )
    user.groups.add(Group.objects.get(name="Cooperation officers"))
    return user


def filled_template(template_path, out_path, titles, **changes) -> None:
    """The downloaded template with its example row replaced by one row per title (the
    example's references kept: they are this database's), and `changes` ({column: value})
    applied to the last row."""
    workbook = openpyxl.load_workbook(template_path)
    sheet = workbook.worksheets[0]
    columns = [cell.value for cell in sheet[1]]
    example = [cell.value for cell in sheet[2]]
    sheet.delete_rows(2)
    for number, title in enumerate(titles, start=1):
        row = dict(zip(columns, example, strict=True))
        row.update(slug="", title_fr=title, title_en="", acronym=f"IMP{number}")
        if number == len(titles):
            row.update(changes)
        sheet.append([row[column] for column in columns])
    workbook.save(out_path)


def test_an_officer_imports_projects_from_the_template_and_finds_them_as_drafts(
    browser, live_server, officer, tmp_path
):
    page = french_admin(browser, live_server, "officer")

    # The projects' list offers the import; its page explains the columns and the templates.
    page.goto(f"{live_server.url}{CHANGELIST_URL}")
    page.get_by_role("link", name="Importer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Importer")
    expect(page.get_by_role("rowheader", name="countries", exact=True)).to_be_visible()
    assert axe_violations(page) == []
    save_screenshots(page, "spreadsheet-journey-1-import-page")

    with page.expect_download() as download:
        page.get_by_role("link", name="Modèle (XLSX)").click()
    template = tmp_path / download.value.suggested_filename
    download.value.save_as(template)
    assert template.suffix == ".xlsx"

    # A file with a bad cell: the row and column to correct, and no "Confirm".
    wrong = tmp_path / "projets-erreur.xlsx"
    filled_template(template, wrong, TITLES, countries="CD; XX")
    page.get_by_label("Tableur (CSV ou XLSX)").set_input_files(wrong)
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(page.locator(".errornote")).to_contain_text("rien n'a été importé")
    expect(page.locator("ul.errorlist").first).to_contain_text("ligne 4, colonne `countries`")
    expect(page.locator("ul.errorlist").first).to_contain_text("XX")
    expect(page.get_by_role("button", name="Confirmer l'import")).to_have_count(0)
    assert axe_violations(page) == []
    save_screenshots(page, "spreadsheet-journey-2-errors")
    assert not Project.objects.filter(title_fr__in=TITLES).exists()

    # The corrected file: the preview says what each row will do; nothing is written yet.
    right = tmp_path / "projets.xlsx"
    filled_template(template, right, TITLES)
    page.get_by_label("Tableur (CSV ou XLSX)").set_input_files(right)
    page.get_by_role("button", name="Vérifier le fichier").click()
    expect(page.get_by_role("heading", name="Ligne par ligne")).to_be_visible()
    rows = page.locator("#content-main table tbody tr")
    expect(rows).to_have_count(3)
    for number, title in enumerate(TITLES, start=2):
        row = rows.nth(number - 2)
        expect(row.get_by_role("rowheader")).to_have_text(str(number))
        expect(row).to_contain_text("nouveau, en brouillon")
        expect(row).to_contain_text(title)
    expect(page.get_by_text("Rien n'a encore été écrit")).to_be_visible()
    assert axe_violations(page) == []
    save_screenshots(page, "spreadsheet-journey-3-preview")
    assert not Project.objects.filter(title_fr__in=TITLES).exists()

    # Confirmed: back on the list, which says what was imported; the drafts are there.
    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_url(f"{live_server.url}{CHANGELIST_URL}")
    expect(page.locator(".messagelist")).to_contain_text("3 nouveaux")
    page.goto(f"{live_server.url}{CHANGELIST_URL}?publication_status__exact=draft")
    for title in TITLES:
        expect(page.get_by_role("link", name=title)).to_be_visible()
    save_screenshots(page, "spreadsheet-journey-4-drafts")

    imported = Project.objects.filter(title_fr__in=TITLES)
    assert imported.count() == 3
    assert {project.publication_status for project in imported} == {"draft"}
    assert all(project.countries.exists() and project.sdgs.exists() for project in imported)

    # The public cannot see a draft.
    _visitor, response = public_page(browser, live_server, f"/fr/projects/{imported.first().slug}/")
    assert response.status == 404
