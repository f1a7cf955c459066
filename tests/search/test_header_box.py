"""Issue 20, item 4: the header holds a search box on every page, with a label."""

import re

import pytest

from tests.factories import (
    EventFactory,
    FundingSchemeFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.search.conftest import FRENCH_SEARCH

pytestmark = pytest.mark.django_db

BOX = re.compile(
    r'<form class="site-search" method="get" action="/(en|fr)/(search|recherche)/" role="search"'
    r' aria-label="[^"]+">\s*<label class="visually-hidden" for="site-search-q">[^<]+</label>\s*'
    r'<input type="search" id="site-search-q" name="q"'
)


@pytest.fixture
def one_of_each(db):
    return {
        "project": ProjectFactory(),
        "scheme": FundingSchemeFactory(),
        "organisation": OrganisationFactory(),
        "event": EventFactory(),
        "news": NewsItemFactory(),
        "sdg": SDGFactory(number=3),
    }


def test_every_kind_of_page_has_the_search_box_in_its_header(client, one_of_each, office_pages):
    addresses = [
        "/en/",
        "/en/projects/",
        one_of_each["project"].get_absolute_url(),
        "/en/funding/",
        one_of_each["scheme"].get_absolute_url(),
        "/en/partners/",
        one_of_each["organisation"].get_absolute_url(),
        "/en/events/",
        one_of_each["event"].get_absolute_url(),
        "/en/news/",
        one_of_each["news"].get_absolute_url(),
        "/en/about/",
        "/en/countries/",
        "/en/sdgs/",
        "/en/sdgs/3/",
        "/en/contacts/",
        "/en/open-data/",
        "/en/search/",
        "/fr/",
        FRENCH_SEARCH + "?q=eau",
    ]
    for address in addresses:
        response = client.get(address)
        assert response.status_code == 200, address
        header = response.content.decode().split("<header", 1)[1].split("</header>", 1)[0]
        assert BOX.search(header), address


def test_a_missing_page_has_the_search_box_too(client):
    response = client.get("/en/projects/no-such-project/")
    assert response.status_code == 404
    assert BOX.search(response.content.decode())


def test_the_box_submits_to_the_search_page(client, one_of_each):
    response = client.get("/en/search/", {"q": one_of_each["project"].title_en})
    assert one_of_each["project"].title_en in response.content.decode()
