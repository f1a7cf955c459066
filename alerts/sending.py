"""What `manage.py send_alerts` does, as a function of the moment (`now`), for the tests.

Each run:

1. deletes the subscriptions not confirmed within seven days;
2. notes the projects published since the last run (`ProjectSighting`);
3. for each confirmed subscription that is due, works out what to say: what is new in its
   selection since its last period, and the deadline reminders due; sends one message if there
   is anything, none otherwise; and, in the same transaction, moves its period forward and
   records the reminders sent.

Idempotent: a second run finds the period already covered and the reminders recorded, so it
sends nothing more. Two runs at once never send twice: each subscription is locked while it is
handled (`select_for_update(skip_locked=True)` on PostgreSQL: the other run passes it by;
SQLite lets one writer in at a time). The message is sent before the transaction commits: if
sending fails, nothing is recorded and the next run tries again.

Rules (README, "E-mail alerts"):

- *immediate*: on every run with something to say; *weekly*: one digest per seven days with
  everything new and the reminders due before the next digest; *deadlines*: reminders only.
- Reminders, counted in Brussels calendar days: for funding, 14 and 3 days before the deadline
  of each open call of the selection: the deadline for applicants, that is the university's
  internal deadline when the call has one (the message says so); for events, 14 and 3 days
  before the registration deadline of each upcoming, not cancelled event of the selection that
  has one. Projects have none. Sent on the first run on or after that day, once each, never
  once the deadline has passed. When both are due (found late), only the 3-day one is sent
  and both are recorded. Both lists go through one code path (`due_reminders`); what differs
  is said by a `Deadlines` per list (`DEADLINES`).
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.mail import get_connection
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from events.models import Event
from funding.models import DEADLINE_TIME_ZONE, Call
from projects.models import Project

from .mail import alert_message
from .models import ProjectSighting, SentReminder, Subscription
from .selections import Selection, list_kind

logger = logging.getLogger("alerts")

#: Days before a deadline when a reminder is due, the last first.
REMINDER_DAYS = (SentReminder.Kind.THREE_DAYS, SentReminder.Kind.TWO_WEEKS)
#: Progress is logged every so many subscriptions.
PROGRESS_EVERY = 500


@dataclass
class Reminder:
    """A deadline reminded of: a call's (funding) or an event's registration deadline."""

    days_before: int
    #: The deadline reminded of: the internal one when the call has one; an event's
    #: registration deadline.
    moment: datetime.datetime
    is_internal: bool
    #: Calendar days left in Brussels.
    days_left: int
    call: Call | None = None
    event: Event | None = None

    @property
    def about(self) -> Call | Event:
        """The call or the event reminded of."""
        return self.call if self.call is not None else self.event

    @property
    def path(self) -> str:
        """Its page on the portal."""
        return self.about.get_absolute_url()


@dataclass
class Digest:
    news: list = field(default_factory=list)
    reminders: list[Reminder] = field(default_factory=list)
    #: The reminders to record as sent (unsaved): said, or made needless by a later one said.
    recorded: list[SentReminder] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.news or self.reminders)


@dataclass
class Report:
    examined: int = 0
    messages: int = 0
    reminders: int = 0
    deleted: int = 0
    failed: int = 0
    invalid: int = 0
    projects_seen: int = 0

    def __str__(self) -> str:
        return (
            f"{self.examined} subscriptions examined, {self.messages} messages sent, "
            f"{self.reminders} reminders, {self.deleted} unconfirmed subscriptions deleted, "
            f"{self.failed} failed, {self.invalid} with filters no longer understood, "
            f"{self.projects_seen} newly published projects noted"
        )


def local_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(DEADLINE_TIME_ZONE).date()


def reminder_horizon(subscription: Subscription, now) -> datetime.date:
    """The last Brussels day whose reminders go out now: today; for a weekly digest, every day
    until the next digest (so a reminder is never later than its day, at most six days early)."""
    today = local_date(now)
    if subscription.frequency == Subscription.Frequency.WEEKLY:
        return today + datetime.timedelta(days=6)
    return today


def call_deadline(call: Call) -> tuple[datetime.datetime, bool]:
    """The deadline for applicants, and whether it is the university's internal one."""
    if call.internal_deadline is not None:
        return call.internal_deadline, True
    return call.deadline, False


def registration_deadline(event: Event) -> tuple[datetime.datetime, bool]:
    return event.registration_deadline, False


@dataclass(frozen=True)
class Deadlines:
    """What a list reminds of."""

    #: The field of `SentReminder` (and of `Reminder`) naming what is reminded of.
    field: str
    #: The selection's candidates whose deadline is ahead but not after a moment.
    candidates: Callable[[Selection, datetime.datetime], QuerySet]
    #: The deadline reminded of, and whether it is a call's internal one.
    deadline: Callable[[Call | Event], tuple[datetime.datetime, bool]]


#: What each list with deadlines reminds of (`LISTS_WITH_DEADLINES`; projects have none).
DEADLINES: dict[str, Deadlines] = {
    Subscription.List.FUNDING: Deadlines("call", Selection.calls_closing_by, call_deadline),
    Subscription.List.EVENTS: Deadlines(
        "event", Selection.events_registering_by, registration_deadline
    ),
}


def due_reminders(subscription: Subscription, selection: Selection, now, digest: Digest) -> None:
    """Add the reminders due for `subscription` to `digest`, and what to record of them."""
    deadlines = DEADLINES.get(subscription.list)
    if deadlines is None:
        return
    horizon = reminder_horizon(subscription, now)
    # A deadline further away than this has no reminder due before the horizon (one day more
    # for the time zone).
    latest = now + datetime.timedelta(
        days=max(REMINDER_DAYS) + (horizon - local_date(now)).days + 1
    )
    candidates = list(deadlines.candidates(selection, latest))
    if not candidates:
        return
    named = deadlines.field
    sent = set(
        SentReminder.objects.filter(
            subscription=subscription, **{f"{named}__in": candidates}
        ).values_list(f"{named}_id", "days_before")
    )
    today = local_date(now)
    for candidate in candidates:
        moment, is_internal = deadlines.deadline(candidate)
        if moment <= now:
            continue
        day = local_date(moment)
        due = [
            days
            for days in REMINDER_DAYS
            if day - datetime.timedelta(days=days) <= horizon and (candidate.pk, days) not in sent
        ]
        if not due:
            continue
        digest.reminders.append(
            Reminder(
                min(due),
                moment,
                is_internal,
                days_left=(day - today).days,
                **{named: candidate},
            )
        )
        digest.recorded.extend(
            SentReminder(
                subscription=subscription, days_before=days, sent_at=now, **{named: candidate}
            )
            for days in due
        )
    digest.reminders.sort(key=lambda reminder: (reminder.moment, reminder.about.pk))


def what_is_new(subscription: Subscription, selection: Selection, since) -> list:
    if subscription.list == Subscription.List.FUNDING:
        calls = list(selection.new_calls(since))
        for call in calls:
            if call.created_at > since:
                call.alert_change = "new"
            elif since < call.opens_at <= selection.now:
                call.alert_change = "opened"
            else:
                call.alert_change = "changed"
        return calls
    if subscription.list == Subscription.List.EVENTS:
        return list(selection.new_events(since))
    return list(selection.new_projects(since))


#: When the projects found by the very first sweep count as published: before any alert.
BEFORE_ANY_ALERT = datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)


def note_published_projects(now) -> int:
    """Note when each project was first seen published (`ProjectSighting`). The very first
    sweep (a new installation whose demo or imported projects were loaded after the migrations)
    notes them as published before any alert: they are the starting point, not news."""
    first_sweep = not ProjectSighting.objects.exists()
    seen_at = BEFORE_ANY_ALERT if first_sweep else now
    unseen = (
        Project.objects.published()
        .exclude(pk__in=ProjectSighting.objects.values("project_id"))
        .values_list("pk", flat=True)
    )
    rows = [ProjectSighting(project_id=pk, seen_at=seen_at) for pk in unseen.iterator()]
    ProjectSighting.objects.bulk_create(rows, batch_size=1000, ignore_conflicts=True)
    return len(rows)


class Run:
    def __init__(self, now=None, dry_run=False, connection=None):
        self.now = now or timezone.now()
        self.dry_run = dry_run
        self.connection = connection
        self.report = Report()
        self.connection_opened = False
        #: One Selection per (list, query): its filters are read once per run.
        self.selections: dict[tuple[str, str], Selection] = {}

    def open_connection(self) -> None:
        """Open the mail connection on the first message, once for the whole run."""
        if self.connection is not None and not self.connection_opened:
            self.connection_opened = bool(self.connection.open())

    def close_connection(self) -> None:
        if self.connection_opened:
            self.connection.close()

    def selection(self, subscription: Subscription) -> Selection:
        key = (subscription.list, subscription.query)
        if key not in self.selections:
            self.selections[key] = Selection(
                list_kind(subscription.list), subscription.query, self.now
            )
        return self.selections[key]

    def handle(self, pk: int) -> None:
        with transaction.atomic():
            locked = Subscription.objects.select_for_update(skip_locked=True).due(self.now)
            subscription = next(iter(locked.filter(pk=pk)), None)
            if subscription is None:  # deleted, or handled by another run meanwhile
                return
            self.report.examined += 1
            since = subscription.covered_until or subscription.confirmed_at
            if since >= self.now:
                return
            selection = self.selection(subscription)
            digest = Digest()
            if not selection.is_valid:
                self.report.invalid += 1
                # INFO, not WARNING: it stays so until the subscriber chooses again, and the
                # run's summary counts it.
                logger.info("send_alerts: the filters of alert #%d are no longer understood", pk)
            elif subscription.sends_news:
                digest.news = what_is_new(subscription, selection, since)
            if selection.is_valid:
                due_reminders(subscription, selection, self.now, digest)
            if self.dry_run:
                if digest:
                    self.report.messages += 1
                    self.report.reminders += len(digest.reminders)
                transaction.set_rollback(True)
                return
            if digest:
                message = alert_message(subscription, digest, selection)
                self.open_connection()
                message.connection = self.connection
                message.send()
                subscription.last_sent_at = self.now
                SentReminder.objects.bulk_create(digest.recorded, ignore_conflicts=True)
            subscription.covered_until = self.now
            subscription.save(update_fields=["covered_until", "last_sent_at"])
        if digest:
            self.report.messages += 1
            self.report.reminders += len(digest.reminders)

    def __call__(self) -> Report:
        logger.info("send_alerts: starting (dry run: %s)", self.dry_run)
        expired = Subscription.objects.expired(self.now)
        if self.dry_run:
            self.report.deleted = expired.count()
        else:
            _total, by_model = expired.delete()
            self.report.deleted = by_model.get(Subscription._meta.label, 0)
            self.report.projects_seen = note_published_projects(self.now)
        due = list(Subscription.objects.due(self.now).order_by("pk").values_list("pk", flat=True))
        logger.info("send_alerts: %d subscriptions due", len(due))
        for number, pk in enumerate(due, start=1):
            try:
                self.handle(pk)
            except Exception as error:
                # The subscription's transaction was rolled back: the next run tries again. Only
                # the kind of error is logged: an SMTP refusal's text names the address.
                self.report.failed += 1
                logger.error(
                    "send_alerts: alert #%d could not be sent (%s)", pk, type(error).__name__
                )
            if number % PROGRESS_EVERY == 0:
                logger.info("send_alerts: %d of %d subscriptions handled", number, len(due))
        logger.info("send_alerts: done: %s", self.report)
        return self.report


def send_alerts(now=None, dry_run=False) -> Report:
    """Send the alerts due at `now` (see the module's docstring)."""
    run = Run(now=now, dry_run=dry_run, connection=get_connection())
    try:
        return run()
    finally:
        run.close_connection()
