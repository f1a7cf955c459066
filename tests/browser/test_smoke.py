"""A first walk through the portal in a real browser."""

import pytest

from tests.factories import CountryFactory, ProjectFactory, SDGFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_reaches_the_skip_link_first_and_switches_language(live_server, page, screenshot):
    ProjectFactory(
        title_en="Maternal health in Kinshasa",
        title_fr="Santé maternelle à Kinshasa",
        countries=[CountryFactory(code="CD")],
        sdgs=[SDGFactory(number=3)],
    )
    page.goto(f"{live_server.url}/en/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").count() == 1

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    screenshot("home")

    page.get_by_role("link", name="Maternal health in Kinshasa").first.click()
    page.wait_for_url("**/en/projects/**")
    page.locator(".language-switcher a[hreflang=fr]").click()
    page.wait_for_url("**/fr/projects/**")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text().startswith("Santé maternelle à Kinshasa")


def test_the_project_filters_work_with_javascript_off(live_server, browser):
    ProjectFactory(title_en="Rice farming in Cambodia", countries=[CountryFactory(code="KH")])
    ProjectFactory(title_en="Water in Benin", countries=[CountryFactory(code="BJ")])
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/projects/")
    page.get_by_label("Country KH").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/projects/?*country=KH*")
    assert page.get_by_text("Rice farming in Cambodia").is_visible()
    assert page.get_by_text("Water in Benin").count() == 0
    context.close()


def test_with_javascript_on_a_filter_updates_the_results_in_place_and_the_address(
    live_server, page
):
    ProjectFactory(title_en="Rice farming in Cambodia", countries=[CountryFactory(code="KH")])
    ProjectFactory(title_en="Water in Benin", countries=[CountryFactory(code="BJ")])
    page.goto(f"{live_server.url}/en/projects/")
    page.evaluate("window.notReloaded = true")
    page.get_by_label("Country BJ").check()
    page.wait_for_url("**/en/projects/?*country=BJ*")
    page.get_by_text("1 project", exact=True).wait_for()
    assert page.get_by_text("Water in Benin").is_visible()
    assert page.get_by_text("Rice farming in Cambodia").count() == 0
    # Swapped in place: the page was not reloaded.
    assert page.evaluate("window.notReloaded") is True


@pytest.mark.parametrize(
    ("width", "javascript", "folded"),
    [(375, True, True), (1280, True, False), (375, False, False)],
)
def test_filters_start_folded_on_a_narrow_screen_only_with_javascript(
    live_server, browser, width, javascript, folded
):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, java_script_enabled=javascript
    )
    page = context.new_page()
    for path in ("/en/projects/", "/en/funding/", "/en/partners/", "/en/events/"):
        page.goto(f"{live_server.url}{path}")
        is_open = page.locator("details.facets-disclosure").get_attribute("open") is not None
        assert is_open is not folded, path
    context.close()
