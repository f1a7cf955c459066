"""Names sort as a reader of the page's language expects, on SQLite and PostgreSQL alike
(cooperation_portal/collation.py): "Bénin" before "Burundi", "Écologie" before "Urbanisme"."""

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.functions import Collate
from django.utils import translation

from cooperation_portal.collation import Collated, collation_name, sort_key
from funding.models import FundingScheme
from partners.models import Organisation
from taxonomy.models import Country, Discipline
from tests.factories import (
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

# In the order a French reader expects; by code point, accented capitals come after "Z".
FRENCH_ORDER = [
    "Bénin",
    "Burundi",
    "Cambodge",
    "Côte d'Ivoire",
    "Cuba",
    "Égypte",
    "Équateur",
    "Îles Salomon",
    "Œuvre",
    "Ouganda",
    "Pérou",
    "Université d'Abomey-Calavi",
    "Université de Kinshasa",
    "université de Liège",
    "Urbanisme",
    "Zèbre",
]


def names(queryset) -> list[str]:
    return [str(row.name) for row in queryset]


def test_python_sort_keys_order_names_as_a_french_reader_expects():
    by_code_point = sorted(FRENCH_ORDER)
    assert by_code_point != FRENCH_ORDER
    assert sorted(by_code_point, key=sort_key) == FRENCH_ORDER


def test_the_database_orders_a_vocabulary_the_same_way():
    for number, name in enumerate(reversed(FRENCH_ORDER)):
        DisciplineFactory(slug=f"discipline-{number}", name_fr=name, name_en=name)
    with translation.override("fr"):
        assert names(Discipline.objects.all()) == FRENCH_ORDER


def test_the_order_follows_the_page_s_language():
    CountryFactory(code="BJ", name_fr="Bénin", name_en="Benin")
    CountryFactory(code="DE", name_fr="Allemagne", name_en="Germany")
    CountryFactory(code="BI", name_fr="Burundi", name_en="Burundi")
    with translation.override("fr"):
        assert names(Country.objects.all()) == ["Allemagne", "Bénin", "Burundi"]
    with translation.override("en"):
        assert names(Country.objects.all()) == ["Benin", "Burundi", "Germany"]


def test_the_language_is_the_one_active_when_the_query_runs_not_when_it_was_written():
    CountryFactory(code="BJ", name_fr="Bénin", name_en="Benin")
    CountryFactory(code="DE", name_fr="Allemagne", name_en="Germany")
    with translation.override("en"):
        queryset = Country.objects.all()  # e.g. a filter's choices, made at import
    with translation.override("fr"):
        assert names(queryset) == ["Allemagne", "Bénin"]


def test_a_scheme_list_sorted_by_name_is_in_french_order():
    for name in ["Soutien à la valorisation", "Séjours de recherche", "Bourses de voyage"]:
        FundingSchemeFactory(name_fr=name)
    with translation.override("fr"):
        schemes = FundingScheme.objects.order_by(Collated("name"), "pk")
        assert names(schemes) == [
            "Bourses de voyage",
            "Séjours de recherche",
            "Soutien à la valorisation",
        ]


def test_a_name_missing_in_the_page_s_language_sorts_by_the_name_shown_instead():
    OrganisationFactory(name_fr="Institut de médecine tropicale")
    OrganisationFactory(name_fr="", name_en="Abomey Institute")  # shown in English on /fr/
    OrganisationFactory(name_fr="Zone de santé")
    with translation.override("fr"):
        assert names(Organisation.objects.order_by(Collated("name"))) == [
            "Abomey Institute",
            "Institut de médecine tropicale",
            "Zone de santé",
        ]


def test_ordering_by_a_relation_follows_the_related_vocabulary_s_order():
    OrganisationFactory(name_fr="A", country=CountryFactory(code="BI", name_fr="Burundi"))
    OrganisationFactory(name_fr="B", country=CountryFactory(code="BJ", name_fr="Bénin"))
    with translation.override("fr"):
        assert names(Organisation.objects.order_by("country")) == ["B", "A"]
        assert names(Organisation.objects.order_by(Collated("country__name"))) == ["B", "A"]
        assert names(Organisation.objects.order_by(Collated("country__name").desc())) == [
            "A",
            "B",
        ]


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_each_language_of_the_portal_has_its_collation_in_the_database(language):
    DisciplineFactory(slug="b")
    DisciplineFactory(slug="a")
    ordered = Discipline.objects.order_by(Collate("slug", collation_name(language)))
    assert [discipline.slug for discipline in ordered] == ["a", "b"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT collprovider FROM pg_collation WHERE collname = %s",
                [collation_name(language)],
            )
            assert cursor.fetchone() == ("i",)  # ICU
