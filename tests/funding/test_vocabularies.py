"""The applicant levels and affiliations exist on every database, demo data or not: a migration
creates them all, so officers starting a real portal have every one to tick."""

import importlib

import pytest
from django.apps import apps

from funding.models import Affiliation, ApplicantLevel

pytestmark = pytest.mark.django_db

seeding = importlib.import_module("funding.migrations.0005_seed_applicant_vocabularies")


@pytest.mark.parametrize("model", [ApplicantLevel, Affiliation])
def test_the_migration_creates_every_value_of_the_vocabulary_in_its_order(model):
    # Tests that flush the database (browser tests) remove what migrations wrote: run it again.
    model.objects.all().delete()
    seeding.seed(apps, schema_editor=None)
    seeding.seed(apps, schema_editor=None)  # and again: nothing doubles
    codes = list(model.objects.order_by("position").values_list("code", flat=True))
    assert codes == list(model.Code.values)
