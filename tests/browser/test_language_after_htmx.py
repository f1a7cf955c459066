"""After filtering with htmx (JavaScript on), the language switcher leads to the same filtered
list in the other language: the switcher and the alternates follow the address htmx pushed."""

import re

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def count_shown(page) -> str:
    """The number of results the page announces ("9 projects", "9 projets": "9")."""
    text = page.locator("#results .results__count").inner_text()
    return re.match(r"\d+", text).group()


def switch_to_french_after_htmx(page, url_pattern: str) -> tuple[str, str]:
    """Wait for htmx to push `url_pattern`, then follow "Français"; the counts before and after."""
    page.wait_for_url(url_pattern)
    switcher = page.locator(".language-switcher a[hreflang=fr]")
    # The swap lands after the address changes: wait for the switcher to follow it.
    page.wait_for_function(
        "() => document.querySelector('.language-switcher a[hreflang=fr]')"
        ".getAttribute('href') === location.pathname.replace(/^\\/en\\//, '/fr/')"
        " + location.search"
    )
    english_count = count_shown(page)
    alternate = page.locator("link[rel=alternate][hreflang=fr]").get_attribute("href")
    assert alternate.endswith(page.url.split("/en/", 1)[1])
    switcher.click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"
    return english_count, count_shown(page)


def test_the_projects_filtered_by_dr_congo_with_htmx_switch_to_french_with_the_filter(
    live_server, page, demo
):
    from projects.models import Project

    page.goto(f"{live_server.url}/en/projects/")
    total = count_shown(page)
    page.get_by_label("Democratic Republic of the Congo").check()
    english, french = switch_to_french_after_htmx(page, "**/en/projects/?*country=CD*")
    page.wait_for_url("**/fr/projects/?*country=CD*")
    expected = Project.objects.published().in_country("CD").distinct().count()
    assert english == french == str(expected) != total
    assert page.locator("input[name=country][value=CD]").is_checked()


def test_the_funding_filtered_with_htmx_switches_to_french_with_the_filter(live_server, page, demo):
    from funding.models import FundingScheme

    page.goto(f"{live_server.url}/en/funding/")
    total = count_shown(page)
    page.locator("form.filter-form input[name=kind][value=individual-mobility]").check()
    english, french = switch_to_french_after_htmx(page, "**/en/funding/?*kind=individual-mobility*")
    page.wait_for_url("**/fr/funding/?*kind=individual-mobility*")
    expected = FundingScheme.objects.published().filter(kind="individual-mobility").count()
    assert english == french == str(expected) != total
    assert page.locator("form.filter-form input[name=kind][value=individual-mobility]").is_checked()
