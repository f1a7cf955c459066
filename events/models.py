"""Events (University Cooperation Day, seminars, information sessions) and their programmes."""

import datetime
import zoneinfo
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from cooperation_portal.addresses import address
from cooperation_portal.publication import (
    PUBLISHABLE_PERMISSIONS,
    ExampleContent,
    PublicationQuerySet,
    Publishable,
    Timestamped,
    lacking,
    published,
)
from cooperation_portal.safe_urls import validate_safe_url
from cooperation_portal.text_search import WordSearchQuerySet
from cooperation_portal.times import utc_offset
from partners.models import published_organisations
from projects.models import Project

#: Slugs the events' URLs use for pages of their own (/events/cooperation-day/).
RESERVED_SLUGS = frozenset({"cooperation-day"})


def validate_time_zone(value: str) -> None:
    # Validated rather than offered as choices: the list of zones changes with tzdata, and
    # choices would change the migrations with it.
    if value not in zoneinfo.available_timezones():
        raise ValidationError(
            _("%(value)s is not a known time zone (e.g. Europe/Brussels, Africa/Kinshasa)."),
            params={"value": value},
        )


class EventQuerySet(WordSearchQuerySet, PublicationQuerySet):
    #: Searched by its texts and its place (`WordSearchQuerySet`).
    searched_fields = (
        (
            *get_translation_fields("title"),
            *get_translation_fields("summary"),
            *get_translation_fields("description"),
            *get_translation_fields("venue"),
            "city",
        ),
    )
    title_fields = tuple(get_translation_fields("title"))

    def organised_by(self, organisation):
        return self.filter(organiser=organisation)

    def upcoming(self, at=None):
        """Events that have not ended yet: one in progress is still upcoming."""
        return self.filter(ends_at__gte=at or timezone.now())

    def past(self, at=None):
        return self.filter(ends_at__lt=at or timezone.now())

    def soonest_first(self):
        return self.order_by("starts_at", "pk")

    def latest_first(self):
        return self.order_by("-starts_at", "-pk")

    def in_year(self, year: int):
        """Events that start in ``year``, in Brussels time."""
        return self.filter(starts_at__year=year)

    def cooperation_days(self):
        return self.filter(kind=Event.Kind.COOPERATION_DAY)

    def featured_cooperation_day(self, at=None):
        """The next University Cooperation Day (one in progress counts), else the latest one."""
        at = at or timezone.now()
        editions = self.cooperation_days()
        return editions.upcoming(at).soonest_first().first() or editions.latest_first().first()

    def with_listing_relations(self):
        """The country, and the organiser only when published (a draft reads as None)."""
        return self.select_related("country").prefetch_related(published_organisations("organiser"))

    def with_page_relations(self):
        """Everything an event's page shows: programme, SDGs and published related projects."""
        return self.with_listing_relations().prefetch_related(
            "sessions",
            "sdgs",
            Prefetch(
                "projects",
                queryset=Project.objects.published().order_by("title"),
                to_attr="published_projects",
            ),
        )


@dataclass
class ProgrammeSlot:
    """Sessions that run at the same time (in parallel rooms)."""

    starts_at: datetime.datetime
    ends_at: datetime.datetime
    sessions: list["Session"] = field(default_factory=list)


@dataclass
class ProgrammeDay:
    date: datetime.date
    slots: list[ProgrammeSlot] = field(default_factory=list)


class Event(ExampleContent, Publishable):
    class RegistrationStatus(models.TextChoices):
        OPEN = "open", _("Registration open")
        CLOSING_SOON = "closing-soon", _("Registration closes soon")
        CLOSED = "closed", _("Registration closed")

    #: How long before its deadline a registration is announced as closing soon.
    REGISTRATION_CLOSING_SOON = datetime.timedelta(days=7)

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
    online_url = models.URLField(_("online link"), blank=True, validators=[validate_safe_url])
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
    registration_url = models.URLField(
        _("registration link"), blank=True, validators=[validate_safe_url]
    )
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
        default_permissions = PUBLISHABLE_PERMISSIONS
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["starts_at"], name="events_event_starts_idx"),
            models.Index(fields=["ends_at"], name="events_event_ends_idx"),
            # Public lists: published events that have (not) ended yet.
            models.Index(
                fields=["publication_status", "ends_at"], name="events_published_ends_idx"
            ),
            # The University Cooperation Day page: editions by date.
            models.Index(fields=["kind", "starts_at"], name="events_event_kind_starts_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=F("starts_at")), name="events_event_end_not_before_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def missing_for_publication(self) -> list[str]:
        return lacking(
            (self.title_fr, _("a French title")),
            (self.summary_fr, _("a French summary")),
            (self.starts_at, _("a start")),
            (self.venue or self.city or self.online_url, _("a place or an online link")),
        )

    def get_absolute_url(self) -> str:
        return address("events:detail", slug=self.slug)

    # -- Time ------------------------------------------------------------------------------------

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The time zone where the event takes place (Brussels if the stored one is unknown)."""
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return timezone.get_default_timezone()

    @property
    def is_in_other_time_zone(self) -> bool:
        """Whether the event's own time zone is not Brussels time (then both are shown)."""
        return self.zone.key != timezone.get_default_timezone().key

    @property
    def local_time_differs(self) -> bool:
        """Whether the clocks where the event takes place show other times than in Brussels."""
        if not self.is_in_other_time_zone:
            return False
        brussels = timezone.get_default_timezone()
        return any(
            moment.astimezone(self.zone).utcoffset() != moment.astimezone(brussels).utcoffset()
            for moment in (self.starts_at, self.ends_at)
        )

    @property
    def zone_place(self) -> str:
        """The place that names the time zone: Africa/Kinshasa -> Kinshasa."""
        return self.zone.key.rsplit("/", 1)[-1].replace("_", " ")

    @property
    def zone_offset(self) -> str:
        """The event's UTC offset when it starts: UTC+1, UTC-4 (with a minus sign), UTC+5:30."""
        return utc_offset(self.starts_at.astimezone(self.zone))

    def is_past(self, at=None) -> bool:
        return self.ends_at < (at or timezone.now())

    # -- Registration ----------------------------------------------------------------------------

    @property
    def registration_closes_at(self) -> datetime.datetime:
        """The registration deadline; without one, registration closes when the event starts."""
        return self.registration_deadline or self.starts_at

    def registration_status_at(self, at=None) -> "Event.RegistrationStatus | None":
        """Open, closing soon or closed; None when there is nothing to say about registration:
        no registration link, a cancelled event, or an event that is over."""
        at = at or timezone.now()
        if not self.registration_url or self.is_cancelled or self.is_past(at):
            return None
        closes_at = self.registration_closes_at
        if at >= closes_at:
            return self.RegistrationStatus.CLOSED
        if at >= closes_at - self.REGISTRATION_CLOSING_SOON:
            return self.RegistrationStatus.CLOSING_SOON
        return self.RegistrationStatus.OPEN

    @property
    def registration_status(self) -> "Event.RegistrationStatus | None":
        return self.registration_status_at()

    # -- Programme -------------------------------------------------------------------------------

    def programme(self) -> list[ProgrammeDay]:
        """The sessions by day (Brussels time), then by time slot: parallel sessions (same start
        and end) share a slot. Reads ``sessions.all()``, so prefetch the sessions."""
        days: list[ProgrammeDay] = []
        for session in sorted(self.sessions.all(), key=lambda s: (s.starts_at, s.ends_at, s.room)):
            date = timezone.localtime(session.starts_at).date()
            if not days or days[-1].date != date:
                days.append(ProgrammeDay(date=date))
            slots = days[-1].slots
            if not slots or (slots[-1].starts_at, slots[-1].ends_at) != (
                session.starts_at,
                session.ends_at,
            ):
                slots.append(ProgrammeSlot(starts_at=session.starts_at, ends_at=session.ends_at))
            slots[-1].sessions.append(session)
        return days

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is used by another page: choose another slug.")}
            )
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


class SessionQuerySet(WordSearchQuerySet):
    #: Searched by its title, description and speakers (`WordSearchQuerySet`).
    searched_fields = (
        (
            *get_translation_fields("title"),
            *get_translation_fields("description"),
            *get_translation_fields("speakers"),
        ),
    )
    title_fields = tuple(get_translation_fields("title"))

    def of_published_events(self):
        return self.filter(published("event"))


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

    objects = SessionQuerySet.as_manager()

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
