""" "Am I eligible?": one sentence at the top of the list that fills its filters, no JavaScript."""

import re

import pytest

from tests.factories import (
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


@pytest.fixture
def vocabulary():
    ApplicantLevelFactory(code="master")
    ApplicantLevelFactory(code="doctoral")
    CountryFactory(code="SN", name_en="Senegal")
    CountryFactory(code="CD", name_en="DR Congo")
    DisciplineFactory(slug="health", name_en="Health")


def test_the_form_reads_as_a_sentence_and_sends_the_list_parameters_by_get(client, vocabulary):
    form = eligibility_form(client.get(URL).content.decode())
    assert 'method="get"' in form and 'action="/en/funding/"' in form
    assert "hx-" not in form.split(">")[0]  # a plain form: it works without JavaScript
    for name, label in [("level", "I am"), ("country", "from"), ("discipline", "working in")]:
        assert f'<label for="eligibility-{name}">{label}' in form
        assert f'name="{name}" id="eligibility-{name}"' in form
    assert '<option value="master">a master&#x27;s student</option>' in form
    assert '<option value="SN">Senegal</option>' in form
    assert 'name="status"' in form and 'value="open"' in form


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
    query = {"level": "doctoral", "country": "sn", "discipline": "health", "status": "open"}
    form = eligibility_form(client.get(URL, query).content.decode())
    assert '<option value="doctoral" selected>' in form
    assert '<option value="SN" selected>' in form
    assert '<option value="health" selected>' in form
    assert re.search(r'<input type="checkbox" name="status" value="open"[^>]*checked', form)


def test_an_unknown_value_leaves_the_choice_empty_and_the_page_explains(client, vocabulary):
    html = client.get(URL, {"level": "professor"}).content.decode()
    assert '<option value="" selected>anyone (any level)</option>' in eligibility_form(html)
    assert "Some filter values were not understood" in html


def test_the_page_has_one_h1_and_the_form_a_heading_of_its_own(client, vocabulary):
    html = client.get(URL).content.decode()
    assert html.count("<h1") == 1
    assert '<h2 id="eligibility-heading"' in eligibility_form(html)
