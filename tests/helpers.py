"""Plain helpers shared by the tests (fixtures live in tests/conftest.py)."""

from pathlib import Path

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url: str) -> int:
    """How many SQL queries one successful GET of `url` runs when the page is rendered (not
    served from the page cache, which is emptied first)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


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


MAX_PAGE_BYTES = 150 * 1024


def assert_accessible_and_light(page, response) -> None:
    """The page answered, weighs under 150 KB, has one h1, and axe finds nothing."""
    assert response.status == 200
    assert len(response.body()) < MAX_PAGE_BYTES
    assert page.locator("h1").count() == 1
    assert axe_violations(page) == []


SCREENSHOTS = Path(__file__).resolve().parents[1] / "screenshots"


def save_screenshots(page, name: str) -> None:
    """Save the page at 1280 px and 375 px wide into screenshots/ (git-ignored), for review."""
    SCREENSHOTS.mkdir(exist_ok=True)
    size = page.viewport_size or {"width": 1280, "height": 900}
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(size)
