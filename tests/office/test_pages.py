"""The office's pages: About cooperation, Get involved, the accessibility statement and the
privacy notice, in both languages, linked from every page's footer, their Markdown sanitised."""

import re

import pytest
from django.utils.html import escape

from pages.models import OfficePage
from tests.office.helpers import OFFICE_PAGES, office_url

pytestmark = pytest.mark.django_db

each_page = pytest.mark.parametrize("key", list(OFFICE_PAGES))
each_language = pytest.mark.parametrize("language", ["en", "fr"])


@each_page
@each_language
def test_each_office_page_answers_in_both_languages_with_one_h1_and_the_footer_links(
    client, key, language
):
    response = client.get(office_url(key, language))

    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    page = OfficePage.objects.get(key=key)
    assert escape(getattr(page, f"title_{language}")) in html
    footer = html[html.index('<footer class="site-footer">') :]
    for other in OFFICE_PAGES:
        assert f'href="{office_url(other, language)}"' in footer
    assert len(response.content) < 150 * 1024
    # Nothing but the page itself: no script is needed to read it.
    assert "<script" not in html


def test_the_english_addresses_are_the_ones_the_design_lists():
    assert [office_url(key) for key in OFFICE_PAGES] == [
        "/en/about/",
        "/en/get-involved/",
        "/en/accessibility/",
        "/en/privacy/",
    ]


@each_page
def test_the_language_switcher_leads_to_the_same_page_in_the_other_language(client, key):
    html = client.get(office_url(key, "en")).content.decode()

    assert f'href="{office_url(key, "fr")}" hreflang="fr"' in html


def test_the_about_page_says_what_cooperation_means_at_the_university(client):
    english = client.get("/en/about/").content.decode()
    french = client.get(office_url("about", "fr")).content.decode()

    for text in (
        "Teaching and research that enrich each other",
        "partner universities in the South",
        "no direct dealings with the political authorities",
        "at least one Sustainable Development Goal",
        "Décolonisons-nous",
        "University Cooperation Day",
    ):
        assert text in english
    assert "Décolonisons-nous" in french
    assert "s'enrichissent mutuellement" in french


def test_the_get_involved_page_links_to_the_funding_and_events_lists_filtered(client):
    html = client.get("/en/get-involved/").content.decode()

    for link in (
        "/en/funding/?kind=student-group-project",
        "/en/funding/?kind=travel-grant",
        "/en/funding/?kind=individual-mobility",
        "/en/events/cooperation-day/",
        "/en/events/?when=upcoming",
    ):
        assert f'href="{link}"' in html
        assert client.get(link).status_code == 200


def test_french_text_has_a_no_break_space_before_high_punctuation():
    body = OfficePage.objects.get(key="about").body_fr

    assert " :" not in body
    assert "\u00a0:" in body
    assert "«\u00a0Décolonisons-nous\u00a0»" in body


def test_a_page_not_translated_into_english_shows_the_french_text_marked_as_french(client):
    OfficePage.objects.filter(key="privacy").update(summary_en="", body_en="")

    html = client.get("/en/privacy/").content.decode()

    assert 'lang="fr"' in html
    assert "Part of this page is available in French only." in html
    assert "Vos droits" in html


def test_a_script_in_the_text_never_reaches_the_page(client):
    page = OfficePage.objects.get(key="about")
    page.body_en = (
        "# Hello\n\n<script>alert('body')</script>\n\n"
        '<img src="x" onerror="alert(1)">\n\n[click](javascript:alert(2))'
    )
    page.save()

    html = client.get("/en/about/").content.decode()

    assert "alert(" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<h2>Hello</h2>" in html


def test_an_edit_shows_at_once_though_the_page_was_cached(client):
    assert client.get("/en/accessibility/")["X-Page-Cache"] == "miss"
    assert client.get("/en/accessibility/")["X-Page-Cache"] == "hit"
    page = OfficePage.objects.get(key="accessibility")
    page.summary_en = "A new summary of the statement."
    page.save()

    response = client.get("/en/accessibility/")

    assert "A new summary of the statement." in response.content.decode()


def test_an_office_page_says_when_it_was_last_updated_and_whom_to_ask(client):
    html = client.get("/en/privacy/").content.decode()

    assert '<p class="last-updated">Last updated: ' in html
    assert re.search(r'<p class="page-contact">.*href="/en/contacts/"', html)


def test_only_get_and_head_are_answered(client):
    assert client.head("/en/about/").status_code == 200
    assert client.post("/en/about/").status_code == 405
