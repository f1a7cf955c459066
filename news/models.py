"""News of the office and its partners: what happened, with links to what it is about."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from cooperation_portal.addresses import address
from cooperation_portal.publication import (
    PUBLISHABLE_PERMISSIONS,
    ExampleContent,
    PublicationQuerySet,
    Publishable,
    lacking,
)
from cooperation_portal.text_search import WordSearchQuerySet
from events.models import Event
from partners.models import Organisation
from projects.models import Project

from . import photos

#: Slugs the news' URLs use for pages of their own (/news/feed/).
RESERVED_SLUGS = frozenset({"feed"})
#: How many news items a page about something else (home, a project...) shows: the latest.
LATEST_SHOWN = 3


def photo_path(item: "NewsItem", filename: str) -> str:
    return f"news/{filename}"


class NewsItemQuerySet(WordSearchQuerySet, PublicationQuerySet):
    #: Searched by its title, summary and text (`WordSearchQuerySet`).
    searched_fields = (
        (
            *get_translation_fields("title"),
            *get_translation_fields("summary"),
            *get_translation_fields("body"),
        ),
    )
    title_fields = tuple(get_translation_fields("title"))

    def latest_first(self):
        return self.order_by("-published_on", "-pk")

    def in_year(self, year: int):
        return self.filter(published_on__year=year)

    def about_country(self, country):
        return self.filter(countries=country)

    def about_sdg(self, sdg):
        return self.filter(sdgs=sdg)

    def about_project(self, project):
        return self.filter(projects=project)

    def about_organisation(self, organisation):
        return self.filter(organisations=organisation)

    def newest(self, count: int = LATEST_SHOWN):
        """The newest `count` items, for a block on another page (one query, no relation)."""
        return self.latest_first()[:count]

    def with_page_relations(self):
        """Everything an item's page links to, published only."""
        return self.prefetch_related(
            "countries",
            "sdgs",
            Prefetch(
                "projects",
                queryset=Project.objects.published().order_by("title"),
                to_attr="published_projects",
            ),
            Prefetch(
                "organisations",
                queryset=Organisation.objects.published().order_by("name"),
                to_attr="published_organisations",
            ),
            Prefetch(
                "events",
                queryset=Event.objects.published().order_by("-starts_at"),
                to_attr="published_events",
            ),
        )


class NewsItem(ExampleContent, Publishable):
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    published_on = models.DateField(
        _("date"), help_text=_("The date the news is dated, shown with it; newest first.")
    )
    summary = models.TextField(
        _("summary"), max_length=500, help_text=_("One or two sentences, shown in lists.")
    )
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown: a line starting with # is a heading (under the page's title), "
            "one starting with - a list item; [words](address) is a link."
        ),
    )
    photo = models.ImageField(
        _("photo"),
        upload_to=photo_path,
        blank=True,
        validators=[photos.validate_photo],
        width_field="photo_width",
        height_field="photo_height",
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Smaller copies are made for the pages."),
    )
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        _("alternative text"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. Required with a photo."),
    )
    photo_credit = models.CharField(
        _("photo credit"), max_length=200, blank=True, help_text=_("e.g. © Ucoopia")
    )
    #: The copies of the photo made on save (`news.photos.make_renditions`); derived, so
    #: neither edited nor kept in the history.
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    projects = models.ManyToManyField(
        "projects.Project", verbose_name=_("projects"), related_name="news_items", blank=True
    )
    organisations = models.ManyToManyField(
        "partners.Organisation",
        verbose_name=_("partners"),
        related_name="news_items",
        blank=True,
    )
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), related_name="news_items", blank=True
    )
    countries = models.ManyToManyField(
        "taxonomy.Country", verbose_name=_("countries"), related_name="news_items", blank=True
    )
    sdgs = models.ManyToManyField(
        "taxonomy.SDG",
        verbose_name=_("Sustainable Development Goals"),
        related_name="news_items",
        blank=True,
    )

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news")
        default_permissions = PUBLISHABLE_PERMISSIONS
        ordering = ["-published_on", "-pk"]
        indexes = [
            # The public list and the latest-three blocks: published items, newest first.
            models.Index(
                fields=["publication_status", "-published_on"], name="news_published_date_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return address("news:detail", slug=self.slug)

    def missing_for_publication(self) -> list[str]:
        return lacking(
            (self.title_fr, _("a French title")),
            (self.summary_fr, _("a French summary")),
            (self.published_on, _("a date")),
        )

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This address is used by another page: choose another slug.")
        if self.photo and not (self.photo_alt_fr or self.photo_alt_en):
            errors["photo_alt_fr"] = _(
                "Describe the photo for people who cannot see it: alternative text is "
                "required with a photo."
            )
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.photo and not self.photo._committed:
            # Stored now rather than by Model.save, so that its copies can be made from it.
            self.photo.save(self.photo.name, self.photo.file, save=False)
        before = self.photo_renditions
        if not self.photo:
            self.photo_renditions = {}
        elif self.photo_renditions.get("source") != self.photo.name or not (
            photos.renditions_exist(self.photo, self.photo_renditions)
        ):
            # A new photo, or copies gone missing (a version restored, media not restored).
            self.photo_renditions = photos.make_renditions(self.photo)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.photo_renditions != before:
            kwargs["update_fields"] = {*update_fields, "photo_renditions"}
        super().save(*args, **kwargs)

    # -- The photo, as pages draw it ----------------------------------------------------------

    @property
    def photo_sizes(self) -> list[dict]:
        """The copies of the current photo, narrowest first, each with its `url`; none when
        they were made for another photo (a version restored without its copies)."""
        renditions = self.photo_renditions or {}
        if not self.photo or renditions.get("source") != self.photo.name:
            return []
        storage = self.photo.storage
        return [{**size, "url": storage.url(size["name"])} for size in renditions["sizes"]]

    @property
    def photo_srcset(self) -> str:
        return ", ".join(f"{size['url']} {size['width']}w" for size in self.photo_sizes)

    @property
    def photo_default(self) -> dict | None:
        """The copy a page's `src` names (`photos.DEFAULT_WIDTH`, or the widest narrower)."""
        sizes = self.photo_sizes
        if not sizes:
            if not self.photo:
                return None
            return {
                "url": self.photo.url,
                "width": self.photo_width,
                "height": self.photo_height,
            }
        fitting = [size for size in sizes if size["width"] <= photos.DEFAULT_WIDTH]
        return fitting[-1] if fitting else sizes[0]

    @property
    def photo_smallest(self) -> dict | None:
        sizes = self.photo_sizes
        return sizes[0] if sizes else self.photo_default
