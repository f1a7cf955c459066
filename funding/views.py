from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.decorators.http import require_safe
from django.views.generic import DetailView

from cooperation_portal.calendars import calendar_response
from cooperation_portal.listing import FilteredListView, bad_filters_response
from cooperation_portal.preview import DraftPreviewMixin
from partners.models import Person, published_organisations

from .calendars import deadlines_calendar
from .feeds import CallFeed
from .filters import FundingSchemeFilter
from .forms import EligibilityForm
from .models import Call, FundingScheme
from .structured_data import scheme_data


def published_schemes(at):
    """What every public page of the app starts from, sorted by next deadline."""
    return FundingScheme.objects.published().by_next_deadline(at)


class FundingSchemeListView(FilteredListView):
    filterset_class = FundingSchemeFilter
    template_name = "funding/scheme_list.html"
    partial_template_name = "funding/_results.html"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        # One moment per request: filters, sort order and badges all agree on it.
        self.now = timezone.now()

    def get_queryset(self):
        return published_schemes(self.now)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "at": self.now}

    def paginate_queryset(self, queryset, page_size):
        # What a card shows depends on what was asked (the calls of the statuses asked for,
        # why the scheme fits the applicant): the filters say, once they have been read.
        queryset = queryset.with_listing_relations(
            self.now, call_statuses=self.filterset.statuses, applicant=self.filterset.applicant
        )
        return super().paginate_queryset(queryset, page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = self.now
        context["is_htmx"] = self.is_htmx()
        context["applicant"] = self.filterset.applicant
        context["statuses_asked"] = self.filterset.statuses
        context["eligibility_form"] = EligibilityForm.from_query(
            self.request.GET, filter_form=self.filterset.form
        )
        return context


class FundingSchemeDetailView(DraftPreviewMixin, DetailView):
    """A funding scheme. The projects it funds are added by the top layer's page
    (`pages.views.SchemePageView`), which serves this address."""

    template_name = "funding/scheme_detail.html"
    context_object_name = "scheme"

    def get_queryset(self):
        return FundingScheme.objects.visible_to(self.request.user).prefetch_related(
            # A draft funder reads as None; a contact of a draft or merged one is not shown.
            published_organisations("funder"),
            Prefetch(
                "contact",
                queryset=Person.objects.public().live().select_related("organisation"),
            ),
            "applicant_levels",
            "eligible_affiliations",
            "eligible_nationalities",
            "disciplines",
            "sdgs",
            Prefetch("calls", queryset=Call.objects.order_by("deadline", "pk")),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["now"] = timezone.now()
        context["structured_data"] = scheme_data(self.object, self.request.build_absolute_uri)
        return context


def filtered_schemes(request, at):
    """The schemes the list shows for this request's filters, all pages; None if invalid."""
    filterset = FundingSchemeFilter(request.GET or None, published_schemes(at), at=at)
    if filterset.is_bound and not filterset.is_valid():
        return filterset, None
    return filterset, filterset.qs


@require_safe
def deadlines(request):
    """The deadlines of the schemes the list shows for the same filters, as iCalendar."""
    now = timezone.now()
    filterset, schemes = filtered_schemes(request, now)
    if schemes is None:
        return bad_filters_response(filterset)
    calls = Call.objects.of_schemes(schemes.order_by().values("pk"))
    calendar = deadlines_calendar(request, calls, now=now)
    return calendar_response(calendar, "funding-deadlines.ics")


@require_safe
def scheme_deadlines(request, slug: str):
    """Every deadline of one scheme, past ones included, as iCalendar."""
    scheme = get_object_or_404(FundingScheme.objects.published(), slug=slug)
    calendar = deadlines_calendar(request, scheme.calls.all(), scheme=scheme, now=None)
    return calendar_response(calendar, f"{scheme.slug}-deadlines.ics")


@require_safe
def calls_feed(request):
    """Atom feed of the published calls, newest first, for the list's filters."""
    now = timezone.now()
    filterset, schemes = filtered_schemes(request, now)
    if schemes is None:
        return bad_filters_response(filterset)
    return CallFeed(schemes)(request)
