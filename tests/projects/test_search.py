"""Search in either language, ignoring case and accents, across partners and countries."""

import pytest
from django.db import connection

from projects.models import Project
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def found(text: str) -> list[str]:
    return [
        project.slug
        for project in Project.objects.published().search(text).order_by("-rank", "slug")
    ]


def test_accents_and_case_are_ignored():
    ProjectFactory(slug="sante", title_fr="Santé maternelle", title_en="Maternal health")
    assert found("sante") == ["sante"]
    assert found("SANTÉ") == ["sante"]
    assert found("maternal HEALTH") == ["sante"]


def test_search_covers_both_languages_of_every_text():
    ProjectFactory(slug="eau", summary_fr="Accès à l'eau potable", summary_en="Clean water")
    ProjectFactory(
        slug="sol",
        summary_en="Soils",
        summary_fr="Les sols",
        description_en="Soil fertility and *agroforestry*.",
    )
    assert found("potable") == ["eau"]
    assert found("clean water") == ["eau"]
    assert found("agroforestry") == ["sol"]


def test_a_partner_city_finds_its_projects():
    in_kinshasa = ProjectFactory(slug="kinshasa-project", title_en="Maternal care")
    ProjectFactory(slug="elsewhere")
    ParticipationFactory(project=in_kinshasa, organisation=OrganisationFactory(city="Kinshasa"))
    assert found("Kinshasa") == ["kinshasa-project"]
    assert found("maternal kinshasa") == ["kinshasa-project"]


def test_keywords_partner_names_and_country_names_are_searched():
    project = ProjectFactory(
        slug="tagged", countries=[CountryFactory(code="KH", name_fr="Cambodge")]
    )
    project.keywords.set(["aquaculture"])
    ParticipationFactory(
        project=project, organisation=OrganisationFactory(name_en="Royal University of Phnom Penh")
    )
    ProjectFactory(slug="other")
    assert found("aquaculture") == ["tagged"]
    assert found("phnom penh") == ["tagged"]
    assert found("cambodge") == ["tagged"]


def test_every_word_must_match_somewhere():
    ProjectFactory(slug="water", title_en="Water in Benin")
    assert found("water benin") == ["water"]
    assert found("water peru") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")
def test_on_postgresql_a_match_in_the_title_ranks_above_one_in_the_description():
    ProjectFactory(slug="in-description", title_en="Rural clinics", description_en="On malaria.")
    ProjectFactory(slug="in-title", title_en="Malaria prevention in Kinshasa")
    assert found("malaria") == ["in-title", "in-description"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming is PostgreSQL's")
def test_on_postgresql_full_text_search_matches_word_forms():
    ProjectFactory(slug="forms", summary_en="Training nurses and midwives.")
    assert found("nurse training") == ["forms"]


def test_the_list_page_sorts_by_relevance_when_searching(client):
    ProjectFactory(slug="a", title_en="Water and sanitation")
    response = client.get("/en/projects/?q=water")
    assert response.context["sort_order"] == "relevance"
    assert [p.slug for p in response.context["page_obj"]] == ["a"]
