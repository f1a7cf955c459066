"""Cooperation officers edit the office's pages in the admin, in both languages (French
required), with the history every content has: each save a version, listed with what it
changed, and any earlier version restored."""

import re

import pytest
from reversion.models import Version

from pages.models import OfficePage
from tests.helpers import admin_url, change_url, form_as_shown
from tests.officers.helpers import save_form

pytestmark = pytest.mark.django_db


def about() -> OfficePage:
    return OfficePage.objects.get(key="about")


def versions_of(obj) -> list[Version]:
    """Newest first."""
    return list(Version.objects.get_for_object(obj).select_related("revision__user"))


def history_rows(html: str) -> list[tuple[str, str, str]]:
    return re.findall(
        r'<tr><th scope="row">(.*?)</th><td>(.*?)</td><td>(.*?)</td></tr>', html, re.S
    )


def test_an_officer_finds_the_four_pages_and_may_change_but_not_add_or_delete_them(as_officer):
    response = as_officer.get(admin_url(OfficePage, "changelist"))

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 4
    assert as_officer.get(change_url(about())).status_code == 200
    assert as_officer.get(admin_url(OfficePage, "add")).status_code == 403
    assert as_officer.get(admin_url(OfficePage, "delete", about().pk)).status_code == 403


def test_an_officer_s_change_is_shown_on_the_page_at_once(as_officer, client):
    save_form(as_officer, about(), body_en="# Our principles\n\nWe work with partners.")

    html = client.get("/en/about/").content.decode()

    assert "<h2>Our principles</h2>" in html
    assert "We work with partners." in html


def test_every_save_is_a_version_by_its_author_listed_on_the_history_page(as_officer):
    page = about()
    save_form(as_officer, page)
    save_form(as_officer, page, title_en="About cooperation at the university")

    versions = versions_of(page)
    assert [version.field_dict["title_en"] for version in versions] == [
        "About cooperation at the university",
        "About cooperation",
    ]
    assert {version.revision.user.username for version in versions} == {"officer"}
    html = as_officer.get(admin_url(page, "history", page.pk)).content.decode()
    changes = [(before, after) for _field, before, after in history_rows(html)]
    assert ("About cooperation", "About cooperation at the university") in changes


def test_restoring_an_earlier_version_brings_its_text_back(as_officer):
    page = about()
    save_form(as_officer, page, body_en="First text.")
    [earlier] = versions_of(page)
    save_form(as_officer, page, body_en="Second text.", body_fr="Deuxième texte.")

    restore = admin_url(page, "revision", page.pk, earlier.pk)
    response = as_officer.post(restore, form_as_shown(as_officer, restore))

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body_en == "First text."
    assert "Deuxième texte." not in page.body_fr
    assert versions_of(page)[0].revision.get_comment().startswith("Reverted to previous version")


def test_the_french_title_and_text_are_required_the_english_ones_are_not(as_officer):
    page = about()
    data = form_as_shown(as_officer, change_url(page))
    data.update(title_fr=[""], body_fr=[""], title_en=[""], summary_en=[""], body_en=[""])

    refused = as_officer.post(change_url(page), data)

    assert refused.status_code == 200
    errors = refused.context["adminform"].form.errors
    assert set(errors) == {"title_fr", "body_fr"}

    save_form(as_officer, page, title_en="", summary_en="", body_en="")
    page.refresh_from_db()
    assert not page.title_en and not page.body_en
    assert page.title == "À propos de la coopération"  # the French, as a fallback


def test_an_editor_reads_the_pages_but_does_not_change_them(as_editor):
    page = about()

    assert as_editor.get(change_url(page)).status_code == 200
    response = as_editor.post(change_url(page), {"title_fr": "Autre titre", "body_fr": "Texte."})

    assert response.status_code == 403
    page.refresh_from_db()
    assert page.title_fr == "À propos de la coopération"
