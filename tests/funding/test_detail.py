"""The scheme page, /en/funding/<slug>/."""

import re

import pytest
from django.core.exceptions import ValidationError

from funding.models import FundingScheme
from tests.factories import (
    DRAFT,
    AffiliationFactory,
    ApplicantLevelFactory,
    CallFactory,
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    PersonFactory,
    ProjectFactory,
)

from .conftest import brussels

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fixed_now(clock):
    clock(brussels(2026, 11, 25, 10, 0))


@pytest.fixture
def scheme():
    # Before the funder, whose country would otherwise take the code CD first.
    countries = [
        CountryFactory(code="CD", name_en="DR Congo"),
        CountryFactory(code="SN", name_en="Senegal"),
    ]
    scheme = FundingSchemeFactory(
        name_en="ARES doctoral grants",
        slug="ares-doctoral-grants",
        description_en="## What it covers\n\nTravel and a monthly allowance.",
        amount_min=20000,
        amount_max=80000,
        duration_en="4 years",
        application_url="https://www.ares-ac.be/apply",
        contact=PersonFactory(role_en="Research funding officer", email="research@example.org"),
    )
    scheme.applicant_levels.set(
        [
            ApplicantLevelFactory(code="master", position=2),
            ApplicantLevelFactory(code="doctoral", position=3),
        ]
    )
    scheme.eligible_nationalities.set(countries)
    scheme.disciplines.set([DisciplineFactory(slug="health", name_en="Health")])
    return scheme


def page(client, scheme) -> str:
    response = client.get(scheme.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_eligibility_reads_in_plain_words(client, scheme):
    html = page(client, scheme)
    assert (
        "Open to master&#x27;s students and doctoral researchers. "
        "Nationality: DR Congo or Senegal. Disciplines: health." in html
    )


def test_a_scheme_open_to_all_says_so(client):
    scheme = FundingSchemeFactory(open_to_all_nationalities=True)
    assert "Open to applicants at every level. Any nationality. Every discipline." in page(
        client, scheme
    )


def test_who_applies_and_from_where_reads_in_plain_words(client, scheme):
    scheme.eligible_affiliations.set(
        [
            AffiliationFactory(code="partner-university", position=1),
            AffiliationFactory(code="ulb", position=2),
        ]
    )
    scheme.applicant_type = FundingScheme.ApplicantType.PERSON
    scheme.save()
    html = page(client, scheme)
    assert (
        "Disciplines: health. Open to applicants attached to a partner university in the "
        "South or the university in Brussels (ULB). Individuals may apply.</p>" in html
    )
    assert (
        "<dt>Where applicants work or study</dt><dd>Partner university in the South, "
        "The university in Brussels (ULB)</dd>" in html
    )
    assert "<dt>Applications from</dt><dd>Individuals</dd>" in html


def test_a_scheme_that_names_no_institution_is_open_to_any(client):
    scheme = FundingSchemeFactory(open_to_all_nationalities=True)
    html = page(client, scheme)
    assert "<dt>Where applicants work or study</dt><dd>Any institution</dd>" in html
    assert "<dt>Applications from</dt><dd>Individuals or organisations</dd>" in html


def test_amounts_duration_and_how_to_apply_are_shown(client, scheme):
    html = page(client, scheme)
    assert "€20,000 \N{EN DASH} €80,000" in html
    assert "4 years" in html
    assert 'href="https://www.ares-ac.be/apply"' in html


def test_the_description_starts_below_the_page_title(client, scheme):
    html = page(client, scheme)
    assert html.count("<h1") == 1
    assert "<h3" in html and "What it covers" in html


def test_calls_are_listed_with_time_zone_and_status_closed_ones_kept(client, scheme):
    CallFactory(
        scheme=scheme,
        title_en="2025 round",
        opens_at=brussels(2025, 9, 1),
        deadline=brussels(2025, 12, 18, 12, 0),
    )
    CallFactory(
        scheme=scheme,
        title_en="2026 round",
        opens_at=brussels(2026, 9, 1),
        deadline=brussels(2026, 12, 18, 12, 0),
        internal_deadline=brussels(2026, 12, 5, 12, 0),
    )
    html = page(client, scheme)
    rows = re.findall(r"<tr id=\"call-\d+\">.*?</tr>", html, re.DOTALL)
    assert len(rows) == 2
    assert "2025 round" in rows[0] and "Closed" in rows[0]
    assert "2026 round" in rows[1] and "Open" in rows[1]
    assert '<time datetime="2026-12-18T12:00:00+01:00">' in rows[1]
    assert '<time datetime="2026-12-05T12:00:00+01:00">' in rows[1]
    assert "Brussels time (UTC+1)" in rows[1]
    # The next deadline, above the table, counts to the internal one and says so.
    assert "Closes in 10 days</strong>\n(internal deadline)" in html


def test_the_contact_and_the_published_funded_projects_are_shown(client, scheme):
    funded = ProjectFactory(title_en="Maternal health in Kinshasa")
    funded.funding_schemes.add(scheme)
    draft = ProjectFactory(title_en="Secret draft project", publication_status=DRAFT)
    draft.funding_schemes.add(scheme)
    html = page(client, scheme)
    assert "Research funding officer" in html
    assert 'href="mailto:research@example.org"' in html
    assert "Maternal health in Kinshasa" in html
    assert "Secret draft project" not in html


def test_a_scheme_with_many_projects_lists_the_latest_and_links_to_all(client, scheme):
    for number in range(12):
        project = ProjectFactory(title_en=f"Funded project {number:02d}")
        project.funding_schemes.add(scheme)
    html = page(client, scheme)
    assert html.count("Funded project") == 10
    assert '<a href="/en/projects/?funding=ares-doctoral-grants">See all 12 projects</a>' in html


def test_the_page_links_to_its_own_deadlines_as_a_calendar(client, scheme):
    html = page(client, scheme)
    assert 'href="/en/funding/ares-doctoral-grants/deadlines.ics"' in html
    assert "Add these deadlines to my calendar" in html


def test_a_draft_funder_is_not_shown(client):
    funder = OrganisationFactory(name_en="Secret Funder", publication_status=DRAFT)
    scheme = FundingSchemeFactory(funder=funder)
    assert "Secret Funder" not in page(client, scheme)


def test_an_unknown_or_draft_scheme_answers_404(client):
    draft = FundingSchemeFactory(publication_status=DRAFT)
    assert client.get("/en/funding/no-such-scheme/").status_code == 404
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheme_cannot_take_the_address_of_the_feed():
    scheme = FundingSchemeFactory.build(slug="feed", funder=OrganisationFactory())
    with pytest.raises(ValidationError) as error:
        scheme.full_clean()
    assert "slug" in error.value.message_dict
