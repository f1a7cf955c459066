"""What every app's admin shares: the publication actions and column, and the layout of
translated fields.

Foundation layer: imports no app of ours, so every app's admin may use it.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields

from cooperation_portal.caching import bump_content_version
from cooperation_portal.publication import Publishable

PublicationStatus = Publishable.PublicationStatus


def in_each_language(field_name: str) -> tuple[str, ...]:
    """The columns of a translated field, one per language (`title_fr`, `title_en`).

    As a tuple inside a fieldset it puts the languages side by side on one row; spread into
    `search_fields` it searches every language.
    """
    return tuple(get_translation_fields(field_name))


# Links typed without a scheme are taken as https (Django 6's default; silences its warning).
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def _set_publication_status(modeladmin, request, queryset, status: str) -> None:
    selected = queryset.count()
    # Only the rows that change, so that `updated_at` keeps meaning "last modified".
    changed = queryset.exclude(publication_status=status).update(
        publication_status=status, updated_at=timezone.now()
    )
    if changed:
        # update() sends no signals: the cached pages are left behind here.
        bump_content_version(queryset.db)
    unchanged = selected - changed
    if status == PublicationStatus.PUBLISHED:
        done = gettext("Published %(count)d %(items)s.")
        already = gettext("%(count)d %(items)s already published, left as they were.")
    else:
        done = gettext("Moved %(count)d %(items)s back to draft: the public no longer sees them.")
        already = gettext("%(count)d %(items)s already drafts, left as they were.")
    if changed:
        items = model_ngettext(modeladmin.opts, changed)
        modeladmin.message_user(
            request, done % {"count": changed, "items": items}, messages.SUCCESS
        )
    if unchanged:
        items = model_ngettext(modeladmin.opts, unchanged)
        modeladmin.message_user(
            request, already % {"count": unchanged, "items": items}, messages.INFO
        )


@admin.action(description=_("Publish selected %(verbose_name_plural)s"), permissions=["change"])
def publish_selected(modeladmin, request, queryset):
    _set_publication_status(modeladmin, request, queryset, PublicationStatus.PUBLISHED)


@admin.action(
    description=_("Move selected %(verbose_name_plural)s back to draft"), permissions=["change"]
)
def move_back_to_draft(modeladmin, request, queryset):
    _set_publication_status(modeladmin, request, queryset, PublicationStatus.DRAFT)


class PublishableAdminMixin:
    """For the admin of a `Publishable` model: the two publication actions and a column."""

    actions = [publish_selected, move_back_to_draft]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    @admin.display(description=_("published"), boolean=True, ordering="publication_status")
    def is_published(self, obj) -> bool:
        return obj.is_published
