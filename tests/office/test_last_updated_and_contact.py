"""Every content page (a project, an organisation, a funding scheme, an event, the office's
pages) says when it was last updated and whom to contact about it: its own contact where it has
one, otherwise the office's contacts page."""

import re

import pytest

from pages.models import OfficePage
from tests.factories import (
    DRAFT,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
    NewsItemFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.office.helpers import office_url

pytestmark = pytest.mark.django_db

LAST_UPDATED = re.compile(r'<p class="last-updated">Last updated: [^<]+</p>')
PAGE_CONTACT = re.compile(r'<p class="page-contact">(.*?)</p>', re.S)


def footer_of_main(client, url: str) -> tuple[str, str]:
    """("Last updated" paragraph, contact paragraph) of the page at `url`."""
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    updated = LAST_UPDATED.search(html)
    contact = PAGE_CONTACT.search(html)
    assert updated, f"{url}: no 'Last updated'"
    assert contact, f"{url}: no contact"
    # Both inside the main content, before the site's footer.
    assert contact.start() < html.index("</main>")
    return updated.group(0), contact.group(1)


def test_a_project_names_its_contact(client):
    project = ProjectFactory(complete=True)

    _updated, contact = footer_of_main(client, project.get_absolute_url())

    assert f'href="mailto:{project.contact.email}"' in contact
    assert "Cooperation officer" in contact


def test_a_funding_scheme_names_its_contact_or_points_to_the_office(client):
    person = PersonFactory(role_en="Mobility officer")
    with_contact = FundingSchemeFactory(contact=person)
    without = FundingSchemeFactory(contact=None)

    _updated, contact = footer_of_main(client, with_contact.get_absolute_url())
    assert "Mobility officer" in contact
    assert f'href="mailto:{person.email}"' in contact
    _updated, contact = footer_of_main(client, without.get_absolute_url())
    assert 'href="/en/contacts/"' in contact


def test_an_organisation_names_its_first_contact_or_points_to_the_office(client):
    with_contact = OrganisationFactory()
    PersonFactory(organisation=with_contact, role_en="Head of international relations")
    without = OrganisationFactory()

    _updated, contact = footer_of_main(client, with_contact.get_absolute_url())
    assert "Head of international relations" in contact
    _updated, contact = footer_of_main(client, without.get_absolute_url())
    assert 'href="/en/contacts/"' in contact


def test_an_event_points_to_the_office_s_contacts(client):
    event = EventFactory()

    _updated, contact = footer_of_main(client, event.get_absolute_url())

    assert 'href="/en/contacts/"' in contact


@pytest.mark.parametrize("key", ["about", "get-involved", "accessibility", "privacy"])
def test_an_office_page_names_its_contact_once_an_officer_chose_one(client, key):
    _updated, contact = footer_of_main(client, office_url(key))
    assert 'href="/en/contacts/"' in contact

    person = PersonFactory(role_en="Accessibility officer", name="")
    page = OfficePage.objects.get(key=key)
    page.contact = person
    page.save()

    _updated, contact = footer_of_main(client, office_url(key))
    assert "Accessibility officer" in contact
    assert f'href="mailto:{person.email}"' in contact


def test_the_contact_line_is_in_french_on_a_french_page(client):
    event = EventFactory()

    html = client.get(event.get_absolute_url().replace("/en/", "/fr/", 1)).content.decode()

    assert 'href="/fr/contacts/"' in PAGE_CONTACT.search(html).group(1)


def test_an_office_page_never_names_a_contact_of_a_draft_organisation(client):
    page = OfficePage.objects.get(key="about")
    draft = OrganisationFactory(publication_status=DRAFT)
    page.contact = PersonFactory(organisation=draft, role_en="Officer of a draft")
    page.save()

    html = client.get("/en/about/").content.decode()

    assert "Officer of a draft" not in html
    assert 'href="/en/contacts/"' in PAGE_CONTACT.search(html).group(1)


def test_a_news_item_says_when_it_was_updated_and_whom_to_ask(client):
    item = NewsItemFactory()

    _updated, contact = footer_of_main(client, item.get_absolute_url())

    assert 'href="/en/contacts/"' in contact


CONTENT_LAST_UPDATED = re.compile(r'<p class="last-updated">Content last updated: [^<]+</p>')


@pytest.mark.parametrize(
    "url", ["/en/events/cooperation-day/", "/en/countries/cd/", "/en/sdgs/3/", "/en/news/"]
)
def test_pages_drawn_from_many_items_say_when_their_content_changed_and_whom_to_ask(client, url):
    ProjectFactory(countries=[CountryFactory(code="CD")], sdgs=[SDGFactory(number=3)])

    html = client.get(url).content.decode()

    assert CONTENT_LAST_UPDATED.search(html), url
    assert 'href="/en/contacts/"' in PAGE_CONTACT.search(html).group(1)
    assert PAGE_CONTACT.search(html).start() < html.index("</main>")
