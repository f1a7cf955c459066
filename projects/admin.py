from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import Count, Prefetch
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from taggit.models import Tag

from cooperation_portal.admin_actions import (
    HistoryAdminMixin,
    PartOfPublishedAdminMixin,
    PublishableAdminMixin,
    in_each_language,
)
from cooperation_portal.collation import Collated
from cooperation_portal.spreadsheet_admin import (
    SpreadsheetAdminMixin,
    export_selected_csv,
    export_selected_xlsx,
)
from funding.models import FundingScheme
from taxonomy.admin import CountryAdmin, DisciplineAdmin, SDGAdmin
from taxonomy.models import SDG, Country, Discipline

from .models import Keyword, Participation, Project
from .resources import ProjectResource

#: The roles offered, one row each, when a project is added: most projects have a lead and a
#: co-lead, so the officer only searches for the two organisations.
ROLES_OF_A_NEW_PROJECT = [Participation.Role.LEAD, Participation.Role.CO_LEAD]


class ParticipationFormSet(forms.BaseInlineFormSet):
    """On a new project, rows ready with the roles of `ROLES_OF_A_NEW_PROJECT`. A row left
    without an organisation has not changed, so it is ignored rather than refused."""

    def __init__(self, *args, instance=None, **kwargs):
        if instance is None or instance.pk is None:
            kwargs.setdefault("initial", [{"role": role} for role in ROLES_OF_A_NEW_PROJECT])
        super().__init__(*args, instance=instance, **kwargs)


class ParticipationInline(admin.TabularInline):
    model = Participation
    formset = ParticipationFormSet
    fields = ["organisation", "role"]
    autocomplete_fields = ["organisation"]

    def get_extra(self, request, obj=None, **kwargs):
        return len(ROLES_OF_A_NEW_PROJECT) if obj is None else 0

    def get_queryset(self, request):
        # Each row is titled with the organisation's name.
        return super().get_queryset(request).select_related("organisation")


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


def choice_of(
    name: str, queryset, *, required: bool = False, **options
) -> forms.ModelMultipleChoiceField:
    """A field choosing the rows of the project's many-to-many field `name` by searching for
    them (the admin's autocomplete, which reads the search fields of their admin)."""
    model_field = Project._meta.get_field(name)
    return forms.ModelMultipleChoiceField(
        label=capfirst(model_field.verbose_name),
        queryset=queryset,
        widget=AutocompleteSelectMultiple(model_field, admin.site),
        required=required,
        **options,
    )


#: The form's fields for the project's links to the vocabularies and schemes, and the
#: many-to-many field each edits. These links are explicit models (deleting a term in use is
#: refused), which the admin leaves out of its forms (its check admin.E013 refuses them in
#: fieldsets): the fields have names of their own, and the form saves their links itself.
LINK_FIELDS = {
    "linked_countries": "countries",
    "linked_sdgs": "sdgs",
    "linked_disciplines": "disciplines",
    "linked_funding_schemes": "funding_schemes",
}


class ProjectForm(forms.ModelForm):
    """A project with its keywords, countries, goals, disciplines and funding schemes, each
    chosen in one search box on the form rather than one inline row per term.

    Keywords are chosen from the bilingual vocabulary (created, with both names, under
    "Keywords"), not typed as free text: a word typed on a French form would otherwise become a
    new keyword with a French name only."""

    keywords = choice_of("keywords", Keyword.objects.all())
    linked_countries = choice_of("countries", Country.objects.order_by(Collated("name")))
    linked_sdgs = choice_of(
        "sdgs",
        SDG.objects.order_by("number"),
        # Every project is aligned with at least one goal.
        required=True,
        error_messages={"required": _("Choose at least one Sustainable Development Goal.")},
    )
    linked_disciplines = choice_of("disciplines", Discipline.objects.order_by(Collated("name")))
    linked_funding_schemes = choice_of(
        "funding_schemes", FundingScheme.objects.order_by(Collated("name"))
    )

    class Meta:
        model = Project
        fields = ["keywords"]  # and those of the admin's fieldsets

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for form_field, name in LINK_FIELDS.items():
                linked = getattr(self.instance, name).values_list("pk", flat=True)
                self.initial.setdefault(form_field, list(linked))

    def _save_m2m(self):
        super()._save_m2m()
        # The related manager's `set()` changes only the difference: a link that stays keeps
        # its row, and m2m_changed tells the search and the page cache.
        for form_field, name in LINK_FIELDS.items():
            if form_field in self.cleaned_data:
                getattr(self.instance, name).set(self.cleaned_data[form_field])


@admin.register(Project)
class ProjectAdmin(SpreadsheetAdminMixin, PublishableAdminMixin, TranslationAdmin):
    form = ProjectForm
    resource_class = ProjectResource
    actions = [*PublishableAdminMixin.actions, export_selected_xlsx, export_selected_csv]
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
    prepopulated_fields = {"slug": ("title_fr",)}
    date_hierarchy = "start_date"
    readonly_fields = ["created_at", "updated_at"]
    inlines = [ParticipationInline]
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
                ]
            },
        ),
        (
            _("Where and what"),
            {"fields": ["linked_countries", "linked_sdgs", "linked_disciplines", "keywords"]},
        ),
        (
            _("Details"),
            {"fields": ["linked_funding_schemes", "budget", "website", "contact"]},
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
class ParticipationAdmin(PartOfPublishedAdminMixin, HistoryAdminMixin, admin.ModelAdmin):
    parent_field = "project"
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
class KeywordAdmin(HistoryAdminMixin, TranslationAdmin):
    """The projects' keywords, named in both languages; the slug is the `tag` of addresses."""

    list_display = ["name", "name_fr", "name_en", "slug", "project_count"]
    search_fields = ["slug", *in_each_language("name")]
    prepopulated_fields = {"slug": ("name_fr",)}

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
