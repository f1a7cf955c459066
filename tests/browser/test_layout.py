"""Issue 12 (item 14) in a real browser, on the demo data, at 1280 px and 375 px: what a visitor
notices of the list sidebars and of the home page.

- Facets are not scroll boxes: no option is cut; a long facet shows its top options and a
  "Show all N" disclosure that the keyboard opens, revealing the rest.
- The "Apply filters" button is in view without scrolling through the sidebar (it sticks to the
  bottom of the screen while the sidebar is in view).
- Every list sidebar looks the same: fieldsets of checkboxes of at least 24 x 24 px.
- The home page's four figure tiles are links, two by two and compact on a phone.
- Nothing scrolls sideways at 375 px, and axe-core finds no WCAG 2.1 AA violation.

Each page is saved at 1280 and 375 px into screenshots/ (layout-*.png).
"""

import pytest
from django.core.management import call_command

from tests.helpers import SCREENSHOTS, axe_violations, save_screenshots

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 375)
#: A long facet shows this many options (and every selected one) before "Show all N".
TOP_OPTIONS = 6
LIST_PAGES = {"projects": "/en/projects/", "partners": "/fr/partners/", "events": "/en/events/"}


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


def open_page(browser, live_server, path: str, width: int):
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 200
    return page


def sidebar_problems(page) -> list[str]:
    """What would cut or hide a filter option: a scroll box (or any element clipping its
    content) in the sidebar, a facet showing too many options before its disclosure, a
    checkbox smaller than 24 x 24 px."""
    return page.evaluate(
        """topOptions => {
        const problems = [];
        const sidebar = document.querySelector('.list-layout__filters');
        for (const element of sidebar.querySelectorAll('*')) {
            if (element.matches('input, select, textarea, option, .visually-hidden')) continue;
            const style = getComputedStyle(element);
            const clips = [style.overflowX, style.overflowY].some(v => v !== 'visible');
            if (clips && (element.scrollHeight > element.clientHeight + 1
                          || element.scrollWidth > element.clientWidth + 1)) {
                problems.push(`clipped: ${element.tagName}.${element.className}`);
            }
            if (style.maxHeight !== 'none') problems.push(`max-height: ${element.className}`);
        }
        for (const facet of sidebar.querySelectorAll('fieldset.facet')) {
            const boxes = [...facet.querySelectorAll('input[type=checkbox]')];
            const visible = boxes.filter(box => box.checkVisibility());
            const more = facet.querySelector('details.facet__more:not([open])');
            const checked = visible.filter(box => box.checked).length;
            if (more && visible.length > topOptions + checked) {
                problems.push(`${facet.id}: ${visible.length} options before "Show all"`);
            }
            if (!facet.querySelector('details.facet__more') && visible.length > topOptions + 1) {
                problems.push(`${facet.id}: ${visible.length} options and no disclosure`);
            }
            if (more && visible.length === boxes.length) {
                problems.push(`${facet.id}: nothing folded`);
            }
            for (const box of visible) {
                const { width, height } = box.getBoundingClientRect();
                if (width < 24 || height < 24) problems.push(`${box.id}: ${width}x${height} px`);
            }
        }
        if (sidebar.querySelector('select[multiple]')) problems.push('a multiple select');
        return problems;
    }""",
        TOP_OPTIONS,
    )


def apply_button_in_view(page) -> bool:
    return page.evaluate(
        """() => {
        const button = [...document.querySelectorAll('.list-layout__filters button[type=submit]')]
            .find(button => button.checkVisibility());
        const box = button.getBoundingClientRect();
        return box.top >= 0 && box.bottom <= window.innerHeight;
    }"""
    )


def save_first_screens(page, name: str) -> None:
    """What a visitor sees before scrolling, at both widths: a full-page screenshot draws a
    sticky element where it stood in the first screen, not at the bottom of the sidebar."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-first-screen.png"))
    page.set_viewport_size({"width": 1280, "height": 900})


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("name", list(LIST_PAGES))
def test_a_list_sidebar_shows_every_option_uncut_and_keeps_apply_in_view(
    live_server, browser, demo, name
):
    path = LIST_PAGES[name]
    for width in WIDTHS:
        page = open_page(browser, live_server, path, width)
        if width == 375:
            # On a phone the filters start folded below the search: open them, as a visitor does.
            page.locator("details.facets-disclosure > summary").click()
            page.locator("details.facets-disclosure > summary").evaluate(
                "summary => summary.scrollIntoView({block: 'start'})"
            )
        assert sidebar_problems(page) == [], (name, width)
        assert apply_button_in_view(page), (name, width, "Apply is out of view at first")
        # Half-way down the sidebar, the button is still in view: it sticks to the bottom.
        page.evaluate(
            """() => {
                const box = document.querySelector('.list-layout__filters').getBoundingClientRect();
                window.scrollBy(0, box.top + box.height / 2 - window.innerHeight / 2);
            }"""
        )
        assert apply_button_in_view(page), (name, width, "Apply is out of view mid-sidebar")
        assert not scrolls_sideways(page), (name, width)
        page.evaluate("window.scrollTo(0, 0)")
        assert axe_violations(page) == [], (name, width)
        page.context.close()

    page = open_page(browser, live_server, path, 1280)
    # The same sidebar on every list: a panel headed "Filters", fieldsets with legends, the
    # buttons at its bottom.
    assert page.locator(
        ".list-layout__filters details.facets-disclosure[open] > summary h2"
    ).count()
    assert page.locator(".list-layout__filters fieldset.facet > legend.facet__legend").count() >= 1
    assert page.locator(".list-layout__filters .facets > .facets__actions").count() == 1
    save_screenshots(page, f"layout-{name}")
    save_first_screens(page, f"layout-{name}")
    page.context.close()


def accessible_node(page, name: str) -> dict:
    """Chromium's accessibility node named `name`, as a screen reader gets it."""
    session = page.context.new_cdp_session(page)
    nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    found = [
        node
        for node in nodes
        if node.get("name", {}).get("value") == name
        and node["role"]["value"] not in ("StaticText", "InlineTextBox")
    ]
    assert len(found) == 1, name
    return {prop["name"]: prop["value"].get("value") for prop in found[0].get("properties", [])}


def test_show_all_opens_with_the_keyboard_and_reveals_the_rest_of_the_facet(
    live_server, browser, demo
):
    page = open_page(browser, live_server, "/en/projects/", 1280)
    country = page.locator("#facet-country")
    boxes = country.locator("input[type=checkbox]")
    total = boxes.count()
    assert total > TOP_OPTIONS + 1
    summary = country.locator("details.facet__more > summary")
    assert summary.inner_text() == f"Show all {total} countries"
    state = accessible_node(page, f"Show all {total} countries")
    assert state["focusable"] is True and state["expanded"] is False

    # The keyboard reaches the summary right after the last option shown, and Enter opens it.
    country.locator("input[type=checkbox]:visible").last.focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
    assert page.evaluate("document.activeElement.closest('fieldset').id") == "facet-country"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert country.locator("details.facet__more").get_attribute("open") is not None
    assert accessible_node(page, f"Show all {total} countries")["expanded"] is True
    assert country.locator("input[type=checkbox]:visible").count() == total
    assert sidebar_problems(page) == []

    # The first option revealed is next for the keyboard; ticking it filters (htmx) and it
    # stays shown, checked, with the focus on it.
    page.keyboard.press("Tab")
    revealed = page.evaluate("document.activeElement.value")
    assert page.evaluate("document.activeElement.closest('details.facet__more') !== null")
    page.keyboard.press("Space")
    page.wait_for_url(f"**country={revealed}*")
    page.locator(f"#facet-country-{revealed}:checked:visible").wait_for()
    assert page.evaluate("document.activeElement.id") == f"facet-country-{revealed}"
    save_screenshots(page, "layout-projects-show-all")
    page.context.close()


def test_show_all_works_without_javascript(live_server, browser, demo):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/fr/partners/")
    country = page.locator("#facet-country")
    hidden = country.locator("details.facet__more input[type=checkbox]").first
    assert not hidden.is_visible()
    country.locator("details.facet__more > summary").click()
    hidden.check()
    value = hidden.get_attribute("value")
    page.locator(".facets__actions button").click()
    page.wait_for_url(f"**country={value}*")
    assert page.locator(f"#facet-country input[value={value}]:visible").is_checked()
    context.close()


def test_the_home_page_is_balanced_with_four_linked_figures(live_server, browser, demo):
    for width in WIDTHS:
        page = open_page(browser, live_server, "/en/", width)
        tiles = page.locator(".figures > li")
        assert tiles.count() == 4
        assert page.locator(".figures > li > a.figure[href]").count() == 4
        boxes = [tiles.nth(index).bounding_box() for index in range(4)]
        figures = page.locator(".figures").bounding_box()
        if width == 375:
            # Two by two, compact.
            assert figures["height"] <= 260, figures
            assert {round(box["y"]) for box in boxes[:2]} != {round(box["y"]) for box in boxes[2:]}
            assert len({round(box["x"]) for box in boxes}) == 2
        else:
            # One row of four equal tiles.
            assert len({round(box["y"]) for box in boxes}) == 1
            assert len({round(box["height"]) for box in boxes}) == 1
        # Deadlines and events: rows of cards filling the width, no hole beside a lone card.
        for section in ("#calls-heading", "#event-heading"):
            cards = page.locator(f"section:has({section}) .card")
            row = page.locator(f"section:has({section}) .card-row").bounding_box()
            assert cards.count() >= 1
            placed = [cards.nth(index).bounding_box() for index in range(cards.count())]
            last_row = [box for box in placed if box["y"] == max(box["y"] for box in placed)]
            rightmost = max(box["x"] + box["width"] for box in last_row)
            assert rightmost >= row["x"] + row["width"] - 1, (width, section)
        assert not scrolls_sideways(page), width
        assert axe_violations(page) == [], width
        if width == 1280:
            save_screenshots(page, "layout-home")
        page.context.close()


@pytest.mark.parametrize(("path", "width"), [("/en/projects/", 1280), ("/fr/partners/", 375)])
def test_the_keyboard_never_leaves_an_option_under_the_sticky_buttons(
    live_server, browser, demo, path, width
):
    page = open_page(browser, live_server, path, width)
    page.set_viewport_size({"width": width, "height": 700})
    if width == 375:
        page.locator("details.facets-disclosure > summary").click()
    page.locator(".facets input, .facets summary").first.focus()
    obscured = []
    for _ in range(60):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => {
            const element = document.activeElement;
            if (!element.closest('.facets') || element.closest('.facets__actions')) return null;
            const bar = document.querySelector('.facets__actions').getBoundingClientRect();
            const box = element.getBoundingClientRect();
            return {id: element.id || element.tagName, under: box.bottom > bar.top};
        }"""
        )
        if focused is None:
            break
        if focused["under"]:
            obscured.append(focused["id"])
    assert obscured == []
    page.context.close()
