"""The hits' snippets: the words found in <mark>, everything else escaped, on both engines
(ts_headline on PostgreSQL, an excerpt on SQLite); and the words a typo reads as."""

import pytest

from cooperation_portal.text_search import close_words
from pages.search import START, STOP, excerpt, marked
from tests.factories import ProjectFactory
from tests.search.conftest import FRENCH_SEARCH

pytestmark = pytest.mark.django_db


def test_an_excerpt_marks_the_words_ignoring_accents_and_escapes_the_rest():
    snippet = excerpt("<b>Santé</b> & eau à Bukavu", ["sante", "bukavu"])
    assert snippet == "&lt;b&gt;<mark>Santé</mark>&lt;/b&gt; &amp; eau à <mark>Bukavu</mark>"


def test_a_long_text_is_cut_around_the_first_word_found():
    text = "Début. " + "mot " * 200 + "la santé des mères " + "fin " * 200
    snippet = excerpt(text, ["sante"], length=80)
    assert "<mark>santé</mark>" in snippet
    assert snippet.startswith("… ") and snippet.endswith(" …")
    assert len(snippet) < 140


def test_an_excerpt_without_a_match_is_the_beginning_of_the_text():
    assert excerpt("Une phrase courte.", ["absent"]) == "Une phrase courte."


def test_a_headline_is_escaped_and_its_marks_become_mark_elements():
    text = f"a <script>x</script> {START}Santé{STOP} & b {START}stray"
    assert marked(text) == "a &lt;script&gt;x&lt;/script&gt; <mark>Santé</mark> &amp; b stray"


def test_two_swapped_letters_read_as_the_word():
    assert "sante" in close_words("snate")
    assert close_words("eau") == ["eau"]


def test_the_snippet_of_a_hit_marks_the_word_in_the_page_language(client):
    ProjectFactory(
        title_fr="Santé maternelle",
        summary_fr="Un <projet> sur la santé des mères & des enfants.",
        summary_en="On mothers' health.",
    )
    html = client.get(FRENCH_SEARCH + "?q=sante").content.decode()
    assert "<mark>santé</mark>" in html
    # Never markup from the text: escaped (SQLite) or dropped (ts_headline drops tags).
    assert "<projet>" not in html
    assert "des mères &amp; des enfants" in html
    english = client.get("/en/search/?q=health").content.decode()
    assert "<mark>health</mark>" in english
