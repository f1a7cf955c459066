"""Every single-choice select of every list shows the option the list applies: a select with
nothing selected leaves assistive technology (and pa11y) with no value."""

import re

import pytest

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def selected_options(html: str, name: str) -> list[str]:
    match = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S)
    assert match, f"no <select name={name}>"
    return re.findall(r'<option value="([^"]*)"[^>]*\bselected\b', match.group(1))


@pytest.mark.parametrize(
    ("url", "name", "shown"),
    [
        ("/en/projects/", "sort", "recent"),
        ("/en/projects/?q=water", "sort", "relevance"),
        ("/en/projects/?q=water&sort=title", "sort", "title"),
        # Relevance means nothing without a search: the list sorts by date, and says so.
        ("/en/projects/?sort=relevance", "sort", "recent"),
        ("/en/projects/?sort=nonsense", "sort", "recent"),
        ("/en/funding/", "sort", "deadline"),
        ("/en/funding/?sort=name", "sort", "name"),
        ("/en/events/", "when", "upcoming"),
        ("/en/events/?when=past", "when", "past"),
        ("/en/events/?when=bogus", "when", "upcoming"),
    ],
)
def test_the_select_shows_the_value_the_list_applies(client, url, name, shown):
    ProjectFactory(title_en="Clean water")
    html = client.get(url).content.decode()
    assert selected_options(html, name) == [shown]
