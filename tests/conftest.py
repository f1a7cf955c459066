"""Shared test set-up: language, and the headless browser for the tests marked `browser`.

The browser fixtures live here (not in tests/browser/) so that any test folder can drive
Chromium: Playwright allows one session per process.
"""

import gc
import os
import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.utils import translation

from tests.helpers import save_screenshots

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
def empty_page_cache(settings):
    """Every test starts with an empty cache in local memory, whatever CACHE_URL says: a page
    cached by one test is never served to the next, whose database differs."""
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}
    }
    cache.clear()


@pytest.fixture(autouse=True)
def collect_dropped_connections(request):
    """Before each browser test: each request of the live server may leave a dropped SQLite
    connection to the shared in-memory database for the garbage collector. Closed by a
    collection that happens to run inside a query's collation callback (pyuca's first load, in
    `load_demo`, allocates enough to start one), it would wait for that query's lock forever
    (seen with gdb). Collected here, between queries, it closes safely."""
    if request.node.get_closest_marker("browser"):
        gc.collect()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Passwords hashed in microseconds, not the production hasher's deliberate ~0.2 s: tests
    log in hundreds of times. Which hasher production uses is Django's default."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


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
    """`screenshot(name)` saves the current page at 1280 px and 375 px wide."""
    return lambda name: save_screenshots(page, name)


@pytest.fixture
def roles(db):
    """The groups "Editors" and "Cooperation officers" as their migration creates them: a
    transactional test (the browser tests) flushes the rows migrations wrote, so a later test
    in the same process would find no group. Runs the migration's own function again."""
    from django.contrib.auth.models import Group

    from tests.helpers import create_roles

    if Group.objects.filter(name__in=["Editors", "Cooperation officers"]).count() < 2:
        create_roles()


@pytest.fixture
def office_pages(db):
    """The office's four pages (About cooperation, Get involved, accessibility, privacy) as
    their migration creates them: a transactional test (the browser tests) flushes them too."""
    from tests.helpers import create_office_pages

    create_office_pages()


@pytest.fixture(scope="module")
def demo_for_the_module(django_db_setup, django_db_blocker):
    """The demo data, loaded once for a module's tests (ask for it through a function-scoped
    fixture that also asks for `db`): in a transaction rolled back after the module's last
    test, inside which each test runs in a savepoint of its own (pytest-django's `db`), so that
    what a test writes is undone before the next one as with a demo loaded per test, for one
    load instead of one per test (8 s each on PostgreSQL). Every test of such a module sees the
    demo, whether it asks for it or not; not for transactional or live-server tests."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("load_demo", verbosity=0)
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
