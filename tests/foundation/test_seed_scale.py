"""``manage.py seed_scale``: many generated projects shaped like the demo, for measuring the portal
at scale."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count, Q

from partners.models import Organisation
from projects.models import Keyword, Participation, Project, TaggedKeyword

pytestmark = pytest.mark.django_db

PROJECTS = 30
SEED = 7
PREFIX = f"scale-{SEED}-"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for the module in a transaction rolled back at its end; each test
    runs in a savepoint inside it (loading the demo takes seconds, seeding does not)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=StringIO())
        yield
        transaction.set_rollback(True)


def seed(projects: int = PROJECTS, seed: int = SEED) -> str:
    output = StringIO()
    call_command("seed_scale", projects=projects, seed=seed, stdout=output)
    return output.getvalue()


def generated():
    return Project.objects.filter(slug__startswith=PREFIX)


def snapshot() -> list[tuple]:
    """What the generated projects are, without their database ids."""
    return [
        (
            project.slug,
            project.title_en,
            project.title_fr,
            project.summary_fr,
            project.start_date,
            project.end_date,
            project.budget,
            tuple(project.countries.values_list("code", flat=True)),
            tuple(project.sdgs.values_list("number", flat=True)),
            tuple(
                project.participations.values_list("organisation__slug", "role").order_by(
                    "organisation__slug", "role"
                )
            ),
            tuple(sorted(project.keywords.names())),
        )
        for project in generated().order_by("slug")
    ]


# First in the module: before the module-scoped demo is loaded.
def test_without_the_demo_vocabularies_it_refuses_with_a_clear_message():
    with pytest.raises(CommandError, match="load_demo"):
        seed()


def test_seeding_adds_published_projects_with_organisations_and_keywords(demo):
    demo_projects = Project.objects.count()
    tags_before = Keyword.objects.count()

    output = seed()

    assert generated().count() == PROJECTS
    assert Project.objects.count() == demo_projects + PROJECTS
    assert not generated().exclude(publication_status=Project.PublicationStatus.PUBLISHED)
    organisations = Organisation.objects.filter(slug__startswith=PREFIX)
    assert organisations.count() == PROJECTS // 10
    assert not organisations.exclude(publication_status=Organisation.PublicationStatus.PUBLISHED)
    assert not organisations.filter(Q(name_en="") | Q(name_fr=""))
    # At least ten keywords, some of them the demo's own (reused by name, never duplicated).
    assert Keyword.objects.count() - tags_before <= max(PROJECTS // 20, 10)
    assert f"Seeded {PROJECTS} projects" in output
    assert " s. " in output  # the elapsed time


def test_every_generated_project_is_shaped_like_the_demo(demo):
    seed()

    projects = generated().annotate(
        country_count=Count("countries", distinct=True),
        sdg_count=Count("sdgs", distinct=True),
        discipline_count=Count("disciplines", distinct=True),
        participation_count=Count("participations", distinct=True),
        scheme_count=Count("funding_schemes", distinct=True),
    )
    for project in projects:
        assert 1 <= project.country_count <= 3
        assert 1 <= project.sdg_count <= 3
        assert 1 <= project.discipline_count <= 2
        assert 2 <= project.participation_count <= 5
        assert project.scheme_count <= 2
        keywords = TaggedKeyword.objects.filter(content_object=project)
        assert 2 <= keywords.count() <= 5
        assert project.title_en and project.title_fr and project.title_en != project.title_fr
        assert project.summary_en and project.summary_fr
        assert project.description_en.startswith("## Context")
        assert project.description_fr.startswith("## Contexte")
        assert project.end_date is None or project.end_date >= project.start_date
    roles = set(
        Participation.objects.filter(project__in=generated()).values_list("role", flat=True)
    )
    assert {Participation.Role.LEAD, Participation.Role.CO_LEAD} <= roles
    # Every project has a lead.
    assert (
        Participation.objects.filter(project__in=generated(), role=Participation.Role.LEAD)
        .values("project")
        .distinct()
        .count()
        == PROJECTS
    )


def test_generated_projects_have_their_stored_search_document(demo):
    seed()
    project = generated().order_by("slug").first()
    word = project.title_en.split()[-1]  # the place: "... in Kinshasa"

    assert project in Project.objects.published().search(word)
    assert project.search_names  # partners, countries and keywords, gathered for search


def test_running_twice_with_the_same_seed_adds_nothing(demo):
    seed()
    before = snapshot()
    counts = (Project.objects.count(), Organisation.objects.count(), Keyword.objects.count())

    output = seed()

    assert snapshot() == before
    assert (
        Project.objects.count(),
        Organisation.objects.count(),
        Keyword.objects.count(),
    ) == counts
    assert f"Seeded 0 projects ({PROJECTS} already there)" in output


def test_a_larger_number_adds_only_the_missing_projects(demo):
    seed(projects=20)
    first = snapshot()

    seed(projects=PROJECTS)

    assert generated().count() == PROJECTS
    assert [row for row in snapshot() if row[0] in {row[0] for row in first}] == first


def test_the_same_seed_gives_the_same_projects(demo):
    with transaction.atomic():
        seed()
        first = snapshot()
        transaction.set_rollback(True)
    assert not generated().exists()

    seed()

    assert snapshot() == first


def test_another_seed_adds_other_projects(demo):
    seed()
    seed(seed=SEED + 1)

    assert Project.objects.filter(slug__startswith=f"scale-{SEED + 1}-").count() == PROJECTS
    assert generated().count() == PROJECTS


def test_demo_rows_are_untouched(demo):
    projects = list(Project.objects.order_by("pk").values())
    organisations = list(Organisation.objects.order_by("pk").values())
    participations = list(Participation.objects.order_by("pk").values())

    seed()

    demo_projects = Project.objects.exclude(slug__startswith="scale-")
    assert list(demo_projects.order_by("pk").values()) == projects
    assert (
        list(Organisation.objects.exclude(slug__startswith="scale-").order_by("pk").values())
        == organisations
    )
    assert (
        list(Participation.objects.filter(project__in=demo_projects).order_by("pk").values())
        == participations
    )
