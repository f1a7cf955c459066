"""Search in either language, ignoring case and accents, across partners and countries."""

import re

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


def test_relevance_is_offered_only_to_a_search(client):
    ProjectFactory(title_en="Water and sanitation")
    sort_options = re.compile(r'<select name="sort"[^>]*>(.*?)</select>', re.S)
    browsing = sort_options.search(client.get("/en/projects/").content.decode()).group(1)
    searching = sort_options.search(client.get("/en/projects/?q=water").content.decode()).group(1)
    assert 'value="relevance"' not in browsing and 'value="title"' in browsing
    assert 'value="relevance"' in searching


def test_renaming_a_partner_changes_what_finds_its_projects():
    project = ProjectFactory(slug="partnered")
    organisation = OrganisationFactory(name_en="Université de Kinshasa", name_fr="")
    ParticipationFactory(project=project, organisation=organisation)
    assert found("kinshasa") == ["partnered"]
    organisation.name_en = "Université Joseph Ki-Zerbo"
    organisation.save()
    assert found("kinshasa") == []
    assert found("ki-zerbo") == ["partnered"]


def test_adding_a_keyword_makes_the_project_findable_by_it():
    project = ProjectFactory(slug="tagged")
    assert found("agroecology") == []
    project.keywords.add("agroécologie")
    assert found("agroecologie") == ["tagged"]
    project.keywords.clear()
    assert found("agroecologie") == []


def test_a_draft_partner_does_not_make_a_project_findable():
    project = ProjectFactory(slug="with-draft-partner")
    organisation = OrganisationFactory(
        name_en="Hidden Institute", publication_status="draft", city=""
    )
    ParticipationFactory(project=project, organisation=organisation)
    assert found("hidden institute") == []
    organisation.publication_status = "published"
    organisation.save()
    assert found("hidden institute") == ["with-draft-partner"]


def test_a_country_added_or_removed_changes_the_results():
    project = ProjectFactory(slug="moving", countries=[])
    peru = CountryFactory(code="PE", name_en="Peru", name_fr="Pérou")
    assert found("perou") == []
    project.countries.add(peru)
    assert found("perou") == ["moving"]
    project.countries.remove(peru)
    assert found("perou") == []


def test_punctuation_and_query_syntax_are_only_text():
    ProjectFactory(slug="water", title_en="Water in Benin")
    for text in ("water & | ! :* (", "'water'", "water:*", "<->", "!!"):
        assert found(text) in (["water"], []), text
    assert found("water & ! benin") == ["water"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prefixes are PostgreSQL's")
def test_on_postgresql_the_beginning_of_a_word_finds_it():
    ProjectFactory(slug="agro", description_en="Soil fertility and agroforestry.")
    assert found("agrofor") == ["agro"]


def test_the_stored_document_is_read_not_recomputed(django_assert_max_num_queries):
    """One query whatever the number of projects: no join, no subquery per project."""
    for number in range(5):
        ProjectFactory(slug=f"p{number}", title_en=f"Water {number}")
    with django_assert_max_num_queries(1) as captured:
        assert len(found("water")) == 5
    sql = captured.captured_queries[0]["sql"].lower()
    assert "join" not in sql
    assert "exists" not in sql


def test_editing_what_search_does_not_read_refreshes_no_project(django_assert_num_queries):
    organisation = OrganisationFactory(name_en="Université de Kinshasa")
    for number in range(3):
        ParticipationFactory(project=ProjectFactory(slug=f"p{number}"), organisation=organisation)
    organisation.description_en = "A longer description."
    # The values before the save, the update itself, the new content version: no project is
    # refreshed.
    with django_assert_num_queries(3):
        organisation.save()
    organisation.city = "Kinshasa-Gombe"
    organisation.save()
    assert found("gombe") == ["p0", "p1", "p2"]
