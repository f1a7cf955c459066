"""Pages that gather content across apps: home, country and SDG pages (the health check is
cooperation_portal.operations.healthz).

Top layer: imports the apps, and no app imports it.
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.views.decorators.http import require_GET

from cooperation_portal.collation import Collated
from cooperation_portal.memory import remembered
from events.models import Event
from funding.models import Call, FundingScheme
from funding.views import FundingSchemeDetailView
from news.models import NewsItem
from partners.models import Organisation
from partners.views import OrganisationDetailView
from projects.filters import CO_LED, project_figures
from projects.models import Participation, Project
from projects.views import ProjectDetailView
from taxonomy.models import SDG, Country


def home(request):
    now = timezone.now()
    figures = project_figures()
    context = {
        "counts": {
            "projects": figures.total,
            "co_led": figures.counts["leadership"].get(CO_LED, 0),
            "countries": len(figures.counts["country"]),
            "partners": Organisation.objects.published().filter(is_own_structure=False).count(),
        },
        # Figures counted over demonstration content say so (kept until the content changes).
        "figures_include_examples": remembered(
            "figures-include-examples", Project.objects.published().filter(is_example=True).exists
        ),
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
    context = {
        "country": country,
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
    lines = ["User-agent: *", "Disallow: /admin/", "Allow: /"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
