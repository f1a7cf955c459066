"""What a process keeps between requests (the facet index, the footer's contacts) follows the
content at once, whatever the page cache does: here, with no page cache at all."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cooperation_portal.memory import remembered
from projects.models import Project
from tests.factories import CountryFactory, PersonFactory, ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_a_value_is_made_once_until_the_content_changes():
    made = []

    def make():
        made.append(1)
        return len(made)

    ProjectFactory()
    assert remembered("test-value", make) == 1
    assert remembered("test-value", make) == 1
    ProjectFactory()
    assert remembered("test-value", make) == 2


def test_a_change_rolled_back_leaves_no_version_a_later_change_could_reuse():
    ProjectFactory()
    assert remembered("test-rollback", lambda: "before") == "before"
    try:
        with transaction.atomic():
            ProjectFactory()
            assert remembered("test-rollback", lambda: "inside") == "inside"
            raise RuntimeError
    except RuntimeError:
        pass
    # The rows written inside are gone: the value made from them is not served.
    assert remembered("test-rollback", lambda: "after") == "after"
    ProjectFactory()
    assert remembered("test-rollback", lambda: "later") == "later"


def test_the_footer_shows_a_new_contact_on_the_next_page(client):
    PersonFactory(name="Awa Diallo", show_in_footer=True)
    assert "Awa Diallo" in client.get("/en/").content.decode()
    PersonFactory(name="Jean Mukendi", show_in_footer=True)
    assert "Jean Mukendi" in client.get("/en/").content.decode()


def count_of(response, facet_name, value):
    facet = next(f for f in response.context["facets"] if f.name == facet_name)
    return {option.value: option.count for option in facet.options}.get(value, 0)


def test_facet_counts_follow_publishing_and_unpublishing_at_once(client):
    congo = CountryFactory(code="CD")
    first = ProjectFactory(countries=[congo])
    response = client.get("/en/projects/")
    assert count_of(response, "country", "CD") == 1
    assert response.context["paginator"].count == 1
    second = ProjectFactory(countries=[congo], publication_status="draft")
    assert count_of(client.get("/en/projects/"), "country", "CD") == 1
    second.publication_status = Project.PublicationStatus.PUBLISHED
    second.save()
    response = client.get("/en/projects/")
    assert count_of(response, "country", "CD") == 2
    assert response.context["paginator"].count == 2
    first.delete()
    assert count_of(client.get("/en/projects/"), "country", "CD") == 1


def test_a_page_reads_the_content_version_once_however_many_values_follow_it(client):
    PersonFactory(show_in_footer=True)
    ProjectFactory(countries=[CountryFactory(code="CD")])
    client.get("/en/projects/")  # builds the facet index and the footer's contacts
    with CaptureQueriesContext(connection) as context:
        assert client.get("/en/projects/?country=CD").status_code == 200
    reads = [q for q in context.captured_queries if "contentversion" in q["sql"]]
    assert len(reads) == 1
