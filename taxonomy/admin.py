"""The vocabularies in the admin. Their "projects" column is added by the projects app
(`projects.admin`), which knows projects: this app imports no app above it."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from cooperation_portal.admin_actions import in_each_language

from .models import SDG, Country, Discipline


@admin.register(Country)
class CountryAdmin(TranslationAdmin):
    list_display = ["name", "code", "region"]
    list_filter = ["region"]
    search_fields = ["code", *in_each_language("name")]
    fields = ["code", in_each_language("name"), "region"]


@admin.register(SDG)
class SDGAdmin(TranslationAdmin):
    list_display = ["number", "title", "colour_swatch", "text_colour"]
    list_display_links = ["number", "title"]
    search_fields = ["=number", *in_each_language("title")]
    fields = ["number", in_each_language("title"), ("colour", "text_colour")]

    @admin.display(description=_("colour"), ordering="colour")
    def colour_swatch(self, obj):
        return format_html(
            '<span style="display:inline-block;padding:0 .5em;background:{};color:{}">{}</span>',
            obj.colour,
            obj.text_colour,
            obj.colour,
        )


@admin.register(Discipline)
class DisciplineAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["slug", *in_each_language("name")]
    fields = [in_each_language("name"), "slug"]
    prepopulated_fields = {"slug": ("name_en",)}
