"""Issue 20, item 4: one search across everything, at /en/search/?q= (pages.search)."""

import re

import pytest
from django.db import connection

from pages.search import GROUPS, SHOWN_PER_GROUP
from tests.factories import ProjectFactory
from tests.search.conftest import FRENCH_SEARCH

from .conftest import (
    DRAFT_TITLE,
    TITLES,
    make_drafts,
    make_office_page_about_health,
    make_published,
)

pytestmark = pytest.mark.django_db

POSTGRESQL_ONLY = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="trigram similarity (pg_trgm) is PostgreSQL's: SQLite reads swapped letters only",
)


def page(client, address: str, **headers) -> str:
    response = client.get(address, headers=headers)
    assert response.status_code == 200
    return response.content.decode()


def group_section(html: str, key: str) -> str:
    found = re.search(
        rf'<section class="search-group" id="search-group-{key}".*?</section>', html, re.S
    )
    assert found, f"no group {key}"
    return found.group(0)


def group_count(html: str, key: str) -> int:
    found = re.search(r'class="search-group__count">\((\d+)\)', group_section(html, key))
    return int(found.group(1))


def test_one_query_finds_an_object_of_every_type(client, everything):
    html = page(client, FRENCH_SEARCH + "?q=sante")
    for group in GROUPS:
        section = group_section(html, group.key)
        assert group_count(html, group.key) == 1, group.key
        if group.key != "pages":
            assert TITLES[group.key] in section, group.key
    assert TITLES["pages"] in group_section(page(client, "/en/search/?q=sante"), "pages")


def test_groups_come_in_a_fixed_order_with_their_counts(client, everything):
    html = page(client, "/en/search/?q=sante")
    order = re.findall(r'<section class="search-group" id="search-group-(\w+)"', html)
    assert order == [group.key for group in GROUPS]
    assert "8 results for “sante”" in html


@pytest.mark.parametrize("typed", ["sante", "santé", "SANTE", "Santé", "  santé  "])
def test_accents_and_capitals_do_not_matter(client, everything, typed):
    html = page(client, f"/en/search/?q={typed}")
    for group in GROUPS:
        assert group_count(html, group.key) == 1, (typed, group.key)


def test_words_in_either_language_find_the_same_project(client, everything):
    french_page = page(client, FRENCH_SEARCH + "?q=health&type=projects")
    assert "Santé maternelle à Bukavu" in french_page
    english_page = page(client, "/en/search/?q=maternelle&type=projects")
    assert "Maternal health in Bukavu" in english_page


def test_a_typo_with_two_letters_swapped_finds_sante(client, everything):
    html = page(client, "/en/search/?q=snaté")
    assert "Maternal health in Bukavu" in group_section(html, "projects")
    assert "close matches" in group_section(html, "projects")
    for group in GROUPS:
        assert group_count(html, group.key) == 1, group.key
    # Close matches are not what the list finds: "see all" stays on the search page.
    assert "/en/projects/?q=" not in group_section(html, "projects")


@POSTGRESQL_ONLY
def test_a_typo_with_a_wrong_letter_finds_sante_on_postgresql(client, everything):
    html = page(client, "/en/search/?q=santr")
    assert "Maternal health in Bukavu" in group_section(html, "projects")
    assert "close matches" in group_section(html, "projects")
    # A wrong letter inside the word ("sanre": trigram word similarity 0.5, under
    # PostgreSQL's default threshold of 0.6) finds the "Santé" of every type's title.
    html = page(client, FRENCH_SEARCH + "?q=sanre")
    for group in GROUPS:
        if group.key != "pages":  # no office page has "santé" in its title
            assert group_count(html, group.key) == 1, group.key
            assert TITLES[group.key] in group_section(html, group.key)


def test_results_hold_drafts_of_no_type(client, everything):
    for words in ("sante", "brouillon", "secret"):
        address = f"{FRENCH_SEARCH}?q={words}"
        html = page(client, address)
        assert DRAFT_TITLE not in html
        assert "Brouillon" not in html
    html = page(client, FRENCH_SEARCH + "?q=sante")
    for group in GROUPS:
        assert group_count(html, group.key) == 1, group.key
    for group in GROUPS:
        html = page(client, f"{FRENCH_SEARCH}?q=sante&type={group.key}")
        assert DRAFT_TITLE not in html
        assert group_count(html, group.key) == 1


def test_the_count_and_see_all_link_lead_to_the_projects_list_with_the_same_q(client):
    for number in range(SHOWN_PER_GROUP + 2):
        ProjectFactory(title_en=f"Kivu water {number}", title_fr=f"Eau du Kivu {number}")
    html = page(client, "/en/search/?q=kivu")
    section = group_section(html, "projects")
    assert group_count(html, "projects") == SHOWN_PER_GROUP + 2
    assert section.count('class="search-hit"') == SHOWN_PER_GROUP
    assert '<a href="/en/projects/?q=kivu">See all 7 projects</a>' in section
    # The list finds as many.
    assert "7 projects" in page(client, "/en/projects/?q=kivu")


def test_groups_without_a_list_of_their_own_see_all_on_the_search_page(client):
    from tests.factories import NewsItemFactory

    for number in range(SHOWN_PER_GROUP + 1):
        NewsItemFactory(title_en=f"Kivu news {number}", title_fr=f"Nouvelles du Kivu {number}")
    section = group_section(page(client, "/en/search/?q=kivu"), "news")
    assert '<a href="/en/search/?q=kivu&amp;type=news">See all 6 news items</a>' in section


def test_type_restricts_the_search_to_one_group_a_page_at_a_time(client):
    for number in range(25):
        ProjectFactory(title_en=f"Kivu water {number}", title_fr=f"Eau du Kivu {number}")
    first = page(client, "/en/search/?q=kivu&type=projects")
    assert re.findall(r'<section class="search-group" id="search-group-(\w+)"', first) == [
        "projects"
    ]
    assert first.count('class="search-hit"') == 20
    assert "Page 1 of 2" in first
    assert 'href="?q=kivu&amp;type=projects&amp;page=2"' in first
    second = page(client, "/en/search/?q=kivu&type=projects&page=2")
    assert second.count('class="search-hit"') == 5
    past = page(client, "/en/search/?q=kivu&type=projects&page=99")
    assert "Page 99 does not exist" in past
    assert past.count('class="search-hit"') == 5
    assert "Page 1 of 2" in page(client, "/en/search/?q=kivu&type=projects&page=abc")


def test_an_unknown_type_shows_everything_with_a_notice(client, everything):
    html = page(client, "/en/search/?q=sante&type=nonsense")
    assert "is not a type of content the search knows" in html
    assert group_count(html, "projects") == 1
    assert group_count(html, "news") == 1


def test_an_empty_search_shows_the_form_and_no_results(client, everything):
    for address in ("/en/search/", "/en/search/?q=", "/en/search/?q=+++", "/en/search/?q=%21%3F"):
        html = page(client, address)
        assert '<input type="search" name="q"' in html
        assert 'class="search-group"' not in html
        assert "results for" not in html


def test_a_very_long_search_is_shortened_with_a_notice(client, everything):
    html = page(client, "/en/search/?q=" + "santé " * 100)
    assert "Your search was shortened to its first 200 characters." in html


@pytest.mark.parametrize(
    "query",
    [
        "%00",
        "'%22;--",
        "a:*|b",
        "!!!",
        "\\",
        "%F0%9F%98%80",
        "x" * 5000,
        "sante&type=calls&page=-1",
    ],
)
def test_strange_searches_never_fail(client, everything, query):
    assert client.get(f"/en/search/?q={query}").status_code == 200


def test_works_without_javascript_as_a_plain_get_form(client, everything):
    html = page(client, "/en/search/?q=sante")
    form = re.search(r'<form class="search-page-form"[^>]*>', html).group(0)
    assert 'method="get"' in form
    assert 'action="/en/search/"' in form
    assert 'role="search"' in form
    assert '<label for="search-q">' in html
    assert '<label for="search-type">' in html
    # Debounced live results with htmx, on the page's own form.
    assert 'data-hx-trigger="submit, change from:#search-type, input changed delay:300ms' in form
    assert html.count("<h1") == 1


def test_an_htmx_request_gets_the_results_partial_only(client, everything):
    response = client.get("/en/search/?q=sante", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert html.lstrip().startswith('<div id="search-results"')
    assert "<html" not in html and "<h1" not in html
    assert "Maternal health in Bukavu" in html
    # The links that follow the address are swapped out of band.
    assert 'id="language-switcher" aria-label="Language" data-hx-swap-oob="true"' in html
    assert "HX-Request" in response["Vary"]


def test_a_history_restore_gets_the_whole_page(client, everything):
    html = page(
        client,
        "/en/search/?q=sante",
        **{"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<h1>Search</h1>" in html


def test_the_search_page_answers_in_french(client, everything):
    html = page(client, FRENCH_SEARCH + "?q=sante")
    assert '<html lang="fr">' in html
    assert "Atelier santé communautaire" in html


@pytest.mark.parametrize("per_type", [2, 20])
def test_the_number_of_queries_does_not_grow_with_the_data(
    client, django_assert_max_num_queries, per_type
):
    make_office_page_about_health()
    for number in range(1, per_type + 1):
        make_published(number)
    make_drafts()
    # Every page: the content version (base.html) and the office's contacts (footer).
    every_page = 2
    # Each of the eight groups: its first hits (with their snippets) and, when it has more
    # than it shows, its count.
    with django_assert_max_num_queries(2 * len(GROUPS) + every_page):
        html = page(client, "/en/search/?q=sante")
    assert group_count(html, "projects") == per_type
    # A typo: a group that found nothing is searched again for close words (hits, count).
    with django_assert_max_num_queries(3 * len(GROUPS) + every_page):
        html = page(client, "/en/search/?q=snate")
    assert group_count(html, "sessions") == per_type
    # One group, a page at a time: its count and its page (and the same for close words).
    with django_assert_max_num_queries(4 + every_page):
        html = page(client, "/en/search/?q=sante&type=sessions")
    assert group_count(html, "sessions") == per_type
