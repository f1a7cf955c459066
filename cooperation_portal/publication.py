"""Draft/published state shared by every public model.

Foundation layer: imports no app of ours, so every app may build on it.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def published(relation: str = "") -> Q:
    """The rows whose `relation` ("organisation", "participations__project"...) is published, or
    which are themselves published (no `relation`): the one way to say it in a query."""
    prefix = f"{relation}__" if relation else ""
    return Q(**{f"{prefix}publication_status": Publishable.PublicationStatus.PUBLISHED})


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """What the public may see."""
        return self.filter(published())


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    class Meta:
        abstract = True


class Publishable(Timestamped):
    """A model whose rows are drafts until a cooperation officer publishes them."""

    class PublicationStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    publication_status = models.CharField(
        _("publication"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
        help_text=_("Only published content is shown to the public."),
    )

    class Meta:
        abstract = True

    @property
    def is_published(self) -> bool:
        return self.publication_status == self.PublicationStatus.PUBLISHED
