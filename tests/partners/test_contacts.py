"""Contacts by role: the contacts page, /en/contacts/, and the footer of every page."""

import pytest

from partners.models import Organisation
from tests.factories import DRAFT, OrganisationFactory, PersonFactory
from tests.helpers import count_queries
from tests.partners.page import headings, text

pytestmark = pytest.mark.django_db

URL = "/en/contacts/"


@pytest.fixture
def contacts():
    university = OrganisationFactory(name_en="Université libre de Bruxelles", acronym="ULB")
    codepo = OrganisationFactory(
        name_en="CODEPO",
        kind=Organisation.Kind.COOPERATION_UNIT,
        is_own_structure=True,
        tagline_en="Engineering projects with partners in the South, open to students.",
    )
    return {
        "officer": PersonFactory(
            organisation=university,
            role_en="Cooperation officer",
            email="cooperation@example.org",
            phone="+32 2 000 00 01",
            show_in_footer=True,
            position=1,
        ),
        "africa": PersonFactory(
            organisation=university,
            role_en="International partnerships officer — Africa",
            email="partnerships-africa@example.org",
            show_in_footer=True,
            position=2,
        ),
        "codepo": PersonFactory(
            organisation=codepo,
            role_en="Student projects contact",
            email="codepo@example.org",
            position=3,
        ),
        "mobility": PersonFactory(
            organisation=university, role_en="Mobility grants officer", position=4
        ),
    }


def test_the_contacts_page_lists_contacts_by_role_under_their_organisation(client, contacts):
    response = client.get(URL)
    assert response.status_code == 200
    outline = headings(response, "main")
    assert outline == [
        ("h1", "Contacts"),
        ("h2", "Université libre de Bruxelles (ULB)"),
        ("h3", "Cooperation officer"),
        ("h3", "International partnerships officer — Africa"),
        ("h3", "Mobility grants officer"),
        ("h2", "CODEPO"),
        ("h3", "Student projects contact"),
    ]


def test_each_contact_shows_e_mail_and_phone_as_links(client, contacts):
    response = client.get(URL)
    page = text(response, "main")
    assert "Cooperation officer E-mail: cooperation@example.org Phone: +32 2 000 00 01" in page
    content = response.content.decode()
    assert '<a href="mailto:cooperation@example.org">' in content
    assert '<a href="tel:+3220000001">' in content


def test_a_structure_says_what_it_does_and_links_to_its_page(client, contacts):
    response = client.get(URL)
    assert "Engineering projects with partners in the South, open to students." in text(
        response, "main"
    )
    codepo = contacts["codepo"].organisation
    assert f'<a href="{codepo.get_absolute_url()}">CODEPO</a>' in response.content.decode()


def test_a_draft_organisation_and_its_contacts_are_not_shown(client):
    draft = OrganisationFactory(
        name_en="New unit", acronym="NEWU", tagline_en="Not public yet.", publication_status=DRAFT
    )
    PersonFactory(organisation=draft, role_en="Coordinator", email="new-unit@example.org")
    PersonFactory(organisation=OrganisationFactory(name_en="CODEPO"), role_en="Student projects")
    response = client.get(URL)
    content = response.content.decode()
    for secret in ["New unit", "NEWU", "Not public yet.", "Coordinator", "new-unit@example.org"]:
        assert secret not in content
    assert ("h2", "CODEPO") in headings(response)


@pytest.fixture
def merger():
    """ULB-Coopération merged into Ucoopia; the contact it had is not to be used any more."""
    ucoopia = OrganisationFactory(name_en="Ucoopia", slug="ucoopia")
    ulb_cooperation = OrganisationFactory(name_en="ULB-Coopération", merged_into=ucoopia)
    PersonFactory(
        organisation=ulb_cooperation,
        role_en="Programme coordination",
        email="ulb-cooperation@example.org",
        show_in_footer=True,
        position=1,
    )
    PersonFactory(
        organisation=ucoopia,
        role_en="Partnerships and programmes",
        email="ucoopia@example.org",
        position=2,
    )
    return ucoopia, ulb_cooperation


def test_a_merged_structure_points_to_its_successor_instead_of_its_old_contacts(client, merger):
    response = client.get(URL)
    page = text(response, "main")
    assert "ULB-Coopération Now part of Ucoopia." in page
    assert 'Now part of <a href="/en/partners/ucoopia/">Ucoopia</a>.' in response.content.decode()
    assert "Programme coordination" not in page
    assert "ulb-cooperation@example.org" not in response.content.decode()
    assert headings(response, "main")[1:] == [
        ("h2", "ULB-Coopération"),
        ("h2", "Ucoopia"),
        ("h3", "Partnerships and programmes"),
    ]


def test_a_structure_merged_into_a_draft_is_left_out_with_its_contacts(client, merger):
    ucoopia, _ulb_cooperation = merger
    ucoopia.publication_status = DRAFT
    ucoopia.save()
    response = client.get(URL)
    assert "No contact has been published yet." in text(response, "main")
    assert "Ucoopia" not in response.content.decode()
    assert "ULB-Coopération" not in response.content.decode()


def test_the_footer_leaves_out_the_contacts_of_merged_and_draft_organisations(client, merger):
    draft = OrganisationFactory(acronym="DRAFTU", publication_status=DRAFT)
    PersonFactory(organisation=draft, role_en="Draft officer", show_in_footer=True)
    PersonFactory(organisation=None, role_en="Information desk", show_in_footer=True)
    response = client.get("/en/")
    footer = response.content.decode().split('<footer class="site-footer">')[1]
    assert "Information desk" in footer
    for secret in ["DRAFTU", "Draft officer", "Programme coordination", "ulb-cooperation@"]:
        assert secret not in footer


def test_a_contact_without_an_organisation_is_listed_too(client):
    PersonFactory(organisation=None, role_en="Information desk")
    assert ("h3", "Information desk") in headings(client.get(URL))


def test_the_page_says_so_when_there_is_no_contact_yet(client):
    assert "No contact has been published yet." in text(client.get(URL), "main")


def test_the_footer_shows_the_contacts_chosen_for_it_and_links_to_all(client, contacts):
    response = client.get("/en/")
    footer = response.content.decode().split('<footer class="site-footer">')[1]
    assert "Cooperation officer" in footer
    assert "International partnerships officer — Africa" in footer
    assert "mailto:partnerships-africa@example.org" in footer
    assert "Student projects contact" not in footer
    assert '<a href="/en/contacts/">' in footer


def test_the_footer_is_in_the_page_s_language(client, contacts):
    response = client.get("/fr/contacts/")
    footer = response.content.decode().split('<footer class="site-footer">')[1]
    assert "Chargée de la coopération" in footer
    assert '<a href="/fr/contacts/">' in footer


def test_the_contacts_page_runs_as_many_queries_for_two_contacts_as_for_thirty(client):
    def make_contacts(count):
        for number in range(count):
            PersonFactory(
                organisation=OrganisationFactory(merged_into=OrganisationFactory()),
                show_in_footer=number % 2 == 0,
            )

    make_contacts(2)
    with_two = count_queries(client, URL)
    make_contacts(28)
    # The contacts with their organisation, the published successors of those organisations,
    # the content version and, the first time after a change, the footer contacts.
    assert count_queries(client, URL) == with_two <= 4
