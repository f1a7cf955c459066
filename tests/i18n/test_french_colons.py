"""A label and its value read with the French space before the colon on French pages."""

import pytest

from tests.factories import CountryFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_the_active_filter_chips_and_the_invalid_filters_notice_use_the_french_colon(client):
    ProjectFactory(countries=[CountryFactory(code="CD", name_fr="RD Congo")])
    french = client.get("/fr/projects/", {"country": "CD", "sdg": "abc"}).content.decode()
    assert "Pays\u00a0: RD Congo" in french
    assert "Pays: " not in french
    english = client.get("/en/projects/", {"country": "CD"}).content.decode()
    assert "Country: " in english
