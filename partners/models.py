"""Organisations the university works with (and its own cooperation structures), and contacts."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    Prefetch,
    Q,
    Value,
    When,
)
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
from taxonomy.models import Country

SEARCHED_FIELDS = [
    *get_translation_fields("name"),
    "acronym",
    "city",
    *get_translation_fields("tagline"),
]


class OrganisationQuerySet(WordSearchQuerySet, PublicationQuerySet):
    searched_fields = (tuple(SEARCHED_FIELDS),)
    title_fields = (*get_translation_fields("name"), "acronym")

    def search(self, text: str):
        """Organisations whose name (either language), acronym, city or one-line description
        contains `text`, ignoring case and accents."""
        text = fold(search_text(text))
        if not text:
            return self
        return self.filter(contains_word(text, SEARCHED_FIELDS))

    def count_per_country(self) -> dict[int, int]:
        """{country id: number of these organisations}: one grouped query."""
        rows = self.order_by().values("country_id").annotate(number=Count("pk"))
        return {row["country_id"]: row["number"] for row in rows if row["country_id"]}

    def with_listing_relations(self):
        """With its country, and its parent and successor only when they are published (a
        draft reads as None). Two queries more, whatever the number of rows."""
        return self.select_related("country").prefetch_related(
            published_organisations("parent"), published_organisations("merged_into")
        )

    def in_directory_order(self):
        """The university's current cooperation structures first, then its former ones (and
        the organisations that merged into a structure), then by region (in the order of
        ``Country.Region``), country and name; organisations without a country last."""
        region_rank = Case(
            *(
                When(country__region=region, then=Value(rank))
                for rank, region in enumerate(Country.Region.values)
            ),
            default=Value(len(Country.Region.values)),
            output_field=IntegerField(),
        )
        # The current structures first, then the former ones: a structure that merged into
        # another, or an organisation that merged into a structure (Eclosio into Ucoopia).
        structure_rank = Case(
            When(is_own_structure=True, merged_into__isnull=True, then=Value(0)),
            When(is_own_structure=True, then=Value(1)),
            When(Q(merged_into__is_own_structure=True) & published("merged_into"), then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        return self.alias(region_rank=region_rank, structure_rank=structure_rank).order_by(
            "structure_rank",
            "region_rank",
            Collated("country__name"),
            Collated("name"),
            "pk",
        )


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
    website = models.URLField(_("website"), blank=True, validators=[validate_safe_url])
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
        default_permissions = PUBLISHABLE_PERMISSIONS
        verbose_name_plural = _("organisations")
        ordering = [Collated("name")]
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

    def missing_for_publication(self) -> list[str]:
        return lacking((self.name_fr, _("a French name")), (self.country_id, _("a country")))

    def get_absolute_url(self) -> str:
        return address("partners:detail", slug=self.slug)

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    @property
    def is_former_structure(self) -> bool:
        """A cooperation structure that merged into another organisation, or an organisation
        that merged into one of the university's structures (Eclosio into Ucoopia). Reads
        ``merged_into`` (load it with ``with_listing_relations``)."""
        if not self.merged_into_id:
            return False
        successor = self.merged_into
        return self.is_own_structure or (successor is not None and successor.is_own_structure)

    def history(self) -> list["HistoryEntry"]:
        """Its timeline: founded, formed from (a merger), joined by, joined, merged into.

        Only published organisations appear. Runs three queries."""
        entries = []
        predecessors_by_date: dict[datetime.date | None, list[Organisation]] = {}
        for predecessor in self.formed_from.published().order_by("merged_on", Collated("name")):
            predecessors_by_date.setdefault(predecessor.merged_on, []).append(predecessor)
        for date, predecessors in predecessors_by_date.items():
            entries.append(HistoryEntry(HistoryEntry.Kind.FORMED_FROM, date, tuple(predecessors)))
        if self.founded_on and self.founded_on not in predecessors_by_date:
            # Founded by a merger on that day: the merger says it already.
            entries.append(HistoryEntry(HistoryEntry.Kind.FOUNDED, self.founded_on))
        for membership in self.memberships.filter(published("member")).select_related("member"):
            entries.append(
                HistoryEntry(
                    HistoryEntry.Kind.JOINED_BY, membership.joined_on, (membership.member,)
                )
            )
        for membership in self.member_of.filter(published("organisation")).select_related(
            "organisation"
        ):
            entries.append(
                HistoryEntry(
                    HistoryEntry.Kind.JOINED, membership.joined_on, (membership.organisation,)
                )
            )
        # Loaded with `published_organisations("merged_into")`, a draft successor is None.
        successor = self.merged_into if self.merged_into_id else None
        if successor and successor.is_published:
            entries.append(
                HistoryEntry(HistoryEntry.Kind.MERGED_INTO, self.merged_on, (successor,))
            )
        return sorted(entries, key=HistoryEntry.sort_key)


def published_organisations(lookup: str) -> Prefetch:
    """Load the organisations at `lookup` (a relation to Organisation from the queryset's rows:
    "parent", "organiser", "funder", "organisation__merged_into"...) only when they are
    published: a draft reads as None, or is left out of a many-valued relation, so no page can
    show it, whatever its template does. One query for all the rows."""
    return Prefetch(lookup, queryset=Organisation.objects.published().order_by())


@dataclass(frozen=True)
class HistoryEntry:
    """One line of an organisation's timeline."""

    class Kind(models.IntegerChoices):
        # The order of events on a same date.
        FOUNDED = 1
        FORMED_FROM = 2
        JOINED_BY = 3
        JOINED = 4
        MERGED_INTO = 5

    kind: Kind
    date: datetime.date | None
    organisations: tuple[Organisation, ...] = ()

    def sort_key(self) -> tuple:
        # Undated entries last; on a same date (or none), in the order of the kinds.
        return (self.date is None, self.date or datetime.date.min, self.kind)

    @property
    def kind_name(self) -> str:
        """For templates: ``founded``, ``formed_from``, ``joined_by``, ``merged_into``..."""
        return self.kind.name.lower()


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
        ordering = ["joined_on", Collated("member__name")]
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
    def public(self):
        """The contacts the public may see: those of no organisation or of a published one (a
        draft organisation's contacts are drafts too)."""
        return self.filter(Q(organisation__isnull=True) | published("organisation"))

    def live(self):
        """Leaves out the contacts of an organisation that merged into another: they are not
        to be used any more, its successor's are."""
        return self.filter(Q(organisation__isnull=True) | Q(organisation__merged_into__isnull=True))

    def reaching(self, organisation: Organisation):
        """Whom the public contacts about `organisation`: its contacts, or once it has merged
        into another organisation, the contacts of that successor (none while it is a draft)."""
        return (
            self.public()
            .live()
            .filter(organisation_id=organisation.merged_into_id or organisation.pk)
        )

    def in_footer(self):
        return self.filter(show_in_footer=True)

    def with_organisation(self):
        """With its organisation, and the successor that organisation may have merged into
        when that successor is published (None otherwise)."""
        return self.select_related("organisation").prefetch_related(
            published_organisations("organisation__merged_into")
        )


class Person(ExampleContent, Timestamped):
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
        indexes = [
            # The footer of every page asks for these.
            models.Index(fields=["show_in_footer", "position"], name="partners_person_footer_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.role}" if self.name else self.role
