"""The officers' workspace, in a real browser and in the French admin: an editor writes a complete
project in French only and saves it as a draft, which she previews and the public cannot see; a
cooperation officer publishes it and the public finds it on the list; the officer changes its
title, then restores the earlier version from its history, and the public reads the earlier title
again.

Each step asserts what the person sees, and saves screenshots at 1280 px and 375 px into
screenshots/ (git-ignored).
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from projects.models import Project
from tests.helpers import (
    choose_in_admin_search_box,
    create_roles,
    log_in_to_admin,
    save_screenshots,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-passphrase"
TITLE = "Pompes à eau solaires à Ouagadougou"
NEW_TITLE = "Pompes solaires pour le maraîchage à Ouagadougou"
SLUG = "pompes-a-eau-solaires-a-ouagadougou"
SUMMARY = "Des pompes solaires pour le maraîchage dans les quartiers de Ouagadougou."
# Later than every demo project's start: the newest project, first on the list by default.
START = datetime.date(datetime.date.today().year + 3, 1, 15)
END = datetime.date(START.year + 2, 12, 31)

ADD_URL = "/admin/projects/project/add/"
CHANGELIST_URL = "/admin/projects/project/"
PUBLIC_URL = f"/fr/projects/{SLUG}/"
PUBLISH_ACTION = "Publier les projets sélectionnés"


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.fixture
def users(django_user_model):
    """An editor and a cooperation officer: staff in their group, neither a superuser. The
    groups are made by the migration's own `create_roles` (a transactional test's flush may
    have removed the migration's rows)."""
    create_roles()
    users = {}
    for username, group in (("editor", "Editors"), ("officer", "Cooperation officers")):
        user = django_user_model.objects.create_user(
            username, f"{username}@example.org", PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


def french_admin(browser, live_server, username):
    """A browser that asks for French (Belgium), signed in to the admin as `username`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_to_admin(page, live_server.url, username, PASSWORD)
    assert page.locator("html").get_attribute("lang") == "fr"
    return page


def public_page(browser, live_server, path):
    """An anonymous visitor opens `path`: the page and the response."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-BE")
    page = context.new_page()
    page.set_default_timeout(15_000)
    response = page.goto(f"{live_server.url}{path}")
    return page, response


def action_labels(page) -> list[str]:
    return [text.strip() for text in page.locator("select[name=action] option").all_inner_texts()]


def draft_publish_and_retitle(browser, live_server):
    """Steps 1 to 3 of the journey, each asserting what the person sees: the project and the
    officer's admin page, signed in."""
    # 1. The editor writes the project in French only, and saves it: a draft. -------------
    page = french_admin(browser, live_server, "editor")
    page.goto(f"{live_server.url}{ADD_URL}")
    # French is required (its labels are bold), English optional.
    assert "required" in (page.locator("label[for=id_title_fr]").get_attribute("class") or "")
    assert "required" not in (page.locator("label[for=id_title_en]").get_attribute("class") or "")
    # No publication field an editor could set: the draft's status is only shown.
    assert page.locator("#id_publication_status").count() == 0
    assert "Brouillon" in page.locator(".field-publication_status").inner_text()

    page.locator("#id_title_fr").fill(TITLE)
    page.locator("#id_summary_fr").fill(SUMMARY)
    # The slug follows the French title.
    expect(page.locator("#id_slug")).to_have_value(SLUG)
    page.locator("#id_start_date").fill(START.strftime("%d/%m/%Y"))
    page.locator("#id_end_date").fill(END.strftime("%d/%m/%Y"))
    choose_in_admin_search_box(page, "id_linked_countries", "Burkina", "Burkina Faso")
    choose_in_admin_search_box(page, "id_linked_sdgs", "6", "Eau propre")
    choose_in_admin_search_box(page, "id_linked_disciplines", "Environ", "Environnement")
    choose_in_admin_search_box(page, "id_contact", "partnerships-africa", "Afrique")
    # The partners' rows of a new project come with the roles lead, then co-lead.
    expect(page.locator("#id_participations-0-role")).to_have_value("lead")
    expect(page.locator("#id_participations-1-role")).to_have_value("co-lead")
    choose_in_admin_search_box(page, "id_participations-0-organisation", "UJKZ", "Ki-Zerbo")
    choose_in_admin_search_box(
        page, "id_participations-1-organisation", "libre de Bruxelles", "libre de Bruxelles"
    )
    save_screenshots(page, "officer-journey-1-editor-adds")
    page.locator("input[name=_save]").click()
    success = page.locator(".messagelist .success")
    expect(success).to_contain_text(TITLE)
    expect(success).to_contain_text("ajouté")

    project = Project.objects.get(slug=SLUG)
    assert (project.title_fr, project.summary_fr) == (TITLE, SUMMARY)
    assert not project.title_en and not project.summary_en
    assert (project.start_date, project.end_date) == (START, END)
    assert [country.code for country in project.countries.all()] == ["BF"]
    assert [sdg.number for sdg in project.sdgs.all()] == [6]
    assert [discipline.slug for discipline in project.disciplines.all()] == ["environment"]
    assert project.contact.email == "partnerships-africa@example.org"
    assert set(project.participations.values_list("organisation__acronym", "role")) == {
        ("UJKZ", "lead"),
        ("ULB", "co-lead"),
    }
    assert not project.is_published
    assert project.missing_for_publication() == []

    # On the list of projects: the draft, and no action to publish it.
    assert page.url.endswith(CHANGELIST_URL)
    assert PUBLISH_ACTION not in action_labels(page)
    assert page.locator("select[name=action] option[value=publish_selected]").count() == 0
    page.locator("#result_list").get_by_role("link", name=TITLE).click()
    page.wait_for_url(f"**/admin/projects/project/{project.pk}/change/")
    assert page.locator("#id_publication_status").count() == 0
    assert "Brouillon" in page.locator(".field-publication_status").inner_text()
    # The publishing checklist says the project is complete.
    assert "Prêt" in page.locator(".field-publication_checklist").inner_text()
    save_screenshots(page, "officer-journey-2-editor-draft")

    # Its public page, previewed: a "draft" banner.
    page.get_by_role("link", name="Voir sur le site").click()
    page.wait_for_url(f"**{PUBLIC_URL}")
    banner = page.locator(".draft-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Brouillon — non public")
    expect(page.locator("h1")).to_contain_text(TITLE)
    save_screenshots(page, "officer-journey-3-draft-preview")
    page.context.close()

    # The public does not see it.
    visitor, response = public_page(browser, live_server, PUBLIC_URL)
    assert response.status == 404
    visitor.goto(f"{live_server.url}/fr/projects/")
    expect(visitor.locator("#results")).not_to_contain_text(TITLE)
    visitor.context.close()

    # 2. The officer publishes it with the bulk action; the public finds it. ---------------
    page = french_admin(browser, live_server, "officer")
    page.goto(f"{live_server.url}{CHANGELIST_URL}")
    assert PUBLISH_ACTION in action_labels(page)
    page.locator(f"input[name=_selected_action][value='{project.pk}']").check()
    page.locator("select[name=action]").select_option(label=PUBLISH_ACTION)
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist .success")).to_have_text(
        "La publication de 1 projet a réussi."
    )
    assert page.locator(".messagelist .error").count() == 0
    save_screenshots(page, "officer-journey-4-officer-publishes")
    project.refresh_from_db()
    assert project.is_published

    visitor, response = public_page(browser, live_server, "/fr/projects/")
    assert response.status == 200
    published = Project.objects.published().count()
    expect(visitor.locator(".results__count")).to_have_text(f"{published} projets")
    # The newest project comes first.
    first = visitor.locator("#results .card__title a").first
    expect(first).to_have_text(TITLE)
    save_screenshots(visitor, "officer-journey-5-public-list")
    first.click()
    visitor.wait_for_url(f"**{PUBLIC_URL}")
    expect(visitor.locator("h1")).to_contain_text(TITLE)
    assert visitor.locator(".draft-banner").count() == 0
    visitor.context.close()

    # 3. The officer changes the French title; the public page follows. -------------------
    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/change/")
    # The officer may set the publication field.
    expect(page.locator("#id_publication_status")).to_have_value("published")
    page.locator("#id_title_fr").fill(NEW_TITLE)
    page.locator("#id_summary_fr").click()
    # The address of published content is fixed: shown, not a field to type in.
    expect(page.locator("#id_slug")).to_have_count(0)
    expect(page.locator(".field-slug .readonly")).to_have_text(SLUG)
    page.locator("input[name=_save]").click()
    success = page.locator(".messagelist .success")
    expect(success).to_contain_text(NEW_TITLE)
    expect(success).to_contain_text("modifié")

    visitor, response = public_page(browser, live_server, PUBLIC_URL)
    assert response.status == 200
    expect(visitor.locator("h1")).to_contain_text(NEW_TITLE)
    visitor.context.close()
    return page, project


def test_an_editor_drafts_a_french_only_project_an_officer_publishes_it_and_retitles_it(
    live_server, browser, demo, users
):
    page, _project = draft_publish_and_retitle(browser, live_server)
    page.context.close()


def test_the_officer_restores_the_earlier_title_from_the_project_s_history(
    live_server, browser, demo, users
):
    page, project = draft_publish_and_retitle(browser, live_server)

    # 4. The history shows the change; the officer restores the earlier version. -----------
    page.goto(f"{live_server.url}/admin/projects/project/{project.pk}/change/")
    with page.expect_navigation() as navigation:
        page.get_by_role("link", name="Historique").click()
    assert navigation.value.status == 200, "the project's history page answers"
    page.wait_for_url(f"**/admin/projects/project/{project.pk}/history/")
    versions = page.locator(".history-version")
    # Newest first: the title changed, the publication, the draft added.
    expect(versions).to_have_count(3)
    title_row = versions.nth(0).locator("tbody tr", has_text=NEW_TITLE)
    expect(title_row.locator("td").nth(0)).to_have_text(TITLE)
    expect(title_row.locator("td").nth(1)).to_have_text(NEW_TITLE)
    # The oldest, the editor's draft: every value it was written with, its contact and links.
    oldest = versions.nth(2).locator("table")
    for text in ("Afrique", "Ki-Zerbo", "libre de Bruxelles", "Burkina Faso", "Eau propre"):
        expect(oldest).to_contain_text(text)
    # The newest version is the object as it is: nothing to restore there.
    expect(versions.nth(0).get_by_role("link", name="Restaurer cette version")).to_have_count(0)
    save_screenshots(page, "officer-journey-6-history")
    versions.nth(1).get_by_role("link", name="Restaurer cette version").click()
    page.wait_for_url(f"**/admin/projects/project/{project.pk}/history/*/")
    # The form as it was then.
    expect(page.locator("#id_title_fr")).to_have_value(TITLE)
    expect(page.locator("#id_publication_status")).to_have_value("published")
    expect(page.locator("#id_linked_countries + .select2")).to_contain_text("Burkina Faso")
    save_screenshots(page, "officer-journey-7-restore-form")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert page.locator(".messagelist .error").count() == 0
    page.context.close()

    project.refresh_from_db()
    assert project.title_fr == TITLE
    assert project.slug == SLUG
    assert project.is_published
    assert [country.code for country in project.countries.all()] == ["BF"]
    assert set(project.participations.values_list("organisation__acronym", "role")) == {
        ("UJKZ", "lead"),
        ("ULB", "co-lead"),
    }

    visitor, response = public_page(browser, live_server, PUBLIC_URL)
    assert response.status == 200
    expect(visitor.locator("h1")).to_contain_text(TITLE)
    expect(visitor.locator("h1")).not_to_contain_text(NEW_TITLE)
    assert visitor.locator(".draft-banner").count() == 0
    save_screenshots(visitor, "officer-journey-8-restored")
    visitor.context.close()
