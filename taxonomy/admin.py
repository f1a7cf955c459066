"""The vocabularies in the admin. Their "projects" column is added by the projects app
(`projects.admin`), which knows projects: this app imports no app above it."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from cooperation_portal.admin_actions import HistoryAdminMixin, in_each_language

from .models import SDG, Country, Discipline


@admin.register(Country)
class CountryAdmin(HistoryAdminMixin, TranslationAdmin):
    list_display = ["name", "code", "region", "is_example"]
    list_filter = ["region", "is_example"]
    search_fields = ["code", *in_each_language("name")]
    fields = ["code", in_each_language("name"), "region", "is_example"]


@admin.register(SDG)
class SDGAdmin(HistoryAdminMixin, TranslationAdmin):
    """The goals' colours are the UN's, shown here but not edited: pages draw them from the
    classes generated into the stylesheet (`taxonomy.colours`, `manage.py sdg_colours`)."""

    list_display = ["number", "title", "colour_swatch", "text_colour"]
    list_display_links = ["number", "title"]
    search_fields = ["=number", *in_each_language("title")]
    fields = ["number", in_each_language("title"), ("colour_swatch", "text_colour")]
    readonly_fields = ["colour_swatch", "text_colour"]

    @admin.display(description=_("colour"), ordering="colour")
    def colour_swatch(self, obj):
        # An SVG's fill attribute, not a style attribute: a strict CSP allows it.
        return format_html(
            '<svg width="16" height="16" aria-hidden="true" focusable="false">'
            '<rect width="16" height="16" fill="{}"/></svg> {}',
            obj.colour,
            obj.colour,
        )


@admin.register(Discipline)
class DisciplineAdmin(HistoryAdminMixin, TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["slug", *in_each_language("name")]
    fields = [in_each_language("name"), "slug"]
    prepopulated_fields = {"slug": ("name_fr",)}
