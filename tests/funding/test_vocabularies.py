"""The applicant levels and affiliations exist on every database, demo data or not: officers
starting a real portal have every one to tick."""

import pytest

from funding.models import Affiliation, ApplicantLevel

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [ApplicantLevel, Affiliation])
def test_every_value_of_the_vocabulary_is_there_in_its_order(model):
    codes = list(model.objects.order_by("position").values_list("code", flat=True))
    assert codes == list(model.Code.values)
