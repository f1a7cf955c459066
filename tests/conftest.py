"""Shared test set-up: language, and the headless browser for the tests marked `browser`.

The browser fixtures live here (not in tests/browser/) so that any test folder can drive
Chromium: Playwright allows one session per process.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.utils import translation

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_AVAILABLE = os.path.exists(CHROMIUM)
BROWSER_TESTS_REQUIRED = os.environ.get("REQUIRE_BROWSER_TESTS") == "1"


def pytest_report_header(config):
    if CHROMIUM_AVAILABLE:
        return f"browser tests: headless Chromium at {CHROMIUM}"
    return "browser tests: SKIPPED — Chromium is not installed (apt-get install chromium)"


def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if not browser_items or CHROMIUM_AVAILABLE:
        return
    if BROWSER_TESTS_REQUIRED:
        raise pytest.UsageError(
            "REQUIRE_BROWSER_TESTS=1 but Chromium is not installed: the browser tests cannot run."
        )
    skip = pytest.mark.skip(reason="Chromium is not installed (apt-get install chromium)")
    for item in browser_items:
        item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if not CHROMIUM_AVAILABLE:
        terminalreporter.write_line(
            "NOTICE: the browser tests were skipped because Chromium is not installed.",
            yellow=True,
            bold=True,
        )


@pytest.fixture(autouse=True)
def english_by_default():
    """Tests read in English unless they ask otherwise; pages pick their language from the URL."""
    with translation.override("en"):
        yield


# Playwright's sync API runs an event loop in the test's thread; the ORM calls made by the
# tests themselves (creating data) are safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save the current page at 1280 px and 375 px wide into screenshots/ (git-ignored)."""
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name: str) -> None:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

    return take


AXE = Path(__file__).resolve().parent / "browser" / "vendor" / "axe-4.14.1.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """What axe-core (vendored) finds on the open page: the WCAG 2.1 A and AA rules, or the
    given `rules` (e.g. the best practices "heading-order", "page-has-heading-one")."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": WCAG_21_AA}
    result = page.evaluate("runOnly => axe.run(document, {runOnly: runOnly})", run_only)
    return [
        f"{violation['id']}: {node['target']}"
        for violation in result["violations"]
        for node in violation["nodes"]
    ]
