"""Plain helpers shared by the tests (fixtures live in tests/conftest.py)."""

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def count_queries(client, url: str) -> int:
    """How many SQL queries one successful GET of `url` runs when the page is rendered (not
    served from the page cache, which is emptied first)."""
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(context.captured_queries)


def every_page(client, address: str) -> list:
    """The rows of every page of the list at `address` (which has a query already), in order."""
    rows, page = [], 1
    while True:
        response = client.get(f"{address}&page={page}")
        rows += list(response.context["page_obj"])
        if not response.context["page_obj"].has_next():
            return rows
        page += 1


AXE = Path(__file__).resolve().parent / "browser" / "vendor" / "axe-4.14.1.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page, rules: list[str] | None = None) -> list[str]:
    """What axe-core (vendored) finds on the open page: the WCAG 2.1 A and AA rules, or the
    given `rules` (e.g. the best practices "heading-order", "page-has-heading-one")."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        # Evaluated by the test, not added as an inline <script> (which the portal's Content
        # Security Policy blocks); axe also builds functions from strings, which only code the
        # test evaluates may do under the policy.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
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


def log_in_to_admin(page, base_url: str, username: str, password: str) -> None:
    """Sign in on the admin's login page (in whichever language the browser asks for), and wait
    for the admin's index."""
    page.goto(f"{base_url}/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")


def search_in_select2(page, search_field, search: str) -> None:
    """Type a search into a select2 box key by key, as a person does (select2 reads its searches
    from key presses), and wait for the answer to the whole search: until then the list shows
    an earlier search's results, and Enter would choose among those."""

    def answers_the_whole_search(response) -> bool:
        query = parse_qs(urlsplit(response.url).query)
        return "/autocomplete/" in response.url and query.get("term") == [search]

    with page.expect_response(answers_the_whole_search):
        search_field.press_sequentially(search)


def choose_in_admin_search_box(page, field_id: str, search: str, expected: str) -> None:
    """Pick a value in one of the admin's search boxes (select2 autocomplete) as a person does:
    open it, type the search key by key (select2 reads its searches from key presses), press
    Enter on the highlighted result showing `expected`, and wait until it is shown chosen.
    Works for a multiple select (the search field is in the box) and a single one (in the
    drop-down)."""
    widget = page.locator(f"#{field_id} + .select2")
    widget.click()
    multiple = page.locator(f"#{field_id}").get_attribute("multiple") is not None
    if multiple:
        search_field = widget.locator(".select2-search__field")
    else:
        search_field = page.locator(".select2-container--open .select2-search__field")
    search_in_select2(page, search_field, search)
    page.locator(".select2-results__option--highlighted", has_text=expected).wait_for()
    page.keyboard.press("Enter")
    chosen = ".select2-selection__choice" if multiple else ".select2-selection__rendered"
    widget.locator(chosen, has_text=expected).first.wait_for()


def create_roles() -> None:
    """The groups "Editors" and "Cooperation officers" with their permissions, as the migrations
    pages/migrations/0001_roles.py, 0002 and 0004, and news/migrations/0002_roles.py create
    them (a transactional test's flush removes their rows). Runs the migrations' own functions
    on the project's app registry; it may be run again."""
    import importlib

    from django.apps import apps

    roles = importlib.import_module("pages.migrations.0001_roles")
    unlock = importlib.import_module("pages.migrations.0002_officers_unlock_logins")
    office_pages = importlib.import_module("pages.migrations.0004_office_pages_text")
    news_roles = importlib.import_module("news.migrations.0002_roles")
    # `create_roles` switches each app's `models_module` to create its permissions, then sets
    # it to None (right for a migration's own registry): put the real registry's back.
    models_modules = {config.label: config.models_module for config in apps.get_app_configs()}
    try:
        roles.create_roles(apps, None)
        unlock.let_officers_unlock(apps, None)
        office_pages.let_officers_edit(apps, None)
        news_roles.grant_news_permissions(apps, None)
    finally:
        for config in apps.get_app_configs():
            config.models_module = models_modules[config.label]


def create_office_pages() -> None:
    """The office's four pages with their text, as their migrations make them
    (pages/migrations/0004_office_pages_text.py, then 0005's amendment): a transactional test's
    flush removes them. Leaves a page that exists as it is."""
    import importlib

    from django.apps import apps

    importlib.import_module("pages.migrations.0004_office_pages_text").create_office_pages(
        apps, None
    )
    importlib.import_module("pages.migrations.0005_privacy_request_log").amend(apps, None)


class FormAsSubmitted(HTMLParser):
    """What a browser sends when the admin's change form is saved unchanged: every field of the
    form (inline rows and their management forms included), as the page shows it."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.in_form = False
        self.select: tuple[str, bool] | None = None
        self.options: list[tuple[str, bool]] = []
        self.textarea: str | None = None

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("id") or "").endswith("_form"):
            self.in_form = True
        if not self.in_form:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in {"submit", "button", "reset", "image", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attributes:
                return
            self.add(name, attributes.get("value") or ("on" if kind == "checkbox" else ""))
        elif tag == "select" and name:
            self.select, self.options = (name, "multiple" in attributes), []
        elif tag == "option" and self.select:
            self.options.append((attributes.get("value", ""), "selected" in attributes))
        elif tag == "textarea" and name:
            self.textarea = name
            self.add(name, "")

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            name, multiple = self.select
            chosen = [value for value, selected in self.options if selected]
            if not chosen and not multiple and self.options:
                chosen = [self.options[0][0]]
            for value in chosen:
                self.add(name, value)
            self.select = None


def form_as_shown(client, url: str) -> dict[str, list[str]]:
    """The change form at `url` as the page renders it, ready to be posted back."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parser = FormAsSubmitted()
    parser.feed(response.content.decode())
    assert parser.data, "no change form on the page"
    return parser.data


def admin_url(model_or_obj, view: str, *args) -> str:
    options = model_or_obj._meta
    return reverse(f"admin:{options.app_label}_{options.model_name}_{view}", args=args)


def change_url(obj) -> str:
    return admin_url(obj, "change", obj.pk)
