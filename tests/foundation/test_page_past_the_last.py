"""A page number past the last shows the last page with a notice, on every list: a bookmarked
page 5 keeps answering once the results shrink."""

import pytest

from tests.factories import EventFactory, FundingSchemeFactory, OrganisationFactory, ProjectFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

#: Each list, and how to add one row to it.
LISTS = {
    "/en/projects/": ProjectFactory,
    "/en/funding/": FundingSchemeFactory,
    "/en/partners/": OrganisationFactory,
    "/en/events/": EventFactory,
}


@pytest.fixture(params=LISTS, ids=lambda url: url.strip("/").split("/")[-1])
def list_of_two_pages(request, settings):
    """The list at `url`, with rows enough for two pages (the funding schemes' funders are
    organisations too)."""
    url = request.param
    LISTS[url].create_batch(settings.PAGE_SIZE + 1)
    return url


def test_a_page_past_the_last_shows_the_last_page_with_a_notice(client, list_of_two_pages):
    response = client.get(list_of_two_pages, {"page": "9999"})
    assert response.status_code == 200
    last = response.context["page_obj"]
    assert last.number == last.paginator.num_pages >= 2
    assert len(last.object_list) >= 1
    content = response.content.decode()
    assert f"Page 9999 does not exist; showing the last page, {last.number}." in content
    assert f"Page {last.number} of {last.number}" in content
    assert 'rel="prev"' in content and 'rel="next"' not in content


def test_the_notice_keeps_the_filters_and_the_htmx_partial_shows_it_too(client):
    ProjectFactory.create_batch(3)
    response = client.get("/en/projects/?status=ongoing&page=5", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Page 5 does not exist; showing the last page, 1." in response.content.decode()


@pytest.mark.parametrize("page", ["1", "2", "last"])
def test_an_existing_page_shows_no_notice(client, list_of_two_pages, page):
    response = client.get(list_of_two_pages, {"page": page})
    assert response.status_code == 200
    assert "does not exist" not in response.content.decode()


def test_a_page_past_the_last_runs_as_many_queries_as_the_last_page(client, list_of_two_pages):
    url = list_of_two_pages
    client.get(url)  # builds what a list keeps in memory (the projects' facet index)
    assert count_queries(client, f"{url}?page=9999") == count_queries(client, f"{url}?page=2")


def test_an_empty_list_shows_its_only_page_for_any_page_number(client):
    response = client.get("/en/events/", {"page": "3"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 1
    assert "Page 3 does not exist; showing the last page, 1." in response.content.decode()
