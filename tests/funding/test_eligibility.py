""" "Am I eligible?": one sentence at the top of the list that fills its filters, no JavaScript."""

import re

import pytest

from funding.models import FundingScheme
from tests.factories import (
    AffiliationFactory,
    ApplicantLevelFactory,
    CallFactory,
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
)

from .conftest import brussels

pytestmark = pytest.mark.django_db

URL = "/en/funding/"


def eligibility_form(html: str) -> str:
    match = re.search(r'<form id="eligibility".*?</form>', html, re.DOTALL)
    assert match, "The eligibility form is missing."
    return match.group(0)


PERSON = FundingScheme.ApplicantType.PERSON
ORGANISATION = FundingScheme.ApplicantType.ORGANISATION
EITHER = FundingScheme.ApplicantType.EITHER


def scheme_names(html: str) -> list[str]:
    return re.findall(r'<h2 class="card__title"><a href="[^"]+">([^<]+)</a></h2>', html)


def cards(html: str) -> dict[str, str]:
    """Each result card's HTML, by the scheme's name."""
    found = re.findall(r'<article class="card funding-card">.*?</article>', html, re.DOTALL)
    return {scheme_names(card)[0]: card for card in found}


@pytest.fixture
def vocabulary():
    ApplicantLevelFactory(code="master", position=2)
    ApplicantLevelFactory(code="doctoral", position=3)
    ApplicantLevelFactory(code="academic-staff", position=5)
    CountryFactory(code="SN", name_en="Senegal")
    CountryFactory(code="CD", name_en="DR Congo")
    CountryFactory(code="BE", name_en="Belgium")
    DisciplineFactory(slug="health", name_en="Health")
    for position, code in enumerate(["partner-university", "ulb", "belgian-institution", "ngo"]):
        AffiliationFactory(code=code, position=position)


def test_the_form_reads_as_a_sentence_and_sends_the_list_parameters_by_get(client, vocabulary):
    form = eligibility_form(client.get(URL).content.decode())
    assert 'method="get"' in form and 'action="/en/funding/"' in form
    assert "hx-" not in form.split(">")[0]  # a plain form: it works without JavaScript
    for name, label in [
        ("level", "I am"),
        ("country", "from"),
        ("discipline", "working in"),
        ("affiliation", "at"),
        ("applying_as", "applying as"),
    ]:
        assert f'<label for="eligibility-{name}">{label}' in form
        assert f'name="{name}" id="eligibility-{name}"' in form
    assert '<option value="master">a master&#x27;s student</option>' in form
    assert '<option value="SN">Senegal</option>' in form
    assert '<option value="partner-university">a partner university in the South</option>' in form
    assert '<option value="ulb">the university in Brussels (ULB)</option>' in form
    assert '<option value="person">an individual</option>' in form
    assert '<option value="organisation">an organisation</option>' in form
    assert 'name="status"' in form and 'value="open"' in form
    # The parts read in the order of the sentence.
    order = [form.index(f'id="eligibility-{name}"') for name in ("level", "affiliation")]
    assert order == sorted(order)
    assert form.index('id="eligibility-affiliation"') < form.index('id="eligibility-applying_as"')
    # The short words of the sentence say what they mean to a screen reader.
    assert '<span class="visually-hidden"> (my nationality)</span></label>' in form
    assert '<span class="visually-hidden"> (where I work or study)</span></label>' in form
    assert '<label for="eligibility-status">only calls open now</label>' in form


def test_its_ids_do_not_clash_with_the_filter_form(client, vocabulary):
    html = client.get(URL).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))


def test_submitting_it_lists_the_funding_open_to_that_person_now(client, vocabulary, clock):
    clock(brussels(2026, 11, 25, 10, 0))
    fits = FundingSchemeFactory(name_en="Doctoral grants for Senegalese")
    fits.applicant_levels.set([ApplicantLevelFactory(code="doctoral")])
    fits.eligible_nationalities.set([CountryFactory(code="SN")])
    CallFactory(scheme=fits, opens_at=brussels(2026, 9, 1), deadline=brussels(2026, 12, 18, 12))
    wrong_country = FundingSchemeFactory(name_en="Doctoral grants for Congolese")
    wrong_country.eligible_nationalities.set([CountryFactory(code="CD")])
    CallFactory(scheme=wrong_country, opens_at=brussels(2026, 9, 1))
    closed = FundingSchemeFactory(name_en="Closed grants", open_to_all_nationalities=True)
    CallFactory(scheme=closed, opens_at=brussels(2025, 9, 1), deadline=brussels(2025, 12, 1))

    # What a browser sends for "I am a doctoral researcher from Senegal working in any
    # discipline, only calls open now".
    response = client.get(
        URL, {"level": "doctoral", "country": "SN", "discipline": "", "status": "open"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Doctoral grants for Senegalese" in html
    assert "Doctoral grants for Congolese" not in html
    assert "Closed grants" not in html
    assert "Some filter values were not understood" not in html


def test_it_shows_the_answer_it_was_given(client, vocabulary):
    query = {
        "level": "doctoral",
        "country": "sn",
        "discipline": "health",
        "affiliation": "ngo",
        "applying_as": "organisation",
        "status": "open",
    }
    form = eligibility_form(client.get(URL, query).content.decode())
    assert '<option value="doctoral" selected>' in form
    assert '<option value="SN" selected>' in form
    assert '<option value="health" selected>' in form
    assert '<option value="ngo" selected>' in form
    assert '<option value="organisation" selected>' in form
    assert re.search(r'<input type="checkbox" name="status" value="open"[^>]*checked', form)


def test_an_unknown_value_leaves_the_choice_empty_and_the_page_explains(client, vocabulary):
    html = client.get(URL, {"level": "professor"}).content.decode()
    assert '<option value="" selected>anyone (any level)</option>' in eligibility_form(html)
    assert "Some filter values were not understood" in html


def test_the_page_has_one_h1_and_the_form_a_heading_of_its_own(client, vocabulary):
    html = client.get(URL).content.decode()
    assert html.count("<h1") == 1
    assert '<h2 id="eligibility-heading"' in eligibility_form(html)


class TestWhoTheApplicantWorksForAndHowTheyApply:
    """The Congolese academic of issue 12: who one works for, and whether one applies as a
    person or for an organisation, decide what one may apply for."""

    @pytest.fixture
    def schemes(self, vocabulary, clock):
        clock(brussels(2026, 11, 25, 10, 0))
        staff = ApplicantLevelFactory(code="academic-staff")
        made = {}
        for name, levels, nationalities, affiliations, applicant_type in [
            # "Applicants must be attached to a French-speaking Belgian university."
            (
                "FNRS research stays",
                ["doctoral", "academic-staff"],
                [],
                ["ulb", "belgian-institution"],
                PERSON,
            ),
            # "Programmes are submitted by accredited organisations such as Ucoopia and ARES."
            ("DGD programmes", [], [], ["ngo", "belgian-institution"], ORGANISATION),
            ("Mobility grants", ["academic-staff"], ["CD", "SN"], ["partner-university"], PERSON),
            (
                "Research-for-development projects",
                ["academic-staff"],
                [],
                ["partner-university", "ulb", "belgian-institution"],
                EITHER,
            ),
        ]:
            scheme = FundingSchemeFactory(
                name_en=name,
                open_to_all_nationalities=not nationalities,
                applicant_type=applicant_type,
            )
            scheme.applicant_levels.set([ApplicantLevelFactory(code=code) for code in levels])
            scheme.eligible_nationalities.set([CountryFactory(code=code) for code in nationalities])
            scheme.eligible_affiliations.set(
                [AffiliationFactory(code=code) for code in affiliations]
            )
            CallFactory(
                scheme=scheme, opens_at=brussels(2026, 9, 1), deadline=brussels(2026, 12, 18, 12)
            )
            made[name] = scheme
        assert staff.funding_schemes.count() == 3
        return made

    CONGOLESE_ACADEMIC = {
        "level": "academic-staff",
        "country": "CD",
        "affiliation": "partner-university",
        "applying_as": "person",
    }

    def test_a_congolese_academic_at_a_partner_university_gets_neither_fnrs_nor_dgd(
        self, client, schemes
    ):
        response = client.get(URL, self.CONGOLESE_ACADEMIC)
        assert response.status_code == 200
        names = scheme_names(response.content.decode())
        assert sorted(names) == ["Mobility grants", "Research-for-development projects"]

    def test_a_researcher_at_the_university_in_brussels_gets_the_fnrs_stays(self, client, schemes):
        query = {
            "level": "doctoral",
            "country": "BE",
            "affiliation": "ulb",
            "applying_as": "person",
        }
        names = scheme_names(client.get(URL, query).content.decode())
        assert sorted(names) == ["FNRS research stays"]

    def test_an_ngo_applying_as_an_organisation_gets_the_dgd_programmes(self, client, schemes):
        query = {"affiliation": "ngo", "applying_as": "organisation"}
        html = client.get(URL, query).content.decode()
        assert scheme_names(html) == ["DGD programmes"]
        assert (
            "<strong>Why it fits you:</strong> Open to applicants attached to an NGO. "
            "Organisations may apply.</p>" in cards(html)["DGD programmes"]
        )

    def test_each_card_says_why_it_fits_the_person_who_asked(self, client, schemes):
        html = client.get(URL, self.CONGOLESE_ACADEMIC).content.decode()
        found = cards(html)
        assert (
            "<strong>Why it fits you:</strong> Open to academic staff. "
            "Open to nationals of DR Congo. "
            "Open to applicants attached to a partner university in the South. "
            "Individuals may apply.</p>" in found["Mobility grants"]
        )
        assert (
            "<strong>Why it fits you:</strong> Open to academic staff. Any nationality. "
            "Open to applicants attached to a partner university in the South. "
            "Individuals may apply.</p>" in found["Research-for-development projects"]
        )

    def test_a_scheme_that_names_no_institution_says_it_is_open_to_any(self, client, schemes):
        FundingSchemeFactory(name_en="For anyone", open_to_all_nationalities=True)
        html = client.get(URL, {"affiliation": "partner-university", "country": "CD"}).content
        card = cards(html.decode())["For anyone"]
        assert "Any nationality. Open to applicants from any institution.</p>" in card

    @pytest.mark.parametrize("query", [{}, {"kind": "travel-grant"}, {"q": "grants"}])
    def test_no_reason_is_given_when_no_eligibility_question_was_asked(
        self, client, schemes, query
    ):
        html = client.get(URL, query).content.decode()
        assert scheme_names(html)
        assert "Why it fits you" not in html

    def test_a_value_not_understood_asks_nothing_and_says_so(self, client, schemes):
        response = client.get(URL, {"affiliation": "ministry", "applying_as": "robot"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<li>Applicant&#x27;s institution:" in html and "<li>Applying as:" in html
        assert len(scheme_names(html)) == 4
        assert "Why it fits you" not in html
