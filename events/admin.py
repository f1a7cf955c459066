from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from cooperation_portal.admin_actions import PublishableAdminMixin, in_each_language

from .models import Event, Session


class SessionInline(TranslationStackedInline):
    model = Session
    fields = [
        in_each_language("title"),
        ("starts_at", "ends_at"),
        "room",
        in_each_language("speakers"),
        in_each_language("description"),
    ]
    extra = 0
    # A programme has many sessions: keep each one short on the page.
    formfield_overrides = {models.TextField: {"widget": AdminTextareaWidget(attrs={"rows": 3})}}


@admin.register(Event)
class EventAdmin(PublishableAdminMixin, TranslationAdmin):
    list_display = [
        "title",
        "kind",
        "starts_at",
        "place",
        "organiser",
        "session_count",
        "is_cancelled",
        "is_published",
    ]
    list_filter = [
        "publication_status",
        "kind",
        "is_online",
        "is_cancelled",
        "country__region",
        ("country", admin.RelatedOnlyFieldListFilter),
        ("organiser", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["country", "organiser"]
    search_fields = ["slug", "city", *in_each_language("title"), *in_each_language("venue")]
    autocomplete_fields = ["country", "organiser", "projects", "sdgs"]
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "starts_at"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [SessionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    in_each_language("title"),
                    ("slug", "kind"),
                    in_each_language("summary"),
                    in_each_language("description"),
                    ("starts_at", "ends_at", "time_zone"),
                    "organiser",
                ]
            },
        ),
        (
            _("Where"),
            {
                "fields": [
                    ("is_online", "online_url"),
                    in_each_language("venue"),
                    "address",
                    ("city", "country"),
                ]
            },
        ),
        (
            _("Registration"),
            {"fields": [("registration_url", "registration_deadline"), "is_cancelled"]},
        ),
        (_("Related"), {"fields": ["projects", "sdgs"]}),
        (
            _("Publication"),
            {"fields": ["publication_status", ("created_at", "updated_at")]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("sessions"))

    @admin.display(description=_("place"))
    def place(self, obj) -> str | None:
        if obj.is_online and not obj.venue:
            return _("Online")
        return (
            ", ".join(part for part in [obj.city, obj.country and obj.country.code] if part) or None
        )

    @admin.display(description=_("sessions"), ordering="session_count")
    def session_count(self, obj) -> int:
        return obj.session_count


@admin.register(Session)
class SessionAdmin(TranslationAdmin):
    list_display = ["title", "event", "starts_at", "ends_at", "room"]
    list_filter = ["event__kind"]
    list_select_related = ["event"]
    search_fields = [
        *in_each_language("speakers"),
        *in_each_language("title"),
        *(f"event__{name}" for name in in_each_language("title")),
    ]
    autocomplete_fields = ["event"]
    date_hierarchy = "starts_at"
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "event",
        in_each_language("title"),
        ("starts_at", "ends_at"),
        "room",
        in_each_language("speakers"),
        in_each_language("description"),
        ("created_at", "updated_at"),
    ]
