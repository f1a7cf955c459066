"""Projects from and to the spreadsheets officers keep (`ProjectResource`): the columns of
`COLUMNS`, exported and imported alike, so that an export can be edited and imported back.

What a cell holds:

- `slug`: the project's address, how a row finds the project it changes (blank: made from
  `title_fr`, as the admin does); `title_fr`, `title_en`, `summary_fr`, `summary_en`,
  `description_fr`, `description_en`, `acronym`, `website` as text (`title_fr` and
  `summary_fr` are required);
- `start_date`, `end_date`: day first (`31/03/2027`) or ISO (`2027-03-31`); exported as ISO;
- `budget` in euros: `250000`, `250 000,50` or `250000.50`;
- `countries` by ISO code (`CD; BJ`), `sdgs` by number (`3; 5`), `disciplines` and
  `funding_schemes` by slug or name (French or English): existing rows only, an unknown one is
  an error naming it;
- `partners`: organisations by name (French or English), slug or acronym, each with its role
  in brackets (`Université de Kinshasa (co-lead); Ucoopia (partner)`); the roles in English
  (lead, co-lead, partner, funder) or French (pilote / chef de file, co-pilote, partenaire,
  bailleur de fonds); an unknown organisation is an error, never created;
- `keywords`: free text (`malaria; midwifery`): a keyword is found by its name in either
  language, and one that does not exist yet is created, named in the language of the import
  (French for the command), for an officer to translate under "Keywords". Unlike the admin's
  form, which chooses from the vocabulary, a spreadsheet is typed: refusing every new word
  would make officers stop at each row.

Publication status is no column. A new project is a draft. An update changes a project where
it stands: a draft stays a draft, and a published project stays published with its new values.
Moving it back to draft would take its page off the site, the sitemap, the feeds and the IATI
file at the officer's next import, without anyone asking; and an import never publishes. Like
the admin, only who may publish (cooperation officers) may change a published project: for
anyone else, such a row is an error.
"""

import re
import unicodedata
from typing import NamedTuple

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from cooperation_portal.spreadsheets import (
    AmountWidget,
    DateWidget,
    ReferenceListWidget,
    SlugOrNameWidget,
    SpreadsheetResource,
    WebsiteWidget,
    column,
    normalized,
    split_list,
)
from funding.models import FundingScheme
from partners.models import Organisation
from partners.resources import OrganisationsByName
from taxonomy.models import SDG, Country, Discipline
from taxonomy.resources import CountriesWidget, DisciplinesWidget, SDGsWidget

from .models import Keyword, Participation, Project
from .search import refreshed_once

COLUMNS = [
    "slug",
    "title_fr",
    "title_en",
    "acronym",
    "summary_fr",
    "summary_en",
    "description_fr",
    "description_en",
    "start_date",
    "end_date",
    "budget",
    "website",
    "countries",
    "sdgs",
    "disciplines",
    "funding_schemes",
    "partners",
    "keywords",
]


class FundingSchemesWidget(SlugOrNameWidget):
    def unknown(self, key):
        return gettext("no funding scheme with slug or name `%(key)s`") % {"key": key}


class KeywordsWidget(ReferenceListWidget):
    """Keywords by name in either language; a name not found is a new keyword (a `str`)."""

    def keys_of(self, keyword):
        return [keyword.name_fr, keyword.name_en]

    def key_of(self, keyword):
        return keyword if isinstance(keyword, str) else keyword.name

    def find(self, key):
        found = self.index().get(normalized(key))
        if found is None:
            longest = Keyword._meta.get_field("name").max_length
            if len(key) > longest:
                raise ValueError(
                    gettext("`%(key)s` is longer than %(longest)s characters")
                    % {
                        "key": key,
                        "longest": longest,
                    }
                )
            return key
        return found if isinstance(found, Keyword) else key

    def identity(self, item):
        return ("new", normalized(item)) if isinstance(item, str) else item.pk


class Partnership(NamedTuple):
    organisation: Organisation
    role: str


def role_names() -> dict[str, str]:
    """Every way a role is written (`co-lead`, `Co-pilote`, `chef de file`...), squeezed by
    `squeezed`, and the role it names: the codes, the labels in each language, and the words
    officers use."""
    names = {
        "leader": Participation.Role.LEAD,
        "chefdefile": Participation.Role.LEAD,
        "coleader": Participation.Role.CO_LEAD,
        "cochefdefile": Participation.Role.CO_LEAD,
        "copromoteur": Participation.Role.CO_LEAD,
        "bailleur": Participation.Role.FUNDER,
        "financeur": Participation.Role.FUNDER,
    }
    for role, label in Participation.Role.choices:
        names[squeezed(role)] = role
        for language in ("fr", "en"):
            with translation.override(language):
                names[squeezed(str(label))] = role
    return names


def squeezed(text: str) -> str:
    """Lower case letters only, without accents: "Co-pilote" and "copilote" are one."""
    decomposed = unicodedata.normalize("NFKD", str(text).casefold())
    return "".join(char for char in decomposed if "a" <= char <= "z")


PARTNER = re.compile(r"^(?P<name>.*?\S)\s*\((?P<role>[^()]*)\)\s*$")


class PartnersWidget(OrganisationsByName, ReferenceListWidget):
    """`Université de Kinshasa (co-lead); Ucoopia (partner)`: organisations (known as
    `OrganisationsByName` knows them) with their roles."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._roles = None

    def find(self, key):
        match = PARTNER.match(key)
        if match is None:
            raise ValueError(
                gettext("`%(key)s` has no role: write it in brackets, as in “%(key)s (partner)”")
                % {"key": key}
            )
        if self._roles is None:
            self._roles = role_names()
        role = self._roles.get(squeezed(match["role"]))
        if role is None:
            raise ValueError(
                gettext(
                    "`%(role)s` is not a role; the roles are lead, co-lead, partner and funder "
                    "(in French: pilote, co-pilote, partenaire, bailleur de fonds)"
                )
                % {"role": match["role"]}
            )
        return Partnership(super().find(match["name"]), role)

    def identity(self, item):
        organisation_id = getattr(item, "organisation_id", None)
        return (organisation_id or item.organisation.pk, item.role)

    def items(self, value):
        if hasattr(value, "all"):
            participations = value.all()
            if participations._result_cache is None:  # not prefetched
                participations = participations.select_related("organisation")
            try:
                return list(participations)
            except ValueError:  # a project not saved yet
                return []
        return super().items(value)

    def key_of(self, item):
        organisation = item.organisation
        # The name, unless the list could not be read back with it.
        name = organisation.name
        if ";" in name or "(" in name or ")" in name:
            name = organisation.slug
        return f"{name} ({item.role})"

    def render(self, value, obj=None, **kwargs):
        order = list(Participation.Role.values)
        items = sorted(
            self.items(value), key=lambda item: (order.index(item.role), item.organisation.name)
        )
        return "; ".join(self.key_of(item) for item in items)


class ProjectResource(SpreadsheetResource):
    """Projects, matched by slug; see the module's docstring for the columns and for what an
    import does to drafts and published projects."""

    slug = column("slug")
    title_fr = column("title_fr")
    title_en = column("title_en")
    acronym = column("acronym")
    summary_fr = column("summary_fr")
    summary_en = column("summary_en")
    description_fr = column("description_fr")
    description_en = column("description_en")
    start_date = Field(attribute="start_date", column_name="start_date", widget=DateWidget())
    end_date = Field(attribute="end_date", column_name="end_date", widget=DateWidget())
    budget = Field(attribute="budget", column_name="budget", widget=AmountWidget())
    website = Field(attribute="website", column_name="website", widget=WebsiteWidget())
    countries = Field(
        attribute="countries", column_name="countries", widget=CountriesWidget(Country)
    )
    sdgs = Field(attribute="sdgs", column_name="sdgs", widget=SDGsWidget(SDG))
    disciplines = Field(
        attribute="disciplines", column_name="disciplines", widget=DisciplinesWidget(Discipline)
    )
    funding_schemes = Field(
        attribute="funding_schemes",
        column_name="funding_schemes",
        widget=FundingSchemesWidget(FundingScheme),
    )
    partners = Field(
        attribute="participations", column_name="partners", widget=PartnersWidget(Organisation)
    )
    keywords = Field(attribute="keywords", column_name="keywords", widget=KeywordsWidget(Keyword))

    slug_from = "title_fr"
    matching_note = _(
        "A row with the slug of an existing project changes that project; any other row adds "
        "a new project, as a draft."
    )
    column_notes = {
        "slug": _(
            "The project's address (lower-case letters, digits and hyphens): a row with the slug "
            "of an existing project changes that project. Left blank, it is made from title_fr."
        ),
        "title_fr": _("Title in French. Required."),
        "title_en": _("Title in English."),
        "acronym": _("Short name, for example EAUKIN."),
        "summary_fr": _("Summary in French. Required."),
        "summary_en": _("Summary in English."),
        "description_fr": _("Description in French (Markdown: **bold**, lists, links)."),
        "description_en": _("Description in English (Markdown)."),
        "start_date": _("Date, day first (31/03/2027) or ISO (2027-03-31)."),
        "end_date": _("Date, day first (31/03/2027) or ISO (2027-03-31); not before start_date."),
        "budget": _("Amount in euros: 250000, 250 000,50 or 250000.50."),
        "website": _("Web address; https:// is added when missing."),
        "countries": _("ISO country codes separated by “; ”, for example CD; BJ."),
        "sdgs": _(
            "Sustainable Development Goal numbers (1 to 17) separated by “; ”: at least one."
        ),
        "disciplines": _(
            "Existing disciplines, by slug or name (French or English), separated by “; ”."
        ),
        "funding_schemes": _(
            "Existing funding schemes, by slug or name (French or English), separated by “; ”."
        ),
        "partners": _(
            "Existing organisations (by name, slug or acronym), each with its role in brackets, "
            "separated by “; ”: Université de Kinshasa (pilote); Ucoopia (partenaire). Roles: "
            "pilote (lead), co-pilote (co-lead), partenaire (partner), bailleur de fonds (funder). "
            "An unknown organisation is an error: add it under Organisations first."
        ),
        "keywords": _(
            "Keywords separated by “; ”; one that does not exist yet is created, to be translated "
            "under Keywords."
        ),
    }

    class Meta:
        model = Project
        fields = COLUMNS
        import_order = COLUMNS
        export_order = COLUMNS

    def import_row(self, row, instance_loader, **kwargs):
        # The project's search columns once per row, not after each of its links.
        with refreshed_once():
            return super().import_row(row, instance_loader, **kwargs)

    def export_queryset(self, queryset=None):
        """`queryset` (every project) with what the columns read, in a few queries."""
        queryset = Project.objects.all() if queryset is None else queryset
        return queryset.order_by("slug").prefetch_related(
            "countries",
            "sdgs",
            "disciplines",
            "funding_schemes",
            "keywords",
            Prefetch("participations", Participation.objects.select_related("organisation")),
        )

    def export(self, queryset=None, **kwargs):
        return super().export(self.export_queryset(queryset), **kwargs)

    def example_row(self) -> dict[str, str]:
        row = {
            "slug": "eau-potable-kinshasa",
            "title_fr": "Eau potable à Kinshasa",
            "title_en": "Safe water in Kinshasa",
            "acronym": "EAUKIN",
            "summary_fr": "De l'eau potable pour deux quartiers de Kinshasa.",
            "summary_en": "Safe drinking water for two districts of Kinshasa.",
            "description_fr": "",
            "description_en": "",
            "start_date": "01/02/2027",
            "end_date": "31/01/2030",
            "budget": "250000",
            "website": "https://www.example.org",
        }
        country = (
            Country.objects.filter(code="CD").first() or Country.objects.order_by("code").first()
        )
        row["countries"] = country.code if country else ""
        sdg = SDG.objects.filter(number=6).first() or SDG.objects.order_by("number").first()
        row["sdgs"] = str(sdg.number) if sdg else ""
        discipline = Discipline.objects.order_by("slug").first()
        row["disciplines"] = (
            self.written_as("disciplines", discipline, [discipline.name]) if discipline else ""
        )
        scheme = FundingScheme.objects.order_by("slug").first()
        row["funding_schemes"] = (
            self.written_as("funding_schemes", scheme, [scheme.name]) if scheme else ""
        )
        organisation = Organisation.objects.order_by("slug").first()
        if organisation:
            role = str(Participation.Role.LEAD.label).lower()
            row["partners"] = self.written_as(
                "partners",
                organisation,
                [f"{name} ({role})" for name in (organisation.name, organisation.acronym)],
                found=lambda partnership: partnership.organisation,
            )
            if row["partners"] == organisation.slug:
                row["partners"] = f"{organisation.slug} ({role})"
        else:
            row["partners"] = ""
        keyword = Keyword.objects.order_by("slug").first()
        row["keywords"] = keyword.name if keyword else ""
        return row

    def check_row(self, instance, new, row):
        """The rules of the admin's `ProjectForm` and of the model's constraints, said for the
        column they concern (the model's own message names a constraint)."""
        problems = super().check_row(instance, new, row)
        no_sdg = not split_list(row.get("sdgs")) and ("sdgs" in row or new)
        if no_sdg and "sdgs" not in problems:
            problems["sdgs"] = gettext("at least one Sustainable Development Goal is needed")
        if instance.start_date and instance.end_date and instance.end_date < instance.start_date:
            problems.setdefault(
                "end_date",
                gettext("the project ends before it starts (%(start)s)")
                % {"start": instance.start_date.strftime("%d/%m/%Y")},
            )
        if instance.budget is not None and instance.budget < 0:
            problems.setdefault("budget", gettext("a budget cannot be negative"))
        return problems

    def save_links(self, field, instance, items):
        if field.column_name != "partners":
            return super().save_links(field, instance, items)
        wanted = {(item.organisation.pk, item.role) for item in items}
        for participation in instance.participations.all():
            if (participation.organisation_id, participation.role) in wanted:
                wanted.discard((participation.organisation_id, participation.role))
            else:
                participation.delete()
        for organisation_id, role in sorted(wanted, key=str):
            Participation.objects.create(
                project=instance, organisation_id=organisation_id, role=role
            )
        return None


#: What `manage.py import_content --model ...` imports (see that command).
SPREADSHEET_RESOURCES = {"projects": ProjectResource}
