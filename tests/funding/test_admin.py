"""The funding schemes in the admin: who may apply, affiliations and applicant type included."""

import pytest
from django.urls import reverse

from tests.factories import AffiliationFactory, FundingSchemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(admin_client):
    """The admin in English (it follows the browser's language, French by default)."""
    admin_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return admin_client


def test_a_scheme_s_affiliations_and_applicant_type_are_edited_in_who_may_apply(admin_client):
    AffiliationFactory(code="partner-university", position=1)
    AffiliationFactory(code="ngo", position=4)
    scheme = FundingSchemeFactory()
    html = admin_client.get(reverse("admin:funding_fundingscheme_change", args=[scheme.pk])).text
    who_may_apply = html[html.index("Who may apply") : html.index("Grant</h2>")]
    # A handful of affiliations: boxes to tick.
    assert 'type="checkbox" name="eligible_affiliations"' in who_may_apply
    assert "Partner university in the South" in who_may_apply
    assert '<select name="applicant_type"' in who_may_apply
    assert '<option value="either" selected>Individuals or organisations</option>' in who_may_apply


def test_schemes_are_filtered_by_affiliation_and_applicant_type_in_the_admin(admin_client):
    AffiliationFactory(code="ulb")
    FundingSchemeFactory(name_en="For people", applicant_type="person")
    url = reverse("admin:funding_fundingscheme_changelist")
    response = admin_client.get(url, {"applicant_type__exact": "person"})
    assert response.status_code == 200
    assert "For people" in response.text
    assert "eligible_affiliations__id__exact" in response.text


def test_the_affiliations_are_listed_with_their_schemes(admin_client):
    AffiliationFactory(code="ngo")
    response = admin_client.get(reverse("admin:funding_affiliation_changelist"))
    assert response.status_code == 200
    assert "NGO" in response.text
