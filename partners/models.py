"""Organisations the university works with (and its own cooperation structures), and contacts."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cooperation_portal.publication import PublicationQuerySet, Publishable, Timestamped


class OrganisationQuerySet(PublicationQuerySet):
    def own_structures(self):
        """The university's own cooperation structures (ULB-Coopération, CODEPO, ...)."""
        return self.filter(is_own_structure=True)

    def in_country(self, code: str):
        return self.filter(country__code=code.upper())

    def in_region(self, region: str):
        return self.filter(country__region=region)

    def with_listing_relations(self):
        return self.select_related("country", "merged_into")


class Organisation(Publishable):
    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("University")
        FACULTY = "faculty", _("Faculty or school")
        NGO = "ngo", _("NGO")
        COOPERATION_UNIT = "cooperation-unit", _("Cooperation unit")
        FUND = "fund", _("Fund")
        PUBLIC_FUNDER = "public-funder", _("Public funder")
        RESEARCH_CENTRE = "research-centre", _("Research centre")
        HOSPITAL = "hospital", _("Hospital")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, db_index=True)
    is_own_structure = models.BooleanField(
        _("cooperation structure of the university"),
        default=False,
        db_index=True,
        help_text=_("Tick for the university's own cooperation structures."),
    )
    tagline = models.CharField(
        _("one-line description"),
        max_length=250,
        blank=True,
        help_text=_("What it does and for whom, in one line."),
    )
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    country = models.ForeignKey(
        "taxonomy.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        related_name="units",
        null=True,
        blank=True,
        help_text=_("E.g. CODEPO belongs to the École polytechnique de Bruxelles."),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        on_delete=models.PROTECT,
        related_name="formed_from",
        null=True,
        blank=True,
        help_text=_("The successor this organisation is now part of."),
    )
    merged_on = models.DateField(_("merged on"), null=True, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="partners_organisation_not_merged_into_self"
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")), name="partners_organisation_not_own_parent"
            ),
            models.CheckConstraint(
                condition=Q(merged_on__isnull=True) | Q(merged_into__isnull=False),
                name="partners_organisation_merge_date_needs_successor",
            ),
        ]

    def __str__(self) -> str:
        if self.acronym and self.acronym != self.name:
            return f"{self.name} ({self.acronym})"
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:detail", kwargs={"slug": self.slug})

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class Membership(Timestamped):
    """An organisation that joined another one (UMONS joined Ucoopia)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    member = models.ForeignKey(
        Organisation,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="member_of",
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["joined_on", "member__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "member"], name="partners_membership_unique"
            ),
            models.CheckConstraint(
                condition=~Q(organisation=F("member")), name="partners_membership_not_self"
            ),
        ]

    def __str__(self) -> str:
        return _("%(member)s joined %(organisation)s") % {
            "member": self.member.short_name,
            "organisation": self.organisation.short_name,
        }


class PersonQuerySet(models.QuerySet):
    def in_footer(self):
        return self.filter(show_in_footer=True)


class Person(Timestamped):
    """A contact, known first by the role: the demo data names roles, never invented people."""

    name = models.CharField(_("name"), max_length=150, blank=True)
    role = models.CharField(
        _("role"),
        max_length=200,
        help_text=_("E.g. Cooperation officer; International partnerships officer — Africa."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="contacts",
        null=True,
        blank=True,
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    show_in_footer = models.BooleanField(_("show in the footer"), default=False)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["position", "role", "name"]

    def __str__(self) -> str:
        return f"{self.name} — {self.role}" if self.name else self.role
