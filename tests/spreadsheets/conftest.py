"""What the spreadsheet tests share: the rows a file's cells name, and the officers' roles."""

import pytest

from projects.models import Keyword
from tests.factories import (
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    SDGFactory,
)
from tests.officers.conftest import as_editor, as_officer, editor, officer  # noqa: F401


@pytest.fixture
def vocabulary():
    """The rows the cells name: two countries, two goals, two disciplines, a scheme, two
    organisations and a keyword named in both languages."""
    CountryFactory(code="CD")
    CountryFactory(code="BJ")
    SDGFactory(number=3)
    SDGFactory(number=5)
    DisciplineFactory(slug="public-health", name_fr="Santé publique", name_en="Public health")
    DisciplineFactory(slug="agronomy", name_fr="Agronomie", name_en="Agronomy")
    FundingSchemeFactory(slug="south-initiatives", name_fr="Initiatives Sud")
    OrganisationFactory(
        slug="unikin", name_fr="Université de Kinshasa", name_en="University of Kinshasa"
    )
    OrganisationFactory(slug="ucoopia", name_fr="Ucoopia", name_en="Ucoopia")
    Keyword.objects.create(
        name="Midwifery", name_en="Midwifery", name_fr="Sage-femme", slug="midwifery"
    )
