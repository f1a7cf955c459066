"""A project's countries, goals, disciplines and funding schemes in the admin: chosen in search
boxes on the project's form, saved as the link rows they have always been (`ProjectCountry`...),
changed row by row so that the rows that stay keep their identity (the history follows them)."""

import re

import pytest
from django.urls import reverse

from projects.models import (
    Participation,
    Project,
    ProjectCountry,
    ProjectDiscipline,
    ProjectFunding,
    ProjectSDG,
)
from tests.factories import (
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    SDGFactory,
)

pytestmark = pytest.mark.django_db

ADD = reverse("admin:projects_project_add")


def change_url(project: Project) -> str:
    return reverse("admin:projects_project_change", args=[project.pk])


@pytest.fixture
def terms():
    return {
        "congo": CountryFactory(code="CD"),
        "benin": CountryFactory(code="BJ"),
        "senegal": CountryFactory(code="SN"),
        "health": SDGFactory(number=3),
        "water": SDGFactory(number=6),
        "climate": SDGFactory(number=13),
        "hydrology": DisciplineFactory(slug="hydrology"),
        "scheme": FundingSchemeFactory(),
        "kinshasa": OrganisationFactory(),
    }


def participations(rows: list[dict], initial: int = 0) -> dict:
    """The POST data of the partners' inline: management form and rows."""
    data = {
        "participations-TOTAL_FORMS": len(rows),
        "participations-INITIAL_FORMS": initial,
        "participations-MIN_NUM_FORMS": 0,
        "participations-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        data.update({f"participations-{index}-{name}": value for name, value in row.items()})
    return data


def project_data(**links) -> dict:
    """What the add or change form posts: both languages, the links given as lists of rows."""
    return {
        "title_fr": "Eau et assainissement à Kinshasa",
        "title_en": "Water and sanitation in Kinshasa",
        "slug": "water-kinshasa",
        "summary_fr": "De l'eau potable pour deux quartiers.",
        "summary_en": "Drinking water for two districts.",
        "start_date": "2027-02-01",
        "publication_status": "draft",
        **{f"linked_{name}": [row.pk for row in rows] for name, rows in links.items()},
    }


def add_project(client, terms) -> Project:
    data = project_data(
        countries=[terms["congo"], terms["benin"]],
        sdgs=[terms["health"], terms["water"]],
        disciplines=[terms["hydrology"]],
        funding_schemes=[terms["scheme"]],
    )
    # The second of the rows offered to a new project (co-lead) left empty: ignored.
    partners = [
        {"organisation": terms["kinshasa"].pk, "role": "lead"},
        {"organisation": "", "role": "co-lead"},
    ]
    response = client.post(ADD, {**data, **participations(partners)})
    assert response.status_code == 302, response.context["adminform"].form.errors
    return Project.objects.get(slug="water-kinshasa")


def test_adding_a_project_creates_exactly_the_links_chosen_on_its_form(admin_client, terms):
    project = add_project(admin_client, terms)

    assert set(
        ProjectCountry.objects.filter(project=project).values_list("country", flat=True)
    ) == {
        terms["congo"].pk,
        terms["benin"].pk,
    }
    assert set(ProjectSDG.objects.filter(project=project).values_list("sdg", flat=True)) == {
        terms["health"].pk,
        terms["water"].pk,
    }
    assert list(
        ProjectDiscipline.objects.filter(project=project).values_list("discipline", flat=True)
    ) == [terms["hydrology"].pk]
    assert list(
        ProjectFunding.objects.filter(project=project).values_list("scheme", flat=True)
    ) == [terms["scheme"].pk]
    assert list(project.participations.values_list("organisation", "role")) == [
        (terms["kinshasa"].pk, "lead")
    ]


def test_editing_the_countries_keeps_the_links_that_stay_and_changes_only_the_difference(
    admin_client, terms
):
    project = add_project(admin_client, terms)
    congo_link = ProjectCountry.objects.get(project=project, country=terms["congo"])
    benin_link = ProjectCountry.objects.get(project=project, country=terms["benin"])
    other_links = {
        model: set(model.objects.filter(project=project).values_list("pk", flat=True))
        for model in (ProjectSDG, ProjectDiscipline, ProjectFunding)
    }
    lead = project.participations.get()

    data = project_data(
        countries=[terms["congo"], terms["senegal"]],
        sdgs=[terms["health"], terms["water"]],
        disciplines=[terms["hydrology"]],
        funding_schemes=[terms["scheme"]],
    )
    partners = participations(
        [{"id": lead.pk, "organisation": terms["kinshasa"].pk, "role": "lead"}], initial=1
    )
    response = admin_client.post(change_url(project), {**data, **partners})

    assert response.status_code == 302, response.context["adminform"].form.errors
    links = ProjectCountry.objects.filter(project=project)
    assert links.get(country=terms["congo"]).pk == congo_link.pk
    assert not links.filter(pk=benin_link.pk).exists()
    assert links.get(country=terms["senegal"]).pk not in {congo_link.pk, benin_link.pk}
    assert links.count() == 2
    for model, pks in other_links.items():
        assert set(model.objects.filter(project=project).values_list("pk", flat=True)) == pks
    assert list(project.participations.values_list("pk", flat=True)) == [lead.pk]


def test_a_project_without_a_sustainable_development_goal_is_refused_on_that_field(
    admin_client, terms
):
    data = project_data(countries=[terms["congo"]], sdgs=[])
    partners = participations([{"organisation": terms["kinshasa"].pk, "role": "lead"}])

    response = admin_client.post(ADD, {**data, **partners})

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert list(form.errors) == ["linked_sdgs"]
    assert form.has_error("linked_sdgs", "required")
    assert not Project.objects.filter(slug="water-kinshasa").exists()
    assert not ProjectCountry.objects.exists()
    assert not Participation.objects.exists()


def test_the_change_form_shows_the_links_of_the_project_as_chosen(admin_client, terms):
    project = add_project(admin_client, terms)

    response = admin_client.get(change_url(project))

    form = response.context["adminform"].form
    assert set(form["linked_countries"].value()) == {terms["congo"].pk, terms["benin"].pk}
    assert set(form["linked_sdgs"].value()) == {terms["health"].pk, terms["water"].pk}
    assert form["linked_disciplines"].value() == [terms["hydrology"].pk]
    assert form["linked_funding_schemes"].value() == [terms["scheme"].pk]
    # The chosen rows are rendered as selected options, in their order (goals by number).
    selected = re.findall(
        r'<option value="(\d+)" selected>', response.text.split('name="linked_sdgs"')[1]
    )
    assert selected[:2] == [str(terms["health"].pk), str(terms["water"].pk)]


def test_the_add_form_offers_the_links_as_searchable_multiple_selects_and_no_inline_for_them(
    admin_client,
):
    response = admin_client.get(ADD)

    assert response.status_code == 200
    for name, vocabulary in [
        ("linked_countries", "countries"),
        ("linked_sdgs", "sdgs"),
        ("linked_disciplines", "disciplines"),
        ("linked_funding_schemes", "funding_schemes"),
    ]:
        [select] = re.findall(rf'<select name="{name}"[^>]*>', response.text)
        assert "multiple" in select
        assert 'class="admin-autocomplete"' in select
        assert f'data-field-name="{vocabulary}"' in select
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["participations"]
    for through in ["projectcountry", "projectsdg", "projectdiscipline", "projectfunding"]:
        assert f"{through}_set-TOTAL_FORMS" not in response.text


def test_a_new_project_offers_a_lead_and_a_co_lead_row(admin_client):
    response = admin_client.get(ADD)

    [partners] = response.context["inline_admin_formsets"]
    roles = [form["role"].value() for form in partners.formset.forms]
    assert roles == [Participation.Role.LEAD, Participation.Role.CO_LEAD]
