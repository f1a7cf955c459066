import csv

from django.db.models import Prefetch
from django.http import Http404, HttpResponse, HttpResponseNotFound, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from cooperation_portal.collation import Collated
from cooperation_portal.listing import FilteredListView, bad_filters_response
from cooperation_portal.memory import remembered
from cooperation_portal.preview import DraftPreviewMixin
from cooperation_portal.publication import published
from cooperation_portal.text import spreadsheet_safe
from funding.models import FundingScheme
from partners.models import Person

from . import exports, iati
from .figures import SelectionFigures, selection_figures
from .filters import ProjectFilter
from .models import Participation, Project
from .structured_data import structured_data

RELATED_PROJECTS = 4


class ProjectListView(FilteredListView):
    filterset_class = ProjectFilter
    template_name = "projects/project_list.html"
    partial_template_name = "projects/_htmx_results.html"

    def get_queryset(self):
        return Project.objects.published().for_cards()

    def get_context_data(self, **kwargs):
        # The filterset's results (`ProjectFilter.qs`) are the facet index's ids in order: the
        # paginator counts them without a query, and the page reads its twenty rows by id.
        facets = self.filterset.facets()
        context = super().get_context_data(**kwargs)
        context["facets"] = facets
        context["active_filters"] = self.filterset.active_filters(facets)
        context["sort_field"] = self.filterset.form["sort"]
        context["search_field"] = self.filterset.form["q"]
        context["sort_order"] = self.filterset.sort_order
        query = self.filterset.valid_query("sort").urlencode()
        context["selection_query"] = f"?{query}" if query else ""
        return context


class ProjectDetailView(DraftPreviewMixin, DetailView):
    template_name = "projects/project_detail.html"

    def get_queryset(self):
        return Project.objects.visible_to(self.request.user).prefetch_related(
            # A contact of a draft or merged organisation is not shown.
            Prefetch(
                "contact",
                queryset=Person.objects.public().live().select_related("organisation"),
            ),
            "countries",
            "sdgs",
            "disciplines",
            "keywords",
            Prefetch(
                "funding_schemes",
                queryset=FundingScheme.objects.published(),
                to_attr="published_schemes",
            ),
            Prefetch(
                "participations",
                queryset=Participation.objects.filter(published("organisation"))
                .with_partner_co_leadership()
                .select_related("organisation__country")
                .order_by(Collated("organisation__name"), "pk"),
                to_attr="public_participations",
            ),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        project = self.object
        context["participations_by_role"] = Participation.group_by_role(
            project.public_participations
        )
        context["co_led_by_partner"] = any(
            p.is_partner_co_leadership for p in project.public_participations
        )
        context["funding_schemes"] = project.published_schemes
        context["related_projects"] = (
            Project.objects.published().for_cards().related_to(project, RELATED_PROJECTS)
        )
        context["structured_data"] = structured_data(
            project, project.public_participations, self.request
        )
        return context


# Figures for any selection ----------------------------------------------------------------------


def list_filters(request) -> ProjectFilter:
    """The projects list's filters read from a request to a page built on the list's selection
    (figures, exports): invalid values are left out, as the list does."""
    return exports.ProjectExport(request).filterset()


def figures_of_request(request) -> tuple[ProjectFilter, SelectionFigures]:
    """The list's filters read from the request, and the figures of the projects they keep."""
    filterset = list_filters(request)
    counted = filterset.counted
    return filterset, selection_figures(counted.index, counted.passing)


@require_safe
def figures_page(request):
    filterset, figures = figures_of_request(request)
    query = filterset.valid_query("sort").urlencode()
    context = {
        "filter": filterset,
        "figures": figures,
        "active_filters": filterset.active_filters(filterset.facets()),
        "selection_query": f"?{query}" if query else "",
        # A line links to the list of its projects: the selection plus its term. Not for a
        # facet the selection already filters, whose values the list would add up (OR).
        "filtered": {name for name, value in filterset.valid_data.items() if value},
        "figures_include_examples": figures_include_examples(),
    }
    return render(request, "projects/figures.html", context)


CSV_COLUMNS = ["key", "label", "projects", "budget_eur", "projects_without_budget"]
CO_LED_COLUMNS = ["co_led_projects", "co_led_share"]


@require_safe
def figures_csv(request, table: str):
    """A table of the figures page as CSV, UTF-8 with a header row: the page's numbers (whole
    euros). Filters it does not understand answer 400, as the feeds do."""
    filterset, figures = figures_of_request(request)
    if table not in figures.tables:
        raise Http404(gettext("No such table of figures."))
    if filterset.form.errors:
        return bad_filters_response(filterset)
    table = figures.tables[table]
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="figures-{table.name}.csv"'
    writer = csv.writer(response)
    writer.writerow(CSV_COLUMNS + (CO_LED_COLUMNS if table.with_co_led else []))
    for line in table.lines:
        row = [line.key, str(line.label), line.projects, round(line.budget), line.not_stated]
        if table.with_co_led:
            share = line.co_led_share
            row += [line.co_led, "" if share is None else f"{share:.4f}"]
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return response


def figures_include_examples() -> bool:
    """Whether figures count demonstration content (they say so while they do)."""
    return remembered(
        "figures-include-examples", Project.objects.published().filter(is_example=True).exists
    )


# Open data: the IATI file (the CSV and JSON are cooperation_portal.exports) ----------------------


@require_safe
def projects_iati(request):
    """The list's projects as an IATI 2.03 activity file (projects.iati)."""
    filterset = list_filters(request)
    if filterset.form.errors:
        return bad_filters_response(filterset)
    ids = filterset.counted.ordered_ids
    if not len(ids):
        # An activity file holds at least one activity (the schema says so): none is not a file.
        return HttpResponseNotFound(
            gettext("No published project matches these filters."),
            content_type="text/plain; charset=utf-8",
        )
    projects = exports.in_chunks(ids)
    response = StreamingHttpResponse(
        iati.activities_document(projects, absolute_url=request.build_absolute_uri),
        content_type="application/xml; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="projects-iati.xml"'
    return response
