"""The funding pages in a real browser: accessible (axe, WCAG 2.1 AA), light, and the
eligibility form usable with JavaScript off and kept in step with the filters when on."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import (
    AffiliationFactory,
    ApplicantLevelFactory,
    CallFactory,
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    PersonFactory,
)
from tests.helpers import assert_accessible_and_light

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def schemes():
    senegal = CountryFactory(code="SN", name_en="Senegal")
    congo = CountryFactory(code="CD", name_en="DR Congo")
    doctoral = ApplicantLevelFactory(code="doctoral", position=3)
    ApplicantLevelFactory(code="master", position=2)
    DisciplineFactory(slug="health", name_en="Health")
    partner_university = AffiliationFactory(code="partner-university", position=1)
    AffiliationFactory(code="ulb", position=2)
    now = timezone.now()
    for name, slug, country in [
        ("Doctoral grants for Senegalese", "grants-senegal", senegal),
        ("Doctoral grants for Congolese", "grants-congo", congo),
    ]:
        scheme = FundingSchemeFactory(
            name_en=name,
            slug=slug,
            amount_min=20000,
            amount_max=80000,
            application_url="https://example.org/apply",
            contact=PersonFactory(role_en="Research funding officer"),
            applicant_type="person",
        )
        scheme.eligible_affiliations.set([partner_university])
        scheme.applicant_levels.set([doctoral])
        scheme.eligible_nationalities.set([country])
        CallFactory(
            scheme=scheme,
            opens_at=now - datetime.timedelta(days=30),
            deadline=now + datetime.timedelta(days=25),
            internal_deadline=now + datetime.timedelta(days=12),
        )
        CallFactory(
            scheme=scheme,
            opens_at=now - datetime.timedelta(days=400),
            deadline=now - datetime.timedelta(days=300),
        )


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/en/funding/", "funding-list"),
        ("/en/funding/?country=ZZ&level=doctoral", "funding-list-invalid"),
        (
            "/en/funding/?level=doctoral&country=SN&affiliation=partner-university"
            "&applying_as=person&status=open&status=upcoming",
            "funding-list-eligibility",
        ),
        ("/en/funding/grants-senegal/", "funding-scheme"),
        ("/fr/funding/grants-senegal/", "funding-scheme-fr"),
    ],
)
def test_the_funding_pages_pass_axe_and_stay_light(
    live_server, page, screenshot, schemes, path, name
):
    assert_accessible_and_light(page, page.goto(f"{live_server.url}{path}"))
    screenshot(name)


def test_the_eligibility_form_works_with_javascript_off(live_server, browser, schemes):
    context = browser.new_context(java_script_enabled=False)
    no_script = context.new_page()
    no_script.goto(f"{live_server.url}/en/funding/")
    form = no_script.locator("#eligibility")
    form.get_by_label("I am").select_option("doctoral")
    form.get_by_label("from").select_option("SN")
    form.locator("#eligibility-affiliation").select_option("partner-university")
    form.get_by_label("applying as").select_option("person")
    form.get_by_label("only calls open now").check()
    form.get_by_role("button", name="Show the funding I can apply for").click()
    no_script.wait_for_url("**/en/funding/?*country=SN*")
    results = no_script.locator("#results")
    assert results.get_by_role("link", name="Doctoral grants for Senegalese").is_visible()
    assert results.get_by_role("link", name="Doctoral grants for Congolese").count() == 0
    assert results.get_by_text("Closes in 12 days").is_visible()
    assert results.get_by_text("Why it fits you:").is_visible()
    assert no_script.locator("#eligibility-affiliation").input_value() == "partner-university"
    context.close()


def test_with_javascript_a_filter_updates_results_and_the_eligibility_form(
    live_server, page, schemes
):
    page.goto(f"{live_server.url}/en/funding/")
    page.evaluate("window.notReloaded = true")
    page.locator(".filter-form").get_by_label("Nationality").select_option("CD")
    page.wait_for_url("**/en/funding/?*country=CD*")
    page.get_by_text("1 funding scheme", exact=True).wait_for()
    assert page.locator("#eligibility-country").input_value() == "CD"
    assert page.evaluate("window.notReloaded") is True
