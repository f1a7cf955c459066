"""Cooperation projects and the organisations that take part in them."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, get_translation_fields
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import TagBase, TaggedItemBase

from cooperation_portal.addresses import address
from cooperation_portal.collation import Collated
from cooperation_portal.publication import (
    PUBLISHABLE_PERMISSIONS,
    ExampleContent,
    PublicationQuerySet,
    Publishable,
    lacking,
    published,
)
from cooperation_portal.safe_urls import validate_safe_url
from cooperation_portal.text_search import WordSearchQuerySet
from taxonomy.models import Country

from . import search as project_search


def status_condition(status: str, on: datetime.date | None = None) -> Q:
    """The projects that are `status` ("planned", "ongoing", "completed") on the day `on`."""
    on = on or timezone.localdate()
    return {
        "planned": Q(start_date__gt=on),
        "ongoing": Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on)),
        "completed": Q(end_date__lt=on),
    }[status]


def partner_co_leadership() -> Q:
    """The one rule, on participations, of "co-led by a partner in the South": a lead or
    co-lead organisation that is published, is not one of the university's own structures,
    and is based outside Europe. The home figure, the figures pages, the project page's notice
    and its "partner in the South" tags all read it (`ProjectQuerySet.co_led_by_partner`,
    `ParticipationQuerySet.with_partner_co_leadership`)."""
    return (
        published("organisation")
        & Q(
            role__in=[Participation.Role.LEAD, Participation.Role.CO_LEAD],
            organisation__is_own_structure=False,
            organisation__country__isnull=False,
        )
        & ~Q(organisation__country__region=Country.Region.EUROPE)
    )


@dataclass
class RoleGroup:
    """The projects an organisation takes part in with one role."""

    role: str
    label: str
    participations: list = field(default_factory=list)
    total: int = 0

    @property
    def is_truncated(self) -> bool:
        return self.total > len(self.participations)


class ParticipationQuerySet(models.QuerySet):
    def by_role_of(self, organisation, per_role: int = 10) -> list[RoleGroup]:
        """The published projects of `organisation` grouped by role, in the order of the
        roles' choices (lead, co-lead, partner, funder): the most recent `per_role` of each,
        with each role's total. One query, whatever the number of projects: a window numbers
        the rows within each role."""
        by_recency = [F("project__start_date").desc(), F("project__pk").desc()]
        rows = (
            self.filter(published("project"), organisation=organisation)
            .select_related("project")
            .annotate(
                rank_in_role=Window(RowNumber(), partition_by=[F("role")], order_by=by_recency),
                role_total=Window(Count("pk"), partition_by=[F("role")]),
            )
            .filter(rank_in_role__lte=per_role)
            .order_by("role", "rank_in_role")
        )
        groups = {
            role: RoleGroup(role=role, label=label) for role, label in Participation.Role.choices
        }
        for participation in rows:
            group = groups[participation.role]
            group.participations.append(participation)
            group.total = participation.role_total
        return [group for group in groups.values() if group.participations]

    def with_partner_co_leadership(self):
        """Annotate `is_partner_co_leadership` (see `partner_co_leadership`)."""
        return self.annotate(
            is_partner_co_leadership=Case(
                When(partner_co_leadership(), then=Value(True)),
                default=Value(False),
                output_field=models.BooleanField(),
            )
        )


class ProjectQuerySet(WordSearchQuerySet, PublicationQuerySet):
    #: Typos are looked for in the titles (`with_words_or_typos`); the words themselves in the
    #: stored search document (`search`).
    title_fields = tuple(get_translation_fields("title"))

    def planned(self, on: datetime.date | None = None):
        return self.filter(status_condition(Project.Status.PLANNED, on))

    def ongoing(self, on: datetime.date | None = None):
        return self.filter(status_condition(Project.Status.ONGOING, on))

    def started(self, on: datetime.date | None = None):
        """Ongoing or completed."""
        return self.filter(start_date__lte=on or timezone.localdate())

    def completed(self, on: datetime.date | None = None):
        return self.filter(status_condition(Project.Status.COMPLETED, on))

    def in_country(self, code: str):
        return self.filter(countries__code=code.upper())

    def aligned_with(self, sdg_number: int):
        return self.filter(sdgs__number=sdg_number)

    def co_led_by_partner(self):
        """Projects co-led by a partner institution in the South (`partner_co_leadership`)."""
        return self.filter(
            Exists(Participation.objects.filter(partner_co_leadership(), project=OuterRef("pk")))
        )

    def for_cards(self):
        """Only the columns a project card shows (not the long texts and search documents,
        half the time of reading a page of projects); its countries and SDGs come from the
        facet index (`projects.templatetags.project_cards`), with no query."""
        return self.only(*CARD_FIELDS)

    def related_to(self, project: "Project", limit: int) -> list["Project"]:
        """Up to `limit` other projects: the latest sharing a country with `project`, then the
        latest sharing an SDG. Each part is a walk down the projects by start date that stops
        after `limit` matches, not a sort of every project that shares something."""
        others = self.exclude(pk=project.pk).order_by("-start_date", "pk")
        sharing_country = others.filter(
            Exists(
                ProjectCountry.objects.filter(
                    project=OuterRef("pk"),
                    country__in=ProjectCountry.objects.filter(project=project).values("country"),
                )
            )
        )
        sharing_sdg = others.filter(
            Exists(
                ProjectSDG.objects.filter(
                    project=OuterRef("pk"),
                    sdg__in=ProjectSDG.objects.filter(project=project).values("sdg"),
                )
            )
        )
        chosen = list(sharing_country.values_list("pk", flat=True)[:limit])
        if len(chosen) < limit:
            more = sharing_sdg.exclude(pk__in=chosen).values_list("pk", flat=True)
            chosen += more[: limit - len(chosen)]
        found = self.filter(pk__in=chosen).in_bulk()
        return [found[pk] for pk in chosen]

    def search(self, text: str):
        """Projects that match every word of `text`, in either language, ignoring case and
        accents ("sante" finds "Santé"), in their own texts or in their keywords, partners
        (name, acronym, city) and countries; annotated with `rank`, higher for more relevant
        projects on PostgreSQL (0 elsewhere). See `projects.search`."""
        return project_search.search(self, text)

    def with_words_or_typos(self, words: list[str]):
        """Projects matching every word or a typo of it (see `projects.search.close_to`),
        annotated with `rank`."""
        return project_search.close_to(self, words)

    def refresh_search(self) -> int:
        """Recompute the stored search columns of these projects (after bulk writes, which
        send no signal); returns how many projects were refreshed."""
        return project_search.refresh(self)


#: The columns of a project that its card shows (see `ProjectQuerySet.for_cards`).
CARD_FIELDS = ("slug", "title", "acronym", "summary", "start_date", "end_date", "is_example")


class KeywordManager(_TaggableManager):
    """`project.keywords.add("midwifery")`: a keyword given by name is found by its name in
    either language, and a new one is named in the current language. (django-taggit alone
    would look in the current language's column only, then fail to create a second keyword of
    the same name.)"""

    def _to_tag_model_instances(self, tags, tag_kwargs):
        names = {tag for tag in tags if isinstance(tag, str)}
        found = {}
        if names:
            either_language = Q()
            for field in get_translation_fields("name"):
                either_language |= Q(**{f"{field}__in": names})
            for keyword in Keyword.objects.filter(either_language):
                for field in get_translation_fields("name"):
                    found.setdefault(getattr(keyword, field), keyword)
        language = (get_language() or settings.LANGUAGE_CODE)[:2]
        keywords = []
        for tag in tags:
            if isinstance(tag, str) and tag not in found:
                found[tag] = Keyword.objects.create(
                    name=tag, **{build_localized_fieldname("name", language): tag}
                )
            keywords.append(found[tag] if isinstance(tag, str) else tag)
        return super()._to_tag_model_instances(keywords, tag_kwargs)


class Project(ExampleContent, Publishable):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")

    title = models.CharField(_("title"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    summary = models.TextField(_("summary"), max_length=800)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    disciplines = models.ManyToManyField(
        "taxonomy.Discipline",
        verbose_name=_("disciplines"),
        through="ProjectDiscipline",
        related_name="projects",
    )
    countries = models.ManyToManyField(
        "taxonomy.Country",
        verbose_name=_("countries"),
        through="ProjectCountry",
        related_name="projects",
    )
    sdgs = models.ManyToManyField(
        "taxonomy.SDG",
        verbose_name=_("Sustainable Development Goals"),
        through="ProjectSDG",
        related_name="projects",
    )
    funding_schemes = models.ManyToManyField(
        "funding.FundingScheme",
        verbose_name=_("funding schemes"),
        through="ProjectFunding",
        related_name="projects",
        blank=True,
    )
    organisations = models.ManyToManyField(
        "partners.Organisation",
        verbose_name=_("organisations"),
        through="Participation",
        related_name="projects",
        blank=True,
    )
    keywords = TaggableManager(
        _("keywords"), through="TaggedKeyword", manager=KeywordManager, blank=True
    )
    budget = models.DecimalField(
        _("budget (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True, validators=[validate_safe_url])
    contact = models.ForeignKey(
        "partners.Person",
        verbose_name=_("contact"),
        on_delete=models.SET_NULL,
        related_name="projects",
        null=True,
        blank=True,
    )

    # Stored for search (see projects.search), never edited by hand.
    search_names = models.TextField(
        _("names searched"),
        editable=False,
        blank=True,
        default="",
        help_text=_("Its partners, countries and keywords, as a search reads them."),
    )
    search_document = SearchVectorField(_("search document"), null=True, editable=False)
    search_titles = SearchVectorField(_("titles searched"), null=True, editable=False)

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        default_permissions = PUBLISHABLE_PERMISSIONS
        verbose_name_plural = _("projects")
        ordering = ["-start_date", "title"]
        indexes = [
            models.Index(fields=["start_date"], name="projects_project_start_idx"),
            models.Index(fields=["end_date"], name="projects_project_end_idx"),
            # The published projects by date, and what the facet counts read of each (start,
            # end, id) without visiting the table: an index-only scan, not a scan of wide rows.
            models.Index(
                fields=["publication_status", "start_date", "end_date", "id"],
                name="projects_published_dates_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="projects_project_end_not_before_start",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="projects_project_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def missing_for_publication(self) -> list[str]:
        linked = self.pk is not None
        roles = set(self.participations.values_list("role", flat=True)) if linked else set()
        return lacking(
            (self.title_fr, _("a French title")),
            (self.summary_fr, _("a French summary")),
            (self.start_date, _("a start date")),
            (self.end_date, _("an end date")),
            (linked and self.countries.exists(), _("a country")),
            (linked and self.sdgs.exists(), _("an SDG")),
            (linked and self.disciplines.exists(), _("a discipline")),
            (Participation.Role.LEAD in roles, _("a lead partner")),
            (Participation.Role.CO_LEAD in roles, _("a co-lead partner")),
            (self.contact_id, _("a contact")),
        )

    def get_absolute_url(self) -> str:
        return address("projects:detail", slug=self.slug)

    def status_on(self, on: datetime.date | None = None) -> str:
        on = on or timezone.localdate()
        if self.start_date > on:
            return self.Status.PLANNED
        if self.end_date is not None and self.end_date < on:
            return self.Status.COMPLETED
        return self.Status.ONGOING

    @property
    def status(self) -> str:
        return self.status_on()

    @property
    def status_label(self) -> str:
        return self.Status(self.status).label


class Participation(models.Model):
    """An organisation's role on a project; co-leadership by a partner makes partnership visible."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        CO_LEAD = "co-lead", _("Co-lead")
        PARTNER = "partner", _("Partner")
        FUNDER = "funder", _("Funder")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        "partners.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, db_index=True)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["project", "role", "organisation"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="projects_participation_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} — {self.get_role_display()}"

    @classmethod
    def group_by_role(cls, participations) -> list[tuple[str, list["Participation"]]]:
        """[(role label, participations)] in the order lead, co-lead, partner, funder."""
        return [
            (label, [p for p in participations if p.role == role])
            for role, label in cls.Role.choices
            if any(p.role == role for p in participations)
        ]


# Explicit links so that deleting a vocabulary term or a scheme that projects still use is
# refused (PROTECT) instead of silently removing it from those projects.


class ProjectDiscipline(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    discipline = models.ForeignKey(
        "taxonomy.Discipline", verbose_name=_("discipline"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "discipline"], name="projects_discipline_unique"
            ),
        ]

    def __str__(self) -> str:
        return str(self.discipline)


class ProjectCountry(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    country = models.ForeignKey(
        "taxonomy.Country", verbose_name=_("country"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        constraints = [
            models.UniqueConstraint(fields=["project", "country"], name="projects_country_unique"),
        ]

    def __str__(self) -> str:
        return str(self.country)


class ProjectSDG(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    sdg = models.ForeignKey(
        "taxonomy.SDG", verbose_name=_("Sustainable Development Goal"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        constraints = [
            models.UniqueConstraint(fields=["project", "sdg"], name="projects_sdg_unique"),
        ]

    def __str__(self) -> str:
        return str(self.sdg)


class ProjectFunding(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    scheme = models.ForeignKey(
        "funding.FundingScheme", verbose_name=_("funding scheme"), on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("funding scheme")
        verbose_name_plural = _("funding schemes")
        constraints = [
            models.UniqueConstraint(fields=["project", "scheme"], name="projects_funding_unique"),
        ]

    def __str__(self) -> str:
        return str(self.scheme)


class Keyword(TagBase):
    """A keyword of projects (django-taggit), named in both languages: `name_fr` and `name_en`
    (django-modeltranslation), so that French pages read French keywords. Its slug, the `tag`
    parameter of the projects list, is the same in both languages."""

    # Its natural key (`dumpdata --natural-foreign`) is the slug: django-taggit's, the name,
    # reads and looks up the name in the current language only.
    natural_key_fields = ["slug"]

    class Meta:
        verbose_name = _("keyword")
        verbose_name_plural = _("keywords")
        ordering = [Collated("name")]


class TaggedKeywordManager(models.Manager):
    def get_by_natural_key(self, keyword_slug: str, project_id: int) -> "TaggedKeyword":
        return self.get(tag__slug=keyword_slug, content_object_id=project_id)


class TaggedKeyword(TaggedItemBase):
    """A project's keyword: the link table the keyword filter and its facet read."""

    content_object = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="keyword_links"
    )
    tag = models.ForeignKey(Keyword, on_delete=models.CASCADE, related_name="project_links")

    # django-taggit makes every link a natural-key model without saying what its key is, so a
    # link dumped with `--natural-primary` could not be loaded again: it is its keyword and its
    # project (which has no natural key, so keeps its primary key in a dump).
    objects = TaggedKeywordManager()

    def natural_key(self) -> tuple:
        return (*self.tag.natural_key(), self.content_object_id)

    natural_key.dependencies = ["projects.keyword", "projects.project"]

    class Meta:
        verbose_name = _("project keyword")
        verbose_name_plural = _("project keywords")
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="projects_keyword_once_per_project"
            )
        ]
        # The facet counts projects per keyword: (tag, project) answers from the index alone.
        indexes = [
            models.Index(fields=["tag", "content_object"], name="projects_keyword_projects_idx")
        ]
