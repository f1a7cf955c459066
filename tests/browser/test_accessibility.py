"""axe-core (vendored, WCAG 2.1 A and AA rules) finds no violation on any public page type, in
either language; and the keyboard reaches the skip link first and sees where it is."""

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation

from events.models import Event
from funding.models import FundingScheme
from partners.models import Organisation
from projects.models import Project
from tests.helpers import axe_violations
from tests.office.helpers import office_paths

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_FIRST_LOAD_BYTES = 150 * 1024
# Best practices beyond the WCAG tags: one h1, headings in order, landmarks around everything.
STRUCTURE_RULES = [
    "page-has-heading-one",
    "heading-order",
    "landmark-one-main",
    "landmark-no-duplicate-banner",
    "landmark-no-duplicate-contentinfo",
    "region",
    "bypass",
]


def page_types(language: str = "en") -> list[str]:
    project = Project.objects.published().first()
    scheme = FundingScheme.objects.published().first()
    merged = Organisation.objects.published().filter(merged_into__isnull=False).first()
    event = Event.objects.published().cooperation_days().first()
    return [
        "",
        "projects/",
        "projects/?country=CD&sdg=3&q=health",
        "projects/?sdg=99",
        f"projects/{project.slug}/",
        "funding/",
        "funding/?level=master&country=SN&status=open",
        f"funding/{scheme.slug}/",
        "partners/",
        "partners/?region=africa&kind=university",
        f"partners/{merged.slug}/",
        "events/",
        "events/?when=past",
        f"events/{event.slug}/",
        "events/cooperation-day/",
        "countries/",
        "countries/cd/",
        "countries/rw/",
        "figures/",
        "figures/?country=CD&sdg=3&status=ongoing",
        "figures/?sdg=99&country=ZZ",
        "sdgs/",
        "sdgs/3/",
        "contacts/",
        "news/",
        "news/?country=CD",
        "news/ucoopia-launched/",
        *office_paths(language),
        "open-data/" if language == "en" else "donnees-ouvertes/",
        "search/?q=sante" if language == "en" else "recherche/?q=sante",
        "search/?q=snate&type=projects" if language == "en" else "recherche/?q=snate&type=projects",
        ("alerts/subscribe/" if language == "en" else "alertes/abonnement/")
        + "?list=funding&level=doctoral&country=CD&status=open",
        "no-such-page/",
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_no_public_page_has_an_accessibility_violation_or_weighs_over_150_kb(
    live_server, browser, language, office_pages
):
    call_command("load_demo", verbosity=0)
    found, weights = {}, {}
    for path in page_types(language):
        # A fresh context for each page: nothing cached, as on a visitor's first load.
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/{path}")
        problems = axe_violations(page) + axe_violations(page, STRUCTURE_RULES)
        if (headings := page.locator("h1").count()) != 1:
            problems.append(f"{headings} h1 elements")
        if problems:
            found[path] = problems
        # Everything the first load transferred (uncompressed here: the test server does not
        # compress), before axe itself was injected.
        transferred = page.evaluate(
            """() => performance.getEntriesByType('navigation')[0].transferSize
                + performance.getEntriesByType('resource')
                    .filter(entry => !entry.name.includes('axe'))
                    .reduce((total, entry) => total + entry.transferSize, 0)"""
        )
        if transferred > MAX_FIRST_LOAD_BYTES:
            found[path] = [f"{transferred} bytes on first load"]
        weights[path] = transferred
        context.close()
    assert found == {}
    # The measure is real: the heaviest page weighs its HTML, stylesheet and htmx.
    assert max(weights.values()) > 50 * 1024


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_server_error_page_has_no_accessibility_violation(live_server, page, language):
    with translation.override(language):
        html = render_to_string("500.html")
    page.goto(f"{live_server.url}/healthz")
    page.set_content(html)
    assert axe_violations(page) == []


def test_the_keyboard_meets_the_skip_link_first_and_focus_is_visible(live_server, page):
    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/en/projects/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Skip to main content"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    # After the skip link, focus lands inside the main content, not back in the header.
    assert page.evaluate("document.activeElement.closest('main') !== null")


def test_no_page_scrolls_sideways_on_a_320_px_screen(live_server, browser, office_pages):
    call_command("load_demo", verbosity=0)
    context = browser.new_context(viewport={"width": 320, "height": 800})
    page = context.new_page()
    too_wide = {}
    for path in page_types("fr"):
        # French: the longer words.
        page.goto(f"{live_server.url}/fr/{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 320:
            too_wide[path] = width
    context.close()
    assert too_wide == {}


@pytest.mark.parametrize("path", ["projects/", "funding/", "events/cooperation-day/"])
def test_the_keyboard_goes_through_every_control_in_order_without_a_trap(live_server, page, path):
    call_command("load_demo", verbosity=0)
    page.goto(f"{live_server.url}/en/{path}")
    reachable = page.evaluate(
        """() => [...document.querySelectorAll('a[href], button, input, select, textarea, summary')]
            .filter(element => element.offsetParent !== null && !element.disabled).length"""
    )
    visited = []
    for _ in range(reachable + 5):
        page.keyboard.press("Tab")
        position = page.evaluate(
            """() => { const element = document.activeElement;
                const all = [...document.querySelectorAll('*')];
                return element === document.body ? -1 : all.indexOf(element); }"""
        )
        if visited and position <= visited[-1]:
            break
        visited.append(position)
    # Focus moved forward through the page, in document order, down to the footer's last link.
    last_link = page.evaluate(
        """() => [...document.querySelectorAll('*')]
            .indexOf([...document.querySelectorAll('footer a')].pop())"""
    )
    assert visited[-1] == last_link
