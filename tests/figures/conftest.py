"""A generated portfolio for the figures tests, and the same figures computed independently
with the ORM (`expected_figures`): what the figures page and its CSV files must say."""

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.db.models.functions import ExtractYear
from django.utils import timezone

from funding.models import FundingScheme
from partners.models import Organisation
from projects.models import (
    Participation,
    Project,
    ProjectCountry,
    ProjectDiscipline,
    ProjectFunding,
    ProjectSDG,
)
from taxonomy.models import Country
from tests.factories import (
    DRAFT,
    PUBLISHED,
    CountryFactory,
    DisciplineFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    SDGFactory,
)

SEED = 20250607
SEARCHED_WORD = "mangrove"
FORMULA_DISCIPLINE = "formula-studies"

COUNTRIES = {
    "CD": Country.Region.AFRICA,
    "BJ": Country.Region.AFRICA,
    "SN": Country.Region.AFRICA,
    "PE": Country.Region.LATIN_AMERICA,
    "BO": Country.Region.LATIN_AMERICA,
    "KH": Country.Region.ASIA,
    "VN": Country.Region.ASIA,
    "BE": Country.Region.EUROPE,
    "FR": Country.Region.EUROPE,
}
SOUTH = [Country.Region.AFRICA, Country.Region.LATIN_AMERICA, Country.Region.ASIA]
LEAD_ROLES = [Participation.Role.LEAD, Participation.Role.CO_LEAD]


TABLES = [
    "by-region",
    "by-country",
    "by-sdg",
    "by-discipline",
    "by-year",
    "by-funding-scheme",
    "by-funder",
]


def published():
    return Project.objects.published()


def today():
    return timezone.localdate()


#: Selections by the list's filters, and the same selection written with the ORM.
SELECTIONS = {
    "": lambda: published(),
    "country=CD&sdg=3": lambda: published().filter(countries__code="CD").filter(sdgs__number=3),
    "region=africa&status=ongoing": lambda: (
        published().filter(countries__region=Country.Region.AFRICA).filter(ongoing())
    ),
    "discipline=medicine&funding=south-initiatives": lambda: (
        published()
        .filter(disciplines__slug="medicine")
        .filter(funding_schemes__slug="south-initiatives")
    ),
    "leadership=co-led": lambda: published().filter(co_led_projects()),
    f"q={SEARCHED_WORD}": lambda: published().filter(title_en__icontains=SEARCHED_WORD),
    # Values of one facet combine with OR, facets with AND; a code may be written in lower case.
    "country=cd&country=PE&status=ongoing&status=planned&partner=lima": lambda: (
        published()
        .filter(countries__code__in=["CD", "PE"])
        .filter(ongoing() | Q(start_date__gt=today()))
        .filter(participations__organisation__slug="lima")
    ),
    f"region=europe&sdg=3&sdg=13&discipline={FORMULA_DISCIPLINE}": lambda: (
        published()
        .filter(countries__region=Country.Region.EUROPE)
        .filter(sdgs__number__in=[3, 13])
        .filter(disciplines__slug=FORMULA_DISCIPLINE)
    ),
    "leadership=co-led&status=completed&funding=travel-grants": lambda: (
        published()
        .filter(co_led_projects())
        .filter(end_date__lt=today())
        .filter(funding_schemes__slug="travel-grants")
    ),
}


@dataclass
class Portfolio:
    countries: dict
    sdgs: list
    disciplines: list
    schemes: list
    organisations: dict
    funders: list
    projects: list = field(default_factory=list)


def make_portfolio(size: int = 55, seed: int = SEED) -> Portfolio:
    """`size` projects (about 15% of them drafts) with random but seeded countries (1 to 3,
    across every region), goals, disciplines, schemes (one a draft), lead and co-lead partners
    (in the South, in Belgium, an own structure abroad, a draft, one with no country), funders
    (one a draft), budgets (about 20% not stated, one of zero) and start dates over six years
    and more (some planned, some without an end)."""
    rng = random.Random(seed)
    today = timezone.localdate()
    countries = {
        code: CountryFactory(code=code, region=region, name_en=f"Country {code}")
        for code, region in COUNTRIES.items()
    }
    sdgs = [SDGFactory(number=number) for number in (1, 3, 4, 5, 6, 13)]
    disciplines = [
        DisciplineFactory(slug="medicine", name_en="Medicine", name_fr="Médecine"),
        DisciplineFactory(slug="agronomy", name_en="Agronomy", name_fr="Agronomie"),
        DisciplineFactory(slug="engineering", name_en="Engineering", name_fr="Ingénierie"),
        DisciplineFactory(
            slug=FORMULA_DISCIPLINE, name_en="=Formula studies", name_fr="=Études de formules"
        ),
    ]
    belgian_funder = OrganisationFactory(
        slug="belgian-funder", country=countries["BE"], kind=Organisation.Kind.PUBLIC_FUNDER
    )
    schemes = [
        FundingSchemeFactory(slug=slug, funder=belgian_funder)
        for slug in ("south-initiatives", "travel-grants", "phd-grants")
    ]
    schemes.append(
        FundingSchemeFactory(slug="draft-scheme", funder=belgian_funder, publication_status=DRAFT)
    )
    organisations = {
        "kinshasa": OrganisationFactory(slug="unikin", country=countries["CD"]),
        "lima": OrganisationFactory(slug="lima", country=countries["PE"]),
        "phnom-penh": OrganisationFactory(slug="phnom-penh", country=countries["KH"]),
        "dakar": OrganisationFactory(slug="dakar", country=countries["SN"]),
        "draft-south": OrganisationFactory(
            slug="draft-south", country=countries["CD"], publication_status=DRAFT
        ),
        "brussels": OrganisationFactory(slug="brussels", country=countries["BE"]),
        "leuven": OrganisationFactory(slug="leuven", country=countries["BE"]),
        "paris": OrganisationFactory(slug="paris", country=countries["FR"]),
        "own-structure": OrganisationFactory(
            slug="own-structure", country=countries["CD"], is_own_structure=True
        ),
        "nowhere": OrganisationFactory(slug="nowhere", country=None),
    }
    funders = [
        belgian_funder,
        OrganisationFactory(slug="eu-funder", country=countries["FR"], kind="public-funder"),
        OrganisationFactory(slug="foundation", country=countries["BE"], kind="fund"),
        OrganisationFactory(slug="draft-funder", country=countries["BE"], publication_status=DRAFT),
    ]
    portfolio = Portfolio(countries, sdgs, disciplines, schemes, organisations, funders)
    leads = [organisations[slug] for slug in ("brussels", "leuven", "own-structure", "kinshasa")]
    co_leads = list(organisations.values())
    for number in range(size):
        start = today - datetime.timedelta(days=rng.randint(-300, 5 * 365 + 200))
        end = None if rng.random() < 0.1 else start + datetime.timedelta(rng.randint(30, 4 * 365))
        if number == 1:
            budget = Decimal("0")
        elif rng.random() < 0.2:
            budget = None
        else:
            budget = Decimal(rng.randint(100_000, 250_000_000)) / 100
        word = f" {SEARCHED_WORD}" if number % 6 == 0 else ""
        project = ProjectFactory(
            title_en=f"Cooperation{word} project {number}",
            title_fr=f"Projet{word} de coopération {number}",
            slug=f"generated-{number}",
            countries=rng.sample(list(countries.values()), rng.choice([1, 1, 2, 2, 3])),
            sdgs=rng.sample(sdgs, rng.randint(1, 3)),
            disciplines=rng.sample(disciplines, rng.randint(1, 2)),
            budget=budget,
            start_date=start,
            end_date=end,
            publication_status=DRAFT if rng.random() < 0.15 else PUBLISHED,
        )
        project.funding_schemes.set(rng.sample(schemes, rng.randint(0, 2)))
        ParticipationFactory(project=project, organisation=rng.choice(leads), role="lead")
        if rng.random() < 0.7:
            ParticipationFactory(project=project, organisation=rng.choice(co_leads), role="co-lead")
        if rng.random() < 0.5:  # a partner in the South, not leading: not co-led for that
            ParticipationFactory(
                project=project, organisation=organisations["lima"], role="partner"
            )
        for funder in rng.sample(funders, rng.randint(0, 2)):
            ParticipationFactory(project=project, organisation=funder, role="funder")
        portfolio.projects.append(project)
    return portfolio


@pytest.fixture
def portfolio(db) -> Portfolio:
    return make_portfolio()


# The figures computed independently ------------------------------------------------------------


def co_led_projects() -> Exists:
    """Projects with a lead or co-lead organisation that is published, not one of the
    university's own structures, and based in Africa, Latin America or Asia."""
    return Exists(
        Participation.objects.filter(
            project=OuterRef("pk"),
            role__in=LEAD_ROLES,
            organisation__publication_status=PUBLISHED,
            organisation__is_own_structure=False,
            organisation__country__region__in=SOUTH,
        )
    )


def ongoing(today=None) -> Q:
    today = today or timezone.localdate()
    return Q(start_date__lte=today) & (Q(end_date__isnull=True) | Q(end_date__gte=today))


@dataclass
class Expected:
    projects: int
    budget: Decimal
    not_stated: int
    co_led: int
    #: {table name: {line key: {"projects", "budget", "not_stated"[, "co_led"]}}}
    tables: dict


def per_term(links, term: str, key=str) -> dict:
    """Per term of link rows (one per project and term): projects, their whole budgets' sum,
    and those without a budget. A sum of no stated budget is 0."""
    rows = (
        links.order_by()
        .values(term_value=F(term))
        .annotate(
            projects=Count("project", distinct=True),
            budget=Sum("project__budget"),
            not_stated=Count("project", distinct=True, filter=Q(project__budget__isnull=True)),
        )
    )
    return {
        key(row["term_value"]): {
            "projects": row["projects"],
            "budget": row["budget"] or Decimal(0),
            "not_stated": row["not_stated"],
        }
        for row in rows
    }


def expected_figures(selected) -> Expected:
    """The figures of the projects of the queryset `selected`, from the ORM alone."""
    ids = set(selected.values_list("pk", flat=True))
    projects = Project.objects.filter(pk__in=ids)
    co_led = set(projects.filter(co_led_projects()).values_list("pk", flat=True))
    totals = projects.aggregate(
        total_projects=Count("pk"),
        total_budget=Sum("budget"),
        total_not_stated=Count("pk", filter=Q(budget__isnull=True)),
    )
    # Per country: each project's budget split equally between all its countries.
    budgets = dict(projects.values_list("pk", "budget"))
    country_numbers = dict(
        projects.order_by().annotate(number=Count("countries")).values_list("pk", "number")
    )
    country_links = ProjectCountry.objects.filter(project__in=ids)
    countries = per_term(country_links, "country__code", key=str.lower)
    regions = per_term(country_links, "country__region")
    for line in [*countries.values(), *regions.values()]:
        line["budget"] = Decimal(0)
    for project, code, region in country_links.values_list(
        "project_id", "country__code", "country__region"
    ):
        if budgets[project] is not None:
            share = budgets[project] / country_numbers[project]
            countries[code.lower()]["budget"] += share
            regions[region]["budget"] += share
    years = {
        row["year"]: {
            "projects": row["year_projects"],
            "budget": row["year_budget"] or Decimal(0),
            "not_stated": row["year_not_stated"],
            "co_led": row["year_co_led"],
        }
        for row in projects.order_by()
        .annotate(year=ExtractYear("start_date"))
        .values("year")
        .annotate(
            year_projects=Count("pk"),
            year_budget=Sum("budget"),
            year_not_stated=Count("pk", filter=Q(budget__isnull=True)),
            year_co_led=Count("pk", filter=Q(pk__in=co_led)),
        )
    }
    if years:  # every year from the first to the last, those without a project at zero
        for year in range(min(years), max(years) + 1):
            years.setdefault(
                year, {"projects": 0, "budget": Decimal(0), "not_stated": 0, "co_led": 0}
            )
    tables = {
        "by-region": regions,
        "by-country": countries,
        "by-sdg": per_term(ProjectSDG.objects.filter(project__in=ids), "sdg__number"),
        "by-discipline": per_term(
            ProjectDiscipline.objects.filter(project__in=ids), "discipline__slug"
        ),
        "by-year": {str(year): line for year, line in years.items()},
        "by-funding-scheme": per_term(
            ProjectFunding.objects.filter(
                project__in=ids,
                scheme__publication_status=FundingScheme.PublicationStatus.PUBLISHED,
            ),
            "scheme__slug",
        ),
        "by-funder": per_term(
            Participation.objects.filter(
                project__in=ids,
                role=Participation.Role.FUNDER,
                organisation__publication_status=PUBLISHED,
            ),
            "organisation__slug",
        ),
    }
    return Expected(
        projects=totals["total_projects"],
        budget=totals["total_budget"] or Decimal(0),
        not_stated=totals["total_not_stated"],
        co_led=len(co_led),
        tables=tables,
    )
