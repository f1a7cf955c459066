from django import forms
from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from cooperation_portal.admin_actions import (
    URL_FIELDS_ASSUME_HTTPS,
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

from .models import Affiliation, ApplicantLevel, Call, FundingScheme
from .resources import CallResource, FundingSchemeResource


@admin.register(ApplicantLevel, Affiliation)
class FixedVocabularyAdmin(HistoryAdminMixin, admin.ModelAdmin):
    """Applicant levels and affiliations: their codes are fixed, their order is the office's."""

    list_display = ["code", "position", "scheme_count"]
    list_editable = ["position"]
    search_fields = ["code"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(scheme_count=Count("funding_schemes"))

    @admin.display(description=_("funding schemes"), ordering="scheme_count")
    def scheme_count(self, obj) -> int:
        return obj.scheme_count


class CallInline(BrusselsTimeMixin, TranslationTabularInline):
    model = Call
    fields = [*in_each_language("title"), "opens_at", "deadline", "internal_deadline", "url"]
    extra = 0
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS


@admin.register(FundingScheme)
class FundingSchemeAdmin(SpreadsheetAdminMixin, PublishableAdminMixin, TranslationAdmin):
    resource_class = FundingSchemeResource
    actions = [*PublishableAdminMixin.actions, export_selected_xlsx, export_selected_csv]
    list_display = [
        "name",
        "kind",
        "funder",
        "applicant_type",
        "call_count",
        "next_deadline",
        "is_published",
    ]
    list_filter = [
        "publication_status",
        "kind",
        "applicant_levels",
        "eligible_affiliations",
        "applicant_type",
        "open_to_all_nationalities",
        "is_example",
        ("funder", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["funder"]
    search_fields = ["slug", "funder__acronym", *in_each_language("name")]
    autocomplete_fields = ["funder", "contact", "eligible_nationalities", "disciplines", "sdgs"]
    prepopulated_fields = {"slug": ("name_fr",)}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [CallInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    in_each_language("name"),
                    ("slug", "kind"),
                    "funder",
                    in_each_language("summary"),
                    in_each_language("description"),
                ]
            },
        ),
        (
            _("Who may apply"),
            {
                "fields": [
                    "applicant_levels",
                    "eligible_affiliations",
                    "applicant_type",
                    "open_to_all_nationalities",
                    "eligible_nationalities",
                    "disciplines",
                    "sdgs",
                ]
            },
        ),
        (
            _("Grant"),
            {
                "fields": [
                    ("amount_min", "amount_max"),
                    in_each_language("duration"),
                    "application_url",
                    in_each_language("no_call_note"),
                    "contact",
                ]
            },
        ),
        (
            _("Publication"),
            {"fields": ["publication_status", "is_example", ("created_at", "updated_at")]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .with_next_closing()
            .annotate(call_count=Count("calls", distinct=True))
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        # A handful of levels or affiliations: boxes to tick read better than a search box.
        if db_field.name in {"applicant_levels", "eligible_affiliations"}:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description=_("calls"), ordering="call_count")
    def call_count(self, obj) -> int:
        return obj.call_count

    @admin.display(description=_("next deadline"), ordering="next_closing", empty_value="—")
    def next_deadline(self, obj):
        """When the next call closes for applicants (the same rule as the public list)."""
        return obj.next_closing


class CallStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Call.Status.choices

    def queryset(self, request, queryset):
        if self.value() == Call.Status.UPCOMING:
            return queryset.upcoming()
        if self.value() == Call.Status.OPEN:
            return queryset.open()
        if self.value() == Call.Status.CLOSED:
            return queryset.closed()
        return queryset


@admin.register(Call)
class CallAdmin(
    SpreadsheetAdminMixin,
    PartOfPublishedAdminMixin,
    BrusselsTimeMixin,
    HistoryAdminMixin,
    TranslationAdmin,
):
    resource_class = CallResource
    parent_field = "scheme"
    actions = [export_selected_xlsx, export_selected_csv]
    list_display = ["title", "scheme", "status", "opens_at", "deadline", "internal_deadline"]
    list_filter = [CallStatusFilter, "scheme__kind", ("scheme", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["scheme"]
    search_fields = [
        *in_each_language("title"),
        *(f"scheme__{name}" for name in in_each_language("name")),
    ]
    autocomplete_fields = ["scheme"]
    date_hierarchy = "deadline"
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "scheme",
        in_each_language("title"),
        ("opens_at", "deadline"),
        "internal_deadline",
        "url",
        ("created_at", "updated_at"),
    ]

    @admin.display(description=_("status"))
    def status(self, obj) -> str:
        return Call.Status(obj.status).label
