"""The Django admin, where cooperation officers edit the whole portal."""

import datetime

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from events.models import Event, Session
from funding.models import Affiliation, ApplicantLevel, Call, FundingScheme
from news.models import NewsItem
from pages.models import OfficePage
from partners.models import Membership, Organisation, Person
from projects.models import (
    Participation,
    Project,
    ProjectCountry,
    ProjectDiscipline,
    ProjectFunding,
    ProjectSDG,
)
from taxonomy.models import SDG, Country, Discipline

pytestmark = pytest.mark.django_db

DRAFT = Project.PublicationStatus.DRAFT

OUR_APPS = {"taxonomy", "partners", "funding", "projects", "events", "news"}
REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
OUR_MODELS = [model for model in REGISTERED_MODELS if model._meta.app_label in OUR_APPS]
PUBLISHABLE_MODELS = [Organisation, FundingScheme, Project, Event, NewsItem]
# django-axes' records of logins are written by logins only: no one adds them by hand.
RECORDS = [model for model in REGISTERED_MODELS if model._meta.app_label == "axes"]
# The office's four pages are created by a migration: they are changed, never added.
FIXED_ROWS = [OfficePage]


def label(model) -> str:
    return model._meta.label_lower


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def make_content(number: int) -> Project:
    """One row of every model of ours, all linked, distinct for each `number` (1 to 17)."""
    country = Country.objects.create(
        code=f"Q{chr(ord('A') + number)}", name_en=f"Country {number}", region="africa"
    )
    sdg = SDG.objects.create(number=number, title_en=f"Goal {number}", colour="#4C9F38")
    discipline = Discipline.objects.create(
        slug=f"discipline-{number}", name_en=f"Discipline {number}"
    )
    university = Organisation.objects.create(
        name_en=f"University {number}",
        name_fr=f"Université {number}",
        slug=f"university-{number}",
        kind="university",
        country=country,
    )
    partner = Organisation.objects.create(
        name_en=f"Partner {number}",
        name_fr=f"Partenaire {number}",
        acronym=f"P{number}",
        slug=f"partner-{number}",
        kind="ngo",
        country=country,
        merged_into=university,
        parent=university,
    )
    Membership.objects.create(organisation=university, member=partner)
    contact = Person.objects.create(
        role_en=f"Cooperation officer {number}", organisation=university
    )
    level, _ = ApplicantLevel.objects.get_or_create(code="doctoral")
    scheme = FundingScheme.objects.create(
        name_en=f"Scheme {number}",
        name_fr=f"Programme {number}",
        slug=f"scheme-{number}",
        kind="doctoral-grant",
        funder=university,
        summary_en="Grants.",
        summary_fr="Des bourses.",
        contact=contact,
    )
    scheme.applicant_levels.add(level)
    affiliation, _ = Affiliation.objects.get_or_create(code="partner-university")
    scheme.eligible_affiliations.add(affiliation)
    now = timezone.now()
    Call.objects.create(
        scheme=scheme,
        title_en="2027 call",
        opens_at=now - datetime.timedelta(days=10),
        deadline=now + datetime.timedelta(days=number),
    )
    project = Project.objects.create(
        title_en=f"Project {number}",
        title_fr=f"Projet {number}",
        slug=f"project-{number}",
        summary_en="Water for all.",
        summary_fr="De l'eau pour tous.",
        start_date=datetime.date(2025, 1, number),
        end_date=datetime.date(2028, 1, number),
        contact=contact,
    )
    project.keywords.add("water")
    Participation.objects.create(project=project, organisation=university, role="lead")
    Participation.objects.create(project=project, organisation=partner, role="co-lead")
    ProjectCountry.objects.create(project=project, country=country)
    ProjectSDG.objects.create(project=project, sdg=sdg)
    ProjectDiscipline.objects.create(project=project, discipline=discipline)
    ProjectFunding.objects.create(project=project, scheme=scheme)
    event = Event.objects.create(
        title_en=f"Seminar {number}",
        title_fr=f"Séminaire {number}",
        slug=f"seminar-{number}",
        kind="seminar",
        summary_en="A seminar.",
        summary_fr="Un séminaire.",
        city="Kinshasa",
        starts_at=now,
        ends_at=now + datetime.timedelta(hours=2),
        country=country,
        organiser=university,
    )
    event.projects.add(project)
    Session.objects.create(
        event=event, title_en="Opening", starts_at=now, ends_at=now + datetime.timedelta(hours=1)
    )
    news_item = NewsItem.objects.create(
        title_en=f"News {number}",
        title_fr=f"Actualité {number}",
        slug=f"news-{number}",
        published_on=datetime.date(2026, 5, number),
        summary_en="Launched.",
        summary_fr="Lancée.",
    )
    news_item.projects.add(project)
    news_item.organisations.add(university)
    news_item.events.add(event)
    news_item.countries.add(country)
    news_item.sdgs.add(sdg)
    return project


@pytest.fixture
def content(roles, office_pages):
    # The roles shipped with the portal (pages/migrations/0001_roles.py) give the group pages rows;
    # the office's pages are rows of their migration (pages/migrations/0004_office_pages_text.py).
    assert Group.objects.filter(name="Cooperation officers").exists()
    return make_content(1)


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=label)
def test_every_changelist_answers_for_a_superuser(admin_client, content, model):
    assert admin_client.get(admin_url(model, "changelist")).status_code == 200


@pytest.mark.parametrize(
    "model", [model for model in REGISTERED_MODELS if model not in RECORDS + FIXED_ROWS], ids=label
)
def test_every_add_page_answers_for_a_superuser(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 200


@pytest.mark.parametrize("model", RECORDS + FIXED_ROWS, ids=label)
def test_records_of_logins_and_the_office_pages_cannot_be_added_by_hand(admin_client, model):
    assert admin_client.get(admin_url(model, "add")).status_code == 403


@pytest.fixture
def logins(client, admin_user):
    """A successful login and a failed one through the login form, and a staff member's second
    factor: a row for each of the admin's records of logins and devices."""
    client.post("/admin/login/", {"username": admin_user.username, "password": "password"})
    # After the success, which clears the failures before it.
    client.post("/admin/login/", {"username": admin_user.username, "password": "wrong"})
    TOTPDevice.objects.create(user=admin_user, name="Authenticator app")
    StaticDevice.objects.create(user=admin_user, name="Recovery codes")


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=label)
def test_every_change_page_answers_for_a_superuser(admin_client, content, logins, model):
    row = model._default_manager.first()
    assert admin_client.get(admin_url(model, "change", row.pk)).status_code == 200


def test_the_change_page_of_a_project_with_participations_answers(admin_client, content):
    response = admin_client.get(admin_url(Project, "change", content.pk))

    assert response.status_code == 200
    assert "Université 1" in response.text
    assert "Partenaire 1" in response.text


def test_the_status_filter_of_projects_keeps_only_the_planned_ones(admin_client, content):
    planned = make_content(2)
    Project.objects.filter(pk=planned.pk).update(
        start_date=datetime.date(2999, 1, 1), end_date=datetime.date(3000, 1, 1)
    )

    response = admin_client.get(admin_url(Project, "changelist"), {"status": "planned"})

    assert list(response.context["cl"].result_list) == [planned]


@pytest.mark.parametrize("rows", [2, 40])
def test_the_project_changelist_runs_a_bounded_number_of_queries(
    admin_client, django_assert_max_num_queries, rows
):
    kinshasa = Organisation.objects.create(
        name_en="Université de Kinshasa", slug="unikin", kind="university"
    )
    congo = Country.objects.create(code="CD", name_en="DR Congo", region="africa")
    for number in range(rows):
        project = Project.objects.create(
            title_en=f"Clean water {number}",
            slug=f"clean-water-{number}",
            summary_en="Water for all.",
            start_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
        )
        Participation.objects.create(project=project, organisation=kinshasa, role="co-lead")
        ProjectCountry.objects.create(project=project, country=congo)

    # Session and user; the choices of the country, SDG and discipline filters; the filtered
    # and the total count; the page of projects, their countries and their lead organisations;
    # the first and last dates, then the days, of the date hierarchy.
    # And a savepoint and its release: the history's revision block around the changelist.
    with django_assert_max_num_queries(14):
        response = admin_client.get(admin_url(Project, "changelist"))

    assert response.status_code == 200
    assert "Clean water 1" in response.text


@pytest.mark.parametrize("model", OUR_MODELS, ids=label)
def test_no_changelist_runs_more_queries_when_it_has_more_rows(admin_client, model):
    make_content(1)
    url = admin_url(model, "changelist")
    with_one_row = queries_for(admin_client, url)
    for number in range(2, 8):
        make_content(number)

    assert queries_for(admin_client, url) == with_one_row


@pytest.mark.parametrize("model", PUBLISHABLE_MODELS, ids=label)
def test_the_publish_action_publishes_the_selected_drafts(admin_client, model):
    make_content(1)
    make_content(2)
    make_content(3)
    first, second, third = model.objects.order_by("pk")[:3]

    response = admin_client.post(
        admin_url(model, "changelist"),
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [first.pk, second.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert set(model.objects.published()) == {first, second}
    assert third in model.objects.filter(publication_status=DRAFT)
    assert [message.level_tag for message in response.context["messages"]] == ["success"]


def test_publishing_rows_already_published_leaves_them_as_they_were(admin_client):
    project = make_content(1)
    Project.objects.update(publication_status="published")
    last_modified = Project.objects.get().updated_at

    response = admin_client.post(
        admin_url(Project, "changelist"),
        {"action": "publish_selected", ACTION_CHECKBOX_NAME: [project.pk]},
        follow=True,
    )

    assert Project.objects.get().updated_at == last_modified
    assert [message.level_tag for message in response.context["messages"]] == ["info"]


def test_moving_back_to_draft_hides_the_selected_projects_only(admin_client):
    make_content(1)
    make_content(2)
    Project.objects.update(publication_status="published")
    first, second = Project.objects.order_by("pk")

    admin_client.post(
        admin_url(Project, "changelist"),
        {"action": "move_back_to_draft", ACTION_CHECKBOX_NAME: [first.pk]},
    )

    assert list(Project.objects.filter(publication_status=DRAFT)) == [first]
    assert list(Project.objects.published()) == [second]


def inline_data(prefix: str, rows: list[dict]) -> dict:
    """The POST data of an inline formset of the admin: management form and rows."""
    data = {
        f"{prefix}-TOTAL_FORMS": len(rows),
        f"{prefix}-INITIAL_FORMS": 0,
        f"{prefix}-MIN_NUM_FORMS": 0,
        f"{prefix}-MAX_NUM_FORMS": 1000,
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def project_form_data(sdgs: list[SDG]) -> dict:
    kinshasa = Organisation.objects.get(slug="partner-1")
    return {
        "title_en": "Water and sanitation in Kinshasa",
        "title_fr": "Eau et assainissement à Kinshasa",
        "slug": "water-kinshasa",
        "summary_en": "Drinking water for two districts.",
        "summary_fr": "De l'eau potable pour deux quartiers.",
        "start_date": "2026-01-01",
        "publication_status": "draft",
        "linked_countries": [Country.objects.get().pk],
        "linked_sdgs": [sdg.pk for sdg in sdgs],
        **inline_data("participations", [{"organisation": kinshasa.pk, "role": "co-lead"}]),
    }


def test_an_officer_adds_a_project_with_its_partners_and_goals(admin_client, content):
    response = admin_client.post(admin_url(Project, "add"), project_form_data(SDG.objects.all()))

    assert response.status_code == 302
    project = Project.objects.get(slug="water-kinshasa")
    assert project.title_fr == "Eau et assainissement à Kinshasa"
    assert project.participations.get().role == "co-lead"
    assert list(project.sdgs.all()) == list(SDG.objects.all())
    assert not project.is_published


def test_a_project_without_a_sustainable_development_goal_is_refused(admin_client, content):
    response = admin_client.post(admin_url(Project, "add"), project_form_data([]))

    assert response.status_code == 200
    assert response.context["adminform"].form.has_error("linked_sdgs", "required")
    assert not Project.objects.filter(slug="water-kinshasa").exists()


def test_deleting_an_organisation_used_by_a_project_is_refused(admin_client, content):
    organisation = Organisation.objects.get(slug="partner-1")

    response = admin_client.post(
        admin_url(Organisation, "delete", organisation.pk), {"post": "yes"}
    )

    assert response.status_code == 200
    assert response.context["protected"]
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_deleting_an_organisation_used_by_a_project_with_the_bulk_action_is_refused(
    admin_client, content
):
    organisation = Organisation.objects.get(slug="partner-1")

    response = admin_client.post(
        admin_url(Organisation, "changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [organisation.pk], "post": "yes"},
    )

    assert response.status_code == 200
    assert response.context["protected"]
    assert Organisation.objects.filter(pk=organisation.pk).exists()


def test_an_anonymous_visitor_is_redirected_to_the_login_page(client):
    url = admin_url(Project, "changelist")

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{reverse('admin:login')}?next={url}"
