from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from cooperation_portal.admin_actions import HistoryAdminMixin, in_each_language

from .models import OfficePage


@admin.register(OfficePage)
class OfficePageAdmin(HistoryAdminMixin, TranslationAdmin):
    """The office's four pages: their text is changed (with its history), never added or
    deleted (a migration creates them; the footer links to each)."""

    list_display = ["title", "key", "contact", "updated_at"]
    list_select_related = ["contact"]
    search_fields = [*in_each_language("title"), *in_each_language("body")]
    autocomplete_fields = ["contact"]
    readonly_fields = ["key", "created_at", "updated_at"]
    fields = [
        "key",
        in_each_language("title"),
        in_each_language("summary"),
        in_each_language("body"),
        "contact",
        ("created_at", "updated_at"),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
