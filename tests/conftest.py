import os
import shutil

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
