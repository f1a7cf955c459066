"""In a real browser, nothing on the portal breaks the Content Security Policy: every public page
type in both languages, the projects list filtered with htmx, and the admin (dashboard, lists,
a project's change form with its search boxes opened, a history page). Chromium tells of each
violation twice, on the console and as a `securitypolicyviolation` event: both are listened to.
"""

import pytest
from django.core.management import call_command

from projects.models import Project
from tests.helpers import choose_in_admin_search_box, log_in_to_admin
from tests.security.helpers import PASSWORD, admin_paths, public_page_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: Runs in every document before the page's own scripts: hands each violation to the test.
LISTEN_FOR_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(
    `${event.violatedDirective} blocked ${event.blockedURI} on ${event.documentURI}`
  );
});
"""
#: What Chromium's console says of a violation, or of a header it cannot read (a feature of the
#: Permissions-Policy it does not know is an error on every page).
CONSOLE_SIGNS = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def officer(django_user_model, settings):
    # The second factor is the staff login's business (tested with it), not this policy's.
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    return django_user_model.objects.create_superuser("csp-officer", "csp@example.org", PASSWORD)


def violation_told(text: str) -> list[str]:
    """The console's message, if it tells of a violation or an unreadable header."""
    if any(sign in text for sign in CONSOLE_SIGNS):
        return [f"console: {text}"]
    return []


def watched_page(browser, language: str, found: list[str]):
    """A page in a browser asking for `language`, whose violations and script errors land in
    `found`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale=language)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.expose_function("reportViolation", lambda text: found.append(f"event: {text}"))
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    page.on("console", lambda message: found.extend(violation_told(message.text)))
    page.on("pageerror", lambda error: found.append(f"script error: {error}"))
    return page


def filter_with_htmx(page, base_url: str, language: str) -> None:
    """Tick a country and type a search on the projects list: htmx swaps the results in."""
    page.goto(f"{base_url}/{language}/projects/")
    with page.expect_response(lambda response: response.request.headers.get("hx-request")):
        page.locator("input[name=country][value=CD]").check()
    page.wait_for_url("**/projects/?*country=CD*")
    with page.expect_response(lambda response: "q=water" in response.url):
        page.locator("#id_q").fill("water")
    page.wait_for_url("**/projects/?*q=water*")
    # htmx has swapped and settled: no request left in flight.
    page.wait_for_function("() => !document.querySelector('.htmx-request')")


def use_the_admin(page, base_url: str) -> None:
    """The admin pages, then a project's form with a search box opened and a value chosen."""
    log_in_to_admin(page, base_url, "csp-officer", PASSWORD)
    for path in admin_paths():
        response = page.goto(f"{base_url}{path}")
        assert response.status == 200, path
    project = Project.objects.order_by("pk").first()
    page.goto(f"{base_url}/admin/projects/project/{project.pk}/change/")
    choose_in_admin_search_box(page, "id_linked_countries", "Burk", "Burkina Faso")
    # A single-choice search box, whose results open in a drop-down below the field.
    page.locator("#id_contact + .select2").click()
    page.locator(".select2-container--open .select2-results__option").first.wait_for()
    page.keyboard.press("Escape")


def test_the_policy_is_listened_to_and_reports_reach_the_portal(live_server, browser):
    """The measure is real: an inline script is blocked, told of both ways, and its report is
    posted to /csp-report, which answers 204."""
    found = []
    page = watched_page(browser, "en", found)
    page.goto(f"{live_server.url}/en/contacts/")
    with page.expect_response(lambda response: "/csp-report" in response.url) as report:
        page.evaluate(
            """() => { const script = document.createElement("script");
                script.textContent = "window.ran = true"; document.body.append(script); }"""
        )
    assert report.value.status == 204
    assert page.evaluate("window.ran") is None
    page.wait_for_function("() => true")  # lets the console and the event reach the test
    assert any(item.startswith("event: script-src") for item in found), found
    assert any(item.startswith("console: ") for item in found), found
    page.context.close()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_page_public_or_admin_breaks_the_policy(live_server, browser, officer, language):
    call_command("load_demo", verbosity=0)
    found = []
    page = watched_page(browser, language, found)
    for path in public_page_paths(language):
        response = page.goto(f"{live_server.url}{path}")
        assert response.status in (200, 404), path
    filter_with_htmx(page, live_server.url, language)
    use_the_admin(page, live_server.url)
    page.context.close()
    assert found == [], "\n".join(dict.fromkeys(found))
