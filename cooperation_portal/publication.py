"""Draft/published state shared by every public model.

Foundation layer: imports no app of ours, so every app may build on it.
"""

import datetime

from django.contrib.auth import get_permission_codename
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The permissions of a publishable model: Django's four, and `publish` (publish, move back to
#: draft, change or delete what the public sees), which only cooperation officers hold.
PUBLISHABLE_PERMISSIONS = ("add", "change", "delete", "view", "publish")

#: Content not changed for this long is flagged "update due" in the admin.
UPDATE_DUE_AFTER = datetime.timedelta(days=365)


def published(relation: str = "") -> Q:
    """The rows whose `relation` ("organisation", "participations__project"...) is published, or
    which are themselves published (no `relation`): the one way to say it in a query."""
    prefix = f"{relation}__" if relation else ""
    return Q(**{f"{prefix}publication_status": Publishable.PublicationStatus.PUBLISHED})


def lacking(*items: tuple[object, str]) -> list[str]:
    """The labels of the checklist items (present, label) that are not present, in order."""
    return [label for present, label in items if not present]


def may_preview(user, model) -> bool:
    """Whether `user` sees `model`'s drafts at their public address: signed-in staff who may
    view them in the admin."""
    opts = model._meta
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")
    )


def may_publish(user, model) -> bool:
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('publish', opts)}")


def update_due_before(now=None) -> datetime.datetime:
    """Content last changed before this moment is due for an update."""
    return (now or timezone.now()) - UPDATE_DUE_AFTER


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """What the public may see."""
        return self.filter(published())

    def visible_to(self, user):
        """What `user` may see at its public address: the published rows, and the drafts too
        for staff who may view them (a preview, shown with a "Draft" banner)."""
        return self.all() if may_preview(user, self.model) else self.published()

    def update_due(self, now=None):
        """Not changed for twelve months (`UPDATE_DUE_AFTER`)."""
        return self.filter(updated_at__lt=update_due_before(now))


class Timestamped(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last modified"), auto_now=True)

    class Meta:
        abstract = True


class ExampleContent(models.Model):
    """Content that may be invented for the demonstration: it says so wherever it appears (the
    `example_tag` of `portal` on cards and in lists, a notice on its own page)."""

    is_example = models.BooleanField(
        _("example"),
        default=False,
        help_text=_("Demonstration content, shown with a notice that it is an example."),
    )

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

    @property
    def is_update_due(self) -> bool:
        return self.updated_at is not None and self.updated_at < update_due_before()

    def missing_for_publication(self) -> list[str]:
        """The publishing checklist: what must be there before the public may see it, each
        item in words an officer reads ("a country"). Empty: ready. Each model says its own."""
        return []
