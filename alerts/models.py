"""E-mail alerts: an address subscribed to a selection of one of the public lists.

Only what the alerts need is kept (the privacy notice says so): the address, the language of
the messages, the list and its filters, how often to write, and dates. Nothing else about the
subscriber: no name, no IP address, no opening or click tracking.
"""

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from funding.models import Call
from projects.models import Project

#: A subscription not confirmed within this time is deleted (and its confirmation link expires).
CONFIRMATION_PERIOD = datetime.timedelta(days=7)
#: A weekly digest goes at most once in this time.
DIGEST_PERIOD = datetime.timedelta(days=7)


def normalise_address(address: str) -> str:
    """One spelling per mailbox: surrounding spaces dropped, lower case (mail systems treat the
    local part without regard to case in practice), so the limits and the uniqueness hold."""
    return address.strip().lower()


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def unconfirmed(self):
        return self.filter(confirmed_at__isnull=True)

    def expired(self, now=None):
        """Not confirmed within `CONFIRMATION_PERIOD`: to be deleted."""
        now = now or timezone.now()
        return self.unconfirmed().filter(created_at__lte=now - CONFIRMATION_PERIOD)

    def of_address(self, address: str):
        return self.filter(email=normalise_address(address))

    def due(self, now=None):
        """Confirmed subscriptions that may have something to say at `now`: immediate and
        deadline-only ones on every run, weekly ones once their week is over. Weekly ones still
        get their reminders on time: see `alerts.sending.reminder_horizon`."""
        now = now or timezone.now()
        return self.confirmed().filter(
            ~Q(frequency=Subscription.Frequency.WEEKLY)
            | Q(covered_until__lte=now - DIGEST_PERIOD)
            | Q(covered_until__isnull=True)
        )


class Subscription(models.Model):
    class List(models.TextChoices):
        FUNDING = "funding", _("Funding")
        EVENTS = "events", _("Events")
        PROJECTS = "projects", _("Projects")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("As soon as there is something new")
        WEEKLY = "weekly", _("A weekly digest")
        DEADLINES = "deadlines", _("Deadline reminders only")

    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ENGLISH = "en", _("English")

    email = models.EmailField(_("e-mail address"))
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    list = models.CharField(_("list"), max_length=10, choices=List.choices)
    query = models.CharField(
        _("filters"),
        max_length=2000,
        blank=True,
        help_text=_("The list's filters as a query string, normalised (alerts.selections)."),
    )
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(_("asked for"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("last message sent"), null=True, blank=True)
    #: What is new is looked for after this moment: the end of the last period examined (a
    #: message sent or not). Moving it forward in the transaction that sends makes a second run
    #: find nothing left to say.
    covered_until = models.DateTimeField(_("news examined until"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail alert")
        verbose_name_plural = _("e-mail alerts")
        ordering = ["list", "query", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "list", "query"], name="alerts_subscription_unique_selection"
            ),
            models.CheckConstraint(
                condition=Q(list__in=["funding", "events", "projects"]),
                name="alerts_subscription_known_list",
            ),
        ]
        indexes = [
            # send_alerts: the confirmed ones (and the weekly ones whose week is over)...
            models.Index(fields=["confirmed_at", "covered_until"], name="alerts_sub_due_idx"),
            # ... and the unconfirmed ones to delete.
            models.Index(
                fields=["created_at"],
                condition=Q(confirmed_at__isnull=True),
                name="alerts_sub_unconfirmed_idx",
            ),
        ]

    def __str__(self) -> str:
        # Never the address: this text may reach a log.
        return f"{self.get_list_display()} alert #{self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def sends_news(self) -> bool:
        return self.frequency != self.Frequency.DEADLINES


#: The lists whose items have deadlines to be reminded of (calls' deadlines, events'
#: registration deadlines): only they offer "deadline reminders only". Projects have none.
LISTS_WITH_DEADLINES = frozenset({Subscription.List.FUNDING, Subscription.List.EVENTS})


class SentReminder(models.Model):
    """A deadline reminder sent to a subscription, about a call's deadline or an event's
    registration deadline: each is sent once (the unique constraints hold it even if two runs
    overlap)."""

    class Kind(models.IntegerChoices):
        TWO_WEEKS = 14, _("14 days before")
        THREE_DAYS = 3, _("3 days before")

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="+")
    # No reverse accessor on the lower apps' models: funding and events know nothing of alerts.
    # Exactly one of the two is set.
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+", null=True)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+", null=True)
    days_before = models.PositiveSmallIntegerField(choices=Kind.choices)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "call", "days_before"],
                name="alerts_reminder_once_each",
            ),
            models.UniqueConstraint(
                fields=["subscription", "event", "days_before"],
                name="alerts_event_reminder_once_each",
            ),
            models.CheckConstraint(
                condition=Q(call__isnull=False, event__isnull=True)
                | Q(call__isnull=True, event__isnull=False),
                name="alerts_reminder_call_or_event",
            ),
        ]

    def __str__(self) -> str:
        about = f"call #{self.call_id}" if self.call_id is not None else f"event #{self.event_id}"
        return f"reminder {self.days_before} days, {about}, alert #{self.subscription_id}"


class ProjectSighting(models.Model):
    """When `send_alerts` first saw a project published: projects keep no publication date of
    their own, and "new projects" means newly published ones, not recently edited ones. A
    project published again after going back to draft is not new a second time."""

    project = models.OneToOneField(
        Project, on_delete=models.CASCADE, related_name="+", primary_key=True
    )
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"project #{self.project_id} seen published at {self.seen_at:%Y-%m-%d %H:%M}"
