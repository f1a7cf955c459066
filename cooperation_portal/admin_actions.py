"""What every app's admin shares: who may publish, the publication actions and checklist, the
history of every change with a restore, "update due", and the layout of translated fields.

Foundation layer: imports no app of ours, so every app's admin may use it.
"""

import copy
import functools

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext, unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import get_translation_fields
from reversion.admin import VersionAdmin

from cooperation_portal import history
from cooperation_portal.publication import (
    Publishable,
    may_publish,
    published,
    update_due_before,
)

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
    """Each object that changes is saved on its own, with a version in its history by this
    user ("Published", "Moved back to draft"); publishing skips what misses an item of its
    checklist, and says which."""
    selected = queryset.count()
    changing = list(queryset.exclude(publication_status=status))
    publishing = status == PublicationStatus.PUBLISHED
    comment = gettext("Published.") if publishing else gettext("Moved back to draft.")
    changed, refused = 0, []
    for obj in changing:
        missing = obj.missing_for_publication() if publishing else []
        if missing:
            refused.append((obj, missing))
            continue
        with reversion.create_revision(using=queryset.db):
            obj.publication_status = status
            # Only the rows that change, so that `updated_at` keeps meaning "last modified".
            obj.save(update_fields=["publication_status", "updated_at"])
            reversion.set_user(request.user)
            reversion.set_comment(comment)
        changed += 1
    unchanged = selected - len(changing)
    if publishing:
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
    for obj, missing in refused:
        modeladmin.message_user(request, not_published_message(obj, missing), messages.ERROR)
    if unchanged:
        items = model_ngettext(modeladmin.opts, unchanged)
        modeladmin.message_user(
            request, already % {"count": unchanged, "items": items}, messages.INFO
        )


def not_published_message(obj, missing) -> str:
    return gettext("“%(object)s” was not published: it still needs %(missing)s.") % {
        "object": obj,
        "missing": listed(missing),
    }


def listed(items) -> str:
    """ "a country, an SDG and a contact" in the active language."""
    items = [str(item) for item in items]
    if len(items) < 2:
        return "".join(items)
    return gettext("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


@admin.action(description=_("Publish selected %(verbose_name_plural)s"), permissions=["publish"])
def publish_selected(modeladmin, request, queryset):
    _set_publication_status(modeladmin, request, queryset, PublicationStatus.PUBLISHED)


@admin.action(
    description=_("Move selected %(verbose_name_plural)s back to draft"), permissions=["publish"]
)
def move_back_to_draft(modeladmin, request, queryset):
    _set_publication_status(modeladmin, request, queryset, PublicationStatus.DRAFT)


def deleting_drafts_only(delete_selected):
    """Django's "Delete selected" for a user who may not publish: refused when the selection
    holds published content, which only a cooperation officer deletes."""

    @functools.wraps(delete_selected)
    def action(modeladmin, request, queryset):
        published_count = queryset.filter(published()).count()
        if published_count:
            modeladmin.message_user(
                request,
                ngettext(
                    "Nothing was deleted: %(count)d of the selected is published, and only "
                    "a cooperation officer deletes published content.",
                    "Nothing was deleted: %(count)d of the selected are published, and only "
                    "a cooperation officer deletes published content.",
                    published_count,
                )
                % {"count": published_count},
                messages.ERROR,
            )
            return None
        return delete_selected(modeladmin, request, queryset)

    return action


class UpdateDueFilter(admin.SimpleListFilter):
    title = _("update due")
    parameter_name = "update_due"

    def lookups(self, request, model_admin):
        return [("yes", _("Not changed for 12 months")), ("no", _("Changed within 12 months"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.update_due()
        if self.value() == "no":
            return queryset.exclude(updated_at__lt=update_due_before())
        return queryset


class HistoryAdminMixin(VersionAdmin):
    """The full history of what an admin edits (django-reversion): every save by a form of
    this admin is a version, with who and when; its "History" page lists the versions with
    what each changed, side by side, and restores any of them."""

    object_history_template = "admin/history_with_changes.html"

    def reversion_register(self, model, **options):
        # As the apps register their models (`history.register`): every language's field.
        history.register(model, **options)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = {
            "versions": history.versions_with_changes(obj) if obj is not None else [],
            "may_restore": obj is not None and self.has_change_permission(request, obj),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, context)


class PartOfPublishedAdminMixin:
    """For the admin of rows that show on the public page of a `Publishable` parent (a
    scheme's calls, an event's sessions, a project's partners, an organisation's members),
    edited on their own list besides the parent's page: once the parent is published, only
    who may publish it adds, changes, deletes or restores them, as on the parent's own page.
    `parent_field` names the parent."""

    parent_field = ""

    def parent_locked(self, request, parent) -> bool:
        """Whether `parent` is published and the user may not publish its kind."""
        return (
            parent is not None
            and parent.is_published
            and not may_publish(request.user, type(parent))
        )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        parent = getattr(obj, self.parent_field, None) if obj is not None else None
        return allowed and not self.parent_locked(request, parent)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        parent = getattr(obj, self.parent_field, None) if obj is not None else None
        return allowed and not self.parent_locked(request, parent)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        model_admin = self

        class ParentChecked(form):
            def clean(self):
                cleaned = super().clean()
                parent = cleaned.get(model_admin.parent_field)
                if model_admin.parent_locked(request, parent):
                    self.add_error(
                        model_admin.parent_field,
                        gettext(
                            "“%(parent)s” is published: only a cooperation officer may add "
                            "to it or change it."
                        )
                        % {"parent": parent},
                    )
                return cleaned

        return ParentChecked

    def revision_view(self, request, object_id, version_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self.has_change_permission(request, obj):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)


class PublishableAdminMixin(HistoryAdminMixin):
    """For the admin of a `Publishable` model: who may publish, the publishing checklist, the
    full history with its differences and a restore (django-reversion), "update due".

    - Publishing (the actions, the publication field, changing or deleting what the public
      sees, restoring a version of it) needs the model's `publish` permission: cooperation
      officers have it, editors do not (`pages/migrations/0001_roles.py`).
    - Publishing what misses an item of its checklist (`missing_for_publication`) is refused,
      naming the items; the rest of the change is kept, as a draft.
    - Every save, action and restore is a version: who, when, every field before and after
      in both languages, with the links the model's history follows (`reversion.register`).
    """

    actions = [publish_selected, move_back_to_draft]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS

    def changelist_view(self, request, extra_context=None):
        # Not inside one revision for the whole list (django-reversion's VersionAdmin does
        # that): a bulk action gives each object a version of its own, so that restoring one
        # restores nothing else.
        context = {"has_change_permission": self.has_change_permission(request)}
        return admin.ModelAdmin.changelist_view(self, request, {**context, **(extra_context or {})})

    # Permissions ---------------------------------------------------------------------------

    def has_publish_permission(self, request, obj=None) -> bool:
        return may_publish(request.user, self.model)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and obj.is_published:
            return self.has_publish_permission(request)
        return allowed

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and obj.is_published:
            return self.has_publish_permission(request)
        return allowed

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions and not self.has_publish_permission(request):
            function, name, description = actions["delete_selected"]
            actions["delete_selected"] = (deleting_drafts_only(function), name, description)
        return actions

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "publication_checklist"]
        if not self.has_publish_permission(request):
            fields.append("publication_status")
        if self.address_is_fixed(obj):
            fields.append("slug")
        return fields

    def address_is_fixed(self, obj) -> bool:
        """The slug of published content cannot change: its address is in bookmarks, feeds,
        calendars, the sitemap and the IATI file (an activity's identifier ends with it). To
        correct it, an officer unpublishes, edits and publishes again."""
        has_slug = any(field.name == "slug" for field in self.model._meta.fields)
        return has_slug and obj is not None and obj.is_published

    def get_prepopulated_fields(self, request, obj=None):
        fields = super().get_prepopulated_fields(request, obj)
        if self.address_is_fixed(obj):
            return {name: sources for name, sources in fields.items() if name != "slug"}
        return fields

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Restoring a version of what the public sees changes it: an officer's decision.
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and obj.is_published and not self.has_publish_permission(request):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    # The checklist -------------------------------------------------------------------------

    def get_fieldsets(self, request, obj=None):
        fieldsets = copy.deepcopy(super().get_fieldsets(request, obj))
        for _name, options in fieldsets:
            fields = list(options.get("fields", []))
            if "publication_status" in fields:
                at = fields.index("publication_status") + 1
                options["fields"] = [*fields[:at], "publication_checklist", *fields[at:]]
                return fieldsets
        return [*fieldsets, (_("Publication"), {"fields": ["publication_checklist"]})]

    @admin.display(description=_("before publishing"))
    def publication_checklist(self, obj) -> str:
        missing = obj.missing_for_publication() if obj is not None else []
        if not missing:
            return gettext("Ready: everything the public needs is there.")
        return gettext("Still needed: %(missing)s.") % {"missing": listed(missing)}

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if not obj.is_published:
            return
        missing = obj.missing_for_publication()
        if not missing:
            return
        was_published = (
            change and form.initial.get("publication_status") == PublicationStatus.PUBLISHED
        )
        if was_published:
            self.message_user(
                request,
                gettext("“%(object)s” is public but still needs %(missing)s.")
                % {"object": obj, "missing": listed(missing)},
                messages.WARNING,
            )
            return
        # Refused: saved as a draft (nothing typed is lost), and the officer is told why.
        obj.publication_status = PublicationStatus.DRAFT
        obj.save(update_fields=["publication_status", "updated_at"])
        self.message_user(request, not_published_message(obj, missing), messages.ERROR)

    # Update due ----------------------------------------------------------------------------

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), UpdateDueFilter]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "update_due"]

    @admin.display(description=_("update due"), boolean=True, ordering="updated_at")
    def update_due(self, obj) -> bool:
        return obj.is_update_due

    @admin.display(description=_("published"), boolean=True, ordering="publication_status")
    def is_published(self, obj) -> bool:
        return obj.is_published
