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


@pytest.mark.parametrize(
    ("url", "french"),
    [
        ("/en/projects/?country=CD", "/fr/projects/?country=CD"),
        ("/en/funding/?country=CD", "/fr/funding/?country=CD"),
        ("/en/partners/?country=CD", "/fr/partners/?country=CD"),
        ("/en/events/?kind=seminar", "/fr/events/?kind=seminar"),
    ],
)
def test_an_htmx_answer_brings_the_switcher_and_alternates_of_its_address_out_of_band(
    client, url, french
):
    CountryFactory(code="CD")
    content = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in content
    switcher = content[content.index('<nav class="language-switcher"') :]
    switcher = switcher[: switcher.index("</nav>")]
    assert 'id="language-switcher"' in switcher and 'data-hx-swap-oob="true"' in switcher
    assert f'href="{french.replace("&", "&amp;")}" hreflang="fr"' in switcher
    assert (
        f'<link rel="alternate" hreflang="fr" href="http://testserver{french}" id="alternate-fr"'
        ' data-hx-swap-oob="true">' in content
    )
    assert (
        f'<link rel="alternate" hreflang="en" href="http://testserver{url}" id="alternate-en"'
        ' data-hx-swap-oob="true">' in content
    )


def test_the_whole_page_has_one_switcher_and_one_alternate_per_language_with_ids(client):
    content = client.get("/en/projects/").content.decode()
    assert content.count('id="language-switcher"') == 1
    assert content.count('id="alternate-fr"') == content.count('id="alternate-en"') == 1
    assert "hx-swap-oob" not in content.split("</head>")[0]


@pytest.mark.parametrize(
    ("path", "other"),
    [
        ("/en/no-such-page/", "/fr/no-such-page/"),
        ("/fr/no-such-page/", "/en/no-such-page/"),
        ("/en/projects/no-such-project/", "/fr/projects/no-such-project/"),
        ("/en/a/b?c=d", "/fr/a/b?c=d"),
    ],
)
def test_a_missing_page_offers_the_same_path_in_the_other_language(client, path, other):
    response = client.get(path)
    assert response.status_code == 404
    content = response.content.decode()
    language = other[1:3]
    escaped = other.replace("&", "&amp;")
    assert f'<a href="{escaped}" hreflang="{language}"' in content
    assert f'hreflang="{language}" href="http://testserver{escaped}"' in content
    assert f'hreflang="{path[1:3]}" href="http://testserver{path}"' in content
