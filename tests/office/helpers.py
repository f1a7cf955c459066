"""What the tests of the office's pages share with the tests that visit every page."""

from django.urls import reverse
from django.utils import translation

#: The URL names of the office's pages (pages/urls.py), by key.
OFFICE_PAGES = {
    "about": "about",
    "get-involved": "get_involved",
    "accessibility": "accessibility",
    "privacy": "privacy",
}


def office_url(key: str, language: str = "en") -> str:
    with translation.override(language):
        return reverse(OFFICE_PAGES[key])


def office_paths(language: str) -> list[str]:
    """The office's pages without the language prefix (`about/`): their French addresses are
    translated, so each language has its own."""
    return [office_url(key, language).removeprefix(f"/{language}/") for key in OFFICE_PAGES]
