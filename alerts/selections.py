"""What a subscription follows: a list and its filters, read with the list's own FilterSet, so
that an alert means exactly what the page shows.

A subscription keeps its filters as a normalised query string: only the parameters the list's
FilterSet understands, with valid values, each parameter's values sorted and without repeats,
in the order of the list's form; never `page`, nor the order (`sort`), nor for events `when`
(alerts are about what is ahead).
"""

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from cooperation_portal.addresses import address
from cooperation_portal.listing import ListFilterSet, valid_filters_query
from events.filters import EventFilter
from events.models import Event
from funding.filters import FundingSchemeFilter
from funding.models import Call, FundingScheme
from projects.filters import ProjectFilter
from projects.models import Project

from .models import Subscription


@dataclass(frozen=True)
class Feed:
    url_name: str
    label: str
    content_type: str


@dataclass(frozen=True)
class ListKind:
    """One of the lists one may subscribe to."""

    name: str
    filterset_class: type[ListFilterSet]
    #: Parameters of the list that a subscription leaves out.
    excluded: tuple[str, ...]
    list_url_name: str
    #: What the list offers to follow: its feeds, which take the same filters.
    feeds: tuple[Feed, ...]
    #: "open calls for…", "events…", "projects…": what the alert is about, as a heading.
    title: str

    def published(self) -> QuerySet:
        return {
            Subscription.List.FUNDING: FundingScheme.objects.published(),
            Subscription.List.EVENTS: Event.objects.published(),
            Subscription.List.PROJECTS: Project.objects.published(),
        }[self.name]

    def filterset(self, query: str | QueryDict, at=None) -> ListFilterSet:
        data = QueryDict(query) if isinstance(query, str) else query
        kwargs = {} if self.filterset_class is ProjectFilter else {"at": at or timezone.now()}
        return self.filterset_class(data, self.published(), **kwargs)

    def list_url(self, query: str = "") -> str:
        return address(self.list_url_name) + (f"?{query}" if query else "")


LISTS: dict[str, ListKind] = {
    Subscription.List.FUNDING: ListKind(
        name=Subscription.List.FUNDING,
        filterset_class=FundingSchemeFilter,
        excluded=("sort",),
        list_url_name="funding:list",
        feeds=(
            Feed("funding:feed", _("new calls (Atom feed)"), "application/atom+xml"),
            Feed("funding:deadlines", _("deadlines in your calendar (.ics)"), "text/calendar"),
        ),
        title=_("Funding"),
    ),
    Subscription.List.EVENTS: ListKind(
        name=Subscription.List.EVENTS,
        filterset_class=EventFilter,
        excluded=("when",),
        list_url_name="events:list",
        feeds=(Feed("events:calendar", _("upcoming events (.ics)"), "text/calendar"),),
        title=_("Events"),
    ),
    Subscription.List.PROJECTS: ListKind(
        name=Subscription.List.PROJECTS,
        filterset_class=ProjectFilter,
        excluded=("sort",),
        list_url_name="projects:list",
        feeds=(),
        title=_("Projects"),
    ),
}


def list_kind(name: str) -> ListKind | None:
    return LISTS.get(name)


def normalised_query(kind: ListKind, data: QueryDict, at=None) -> tuple[str, bool]:
    """The subscription's query for the list `kind` asked with `data` (a request's GET), and
    whether some value was not understood (it is left out, as the feeds leave it out)."""
    data = data.copy()
    for name in ("list", "page", *kind.excluded):
        data.pop(name, None)
    filterset = kind.filterset(data, at)
    valid = valid_filters_query(filterset, exclude=kind.excluded)
    invalid = bool(filterset.is_bound and filterset.form.errors)
    ordered = QueryDict(mutable=True)
    for name in filterset.form.fields:
        if name in valid:
            ordered.setlist(name, sorted(set(valid.getlist(name))))
    return ordered.urlencode(), invalid


# The selection in words -----------------------------------------------------------------------


@dataclass(frozen=True)
class Criterion:
    label: str
    values: list[str]


def in_words(value, field) -> str:
    """One filter value as the list's form names it: a choice's label, a term's name in the
    active language, a search's text in quotation marks."""
    choices = getattr(field, "choices", None)
    if hasattr(value, "_meta"):
        return str(value)
    if choices is not None and not hasattr(field, "queryset"):
        return str(dict(choices).get(value, value))
    if isinstance(value, str):  # a search's words
        return gettext("“%(words)s”") % {"words": value}
    return str(value)


def criteria(filterset: ListFilterSet, excluded=()) -> list[Criterion]:
    """The active filters of `filterset`, in the order of its form, each with its values in
    words (read in the active language)."""
    form = filterset.form
    form.is_valid()
    found = []
    for name, value in getattr(form, "cleaned_data", {}).items():
        if name in excluded or value in (None, "", [], ()):
            continue
        field = form.fields[name]
        values = value if isinstance(value, list | tuple) or hasattr(value, "model") else [value]
        words = [in_words(item, field) for item in values]
        if words:
            found.append(Criterion(str(field.label), words))
    return found


# What is new, what is due ---------------------------------------------------------------------


class Selection:
    """A list's filters read once per run of send_alerts, shared by every subscription to the
    same selection: the FilterSet validates its values once, and what it keeps is a subquery."""

    def __init__(self, kind: ListKind, query: str, now):
        self.kind = kind
        self.query = query
        self.now = now
        self.filterset = kind.filterset(query, now)
        #: False when a stored value is no longer understood (a discipline since removed): the
        #: FilterSet would leave that filter out and the selection would grow, so nothing is
        #: said about it until the subscriber chooses again.
        self.is_valid = not (self.filterset.is_bound and self.filterset.form.errors)
        self._words: dict[str, list[Criterion]] = {}

    def criteria(self) -> list[Criterion]:
        """The selection in words, in the active language: worked out once per language."""
        language = get_language()
        if language not in self._words:
            self._words[language] = criteria(self.filterset, self.kind.excluded)
        return self._words[language]

    # Funding: calls of the schemes the list shows ---------------------------------------------

    def calls(self) -> QuerySet:
        """The calls the funding list shows for the selection, not closed: those of the
        statuses asked for (open, upcoming), of the schemes it keeps."""
        schemes = self.filterset.qs.order_by().values("pk")
        calls = Call.objects.filter(scheme__in=schemes).not_closed(self.now)
        statuses = set(self.filterset.statuses) - {Call.Status.CLOSED}
        if self.filterset.statuses and not statuses:
            return calls.none()
        if statuses == {Call.Status.OPEN}:
            calls = calls.filter(opens_at__lte=self.now)
        elif statuses == {Call.Status.UPCOMING}:
            calls = calls.filter(opens_at__gt=self.now)
        return calls

    def new_calls(self, since) -> QuerySet:
        """Calls new or changed in (since, now]: created, changed (their scheme too: a scheme
        published or corrected), or opened in that time."""
        window = {"gt": since, "lte": self.now}
        changed = Q()
        for field in ("created_at", "updated_at", "scheme__updated_at", "opens_at"):
            changed |= Q(**{f"{field}__{op}": moment for op, moment in window.items()})
        return (
            self.calls()
            .filter(changed)
            .select_related("scheme")
            .order_by("deadline", "pk")
            .distinct()
        )

    def calls_closing_by(self, moment) -> QuerySet:
        """Open calls whose deadline for applicants (the internal one when there is one) is
        ahead but not after `moment`: the candidates for reminders."""
        return (
            self.calls()
            .filter(opens_at__lte=self.now)
            .filter(
                Q(internal_deadline__isnull=True, deadline__lte=moment)
                | Q(internal_deadline__gt=self.now, internal_deadline__lte=moment)
            )
            .select_related("scheme")
            .order_by("deadline", "pk")
        )

    # Events and projects ----------------------------------------------------------------------

    def new_events(self, since) -> QuerySet:
        """Upcoming published events of the selection, published, created or changed in
        (since, now]."""
        changed = Q(created_at__gt=since, created_at__lte=self.now) | Q(
            updated_at__gt=since, updated_at__lte=self.now
        )
        return self.filterset.qs.filter(changed)

    def events_registering_by(self, moment) -> QuerySet:
        """Events of the selection (upcoming, published), not cancelled, whose registration
        deadline is ahead but not after `moment`: the candidates for reminders."""
        return self.filterset.qs.filter(
            is_cancelled=False,
            registration_deadline__gt=self.now,
            registration_deadline__lte=moment,
        ).order_by("registration_deadline", "pk")

    def new_projects(self, since) -> QuerySet:
        """Projects of the selection first seen published in (since, now] (see
        `ProjectSighting`), through the list's own filters in SQL."""
        from .models import ProjectSighting

        selection = Project.objects.published()
        for name, value in self.filterset.valid_data.items():
            if name in self.filterset.filters and value:
                selection = self.filterset.filters[name].filter(selection, value)
        seen = ProjectSighting.objects.filter(seen_at__gt=since, seen_at__lte=self.now)
        return selection.filter(pk__in=seen.values("project_id")).order_by("-start_date", "pk")
