"""Funding schemes, who may apply to them, and their calls (rounds with deadlines)."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cooperation_portal.publication import PublicationQuerySet, Publishable, Timestamped


class ApplicantLevel(models.Model):
    """Who may apply: a fixed vocabulary, kept as rows so schemes can be filtered by level."""

    class Code(models.TextChoices):
        BACHELOR = "bachelor", _("Bachelor's student")
        MASTER = "master", _("Master's student")
        DOCTORAL = "doctoral", _("Doctoral researcher")
        POSTDOCTORAL = "postdoctoral", _("Postdoctoral researcher")
        ACADEMIC_STAFF = "academic-staff", _("Academic staff")
        ADMINISTRATIVE_STAFF = "administrative-staff", _("Administrative staff")

    code = models.CharField(_("code"), max_length=30, choices=Code.choices, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("applicant level")
        verbose_name_plural = _("applicant levels")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return str(self.get_code_display())

    @property
    def slug(self) -> str:
        return self.code


class FundingSchemeQuerySet(PublicationQuerySet):
    def open_to_nationals_of(self, code: str):
        return self.filter(
            Q(open_to_all_nationalities=True) | Q(eligible_nationalities__code=code.upper())
        ).distinct()

    def for_level(self, code: str):
        return self.filter(applicant_levels__code=code)

    def with_listing_relations(self):
        return self.select_related("funder").prefetch_related("applicant_levels")


class FundingScheme(Publishable):
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
    application_url = models.URLField(_("how to apply (link)"), blank=True)
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
        verbose_name_plural = _("funding schemes")
        ordering = ["name"]
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

    def get_absolute_url(self) -> str:
        return reverse("funding:detail", kwargs={"slug": self.slug})


class CallQuerySet(models.QuerySet):
    """Calls relative to a moment (now by default): status is computed, never stored."""

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
        return self.filter(scheme__publication_status=Publishable.PublicationStatus.PUBLISHED)


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
    url = models.URLField(_("call text (link)"), blank=True)

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["deadline"]
        indexes = [
            models.Index(fields=["opens_at"], name="funding_call_opens_idx"),
            models.Index(fields=["deadline"], name="funding_call_deadline_idx"),
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

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label
