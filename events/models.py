"""Events (University Cooperation Day, seminars, information sessions) and their programmes."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation_portal.publication import PublicationQuerySet, Publishable, Timestamped


def validate_time_zone(value: str) -> None:
    # Validated rather than offered as choices: the list of zones changes with tzdata, and
    # choices would change the migrations with it.
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a known time zone (e.g. Europe/Brussels, Africa/Kinshasa)."),
            params={"value": value},
        )


class EventQuerySet(PublicationQuerySet):
    def upcoming(self, at=None):
        """Events that have not ended yet: one in progress is still upcoming."""
        return self.filter(ends_at__gte=at or timezone.now())

    def past(self, at=None):
        return self.filter(ends_at__lt=at or timezone.now())

    def cooperation_days(self):
        return self.filter(kind=Event.Kind.COOPERATION_DAY)

    def with_listing_relations(self):
        return self.select_related("organiser", "country")


class Event(Publishable):
    class Kind(models.TextChoices):
        COOPERATION_DAY = "cooperation-day", _("University Cooperation Day")
        SEMINAR = "seminar", _("Seminar")
        INFORMATION_SESSION = "information-session", _("Information session")
        WORKSHOP = "workshop", _("Workshop")
        CONFERENCE = "conference", _("Conference")
        EXHIBITION = "exhibition", _("Exhibition")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    summary = models.TextField(_("summary"), max_length=800)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=60,
        validators=[validate_time_zone],
        default="Europe/Brussels",
        help_text=_("Where the event takes place; times are also shown in Brussels time."),
    )
    is_online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(_("online link"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = models.ForeignKey(
        "taxonomy.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="events",
        null=True,
        blank=True,
    )
    organiser = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organiser"),
        on_delete=models.PROTECT,
        related_name="organised_events",
        null=True,
        blank=True,
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    is_cancelled = models.BooleanField(_("cancelled"), default=False)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("related projects"), related_name="events", blank=True
    )
    sdgs = models.ManyToManyField(
        "taxonomy.SDG",
        verbose_name=_("Sustainable Development Goals"),
        related_name="events",
        blank=True,
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["starts_at"], name="events_event_starts_idx"),
            models.Index(fields=["ends_at"], name="events_event_ends_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="events_event_end_not_before_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def clean(self):
        super().clean()
        if self.is_online and not self.online_url and not self.venue:
            raise ValidationError({"online_url": _("Give the link of an online event.")})
        if self.kind == self.Kind.COOPERATION_DAY and self.starts_at:
            year = timezone.localtime(self.starts_at).year
            same_year = (
                Event.objects.cooperation_days().filter(starts_at__year=year).exclude(pk=self.pk)
            )
            if same_year.exists():
                raise ValidationError(
                    {"starts_at": _("There is already a University Cooperation Day that year.")}
                )


class Session(Timestamped):
    """One item of an event's programme."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    speakers = models.CharField(
        _("speakers"), max_length=300, blank=True, help_text=_("Names and affiliations.")
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "room"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")),
                name="events_session_end_not_before_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title
