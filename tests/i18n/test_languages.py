"""French and English: language choice, switcher, fallback marking and formatting."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from tests.factories import CountryFactory, ProjectFactory, SDGFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("en-GB,en;q=0.9", "/en/"), ("fr-BE,fr;q=0.9", "/fr/"), ("nl-BE", "/fr/"), ("", "/fr/")],
)
def test_the_root_sends_a_visitor_to_the_language_their_browser_prefers(
    client, accept_language, expected
):
    response = client.get("/", headers={"accept-language": accept_language})
    assert response.status_code == 302
    assert response["Location"] == expected


def test_html_lang_follows_the_url_prefix(client):
    assert b'<html lang="fr">' in client.get("/fr/").content
    assert b'<html lang="en">' in client.get("/en/").content


def test_every_page_carries_hreflang_alternates_and_a_switcher_keeping_the_filters(client):
    CountryFactory(code="CD")
    content = client.get("/en/projects/?country=CD&sdg=3").content.decode()
    assert 'hreflang="fr" href="http://testserver/fr/projects/?country=CD&amp;sdg=3"' in content
    assert 'hreflang="en" href="http://testserver/en/projects/?country=CD&amp;sdg=3"' in content
    assert 'href="/fr/projects/?country=CD&amp;sdg=3" hreflang="fr"' in content


def test_the_switcher_leads_to_the_same_project_in_the_other_language(client):
    project = ProjectFactory(title_en="Clean water", title_fr="Eau potable", slug="water")
    content = client.get("/en/projects/water/").content.decode()
    assert 'href="/fr/projects/water/" hreflang="fr"' in content
    french = client.get("/fr/projects/water/").content.decode()
    assert "<h1>Eau potable" in french
    assert project.slug in french


def test_text_missing_in_the_page_language_falls_back_and_is_marked(client):
    ProjectFactory(
        slug="only-french",
        title_en="",
        title_fr="Santé maternelle",
        summary_en="",
        summary_fr="Renforcer les soins.",
        countries=[CountryFactory(code="CD")],
        sdgs=[SDGFactory(number=3)],
    )
    content = client.get("/en/projects/only-french/").content.decode()
    assert '<h1><span lang="fr">Santé maternelle</span>' in content
    assert '<span lang="fr">Renforcer les soins.</span>' in content
    assert "Part of this page is available in French only." in content
    french = client.get("/fr/projects/only-french/").content.decode()
    assert '<span lang="fr">Santé maternelle' not in french


def test_a_date_and_an_amount_are_formatted_for_french():
    template = Template('{% load portal %}{{ day|date:"DATE_FORMAT" }} · {{ amount|euros }}')
    context = Context({"day": datetime.date(2026, 6, 3), "amount": Decimal("1234.50")})
    with translation.override("fr"):
        assert template.render(context) == "3 juin 2026 · 1\u00a0234,50\u00a0€"
    with translation.override("en"):
        assert template.render(context) == "June 3, 2026 · €1,234.50"
