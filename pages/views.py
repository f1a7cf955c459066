"""Pages that gather content across apps: home, country and SDG pages (the health check is
cooperation_portal.operations.healthz).

Top layer: imports the apps, and no app imports it.
"""

from dataclasses import dataclass

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_safe

from cooperation_portal.collation import Collated, sort_key
from events.models import Event
from funding.models import Call, FundingScheme
from funding.views import FundingSchemeDetailView
from news.models import NewsItem
from partners.models import Organisation
from partners.views import OrganisationDetailView
from projects.figures import selection_figures
from projects.filters import project_figures
from projects.models import Participation, Project
from projects.views import ProjectDetailView, figures_include_examples
from taxonomy.models import SDG, Country

from .structured_data import website_data


def home(request):
    now = timezone.now()
    figures = project_figures()
    selection = selection_figures(figures.index, figures.passing, tables=("by-country",))
    countries = selection.tables["by-country"].lines
    context = {
        "counts": {
            "projects": selection.projects,
            "budget": selection.budget,
            "co_led": selection.co_led,
            "co_led_share": selection.co_led_share,
            "countries": len(countries),
        },
        "mapped": [CountryRow.of(line) for line in countries],
        # Figures counted over demonstration content say so (kept until the content changes).
        "figures_include_examples": figures_include_examples(),
        "latest_projects": figures.latest(6, started_by=timezone.localdate()),
        "now": now,
        "open_calls": Call.objects.open(now)
        .of_published_schemes()
        .select_related("scheme")
        .by_next_closing(now)[:5],
        "next_events": Event.objects.published()
        .upcoming(now)
        .filter(is_cancelled=False)
        .order_by("starts_at")[:3],
        "latest_news": NewsItem.objects.published().newest(),
        "structured_data": website_data(request),
    }
    return render(request, "home.html", context)


#: How many of the latest projects, partners and events a country or SDG page shows; the
#: rest are a link away, in the lists filtered the same way.
PROJECTS_SHOWN = 6
ORGANISATIONS_SHOWN = 12
EVENTS_SHOWN = 10


def country_detail(request, code: str):
    if code != code.lower():
        # /en/countries/CD/ -> the canonical lower-case address.
        return redirect("country_detail", code=code.lower(), permanent=True)
    country = get_object_or_404(Country, code=code.upper())
    now = timezone.now()
    organisations = Organisation.objects.published().filter(country=country)
    figures = project_figures(country=[country.pk])
    selection = selection_figures(figures.index, figures.passing, tables=("by-country",))
    own_line = [line for line in selection.tables["by-country"].lines if line.term.pk == country.pk]
    context = {
        "country": country,
        "figures": selection,
        # The country's share of its projects' budgets (split between their countries).
        "country_budget": own_line[0].budget if own_line else 0.0,
        "figures_include_examples": figures_include_examples(),
        "projects": figures.latest(PROJECTS_SHOWN),
        "project_count": figures.total,
        "sdg_counts": figures.per_term("sdg"),
        "organisations": organisations.order_by(Collated("name"), "pk")[:ORGANISATIONS_SHOWN],
        "organisation_count": organisations.count(),
        "schemes": FundingScheme.objects.published()
        .open_to_nationals_of(country.code)
        .with_next_closing(now)
        .by_name(),
        "events": Event.objects.published().upcoming(now).filter(country=country)[:EVENTS_SHOWN],
        "latest_news": NewsItem.objects.published().about_country(country).newest(),
    }
    return render(request, "pages/country_detail.html", context)


#: How many projects of each role an organisation's page lists (and EVENTS_SHOWN events).
PROJECTS_PER_ROLE = 10


class OrganisationPageView(OrganisationDetailView):
    """An organisation's page (`partners:detail`): the partners app's own page of it, with what
    the higher apps say of it: its projects by role, the schemes it funds, its events."""

    template_name = "pages/organisation_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.object
        events = Event.objects.published().organised_by(organisation)
        context.update(
            role_groups=Participation.objects.by_role_of(organisation, PROJECTS_PER_ROLE),
            funding_schemes=FundingScheme.objects.published()
            .funded_by(organisation)
            .order_by(Collated("name"), "pk"),
            upcoming_events=events.upcoming().order_by("starts_at")[:EVENTS_SHOWN],
            past_events=events.past().order_by("-starts_at")[:EVENTS_SHOWN],
            latest_news=NewsItem.objects.published().about_organisation(organisation).newest(),
        )
        return context


class ProjectPageView(ProjectDetailView):
    """A project's page (`projects:detail`): the projects app's own page of it, with the latest
    news about it (the news app is above projects, so only this layer may ask for them)."""

    template_name = "pages/project_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_news"] = NewsItem.objects.published().about_project(self.object).newest()
        return context


#: How many of the projects it funds a scheme's page lists; the rest are a link away.
FUNDED_PROJECTS_SHOWN = 10


class SchemePageView(FundingSchemeDetailView):
    """A funding scheme's page (`funding:detail`): the funding app's own page of it, with the
    latest projects it funds (the list's order, from the facet index) and their number."""

    template_name = "pages/scheme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        figures = project_figures(funding=[self.object.pk])
        context.update(
            funded_projects=figures.latest(FUNDED_PROJECTS_SHOWN),
            funded_project_count=figures.total,
        )
        return context


def sdg_list(request):
    sdgs = project_figures().per_term("sdg", with_zero=True)
    return render(request, "pages/sdg_list.html", {"sdgs": sdgs})


def sdg_detail(request, number: int):
    sdg = get_object_or_404(SDG, number=number)
    figures = project_figures(sdg=[sdg.pk])
    context = {
        "sdg": sdg,
        "projects": figures.latest(PROJECTS_SHOWN),
        "project_count": figures.total,
        "country_counts": figures.per_term("country"),
        "schemes": FundingScheme.objects.published().filter(sdgs=sdg).by_name(),
        "events": Event.objects.published().upcoming().filter(sdgs=sdg)[:EVENTS_SHOWN],
    }
    return render(request, "pages/sdg_detail.html", context)


@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the real icon."""
    return redirect(static("img/favicon.svg"), permanent=True)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


# The countries index ------------------------------------------------------------------------


@dataclass
class CountryRow:
    """A line of the countries index, and a shape of its map."""

    country: Country
    project_count: int
    ongoing: int
    partners: int
    budget: float
    not_stated: int

    @classmethod
    def of(cls, line) -> "CountryRow":
        """The row of a line of the figures' table by country (for a map)."""
        return cls(line.term, line.projects, 0, 0, line.budget, line.not_stated)

    @property
    def code(self) -> str:
        return self.country.code

    @property
    def name(self) -> str:
        return self.country.name

    @property
    def url(self) -> str:
        return self.country.get_absolute_url()

    @property
    def region(self) -> str:
        return self.country.get_region_display()


#: The orders of the countries index: the column, and whether it starts with the largest. Ties
#: go by name, in the page's language's order, whichever way the column is sorted.
COUNTRY_SORTS = {
    "name": (lambda row: sort_key(row.name), False),
    "region": (lambda row: Country.Region.values.index(row.country.region), False),
    "projects": (lambda row: row.project_count, True),
    "ongoing": (lambda row: row.ongoing, True),
    "partners": (lambda row: row.partners, True),
    "budget": (lambda row: row.budget, True),
}


@require_safe
def country_list(request):
    """Every country with its projects, ongoing projects, partners and budget (its projects'
    budgets split equally between their countries: projects.figures), on a map and in a
    table sorted by any column (`?sort=budget`, `&order=asc`), without JavaScript."""
    everything = project_figures()
    by_country = {
        line.term.pk: line
        for line in selection_figures(everything.index, everything.passing, tables=("by-country",))
        .tables["by-country"]
        .lines
    }
    ongoing = everything.index.count({"status": [Project.Status.ONGOING]}, facets=["country"])[0][
        "country"
    ]
    partners = Organisation.objects.published().filter(is_own_structure=False).count_per_country()
    rows = []
    for country in Country.objects.all():
        line = by_country.get(country.pk)
        rows.append(
            CountryRow(
                country,
                project_count=line.projects if line else 0,
                ongoing=ongoing.get(country.pk, 0),
                partners=partners.get(country.pk, 0),
                budget=line.budget if line else 0.0,
                not_stated=line.not_stated if line else 0,
            )
        )
    sort = request.GET.get("sort", "projects")
    if sort not in COUNTRY_SORTS:
        sort = "projects"
    key, largest_first = COUNTRY_SORTS[sort]
    order = request.GET.get("order")
    descending = largest_first if order not in ("asc", "desc") else order == "desc"
    rows.sort(key=lambda row: sort_key(row.name))
    rows.sort(key=key, reverse=descending)  # stable: ties keep the names' order
    context = {
        "rows": rows,
        "mapped": [row for row in rows if row.project_count],
        "sort": sort,
        "descending": descending,
        "columns": [
            ("name", _("Country")),
            ("region", _("Region")),
            ("projects", _("Projects")),
            ("ongoing", _("Ongoing")),
            ("partners", _("Partner organisations")),
            ("budget", _("Budget")),
        ],
        "figures_include_examples": figures_include_examples(),
    }
    return render(request, "pages/country_list.html", context)
