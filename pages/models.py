"""The office's own pages: what cooperation means at the university, how to take part, the
accessibility statement and the privacy notice. Officers edit their text (Markdown) in both
languages in the admin; the four pages are created with their first text by a migration
(`pages/migrations/0003_office_pages.py`) and are never added or deleted."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from cooperation_portal.publication import Timestamped
from cooperation_portal.text_search import WordSearchQuerySet
from partners.models import Person


class OfficePageQuerySet(WordSearchQuerySet):
    #: Searched by its title, summary and text (`WordSearchQuerySet`).
    searched_fields = (
        (
            *get_translation_fields("title"),
            *get_translation_fields("summary"),
            *get_translation_fields("body"),
        ),
    )
    title_fields = tuple(get_translation_fields("title"))


class OfficePage(Timestamped):
    """One of the office's pages, known by its `key`. Always public: the footer of every page
    links to the four of them, so none may be a draft; every change is a version (history)."""

    class Key(models.TextChoices):
        ABOUT = "about", _("About cooperation")
        GET_INVOLVED = "get-involved", _("Get involved")
        ACCESSIBILITY = "accessibility", _("Accessibility statement")
        PRIVACY = "privacy", _("Privacy and legal notice")

    key = models.CharField(_("page"), max_length=20, choices=Key.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(
        _("summary"),
        max_length=300,
        blank=True,
        help_text=_("One or two sentences, shown under the title and by search engines."),
    )
    body = models.TextField(
        _("text"),
        help_text=_(
            "Markdown: a line starting with # is a heading (under the page's title), "
            "one starting with - a list item; [words](address) is a link."
        ),
    )
    contact = models.ForeignKey(
        Person,
        verbose_name=_("responsible contact"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("Without one, the page points to the office's contacts page."),
    )

    objects = OfficePageQuerySet.as_manager()

    class Meta:
        verbose_name = _("office page")
        verbose_name_plural = _("office pages")
        ordering = ["key"]

    def __str__(self) -> str:
        return self.title or self.get_key_display()

    def get_absolute_url(self) -> str:
        return reverse(URL_NAMES[self.key])


#: The URL name of each page (pages/urls.py), by key.
URL_NAMES = {
    OfficePage.Key.ABOUT: "about",
    OfficePage.Key.GET_INVOLVED: "get_involved",
    OfficePage.Key.ACCESSIBILITY: "accessibility",
    OfficePage.Key.PRIVACY: "privacy",
}
