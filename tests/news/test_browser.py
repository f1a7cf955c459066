"""In a browser: a news page with a photo weighs under 150 KB on its first load (the page, its
style sheet and the copy of the photo the browser picks), and axe finds nothing on it."""

import pytest

from tests.helpers import axe_violations
from tests.news.conftest import uploaded_photo
from tests.news.test_photos import submitted

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAX_FIRST_LOAD_BYTES = 150 * 1024


def test_a_news_page_with_a_photo_stays_under_150_kb_and_is_accessible(
    live_server, browser, settings
):
    settings.ROOT_URLCONF = "tests.news.urls"
    form = submitted(uploaded_photo(width=3000, height=2000), photo_credit="Ucoopia")
    assert form.is_valid(), form.errors
    item = form.save()

    for language in ("en", "fr"):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/news/{item.slug}/")
        image = page.locator(".news-photo img")
        assert image.evaluate("image => image.complete && image.naturalWidth > 0")
        # The copy the browser chose for the column (800 px wide on this screen).
        assert image.evaluate("image => image.currentSrc").endswith("-800w.webp")
        transferred = page.evaluate(
            """() => performance.getEntriesByType('navigation')[0].transferSize
                + performance.getEntriesByType('resource')
                    .reduce((total, entry) => total + entry.transferSize, 0)"""
        )
        assert 20 * 1024 < transferred < MAX_FIRST_LOAD_BYTES
        assert axe_violations(page) == []
        context.close()
