"""The feeds a list links to carry only the filters it understood: a value shown as invalid on
the page would make the feed answer 400."""

import datetime
import re

import pytest
from django.http import QueryDict
from django.utils import timezone

from events.filters import EventFilter
from events.models import Event
from tests.factories import (
    ApplicantLevelFactory,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
)

pytestmark = pytest.mark.django_db


def feed_links(content: str) -> list[str]:
    """Every link of the page to a calendar or an Atom feed, unescaped."""
    hrefs = re.findall(r'href="([^"]*(?:\.ics|/feed/)[^"]*)"', content)
    return [href.replace("&amp;", "&") for href in hrefs]


def query_of(link: str) -> QueryDict:
    return QueryDict(link.partition("?")[2])


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("year=abc&kind=zz", {}),
        ("year=2026&kind=zz", {"year": ["2026"]}),
        ("year=abc&kind=seminar&kind=workshop", {"kind": ["seminar", "workshop"]}),
        ("year=99999999999999999999&kind=seminar&page=3", {"kind": ["seminar"]}),
    ],
)
def test_the_events_calendar_link_carries_only_the_valid_filters_and_answers(
    client, address, expected
):
    EventFactory(kind=Event.Kind.SEMINAR)
    response = client.get(f"/en/events/?{address}")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Some filter values were not understood" in content
    [link] = feed_links(re.search(r'<p class="event-subscribe">.*?</p>', content).group())
    assert dict(query_of(link).lists()) == expected
    assert client.get(link).status_code == 200


def test_the_funding_feed_links_carry_only_the_valid_filters_and_answer(client):
    scheme = FundingSchemeFactory()
    scheme.applicant_levels.set([ApplicantLevelFactory(code="master")])
    scheme.eligible_nationalities.set([CountryFactory(code="SN")])
    response = client.get(
        "/en/funding/?q=grant&level=professor&country=SN&kind=lottery&sort=name&page=2"
    )
    assert response.status_code == 200
    assert "Some filter values were not understood" in response.content.decode()
    links = feed_links(response.content.decode())
    assert len(links) == 4  # in the page's head, and under the results
    for link in links:
        assert dict(query_of(link).lists()) == {"q": ["grant"], "country": ["SN"]}
        assert client.get(link).status_code == 200


def test_a_list_whose_filters_are_all_invalid_links_to_the_whole_feeds(client):
    content = client.get("/en/funding/?kind=lottery&status=maybe").content.decode()
    assert set(feed_links(content)) == {"/en/funding/deadlines.ics", "/en/funding/feed/"}
    assert "Follow every scheme:" in content


def test_the_valid_query_is_written_from_the_cleaned_values():
    CountryFactory(code="CD")
    filterset = EventFilter(QueryDict("kind=seminar&kind=nonsense&year=+2026&when=past&page=2"))
    assert filterset.valid_query().urlencode() == "when=past&year=2026"
    assert filterset.valid_query("when").urlencode() == "year=2026"


def test_the_events_calendar_honours_when_past_and_rejects_an_unknown_when(client):
    EventFactory(title_en="Next seminar")
    EventFactory(title_en="Old seminar", starts_at=timezone.now() - datetime.timedelta(days=400))
    content = client.get("/en/events/calendar.ics?when=past").content.decode()
    assert "Old seminar" in content and "Next seminar" not in content
    response = client.get("/en/events/calendar.ics?when=later")
    assert response.status_code == 400
    assert "When:" in response.content.decode()
