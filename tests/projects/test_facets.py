"""Facet counts equal a brute-force count, on a generated data set, for many selections."""

import datetime
import random

import pytest
from django.utils import timezone

from projects.models import Participation
from taxonomy.models import Country
from tests.factories import (
    DRAFT,
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    SDGFactory,
)

pytestmark = pytest.mark.django_db

SELECTIONS = [
    "",
    "country=CD",
    "country=CD&sdg=3",
    "country=CD&country=BO&sdg=3&sdg=6",
    "region=africa&discipline=health",
    "status=ongoing&partner=org-1",
    "status=planned&status=completed&tag=water",
    "q=water&country=PE",
    "q=sante",
    "funding=scheme-0&sdg=6&discipline=water&tag=soil",
    "country=CD&sdg=3&discipline=health&partner=org-2&status=ongoing&region=africa",
]


@pytest.fixture
def generated():
    """60 projects linked at random; a draft partner and a draft scheme that must not count."""
    rng = random.Random(7)
    today = timezone.localdate()
    countries = [
        CountryFactory(code="CD", region=Country.Region.AFRICA),
        CountryFactory(code="BJ", region=Country.Region.AFRICA),
        CountryFactory(code="BO", region=Country.Region.LATIN_AMERICA),
        CountryFactory(code="PE", region=Country.Region.LATIN_AMERICA),
        CountryFactory(code="KH", region=Country.Region.ASIA),
    ]
    sdgs = [SDGFactory(number=number) for number in (3, 4, 6, 13)]
    disciplines = [DisciplineFactory(slug=slug) for slug in ("health", "water", "education")]
    organisations = [OrganisationFactory(slug=f"org-{n}") for n in range(6)]
    organisations.append(OrganisationFactory(slug="draft-org", publication_status=DRAFT))
    schemes = [FundingSchemeFactory(slug=f"scheme-{n}") for n in range(3)]
    schemes.append(FundingSchemeFactory(slug="draft-scheme", publication_status=DRAFT))
    projects = []
    for number in range(60):
        start = today + datetime.timedelta(days=rng.randint(-3000, 600))
        end = start + datetime.timedelta(days=rng.randint(100, 2000))
        project = ProjectFactory(
            slug=f"p{number}",
            title_en=rng.choice(["Water supply", "Maternal health", "Schools"]) + f" {number}",
            summary_fr=rng.choice(["Santé des mères.", "Eau potable.", "Écoles."]),
            start_date=start,
            end_date=end if rng.random() < 0.8 else None,
            publication_status=DRAFT if number % 13 == 0 else "published",
            countries=rng.sample(countries, rng.randint(1, 3)),
            sdgs=rng.sample(sdgs, rng.randint(1, 3)),
            disciplines=rng.sample(disciplines, rng.randint(1, 2)),
        )
        for organisation in rng.sample(organisations, rng.randint(1, 4)):
            for role in rng.sample(list(Participation.Role.values), rng.randint(1, 2)):
                ParticipationFactory(project=project, organisation=organisation, role=role)
        project.funding_schemes.set(rng.sample(schemes, rng.randint(0, 2)))
        project.keywords.set(rng.sample(["water", "soil", "health", "schools"], rng.randint(0, 3)))
        projects.append(project)
    return projects


def facets_of(response) -> dict[str, dict[str, int]]:
    return {
        facet.name: {option.value: option.count for option in facet.options if option.count}
        for facet in response.context["facets"]
    }


def brute_force(projects, query: str, facet: str) -> dict[str, int]:
    """Counts for `facet`: every other filter of `query` applied in Python, one project at a
    time, straight from the database rows."""
    from django.http import QueryDict

    from projects.models import Project

    wanted = QueryDict(query)
    today = timezone.localdate()
    published = list(
        Project.objects.published()
        .filter(pk__in=[p.pk for p in projects])
        .prefetch_related(
            "countries",
            "sdgs",
            "disciplines",
            "participations__organisation",
            "funding_schemes",
            "keywords",
        )
    )
    if wanted.get("q"):
        found = set(Project.objects.published().search(wanted["q"]).values_list("pk", flat=True))
        published = [p for p in published if p.pk in found]

    def terms(project, name) -> set[str]:
        if name == "country":
            return {c.code for c in project.countries.all()}
        if name == "region":
            return {c.region for c in project.countries.all()}
        if name == "sdg":
            return {str(s.number) for s in project.sdgs.all()}
        if name == "discipline":
            return {d.slug for d in project.disciplines.all()}
        if name == "partner":
            return {
                p.organisation.slug
                for p in project.participations.all()
                if p.organisation.publication_status == "published"
            }
        if name == "funding":
            return {
                s.slug for s in project.funding_schemes.all() if s.publication_status == "published"
            }
        if name == "tag":
            return {t.slug for t in project.keywords.all()}
        if name == "status":
            return {project.status_on(today)}
        raise AssertionError(name)

    names = ("status", "country", "region", "sdg", "discipline", "partner", "funding", "tag")
    counts: dict[str, int] = {}
    for project in published:
        if any(
            wanted.getlist(other) and not terms(project, other) & set(wanted.getlist(other))
            for other in names
            if other != facet
        ):
            continue
        for term in terms(project, facet):
            counts[term] = counts.get(term, 0) + 1
    return counts


def test_facet_counts_equal_a_brute_force_count(client, generated):
    for query in SELECTIONS:
        counted = facets_of(client.get(f"/en/projects/?{query}"))
        for facet, counts in counted.items():
            assert counts == brute_force(generated, query, facet), (facet, query)


def test_the_result_count_agrees_with_the_facets(client, generated):
    response = client.get("/en/projects/?country=CD&sdg=3")
    country_counts = facets_of(client.get("/en/projects/?sdg=3"))["country"]
    assert response.context["paginator"].count == country_counts["CD"]
