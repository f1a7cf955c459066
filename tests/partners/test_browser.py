"""The partners pages in a real browser: accessible (axe, WCAG 2.1 AA) and usable without
JavaScript."""

import datetime

import pytest

from partners.models import Membership, Organisation
from taxonomy.models import Country
from tests.factories import CountryFactory, OrganisationFactory, ParticipationFactory, PersonFactory
from tests.helpers import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MERGER = datetime.date(2026, 1, 1)


@pytest.fixture
def partners():
    belgium = CountryFactory(code="BE", name_en="Belgium", region=Country.Region.EUROPE)
    congo = CountryFactory(code="CD", name_en="DR Congo", region=Country.Region.AFRICA)
    ucoopia = OrganisationFactory(
        name_en="Ucoopia", slug="ucoopia", kind=Organisation.Kind.NGO, country=belgium
    )
    ulb_cooperation = OrganisationFactory(
        name_en="ULB-Coopération",
        slug="ulb-cooperation",
        kind=Organisation.Kind.NGO,
        is_own_structure=True,
        tagline_en="The university's NGO, now part of Ucoopia.",
        country=belgium,
        merged_into=ucoopia,
        merged_on=MERGER,
    )
    umons = OrganisationFactory(name_en="Université de Mons", acronym="UMONS", country=belgium)
    Membership.objects.create(organisation=ucoopia, member=umons, joined_on=MERGER)
    kinshasa = OrganisationFactory(name_en="Université de Kinshasa", country=congo)
    ParticipationFactory(organisation=ucoopia)
    ParticipationFactory(organisation=kinshasa)
    PersonFactory(
        organisation=ulb_cooperation,
        role_en="Programme coordination",
        phone="+32 2 000 00 10",
        show_in_footer=True,
    )
    return {"ucoopia": ucoopia, "ulb_cooperation": ulb_cooperation}


def test_the_partners_pages_pass_axe_and_the_old_page_leads_to_the_successor(
    live_server,
    page,
    screenshot,
    partners,
):
    for path in ["/en/partners/", "/en/contacts/", "/en/partners/ulb-cooperation/"]:
        page.goto(f"{live_server.url}{path}")
        assert page.locator("h1").count() == 1, path
        assert axe_violations(page) == [], path
    screenshot("partners-merged-organisation")
    page.locator(".organisation__merged").get_by_role("link", name="Ucoopia").click()
    page.wait_for_url("**/en/partners/ucoopia/")
    assert axe_violations(page) == []
    assert page.locator("main").get_by_role("link", name="ULB-Coopération").is_visible()


def test_the_directory_filters_work_with_javascript_off(live_server, browser, partners):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/en/partners/")
    page.get_by_role("checkbox", name="Africa").check()
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url("**/en/partners/?*region=africa*")
    assert page.get_by_role("link", name="Université de Kinshasa").is_visible()
    assert page.get_by_role("link", name="Ucoopia").count() == 0
    context.close()
