from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from cooperation_portal.admin_actions import (
    HistoryAdminMixin,
    PartOfPublishedAdminMixin,
    PublishableAdminMixin,
    in_each_language,
)
from cooperation_portal.spreadsheet_admin import (
    SpreadsheetAdminMixin,
    export_selected_csv,
    export_selected_xlsx,
)

from .models import Membership, Organisation, Person
from .resources import OrganisationResource


class MembershipInline(admin.TabularInline):
    """The organisations that joined this one (UMONS joined Ucoopia)."""

    model = Membership
    fk_name = "organisation"
    fields = ["member", "joined_on"]
    autocomplete_fields = ["member"]
    extra = 0

    def get_queryset(self, request):
        # A membership's name prints both organisations.
        return super().get_queryset(request).select_related("organisation", "member")


@admin.register(Organisation)
class OrganisationAdmin(SpreadsheetAdminMixin, PublishableAdminMixin, TranslationAdmin):
    resource_class = OrganisationResource
    actions = [*PublishableAdminMixin.actions, export_selected_xlsx, export_selected_csv]
    list_display = [
        "name",
        "acronym",
        "kind",
        "country",
        "is_own_structure",
        "merged_into",
        "project_count",
        "is_published",
    ]
    list_filter = [
        "publication_status",
        "kind",
        "is_own_structure",
        "country__region",
        ("country", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["country", "merged_into"]
    search_fields = ["acronym", "slug", "city", *in_each_language("name")]
    autocomplete_fields = ["country", "parent", "merged_into"]
    prepopulated_fields = {"slug": ("name_fr",)}
    readonly_fields = ["created_at", "updated_at"]
    inlines = [MembershipInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    in_each_language("name"),
                    ("acronym", "slug"),
                    ("kind", "is_own_structure"),
                    in_each_language("tagline"),
                    in_each_language("description"),
                ]
            },
        ),
        (_("Where"), {"fields": [("country", "city"), "website"]}),
        (
            _("Structure and history"),
            {"fields": ["parent", "founded_on", ("merged_into", "merged_on")]},
        ),
        (
            _("Publication"),
            {"fields": ["publication_status", ("created_at", "updated_at")]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(project_count=Count("participations__project", distinct=True))
        )

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, obj) -> int:
        return obj.project_count


@admin.register(Membership)
class MembershipAdmin(PartOfPublishedAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    parent_field = "organisation"
    list_display = ["member", "organisation", "joined_on"]
    list_select_related = ["member", "organisation"]
    search_fields = [
        "member__acronym",
        "organisation__acronym",
        *(f"member__{name}" for name in in_each_language("name")),
        *(f"organisation__{name}" for name in in_each_language("name")),
    ]
    autocomplete_fields = ["organisation", "member"]
    date_hierarchy = "joined_on"


@admin.register(Person)
class PersonAdmin(HistoryAdminMixin, TranslationAdmin):
    list_display = ["role", "name", "organisation", "email", "show_in_footer", "position"]
    list_display_links = ["role", "name"]
    list_editable = ["show_in_footer", "position"]
    list_filter = [
        "show_in_footer",
        "is_example",
        ("organisation", admin.RelatedOnlyFieldListFilter),
    ]
    list_select_related = ["organisation"]
    search_fields = ["name", "email", *in_each_language("role")]
    autocomplete_fields = ["organisation"]
    readonly_fields = ["created_at", "updated_at"]
    fields = [
        "name",
        in_each_language("role"),
        "organisation",
        ("email", "phone"),
        ("show_in_footer", "position"),
        "is_example",
        ("created_at", "updated_at"),
    ]
