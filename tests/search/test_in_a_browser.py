"""The search in a browser: with JavaScript, the results follow what one types (htmx,
debounced) and the address bar keeps a shareable URL; without it, the form submits."""

import pytest

from tests.search.conftest import make_office_page_about_health, make_published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content():
    make_office_page_about_health()
    make_published()


def test_results_update_as_one_types(live_server, page, content):
    page.goto(f"{live_server.url}/en/search/")
    page.locator("#search-q").press_sequentially("sante", delay=50)
    page.wait_for_url("**/en/search/?q=sante*")
    page.locator("#search-group-projects").wait_for()
    assert page.locator("#search-results .results__count").inner_text().startswith("8 results")
    # No reload: the page's own form still holds what was typed, focus included.
    assert page.evaluate("document.activeElement.id") == "search-q"


def test_the_header_box_leads_to_the_results(live_server, page, content):
    page.goto(f"{live_server.url}/en/projects/")
    page.get_by_role("searchbox", name="Search the portal").fill("kivu")
    page.get_by_role("searchbox", name="Search the portal").press("Enter")
    page.wait_for_url("**/en/search/?q=kivu")
    assert page.locator("#search-group-projects mark").first.inner_text().lower() == "kivu"
    assert (
        page.locator("#search-group-projects .search-hit__snippet").first.get_attribute("lang")
        == "fr"
    )
