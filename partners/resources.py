"""Organisations from and to the spreadsheets officers keep (`OrganisationResource`): the columns
of `COLUMNS`, exported and imported alike, so that an export can be edited and imported back.

What a cell holds:

- `slug`: the organisation's address, how a row finds the organisation it changes (blank: made
  from `name_fr`, as the admin does); `name_fr`, `name_en`, `acronym`, `tagline_fr`,
  `tagline_en`, `description_fr`, `description_en`, `city`, `website` as text (`name_fr` is
  required; `https://` is added to a website written without it, as the admin's form does);
- `kind`: its code (`university`) or its name in French or English (`Université`,
  `Faculty or school`), case and accents ignored; exported as the code;
- `is_own_structure`: `yes` or `no` (also `oui`, `non`, `true`, `false`, `1`, `0`, `x`; blank is
  no); exported as `yes` or `no`;
- `country` by ISO code (`CD`): an existing country only;
- `parent`, `merged_into`: another organisation by slug, name (French or English) or acronym,
  exported by slug. It may be one that an earlier row of the same file adds; an unknown one is
  an error, never created;
- `founded_on`, `merged_on`: day first (`31/03/2027`) or ISO (`2027-03-31`); exported as ISO.

An export lists the organisations by slug, but each one's parent and successor before it
(`in_import_order`), so that the file imports as well into a database that lacks them.

Publication status is no column: a new organisation is a draft, and an update leaves an
organisation draft or published as it is. As in the admin, only who may publish (cooperation
officers) may change a published organisation.

The cells every app reads alike come from below (cooperation_portal.spreadsheets,
taxonomy.resources); `OrganisationReferenceWidget` names an organisation for the apps above.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from cooperation_portal.spreadsheets import (
    AMBIGUOUS,
    ChoiceWidget,
    DateWidget,
    ReferenceWidget,
    SpreadsheetResource,
    WebsiteWidget,
    YesNoWidget,
    column,
    normalized,
)
from taxonomy.models import Country
from taxonomy.resources import CountryWidget

from .models import Organisation

COLUMNS = [
    "slug",
    "name_fr",
    "name_en",
    "acronym",
    "kind",
    "is_own_structure",
    "tagline_fr",
    "tagline_en",
    "description_fr",
    "description_en",
    "country",
    "city",
    "website",
    "parent",
    "founded_on",
    "merged_into",
    "merged_on",
]


class OrganisationsByName:
    """An organisation by slug, name (French or English) or acronym; written by slug, unique
    and stable. For any file that names organisations (a scheme's funder, an event's
    organiser)."""

    def keys_of(self, organisation):
        return [
            organisation.slug,
            organisation.name_fr,
            organisation.name_en,
            organisation.acronym,
        ]

    def key_of(self, organisation):
        return organisation.slug

    def unknown(self, key):
        return gettext("no organisation named `%(key)s` (by name, slug or acronym)") % {"key": key}


class OrganisationReferenceWidget(OrganisationsByName, ReferenceWidget):
    """One existing organisation (`OrganisationsByName`), or none for a blank cell."""

    def __init__(self, model=Organisation, queryset=None):
        super().__init__(model, queryset)


class OrganisationWidget(OrganisationReferenceWidget):
    """Another organisation, by slug, name (French or English) or acronym; exported by slug.

    A slug names one organisation whatever other organisations are called: it is looked up
    first. An organisation added or changed by an earlier row of the file is found too
    (`remember`). A row naming its own organisation is an error of its cell."""

    #: The error of a row that names its own organisation.
    itself = _("an organisation cannot be its own parent")

    def __init__(self, model=Organisation, queryset=None):
        super().__init__(model, queryset)
        self._slugs = None

    def unknown(self, key):
        return gettext(
            "no organisation named `%(key)s` (by slug, name or acronym); an organisation this "
            "file adds must come on an earlier row"
        ) % {"key": key}

    def index(self) -> dict:
        if self._index is None:
            self._index, self._slugs = {}, {}
            queryset = self.queryset if self.queryset is not None else Organisation.objects.all()
            for organisation in queryset.order_by():
                self.remember(organisation)
        return self._index

    def remember(self, organisation) -> None:
        """Add `organisation` (saved by a row of the file) to the organisations found: once
        the rows are read, those of the next rows may name it."""
        if self._index is None:
            return  # read from the database when first needed, with it
        self._slugs[organisation.slug] = organisation
        for key in {normalized(key) for key in self.keys_of(organisation) if key}:
            known = self._index.get(key)
            same = known is not None and known is not AMBIGUOUS and known.pk == organisation.pk
            self._index[key] = organisation if known is None or same else AMBIGUOUS

    def find(self, key: str):
        index = self.index()
        by_slug = self._slugs.get(key.strip())
        if by_slug is not None:
            return by_slug
        found = index.get(normalized(key))
        if found is None:
            raise ValueError(self.unknown(key))
        if found is AMBIGUOUS:
            raise ValueError(self.ambiguous(key))
        return found

    def clean(self, value, row=None, **kwargs):
        try:
            found = super().clean(value, row, **kwargs)
        except ValueError:
            if self.names_the_row(value, row):
                raise ValueError(str(self.itself)) from None
            raise
        if found is not None and row is not None and found.slug == str(row.get("slug") or ""):
            raise ValueError(str(self.itself))
        return found

    def names_the_row(self, value, row) -> bool:
        """Whether `value` is a name of the organisation of `row` itself (a new one is not
        found among the organisations)."""
        if row is None:
            return False
        own = {
            normalized(row.get(column))
            for column in ("slug", "name_fr", "name_en", "acronym")
            if isinstance(row.get(column), str) and row.get(column).strip()
        }
        return normalized(value) in own


class SuccessorWidget(OrganisationWidget):
    itself = _("an organisation cannot merge into itself")


def in_import_order(organisations: list) -> list:
    """`organisations` in their order, but each one's parent and successor first when they are
    among them: the file imports as well into a database that has none of them yet."""
    by_pk = {organisation.pk: organisation for organisation in organisations}
    ordered, placed, seen = [], set(), set()
    for first in organisations:
        waiting = [(first, False)]
        while waiting:
            organisation, ready = waiting.pop()
            if organisation.pk in placed:
                continue
            if ready:
                placed.add(organisation.pk)
                ordered.append(organisation)
                continue
            if organisation.pk in seen:  # a loop (A in B, B in A): left as it is
                continue
            seen.add(organisation.pk)
            waiting.append((organisation, True))
            for named in (organisation.merged_into_id, organisation.parent_id):
                if named in by_pk and named not in placed:
                    waiting.append((by_pk[named], False))
    return ordered


class OrganisationResource(SpreadsheetResource):
    """Organisations, matched by slug; see the module's docstring for the columns and for what
    an import does to drafts and published organisations."""

    slug = column("slug")
    name_fr = column("name_fr")
    name_en = column("name_en")
    acronym = column("acronym")
    kind = Field(attribute="kind", column_name="kind", widget=ChoiceWidget(Organisation.Kind))
    is_own_structure = Field(
        attribute="is_own_structure", column_name="is_own_structure", widget=YesNoWidget()
    )
    tagline_fr = column("tagline_fr")
    tagline_en = column("tagline_en")
    description_fr = column("description_fr")
    description_en = column("description_en")
    country = Field(attribute="country", column_name="country", widget=CountryWidget())
    city = column("city")
    website = Field(attribute="website", column_name="website", widget=WebsiteWidget())
    parent = Field(attribute="parent", column_name="parent", widget=OrganisationWidget())
    founded_on = column("founded_on", DateWidget())
    merged_into = Field(
        attribute="merged_into", column_name="merged_into", widget=SuccessorWidget()
    )
    merged_on = column("merged_on", DateWidget())

    slug_from = "name_fr"
    matching_note = _(
        "A row with the slug of an existing organisation changes that organisation; any other "
        "row adds a new organisation, as a draft."
    )
    column_notes = {
        "slug": _(
            "The organisation's address (lower-case letters, digits and hyphens): a row with the "
            "slug of an existing organisation changes that organisation. Left blank, it is made "
            "from name_fr."
        ),
        "name_fr": _("Name in French. Required."),
        "name_en": _("Name in English."),
        "acronym": _("Short name, for example ULB."),
        "kind": _(
            "Kind of organisation, by code or by name in French or English: university, "
            "faculty (faculty or school), ngo, cooperation-unit, fund, public-funder, "
            "research-centre, hospital or other. Required."
        ),
        "is_own_structure": _(
            "yes for one of the university's own cooperation structures, otherwise no "
            "(oui, non and x are read too; blank is no)."
        ),
        "tagline_fr": _("One-line description in French: what it does and for whom."),
        "tagline_en": _("One-line description in English."),
        "description_fr": _("Description in French (Markdown: **bold**, lists, links)."),
        "description_en": _("Description in English (Markdown)."),
        "country": _("ISO country code, for example CD."),
        "city": _("City."),
        "website": _("Web address; https:// is added when missing."),
        "parent": _(
            "The organisation it belongs to, by slug, name (French or English) or acronym: an "
            "existing one, or one added by an earlier row of the file."
        ),
        "founded_on": _("Date, day first (31/03/2027) or ISO (2027-03-31)."),
        "merged_into": _(
            "The organisation it merged into, by slug, name (French or English) or acronym: an "
            "existing one, or one added by an earlier row of the file."
        ),
        "merged_on": _(
            "Date of the merger, day first (31/03/2027) or ISO (2027-03-31); only with merged_into."
        ),
    }

    class Meta:
        model = Organisation
        fields = COLUMNS
        import_order = COLUMNS
        export_order = COLUMNS

    def get_queryset(self):
        """The organisations the rows change, with what their columns read."""
        return Organisation.objects.select_related("country", "parent", "merged_into")

    def export_queryset(self, queryset=None):
        """`queryset` (every organisation) with what the columns read, in one query."""
        queryset = Organisation.objects.all() if queryset is None else queryset
        return queryset.select_related("country", "parent", "merged_into").order_by("slug")

    def export(self, queryset=None, **kwargs):
        return super().export(self.export_queryset(queryset), **kwargs)

    def iter_queryset(self, queryset):
        return in_import_order(list(queryset))

    def example_row(self) -> dict[str, str]:
        row = {
            "slug": "laboratoire-hydrologie-kinshasa",
            "name_fr": "Laboratoire d'hydrologie de Kinshasa",
            "name_en": "Kinshasa Hydrology Laboratory",
            "acronym": "LHK",
            "kind": Organisation.Kind.RESEARCH_CENTRE.value,
            "is_own_structure": "no",
            "tagline_fr": "Recherche sur l'eau potable dans les quartiers de Kinshasa.",
            "tagline_en": "Research on safe water in the districts of Kinshasa.",
            "description_fr": "",
            "description_en": "",
            "city": "Kinshasa",
            "website": "https://www.example.org",
            "founded_on": "01/09/2015",
            "merged_into": "",
            "merged_on": "",
        }
        country = (
            Country.objects.filter(code="CD").first() or Country.objects.order_by("code").first()
        )
        row["country"] = country.code if country else ""
        parent = (
            Organisation.objects.filter(kind=Organisation.Kind.UNIVERSITY).order_by("slug").first()
            or Organisation.objects.order_by("slug").first()
        )
        row["parent"] = (
            self.written_as("parent", parent, [parent.name, parent.acronym]) if parent else ""
        )
        return row

    def check_row(self, instance, new, row):
        """The rules of the model's constraints, said for the column they concern (the model's
        own message names a constraint)."""
        problems = super().check_row(instance, new, row)
        # A successor named but not found is the error of its own cell.
        successor_named = str(row.get("merged_into") or "").strip()
        if instance.merged_on and not instance.merged_into_id and not successor_named:
            problems.setdefault(
                "merged_on",
                gettext("a merger date needs merged_into: the organisation it merged into"),
            )
        return problems

    def after_save_instance(self, instance, row, **kwargs):
        """The next rows may name the organisation this row added or changed."""
        super().after_save_instance(instance, row, **kwargs)
        for name in ("parent", "merged_into"):
            self.fields[name].widget.remember(instance)


#: What `manage.py import_content --model ...` imports (see that command).
SPREADSHEET_RESOURCES = {"organisations": OrganisationResource}
