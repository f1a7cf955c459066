from django.contrib import admin
from django.contrib.admin.widgets import AdminTextareaWidget
from django.db import models
from django.db.models import Count
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from cooperation_portal.admin_actions import (
    HistoryAdminMixin,
    PartOfPublishedAdminMixin,
    PublishableAdminMixin,
    in_each_language,
)
from cooperation_portal.admin_dates import BrusselsTimeMixin
from cooperation_portal.spreadsheet_admin import (
    SpreadsheetAdminMixin,
    export_selected_csv,
    export_selected_xlsx,
)
from cooperation_portal.times import utc_offset

from .models import Event, Session
from .resources import EventResource, SessionResource


class SessionInline(BrusselsTimeMixin, TranslationStackedInline):
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
class EventAdmin(SpreadsheetAdminMixin, BrusselsTimeMixin, PublishableAdminMixin, TranslationAdmin):
    resource_class = EventResource
    actions = [*PublishableAdminMixin.actions, export_selected_xlsx, export_selected_csv]
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
        "is_example",
        "country__region",
        ("country", admin.RelatedOnlyFieldListFilter),
        ("organiser", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["country", "organiser"]
    search_fields = ["slug", "city", *in_each_language("title"), *in_each_language("venue")]
    autocomplete_fields = ["country", "organiser", "projects", "sdgs"]
    prepopulated_fields = {"slug": ("title_fr",)}
    date_hierarchy = "starts_at"
    readonly_fields = ["local_times", "created_at", "updated_at"]
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
                    "local_times",
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
            {"fields": ["publication_status", "is_example", ("created_at", "updated_at")]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(session_count=Count("sessions"))

    def get_fieldsets(self, request, obj=None):
        """The local times only for a saved event in another zone than Brussels: for the others
        they would repeat the times entered just above."""
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.is_in_other_time_zone:
            return fieldsets
        return [
            (
                name,
                {
                    **options,
                    "fields": [field for field in options["fields"] if field != "local_times"],
                },
            )
            for name, options in fieldsets
        ]

    @admin.display(description=_("local time"))
    def local_times(self, obj) -> str:
        """When the saved event starts and ends on the clocks where it takes place (the times
        above are entered in Brussels time): "Starts 09:00, 12 March 2027 in Kinshasa (UTC+1)"."""
        starts, ends = (moment.astimezone(obj.zone) for moment in (obj.starts_at, obj.ends_at))
        return format_html(
            "{}<br>{}",
            _("Starts %(time)s, %(date)s in %(place)s (%(offset)s)") % local_moment(obj, starts),
            _("Ends %(time)s, %(date)s in %(place)s (%(offset)s)") % local_moment(obj, ends),
        )

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
class SessionAdmin(
    SpreadsheetAdminMixin,
    PartOfPublishedAdminMixin,
    BrusselsTimeMixin,
    HistoryAdminMixin,
    TranslationAdmin,
):
    resource_class = SessionResource
    parent_field = "event"
    actions = [export_selected_xlsx, export_selected_csv]
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


def local_moment(event: Event, moment) -> dict[str, str]:
    """The parts of a moment on the clocks of the event's place, for a sentence."""
    return {
        "time": formats.time_format(moment, "H:i"),
        "date": formats.date_format(moment, "j F Y"),
        "place": event.zone_place,
        "offset": utc_offset(moment),
    }
