"""The officers' dashboard, the admin's first page: what waits for them across every app.

- my drafts: drafts this user saved (their history says who), newest first;
- waiting for publication: every draft, with what its checklist still needs;
- update due: published content not changed for twelve months;
- calls closing in the next 30 days (for applicants: the internal deadline while it is ahead).

Only what the user may see in the admin is listed. A few rows of each, with a link to the whole
filtered changelist. The top layer: it reads every app.
"""

import datetime
from dataclasses import dataclass, field

from django.db import models
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from cooperation_portal.publication import Publishable
from events.models import Event
from funding.models import Call, FundingScheme
from partners.models import Organisation
from projects.models import Project

PUBLISHABLE = [Project, FundingScheme, Event, Organisation]
ROWS = 8
CALLS_WITHIN = datetime.timedelta(days=30)
DRAFT = Publishable.PublicationStatus.DRAFT


@dataclass
class Row:
    obj: object
    url: str
    kind: str
    missing: list[str] = field(default_factory=list)


@dataclass
class Section:
    rows: list[Row]
    total: int
    links: list[tuple[str, str]]  # (kind, changelist filtered)


def change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def changelist_url(model, query: str) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist") + query


def may_view(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.view_{opts.model_name}") or user.has_perm(
        f"{opts.app_label}.change_{opts.model_name}"
    )


def gathered(user, querysets, query: str, checklist: bool = False) -> Section:
    """The first rows of each model's queryset, newest change first, and their total."""
    rows, total, links = [], 0, []
    for model, queryset in querysets:
        if not may_view(user, model):
            continue
        count = queryset.count()
        total += count
        if count:
            links.append((model._meta.verbose_name_plural, changelist_url(model, query)))
        for obj in queryset.order_by("-updated_at")[:ROWS]:
            rows.append(Row(obj, change_url(obj), model._meta.verbose_name))
    rows = sorted(rows, key=lambda row: row.obj.updated_at, reverse=True)[:ROWS]
    if checklist:  # only for the rows shown: a project's checklist reads its links
        for row in rows:
            row.missing = row.obj.missing_for_publication()
    return Section(rows, total, links)


def mine(model, user):
    """The ids of `model`'s rows this user saved at least once."""
    saved = (
        Version.objects.get_for_model(model)
        .filter(revision__user=user)
        .annotate(saved_pk=Cast("object_id", models.BigIntegerField()))
        .values("saved_pk")
    )
    return model.objects.filter(pk__in=saved)


def dashboard(user, now=None) -> dict:
    now = now or timezone.now()
    drafts = [(model, model.objects.filter(publication_status=DRAFT)) for model in PUBLISHABLE]
    calls = []
    if may_view(user, FundingScheme):
        calls = list(
            Call.objects.filter(deadline__gt=now, deadline__lte=now + CALLS_WITHIN)
            .select_related("scheme")
            .by_next_closing(now)[:ROWS]
        )
    return {
        "my_drafts": gathered(
            user,
            [(model, mine(model, user).filter(publication_status=DRAFT)) for model in PUBLISHABLE],
            "?publication_status__exact=draft",
        ),
        "waiting": gathered(user, drafts, "?publication_status__exact=draft", checklist=True),
        "update_due": gathered(
            user,
            [(model, model.objects.published().update_due(now)) for model in PUBLISHABLE],
            "?update_due=yes&publication_status__exact=published",
        ),
        "closing_calls": [(call, call.closing_at(now), change_url(call.scheme)) for call in calls],
    }
