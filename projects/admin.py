from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from taggit.models import Tag

from cooperation_portal.admin_actions import PublishableAdminMixin, in_each_language
from taxonomy.admin import CountryAdmin, DisciplineAdmin, SDGAdmin
from taxonomy.models import SDG, Country, Discipline

from .models import (
    Keyword,
    Participation,
    Project,
    ProjectCountry,
    ProjectDiscipline,
    ProjectFunding,
    ProjectSDG,
)


class LinkInline(admin.TabularInline):
    """A project's link to one kind of row, chosen by searching for it."""

    extra = 0

    def get_queryset(self, request):
        # Each row is titled with the linked row's name.
        return super().get_queryset(request).select_related(*self.autocomplete_fields)


class ParticipationInline(LinkInline):
    model = Participation
    fields = ["organisation", "role"]
    autocomplete_fields = ["organisation"]


# The links to the vocabularies and schemes are explicit models (so that deleting a term in
# use is refused): a through M2M cannot use filter_horizontal, hence one small inline each.


class ProjectCountryInline(LinkInline):
    model = ProjectCountry
    autocomplete_fields = ["country"]


class ProjectSDGInline(LinkInline):
    model = ProjectSDG
    autocomplete_fields = ["sdg"]
    # Every project is aligned with at least one goal.
    min_num = 1

    def get_formset(self, request, obj=None, **kwargs):
        return super().get_formset(request, obj, validate_min=True, **kwargs)


class ProjectDisciplineInline(LinkInline):
    model = ProjectDiscipline
    autocomplete_fields = ["discipline"]


class ProjectFundingInline(LinkInline):
    model = ProjectFunding
    autocomplete_fields = ["scheme"]


class ProjectStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Project.Status.choices

    def queryset(self, request, queryset):
        if self.value() == Project.Status.PLANNED:
            return queryset.planned()
        if self.value() == Project.Status.ONGOING:
            return queryset.ongoing()
        if self.value() == Project.Status.COMPLETED:
            return queryset.completed()
        return queryset


class ProjectForm(forms.ModelForm):
    """Keywords are chosen from the bilingual vocabulary (created, with both names, under
    "Keywords"), not typed as free text: a word typed on a French form would otherwise become a
    new keyword with a French name only."""

    keywords = forms.ModelMultipleChoiceField(
        label=_("keywords"),
        queryset=Keyword.objects.all(),
        required=False,
        widget=AutocompleteSelectMultiple(Project._meta.get_field("keywords"), admin.site),
    )

    class Meta:
        model = Project
        fields = ["keywords"]  # and those of the admin's fieldsets


@admin.register(Project)
class ProjectAdmin(PublishableAdminMixin, TranslationAdmin):
    form = ProjectForm
    list_display = [
        "title",
        "acronym",
        "status",
        "start_date",
        "end_date",
        "leads",
        "country_list",
        "is_published",
        "is_example",
    ]
    list_filter = [
        "publication_status",
        ProjectStatusFilter,
        "countries__region",
        "countries",
        "sdgs",
        "disciplines",
        "is_example",
    ]
    search_fields = ["acronym", "slug", *in_each_language("title")]
    autocomplete_fields = ["contact"]
    prepopulated_fields = {"slug": ("title_en",)}
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [
        ParticipationInline,
        ProjectCountryInline,
        ProjectSDGInline,
        ProjectDisciplineInline,
        ProjectFundingInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    in_each_language("title"),
                    ("acronym", "slug"),
                    in_each_language("summary"),
                    in_each_language("description"),
                    ("start_date", "end_date"),
                    "keywords",
                ]
            },
        ),
        (_("Details"), {"fields": ["budget", "website", "contact"]}),
        (
            _("Publication"),
            {"fields": ["publication_status", "is_example", ("created_at", "updated_at")]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(
                "countries",
                Prefetch(
                    "participations",
                    queryset=Participation.objects.filter(
                        role__in=[Participation.Role.LEAD, Participation.Role.CO_LEAD]
                    ).select_related("organisation"),
                    to_attr="leading_participations",
                ),
            )
        )

    @admin.display(description=_("status"))
    def status(self, obj) -> str:
        return Project.Status(obj.status).label

    @admin.display(description=_("led by"))
    def leads(self, obj) -> str | None:
        names = [
            participation.organisation.short_name for participation in obj.leading_participations
        ]
        return ", ".join(names) or None

    @admin.display(description=_("countries"))
    def country_list(self, obj) -> str | None:
        return ", ".join(country.code for country in obj.countries.all()) or None


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["organisation", "role", "project"]
    list_filter = ["role"]
    list_select_related = ["organisation", "project"]
    search_fields = [
        "organisation__acronym",
        "project__acronym",
        *(f"organisation__{name}" for name in in_each_language("name")),
        *(f"project__{name}" for name in in_each_language("title")),
    ]
    autocomplete_fields = ["project", "organisation"]


@admin.register(Keyword)
class KeywordAdmin(TranslationAdmin):
    """The projects' keywords, named in both languages; the slug is the `tag` of addresses."""

    list_display = ["name", "name_fr", "name_en", "slug", "project_count"]
    search_fields = ["slug", *in_each_language("name")]
    prepopulated_fields = {"slug": ("name_en",)}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("project_links"))

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, obj) -> int:
        return obj.project_count


# The projects' keywords are `Keyword`s: django-taggit's own tags are no longer used.
if admin.site.is_registered(Tag):
    admin.site.unregister(Tag)


# The vocabularies' admin (taxonomy) with a "projects" column: taxonomy knows no projects,
# so its admin is extended here, the one app that does.


class ProjectCountMixin:
    """A "projects" column, counted in the changelist's one query."""

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(project_count=Count("projects"))

    @admin.display(description=_("projects"), ordering="project_count")
    def project_count(self, obj) -> int:
        return obj.project_count


for vocabulary, vocabulary_admin in (
    (Country, CountryAdmin),
    (SDG, SDGAdmin),
    (Discipline, DisciplineAdmin),
):
    admin.site.unregister(vocabulary)
    admin.site.register(
        vocabulary,
        type(
            vocabulary_admin.__name__,
            (ProjectCountMixin, vocabulary_admin),
            {"list_display": [*vocabulary_admin.list_display, "project_count"]},
        ),
    )
