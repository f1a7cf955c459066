"""The news as an Atom feed: valid, with an author, newest first, filtered like the list."""

import datetime

import feedparser
import pytest

from tests.factories import DRAFT, CountryFactory, NewsItemFactory

pytestmark = pytest.mark.django_db


def test_the_feed_is_valid_atom_with_an_author_newest_first(client):
    NewsItemFactory(title_en="Older", published_on=datetime.date(2026, 1, 5))
    NewsItemFactory(title_en="Ucoopia is launched", published_on=datetime.date(2026, 5, 4))
    NewsItemFactory(title_en="A draft", publication_status=DRAFT)

    response = client.get("/en/news/feed/")
    feed = feedparser.parse(response.content)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.author == "Cooperation Portal"
    assert [entry.title for entry in feed.entries] == ["Ucoopia is launched", "Older"]
    first = feed.entries[0]
    assert first.link.startswith("http://testserver/en/news/")
    assert first.published.startswith("2026-05-0")
    assert first.summary


def test_the_feed_takes_the_lists_filters(client):
    congo = CountryFactory(code="CD")
    NewsItemFactory(title_en="In Congo", countries=[congo])
    NewsItemFactory(title_en="Elsewhere")

    feed = feedparser.parse(client.get("/en/news/feed/?country=cd").content)

    assert [entry.title for entry in feed.entries] == ["In Congo"]


def test_a_filter_the_feed_does_not_understand_answers_400(client):
    response = client.get("/en/news/feed/?year=abc")

    assert response.status_code == 400
    assert b"not understood" in response.content


def test_the_list_links_its_feed(client):
    html = client.get("/en/news/?year=2026").content.decode()

    assert 'href="/en/news/feed/?year=2026"' in html
    assert 'type="application/atom+xml"' in html
