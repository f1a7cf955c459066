"""Funding schemes, who may apply to them, and their calls (rounds with deadlines).

Status is never stored: it is computed from the calls and a moment (now by default), the same
way in SQL (the QuerySet methods, for filtering and sorting) and in Python (``statuses_at`` and
``status_at``, for display), so that the list never shows an "open" badge on a scheme the
"open" filter left out. Statuses are per call: a scheme with an open round and a later one is
both open and upcoming.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from cooperation_portal.addresses import address
from cooperation_portal.collation import Collated
from cooperation_portal.database import contains_word, fold, search_text
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

#: Deadlines are set and shown in Brussels time, whatever the visitor's own zone.
DEADLINE_TIME_ZONE = ZoneInfo("Europe/Brussels")

#: Paths of the funding URLs that a scheme's slug must not take (``/funding/feed/``).
RESERVED_SLUGS = {"feed"}


class FixedVocabulary(models.Model):
    """A fixed vocabulary kept as rows (created by a migration), so that schemes can be
    filtered by it through an indexed link table. A subclass gives its `Code` choices as the
    `code` field; its labels are in the code, translated."""

    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return str(self.get_code_display())

    @property
    def slug(self) -> str:
        return self.code


class ApplicantLevel(FixedVocabulary):
    """Who may apply."""

    class Code(models.TextChoices):
        BACHELOR = "bachelor", _("Bachelor's student")
        MASTER = "master", _("Master's student")
        DOCTORAL = "doctoral", _("Doctoral researcher")
        POSTDOCTORAL = "postdoctoral", _("Postdoctoral researcher")
        ACADEMIC_STAFF = "academic-staff", _("Academic staff")
        ADMINISTRATIVE_STAFF = "administrative-staff", _("Administrative staff")

    code = models.CharField(_("code"), max_length=30, choices=Code.choices, unique=True)

    class Meta(FixedVocabulary.Meta):
        verbose_name = _("applicant level")
        verbose_name_plural = _("applicant levels")

    @property
    def plural_label(self) -> str:
        """As it reads in a sentence: "open to master's students"."""
        return str(PLURAL_LEVEL_LABELS.get(self.code, self.get_code_display()))


PLURAL_LEVEL_LABELS = {
    ApplicantLevel.Code.BACHELOR: _("bachelor's students"),
    ApplicantLevel.Code.MASTER: _("master's students"),
    ApplicantLevel.Code.DOCTORAL: _("doctoral researchers"),
    ApplicantLevel.Code.POSTDOCTORAL: _("postdoctoral researchers"),
    ApplicantLevel.Code.ACADEMIC_STAFF: _("academic staff"),
    ApplicantLevel.Code.ADMINISTRATIVE_STAFF: _("administrative staff"),
}


class Affiliation(FixedVocabulary):
    """Where an applicant works or studies."""

    class Code(models.TextChoices):
        PARTNER_UNIVERSITY = "partner-university", _("Partner university in the South")
        ULB = "ulb", _("The university in Brussels (ULB)")
        BELGIAN_INSTITUTION = "belgian-institution", _("Another Belgian university or institution")
        NGO = "ngo", _("NGO")

    code = models.CharField(_("code"), max_length=30, choices=Code.choices, unique=True)

    class Meta(FixedVocabulary.Meta):
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    @property
    def phrase(self) -> str:
        """As it reads after "at" or "attached to": "a partner university in the South"."""
        return str(AFFILIATION_PHRASES.get(self.code, self.get_code_display()))


AFFILIATION_PHRASES = {
    Affiliation.Code.PARTNER_UNIVERSITY: _("a partner university in the South"),
    Affiliation.Code.ULB: _("the university in Brussels (ULB)"),
    Affiliation.Code.BELGIAN_INSTITUTION: _("another Belgian university or institution"),
    Affiliation.Code.NGO: _("an NGO"),
}


SEARCHED_FIELDS = [*get_translation_fields("name"), *get_translation_fields("summary")]
#: The funder's names, searched only when the funder is published (a draft is never shown).
FUNDER_FIELDS = [
    *(f"funder__{field}" for field in get_translation_fields("name")),
    "funder__acronym",
]


def closes_for_applicants(at) -> Case:
    """When a call closes for applicants, seen at `at`: its internal deadline (the university
    office's own, earlier one) while that is ahead, its deadline otherwise. `Call.closing_at` says
    the same in Python."""
    return Case(When(internal_deadline__gt=at, then=F("internal_deadline")), default=F("deadline"))


class FundingSchemeQuerySet(WordSearchQuerySet, PublicationQuerySet):
    """Schemes by who may apply and by the state of their calls at a moment (now by default).

    An empty list of levels or disciplines means "open to every level / discipline": such
    schemes match every level or discipline asked for.
    """

    searched_fields = (tuple(SEARCHED_FIELDS),)
    title_fields = tuple(get_translation_fields("name"))

    def funded_by(self, organisation):
        return self.filter(funder=organisation)

    def search(self, text: str):
        """Schemes whose name or summary (either language), or funder, contains `text`,
        ignoring case and accents."""
        text = fold(search_text(text))
        if not text:
            return self
        published_funder = published("funder")
        return self.filter(
            contains_word(text, SEARCHED_FIELDS)
            | (published_funder & contains_word(text, FUNDER_FIELDS))
        )

    def open_to_nationals_of(self, code: str):
        nationals = FundingScheme.eligible_nationalities.through.objects.filter(
            fundingscheme=OuterRef("pk"), country__code=code.upper()
        )
        return self.filter(Q(open_to_all_nationalities=True) | Exists(nationals))

    def for_levels(self, codes):
        through = FundingScheme.applicant_levels.through.objects
        any_level = ~Exists(through.filter(fundingscheme=OuterRef("pk")))
        one_of = Exists(
            through.filter(fundingscheme=OuterRef("pk"), applicantlevel__code__in=list(codes))
        )
        return self.filter(any_level | one_of)

    def for_affiliations(self, codes):
        """Schemes open to applicants from one of these affiliations (or from any)."""
        through = FundingScheme.eligible_affiliations.through.objects
        any_affiliation = ~Exists(through.filter(fundingscheme=OuterRef("pk")))
        one_of = Exists(
            through.filter(fundingscheme=OuterRef("pk"), affiliation__code__in=list(codes))
        )
        return self.filter(any_affiliation | one_of)

    def for_applicant_type(self, applicant_type: str):
        """Schemes one may apply to as a person, or as an organisation: those that take either
        match both."""
        return self.filter(applicant_type__in=[applicant_type, FundingScheme.ApplicantType.EITHER])

    def in_disciplines(self, slugs):
        through = FundingScheme.disciplines.through.objects
        every_discipline = ~Exists(through.filter(fundingscheme=OuterRef("pk")))
        one_of = Exists(
            through.filter(fundingscheme=OuterRef("pk"), discipline__slug__in=list(slugs))
        )
        return self.filter(every_discipline | one_of)

    def _calls(self):
        return Call.objects.filter(scheme=OuterRef("pk"))

    def open(self, at=None):
        """With a call open at ``at``."""
        return self.with_status([Call.Status.OPEN], at)

    def upcoming(self, at=None):
        """With a call that opens after ``at``, whether or not another call is open."""
        return self.with_status([Call.Status.UPCOMING], at)

    def closed(self, at=None):
        """With a call closed at ``at``, or with no call at all."""
        return self.with_status([Call.Status.CLOSED], at)

    def with_status(self, statuses, at=None):
        """Schemes with a call in one of ``statuses`` at ``at`` (see ``statuses_at``).

        Statuses are per call: a scheme with a round open now and another that opens in
        January is listed under "open" and under "upcoming". A scheme with no call at all
        counts as closed, as its badge says.
        """
        at = at or timezone.now()
        calls = self._calls()
        conditions = {
            Call.Status.OPEN: Q(Exists(calls.open(at))),
            Call.Status.UPCOMING: Q(Exists(calls.upcoming(at))),
            Call.Status.CLOSED: Q(Exists(calls.closed(at))) | ~Q(Exists(calls)),
        }
        condition = Q()
        for status in sorted(set(statuses)):
            condition |= conditions[status]
        return self.filter(condition)

    def with_next_closing(self, at=None):
        """Annotate ``next_closing``: when the scheme's next call closes for applicants.

        The next call is the open one (else the upcoming one) that closes first; it closes for
        applicants at its internal deadline while that is ahead, at its deadline otherwise.
        Schemes with no open or upcoming call get None. ``FundingScheme.next_call_at`` picks
        the same call in Python.
        """
        at = at or timezone.now()
        next_closing = (
            self._calls()
            .not_closed(at)
            .annotate(
                closing=closes_for_applicants(at),
                not_open_yet=Case(When(opens_at__gt=at, then=Value(1)), default=Value(0)),
            )
            .order_by("not_open_yet", "closing")
            .values("closing")[:1]
        )
        return self.annotate(next_closing=Subquery(next_closing))

    def by_next_deadline(self, at=None):
        """The next to close first; schemes with no call ahead last, by name."""
        return self.with_next_closing(at).order_by(
            F("next_closing").asc(nulls_last=True), Collated("name"), "pk"
        )

    def by_name(self):
        """By name as the visitor reads it, in the order of the page's language."""
        return self.order_by(Collated("name"), "pk")

    def with_listing_relations(self, at=None, call_statuses=(), applicant=None):
        """Funder, levels, and the calls a card shows: those not yet closed, and the closed
        ones too when ``call_statuses`` asks for them. With an ``applicant`` (what the visitor
        asked, see ``funding.eligibility``), what the card needs to say why the scheme fits."""
        calls = Call.objects.all()
        if Call.Status.CLOSED not in call_statuses:
            calls = calls.not_closed(at)
        lookups = ["applicant_levels", models.Prefetch("calls", queryset=calls)]
        if applicant is not None:
            lookups.extend(applicant.lookups_for_reasons())
        return self.select_related("funder").prefetch_related(*lookups)


class FundingScheme(ExampleContent, Publishable):
    class ApplicantType(models.TextChoices):
        PERSON = "person", _("Individuals")
        ORGANISATION = "organisation", _("Organisations")
        EITHER = "either", _("Individuals or organisations")

    class Kind(models.TextChoices):
        INDIVIDUAL_MOBILITY = "individual-mobility", _("Individual mobility")
        TRAVEL_GRANT = "travel-grant", _("Travel grant")
        STUDENT_GROUP_PROJECT = "student-group-project", _("Student group project")
        VALORISATION = "valorisation", _("Valorisation of results")
        DOCTORAL_GRANT = "doctoral-grant", _("Doctoral grant")
        PROJECT_GRANT = "project-grant", _("Cooperation project grant")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    funder = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("funder"),
        on_delete=models.PROTECT,
        related_name="funding_schemes",
    )
    summary = models.TextField(_("summary"), max_length=600)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    applicant_levels = models.ManyToManyField(
        ApplicantLevel,
        verbose_name=_("applicant levels"),
        related_name="funding_schemes",
        blank=True,
    )
    open_to_all_nationalities = models.BooleanField(
        _("open to all nationalities"),
        default=False,
        help_text=_("Leave unticked and choose the countries below to restrict by nationality."),
    )
    eligible_nationalities = models.ManyToManyField(
        "taxonomy.Country",
        verbose_name=_("eligible nationalities"),
        related_name="funding_schemes",
        blank=True,
    )
    eligible_affiliations = models.ManyToManyField(
        Affiliation,
        verbose_name=_("eligible affiliations"),
        related_name="funding_schemes",
        blank=True,
        help_text=_(
            "Where applicants must work or study. Leave empty when applicants may come from "
            "anywhere."
        ),
    )
    applicant_type = models.CharField(
        _("who applies"),
        max_length=20,
        choices=ApplicantType.choices,
        default=ApplicantType.EITHER,
        db_index=True,
        help_text=_("Whether applications come from individuals, from organisations, or both."),
    )
    disciplines = models.ManyToManyField(
        "taxonomy.Discipline",
        verbose_name=_("disciplines"),
        related_name="funding_schemes",
        blank=True,
        help_text=_("Leave empty when every discipline may apply."),
    )
    sdgs = models.ManyToManyField(
        "taxonomy.SDG",
        verbose_name=_("Sustainable Development Goals"),
        related_name="funding_schemes",
        blank=True,
    )
    amount_min = models.DecimalField(
        _("minimum amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        _("maximum amount (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    duration = models.CharField(
        _("duration"), max_length=150, blank=True, help_text=_("E.g. 1 to 3 months.")
    )
    application_url = models.URLField(
        _("how to apply (link)"), blank=True, validators=[validate_safe_url]
    )
    no_call_note = models.CharField(
        _("when there is no call"),
        max_length=300,
        blank=True,
        help_text=_(
            "For a scheme without dated calls: how and when to apply (e.g. all year round, "
            "at least three months before departure)."
        ),
    )
    contact = models.ForeignKey(
        "partners.Person",
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        related_name="funding_schemes",
        null=True,
        blank=True,
    )

    objects = FundingSchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("funding scheme")
        default_permissions = PUBLISHABLE_PERMISSIONS
        verbose_name_plural = _("funding schemes")
        ordering = [Collated("name")]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True)
                | Q(amount_max__isnull=True)
                | Q(amount_min__lte=F("amount_max")),
                name="funding_scheme_amount_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=Q(amount_min__isnull=True) | Q(amount_min__gte=0),
                name="funding_scheme_amount_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def missing_for_publication(self) -> list[str]:
        has_calls = self.pk is not None and self.calls.exists()
        return lacking(
            (self.name_fr, _("a French name")),
            (self.summary_fr, _("a French summary")),
            (self.funder_id, _("a funder")),
            (
                has_calls or self.no_call_note,
                _("a call, or a note saying how to apply when there is none"),
            ),
        )

    def get_absolute_url(self) -> str:
        return address("funding:detail", slug=self.slug)

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is taken by the portal itself; choose another slug.")}
            )

    # Status and next call, computed from ``self.calls.all()``: prefetch the calls (all of
    # them, or only those not closed, as ``with_listing_relations`` does) before calling these.

    def statuses_at(self, at=None) -> set[str]:
        """The statuses of the scheme's calls at ``at``; closed for a scheme with no call.

        ``FundingSchemeQuerySet.with_status`` selects by the same rule in SQL.
        """
        at = at or timezone.now()
        return {call.status_at(at) for call in self.calls.all()} or {Call.Status.CLOSED}

    def status_at(self, at=None) -> str:
        """The scheme's own status, for its badge: open if a call is open, else upcoming if
        one opens later, else closed."""
        statuses = self.statuses_at(at)
        for status in (Call.Status.OPEN, Call.Status.UPCOMING):
            if status in statuses:
                return status
        return Call.Status.CLOSED

    def next_call_at(self, at=None):
        """The open call (else the upcoming one) that closes first, or None."""
        at = at or timezone.now()
        ahead = [call for call in self.calls.all() if call.status_at(at) != Call.Status.CLOSED]
        if not ahead:
            return None
        return min(
            ahead,
            key=lambda call: (call.status_at(at) != Call.Status.OPEN, call.closing_at(at).moment),
        )


@dataclass(frozen=True)
class Closing:
    """When a call closes for applicants, seen from a moment.

    ``moment`` is the internal deadline while it is ahead (applicants must reach the
    university's office by then), the deadline otherwise. ``days`` counts calendar days in
    Brussels from the moment it was seen: 0 means today, 1 tomorrow, whatever daylight saving
    does in between.
    """

    moment: datetime.datetime
    is_internal: bool
    days: int


class CallQuerySet(WordSearchQuerySet):
    """Calls relative to a moment (now by default): status is computed, never stored.

    A call is open from ``opens_at`` (included) until its ``deadline`` (excluded): at the very
    minute of the deadline it is closed.

    Searched by their title and their scheme's name (`WordSearchQuerySet`).
    """

    searched_fields = (
        tuple(get_translation_fields("title")),
        tuple(f"scheme__{field}" for field in get_translation_fields("name")),
    )
    title_fields = tuple(get_translation_fields("title"))

    def open(self, at=None):
        at = at or timezone.now()
        return self.filter(opens_at__lte=at, deadline__gt=at)

    def upcoming(self, at=None):
        return self.filter(opens_at__gt=at or timezone.now())

    def closed(self, at=None):
        return self.filter(deadline__lte=at or timezone.now())

    def not_closed(self, at=None):
        return self.filter(deadline__gt=at or timezone.now())

    def of_published_schemes(self):
        return self.filter(published("scheme"))

    def of_schemes(self, schemes):
        return self.filter(scheme__in=schemes)

    def newest_first(self):
        return self.order_by("-created_at", "-pk")

    def by_next_closing(self, at=None):
        """Soonest to close for applicants first: the internal deadline while it is ahead.

        Annotates ``closes_for_applicants``; the home page's "next deadlines" use it.
        """
        at = at or timezone.now()
        return self.annotate(closes_for_applicants=closes_for_applicants(at)).order_by(
            "closes_for_applicants", "pk"
        )


class Call(Timestamped):
    """A round of a funding scheme: it opens, and closes at its deadline (Brussels time)."""

    class Status(models.TextChoices):
        UPCOMING = "upcoming", _("Upcoming")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    scheme = models.ForeignKey(
        FundingScheme,
        verbose_name=_("funding scheme"),
        on_delete=models.CASCADE,
        related_name="calls",
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("E.g. 2027 call."))
    opens_at = models.DateTimeField(_("opens"))
    deadline = models.DateTimeField(_("deadline"))
    internal_deadline = models.DateTimeField(
        _("internal deadline"),
        null=True,
        blank=True,
        help_text=_(
            "The university's own, earlier deadline by which applications must reach its "
            "cooperation office."
        ),
    )
    url = models.URLField(_("call text (link)"), blank=True, validators=[validate_safe_url])

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["deadline"]
        indexes = [
            models.Index(fields=["opens_at"], name="funding_call_opens_idx"),
            models.Index(fields=["deadline"], name="funding_call_deadline_idx"),
            # The next call of each scheme (list order and cards) and the newest calls (feed).
            models.Index(fields=["scheme", "deadline"], name="funding_call_scheme_dl_idx"),
            models.Index(fields=["-created_at"], name="funding_call_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("opens_at")),
                name="funding_call_deadline_not_before_opening",
            ),
            models.CheckConstraint(
                condition=Q(internal_deadline__isnull=True)
                | (
                    Q(internal_deadline__lte=F("deadline"))
                    & Q(internal_deadline__gte=F("opens_at"))
                ),
                name="funding_call_internal_deadline_within_call",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheme.name} — {self.title}"

    def get_absolute_url(self) -> str:
        return self.scheme.get_absolute_url()

    def status_at(self, at=None) -> str:
        at = at or timezone.now()
        if at < self.opens_at:
            return self.Status.UPCOMING
        if at < self.deadline:
            return self.Status.OPEN
        return self.Status.CLOSED

    def closing_at(self, at=None) -> Closing | None:
        """When the call closes for applicants seen from ``at``; None once it is closed."""
        at = at or timezone.now()
        if self.deadline <= at:
            return None
        is_internal = self.internal_deadline is not None and self.internal_deadline > at
        moment = self.internal_deadline if is_internal else self.deadline
        days = (
            moment.astimezone(DEADLINE_TIME_ZONE).date() - at.astimezone(DEADLINE_TIME_ZONE).date()
        ).days
        return Closing(moment=moment, is_internal=is_internal, days=days)

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label
