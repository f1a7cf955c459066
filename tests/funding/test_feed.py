"""The Atom feed of published calls, /en/funding/feed/."""

import datetime

import feedparser
import pytest

from funding.models import Call
from tests.factories import DRAFT, CallFactory, CountryFactory, FundingSchemeFactory

from .conftest import brussels

pytestmark = pytest.mark.django_db

URL = "/en/funding/feed/"


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    return feed


@pytest.fixture
def calls():
    congolese = FundingSchemeFactory(name_en="Grants for Congolese")
    congolese.eligible_nationalities.set([CountryFactory(code="CD")])
    senegalese = FundingSchemeFactory(name_en="Grants for Senegalese")
    senegalese.eligible_nationalities.set([CountryFactory(code="SN")])
    draft = FundingSchemeFactory(name_en="Secret grants", publication_status=DRAFT)
    created = {}
    for days_ago, scheme, title in [
        (30, congolese, "Oldest"),
        (10, senegalese, "Middle"),
        (1, congolese, "Newest"),
        (0, draft, "Hidden"),
    ]:
        call = CallFactory(scheme=scheme, title_en=title)
        # Announced on different days: the feed is in the order they were announced.
        Call.objects.filter(pk=call.pk).update(
            created_at=brussels(2026, 11, 20) - datetime.timedelta(days=days_ago)
        )
        created[title] = call
    return created


def test_the_feed_parses_and_lists_published_calls_newest_first(client, calls):
    feed = parse(client.get(URL))
    assert [entry.title for entry in feed.entries] == [
        "Grants for Congolese — Newest",
        "Grants for Senegalese — Middle",
        "Grants for Congolese — Oldest",
    ]


def test_each_entry_links_to_its_call_on_the_scheme_page_with_its_dates(client, calls):
    entry = parse(client.get(URL)).entries[0]
    newest = calls["Newest"]
    assert entry.link == f"http://testserver{newest.scheme.get_absolute_url()}#call-{newest.pk}"
    assert entry.id == entry.link
    assert "Brussels time" in entry.summary
    assert entry.published_parsed[:3] == (2026, 11, 18)


def test_the_feed_honours_the_list_filters(client, calls):
    feed = parse(client.get(URL, {"country": "SN"}))
    assert [entry.title for entry in feed.entries] == ["Grants for Senegalese — Middle"]
    assert feed.feed.link == "http://testserver/en/funding/?country=SN"


def test_the_list_links_to_the_feed(client, calls):
    assert 'href="/en/funding/feed/"' in client.get("/en/funding/").content.decode()


def test_a_filter_not_understood_is_refused_with_a_plain_message(client, calls):
    response = client.get(URL, {"kind": "lottery"})
    assert response.status_code == 400
    assert "Kind of funding:" in response.content.decode()


def test_the_calls_feed_is_signed_by_the_portal(client):
    """RFC 4287: an Atom feed needs an author, on the feed or on every entry."""
    CallFactory()

    feed = feedparser.parse(client.get("/en/funding/feed/").content)

    assert feed.feed.author == "Cooperation Portal"
    assert not feed.bozo
