from django import forms
from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from cooperation_portal.admin_actions import PublishableAdminMixin, in_each_language

from .models import NewsItem


class NewsItemForm(forms.ModelForm):
    """The photo is checked by its model field (`photos.validate_photo`: format, weight, size),
    once; the model's `clean()` then asks for its alternative text."""

    class Meta:
        model = NewsItem
        fields = [
            *(
                f"{name}_{language}"
                for name in ("title", "summary", "body", "photo_alt")
                for language in ("fr", "en")
            ),
            "slug",
            "published_on",
            "is_example",
            "photo",
            "photo_credit",
            "projects",
            "organisations",
            "events",
            "countries",
            "sdgs",
            "publication_status",
        ]
        widgets = {
            "photo": forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
        }


@admin.register(NewsItem)
class NewsItemAdmin(PublishableAdminMixin, TranslationAdmin):
    form = NewsItemForm
    list_display = ["title", "published_on", "has_photo", "is_example", "is_published"]
    list_filter = [
        "publication_status",
        "is_example",
        ("countries", admin.RelatedOnlyFieldListFilter),
        ("sdgs", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["slug", *in_each_language("title"), *in_each_language("summary")]
    autocomplete_fields = ["projects", "organisations", "events", "countries", "sdgs"]
    prepopulated_fields = {"slug": ("title_fr",)}
    date_hierarchy = "published_on"
    readonly_fields = ["photo_preview", "created_at", "updated_at"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    in_each_language("title"),
                    ("slug", "published_on"),
                    in_each_language("summary"),
                    in_each_language("body"),
                    "is_example",
                ]
            },
        ),
        (
            _("Photo"),
            {
                "fields": [
                    "photo",
                    "photo_preview",
                    in_each_language("photo_alt"),
                    "photo_credit",
                ]
            },
        ),
        (_("What it is about"), {"fields": ["projects", "organisations", "events"]}),
        (_("Where and which goals"), {"fields": ["countries", "sdgs"]}),
        (
            _("Publication"),
            {"fields": ["publication_status", ("created_at", "updated_at")]},
        ),
    ]

    @admin.display(description=_("photo"), boolean=True)
    def has_photo(self, obj) -> bool:
        return bool(obj.photo)

    @admin.display(description=_("as shown"))
    def photo_preview(self, obj) -> str:
        smallest = obj.photo_smallest if obj is not None else None
        if not smallest:
            return "—"
        width = min(smallest["width"] or 240, 240)
        height = round((smallest["height"] or width) * width / (smallest["width"] or width))
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="">', smallest["url"], width, height
        )
