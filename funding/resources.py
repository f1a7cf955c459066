"""Funding schemes and their calls from and to the spreadsheets officers keep
(`FundingSchemeResource`, `CallResource`): the columns of `SCHEME_COLUMNS` and `CALL_COLUMNS`,
exported and imported alike, so that an export can be edited and imported back.

What a scheme's cells hold:

- `slug`: the scheme's address, how a row finds the scheme it changes (blank: made from
  `name_fr`, as the admin does); `name_*`, `summary_*`, `description_*`, `duration_*`,
  `no_call_note_*` as text (`name_fr` and `summary_fr` are required);
- `kind` and `applicant_type`: the code (`travel-grant`) or the label in French or English
  (`Bourse de voyage`), case and accents ignored; exported as the code;
- `funder`: an existing organisation by slug, name (French or English) or acronym; `contact`:
  an existing contact by e-mail address, name or role; both exported by their most stable key
  (the slug, the e-mail address);
- `applicant_levels` and `eligible_affiliations`: codes or labels (`master; doctoral`),
  `eligible_nationalities` by ISO code (`CD; BJ`), `disciplines` by slug or name, `sdgs` by
  number: existing rows only, an unknown one is an error naming it;
- `open_to_all_nationalities`: yes or no (oui, non, true, false, 1, 0, x; blank is no);
- `amount_min`, `amount_max` in euros: `1500`, `1 500,50` or `1500.50`;
- `application_url`: an address, https when typed without one, as in the admin.

A call's cells: `scheme` (an existing scheme by slug or name), `title_fr`, `title_en`, the
moments `opens_at`, `deadline` and `internal_deadline` in Brussels time (`31/03/2027 12:00` or
`2027-03-31 12:00`), and `url`. Calls have no slug: a row finds the call it changes by its
scheme and French title.

Publication: as for projects, a new scheme is a draft and an update leaves a scheme draft or
published as it is; only who may publish (cooperation officers) changes a published scheme.
A call of a published scheme is on the public page (its deadline in the list, the calendars and
the feed), so only who may publish adds or changes one: the scheme's admin page, where calls
are edited inline, is read-only to editors once the scheme is published.
"""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export.instance_loaders import ModelInstanceLoader

from cooperation_portal.publication import may_publish
from cooperation_portal.spreadsheets import (
    AmountWidget,
    ChoiceWidget,
    DateTimeWidget,
    ReferenceListWidget,
    ReferenceWidget,
    SpreadsheetResource,
    WebsiteWidget,
    YesNoWidget,
    column,
    in_brussels,
    in_words,
    plain,
    spellings,
)
from partners.models import Organisation, Person
from partners.resources import OrganisationReferenceWidget
from taxonomy.models import SDG, Country, Discipline
from taxonomy.resources import CountriesWidget, DisciplinesWidget, SDGsWidget

from .models import (
    AFFILIATION_PHRASES,
    PLURAL_LEVEL_LABELS,
    Affiliation,
    ApplicantLevel,
    Call,
    FundingScheme,
)

SCHEME_COLUMNS = [
    "slug",
    "name_fr",
    "name_en",
    "kind",
    "funder",
    "summary_fr",
    "summary_en",
    "description_fr",
    "description_en",
    "applicant_levels",
    "eligible_affiliations",
    "applicant_type",
    "open_to_all_nationalities",
    "eligible_nationalities",
    "disciplines",
    "sdgs",
    "amount_min",
    "amount_max",
    "duration_fr",
    "duration_en",
    "application_url",
    "no_call_note_fr",
    "no_call_note_en",
    "contact",
]

CALL_COLUMNS = [
    "scheme",
    "title_fr",
    "title_en",
    "opens_at",
    "deadline",
    "internal_deadline",
    "url",
]

# Widgets: a cell's value to a Python value and back -------------------------------------------


class VocabularyWidget(ReferenceListWidget):
    """Applicant levels or affiliations (a `FixedVocabulary`) by code or label in either
    language, case and accents ignored; written by code."""

    #: {code: how the label reads in a sentence}, also accepted.
    phrases: dict = {}

    def keys_of(self, item):
        label = item.Code(item.code).label
        keys = [item.code, *spellings(label)]
        if item.code in self.phrases:
            keys += spellings(self.phrases[item.code])
        return [plain(key) for key in keys]

    def key_of(self, item):
        return item.code

    def find(self, key):
        found = self.index().get(plain(key))
        if found is None:
            raise ValueError(self.unknown(key))
        return found

    def unknown(self, key):
        return gettext("`%(key)s` is not one of: %(choices)s") % {
            "key": key,
            "choices": in_words(self.model.Code.choices),
        }


class ApplicantLevelsWidget(VocabularyWidget):
    phrases = PLURAL_LEVEL_LABELS


class AffiliationsWidget(VocabularyWidget):
    phrases = AFFILIATION_PHRASES


class ContactWidget(ReferenceWidget):
    """A contact by e-mail address, name or role (in either language); written by e-mail
    address, else name, else role. Contacts have no slug: one that several share is an error
    asking for the e-mail address."""

    def keys_of(self, person):
        return [person.email, person.name, person.role_fr, person.role_en]

    def key_of(self, person):
        return person.email or person.name or person.role_fr or person.role

    def unknown(self, key):
        return gettext("no contact with e-mail address, name or role `%(key)s`") % {"key": key}

    def ambiguous(self, key):
        return gettext("`%(key)s` names several contacts; write the e-mail address") % {"key": key}


class SchemeWidget(ReferenceWidget):
    """A funding scheme by slug or name in either language; written by slug."""

    def keys_of(self, scheme):
        return [scheme.slug, scheme.name_fr, scheme.name_en]

    def key_of(self, scheme):
        return scheme.slug

    def unknown(self, key):
        return gettext("no funding scheme with slug or name `%(key)s`") % {"key": key}


# Funding schemes -----------------------------------------------------------------------------


class FundingSchemeResource(SpreadsheetResource):
    """Funding schemes, matched by slug; see the module's docstring for the columns and for what
    an import does to drafts and published schemes."""

    slug = column("slug")
    name_fr = column("name_fr")
    name_en = column("name_en")
    kind = column("kind", ChoiceWidget(FundingScheme.Kind))
    funder = column("funder", OrganisationReferenceWidget())
    summary_fr = column("summary_fr")
    summary_en = column("summary_en")
    description_fr = column("description_fr")
    description_en = column("description_en")
    applicant_levels = column("applicant_levels", ApplicantLevelsWidget(ApplicantLevel))
    eligible_affiliations = column("eligible_affiliations", AffiliationsWidget(Affiliation))
    applicant_type = column(
        "applicant_type",
        ChoiceWidget(FundingScheme.ApplicantType, default=FundingScheme.ApplicantType.EITHER),
    )
    open_to_all_nationalities = column("open_to_all_nationalities", YesNoWidget())
    eligible_nationalities = column("eligible_nationalities", CountriesWidget())
    disciplines = column("disciplines", DisciplinesWidget())
    sdgs = column("sdgs", SDGsWidget())
    amount_min = column("amount_min", AmountWidget())
    amount_max = column("amount_max", AmountWidget())
    duration_fr = column("duration_fr")
    duration_en = column("duration_en")
    application_url = column("application_url", WebsiteWidget())
    no_call_note_fr = column("no_call_note_fr")
    no_call_note_en = column("no_call_note_en")
    contact = column("contact", ContactWidget(Person))

    slug_from = "name_fr"
    matching_note = _(
        "A row with the slug of an existing funding scheme changes that scheme; any other row "
        "adds a new scheme, as a draft. Its calls are imported in a file of their own (Calls)."
    )
    column_notes = {
        "slug": _(
            "The scheme's address (lower-case letters, digits and hyphens): a row with the slug "
            "of an existing scheme changes that scheme. Left blank, it is made from name_fr."
        ),
        "name_fr": _("Name in French. Required."),
        "name_en": _("Name in English."),
        "kind": _(
            "Kind of funding, by code or label (French or English): individual-mobility, "
            "travel-grant, student-group-project, valorisation, doctoral-grant, project-grant. "
            "Required."
        ),
        "funder": _(
            "The organisation that funds it, by slug, name (French or English) or acronym. "
            "Required. An unknown organisation is an error: add it under Organisations first."
        ),
        "summary_fr": _("Summary in French, at most 600 characters. Required."),
        "summary_en": _("Summary in English, at most 600 characters."),
        "description_fr": _("Description in French (Markdown: **bold**, lists, links)."),
        "description_en": _("Description in English (Markdown)."),
        "applicant_levels": _(
            "Who may apply, by code or label, separated by “; ”: bachelor, master, doctoral, "
            "postdoctoral, academic-staff, administrative-staff. Blank: every level."
        ),
        "eligible_affiliations": _(
            "Where applicants work or study, by code or label, separated by “; ”: "
            "partner-university, ulb, belgian-institution, ngo. Blank: from anywhere."
        ),
        "applicant_type": _(
            "Who applies, by code or label: person (individuals), organisation, either. "
            "Blank: either."
        ),
        "open_to_all_nationalities": _(
            "yes or no (oui or non also read; blank is no). When no, list the countries in "
            "eligible_nationalities."
        ),
        "eligible_nationalities": _(
            "ISO codes of the nationalities that may apply, separated by “; ”, for example CD; BJ."
        ),
        "disciplines": _(
            "Existing disciplines, by slug or name (French or English), separated by “; ”. "
            "Blank: every discipline."
        ),
        "sdgs": _("Sustainable Development Goal numbers (1 to 17) separated by “; ”."),
        "amount_min": _("Smallest amount in euros: 1500, 1 500,50 or 1500.50; not negative."),
        "amount_max": _("Largest amount in euros, not below amount_min."),
        "duration_fr": _("Duration in French, for example 1 à 3 mois."),
        "duration_en": _("Duration in English, for example 1 to 3 months."),
        "application_url": _("Web address of how to apply; https:// is added when missing."),
        "no_call_note_fr": _(
            "For a scheme without dated calls, in French: how and when to apply (all year "
            "round...)."
        ),
        "no_call_note_en": _("The same in English."),
        "contact": _(
            "An existing contact, by e-mail address (or name, or role). Blank: no contact."
        ),
    }

    class Meta:
        model = FundingScheme
        fields = SCHEME_COLUMNS
        import_order = SCHEME_COLUMNS
        export_order = SCHEME_COLUMNS

    def export_queryset(self, queryset=None):
        """`queryset` (every scheme) with what the columns read, in a few queries."""
        queryset = FundingScheme.objects.all() if queryset is None else queryset
        return (
            queryset.order_by("slug")
            .select_related("funder", "contact")
            .prefetch_related(
                "applicant_levels",
                "eligible_affiliations",
                "eligible_nationalities",
                "disciplines",
                "sdgs",
            )
        )

    def export(self, queryset=None, **kwargs):
        return super().export(self.export_queryset(queryset), **kwargs)

    def example_row(self) -> dict[str, str]:
        slug, number = "bourses-de-mobilite-sud", 1
        while FundingScheme.objects.filter(slug=slug).exists():
            number += 1
            slug = f"bourses-de-mobilite-sud-{number}"
        row = {
            "slug": slug,
            "name_fr": "Bourses de mobilité Sud",
            "name_en": "South mobility grants",
            "kind": FundingScheme.Kind.INDIVIDUAL_MOBILITY.value,
            "summary_fr": "Des séjours de recherche de un à trois mois en Belgique.",
            "summary_en": "Research stays of one to three months in Belgium.",
            "description_fr": "",
            "description_en": "",
            "applicant_levels": "; ".join(
                [ApplicantLevel.Code.DOCTORAL.value, ApplicantLevel.Code.POSTDOCTORAL.value]
            ),
            "eligible_affiliations": Affiliation.Code.PARTNER_UNIVERSITY.value,
            "applicant_type": FundingScheme.ApplicantType.PERSON.value,
            "open_to_all_nationalities": "no",
            "amount_min": "1500",
            "amount_max": "6000",
            "duration_fr": "1 à 3 mois",
            "duration_en": "1 to 3 months",
            "application_url": "https://www.example.org/apply",
            "no_call_note_fr": "",
            "no_call_note_en": "",
        }
        organisation = Organisation.objects.order_by("slug").first()
        row["funder"] = (
            self.written_as("funder", organisation, [organisation.name, organisation.acronym])
            if organisation
            else ""
        )
        country = (
            Country.objects.filter(code="CD").first() or Country.objects.order_by("code").first()
        )
        row["eligible_nationalities"] = country.code if country else ""
        discipline = Discipline.objects.order_by("slug").first()
        row["disciplines"] = (
            self.written_as("disciplines", discipline, [discipline.name]) if discipline else ""
        )
        sdg = SDG.objects.filter(number=4).first() or SDG.objects.order_by("number").first()
        row["sdgs"] = str(sdg.number) if sdg else ""
        contact = Person.objects.exclude(email="").order_by("email").first()
        row["contact"] = self.written_as("contact", contact, [contact.email]) if contact else ""
        return row

    def check_row(self, instance, new, row):
        """The rules of the admin's form and of the model's constraints, said for the column
        they concern (the model's own message names a constraint)."""
        problems = super().check_row(instance, new, row)
        for name in ("amount_min", "amount_max"):
            amount = getattr(instance, name)
            if amount is not None and amount < 0:
                problems.setdefault(name, gettext("an amount cannot be negative"))
        low, high = instance.amount_min, instance.amount_max
        if low is not None and high is not None and high < low:
            problems.setdefault(
                "amount_max",
                gettext("the largest amount is below the smallest (%(amount_min)s)")
                % {"amount_min": low},
            )
        return problems


# Calls --------------------------------------------------------------------------------------


class CallResource(SpreadsheetResource):
    """Calls, one a row, matched by their scheme and French title; see the module's docstring
    for the columns and for who may change the calls of a published scheme."""

    scheme = column("scheme", SchemeWidget(FundingScheme))
    title_fr = column("title_fr")
    title_en = column("title_en")
    opens_at = column("opens_at", DateTimeWidget())
    deadline = column("deadline", DateTimeWidget())
    internal_deadline = column("internal_deadline", DateTimeWidget())
    url = column("url", WebsiteWidget())

    matching_note = _(
        "A row with the scheme and the French title of an existing call changes that call; "
        "any other row adds a new call. So a changed French title adds a call: to rename one, "
        "change its title in the admin."
    )
    column_notes = {
        "scheme": _(
            "The call's funding scheme, by slug or name (French or English). Required. An "
            "unknown scheme is an error: import the schemes first."
        ),
        "title_fr": _(
            "Title in French, for example Appel 2027. Required; with the scheme, it finds the "
            "call a row changes."
        ),
        "title_en": _("Title in English, for example 2027 call."),
        "opens_at": _(
            "When the call opens, Brussels time: 31/03/2027 12:00 or 2027-03-31 12:00 (a date "
            "alone is midnight). Required."
        ),
        "deadline": _("When the call closes, Brussels time; not before opens_at. Required."),
        "internal_deadline": _(
            "The university's own, earlier deadline, Brussels time: between opens_at and "
            "deadline. Blank: none."
        ),
        "url": _("Web address of the call's text; https:// is added when missing."),
    }

    class Meta:
        model = Call
        fields = CALL_COLUMNS
        import_order = CALL_COLUMNS
        export_order = CALL_COLUMNS
        import_id_fields = ["scheme", "title_fr"]
        # The cached loader reads one key column only.
        instance_loader_class = ModelInstanceLoader

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._calls_seen = {}
        self._row = 0

    def import_instance(self, instance, row, **kwargs):
        self._row = self.spreadsheet_row(kwargs.get("row_number") or 0)
        super().import_instance(instance, row, **kwargs)

    def notes(self) -> list:
        return [
            _("Times are in Brussels time, as the admin shows them."),
            _(
                "The calls of a published scheme are on its public page: only a cooperation "
                "officer may add or change them."
            ),
        ]

    def export_queryset(self, queryset=None):
        """`queryset` (every call) by scheme and opening, with their schemes, in one query."""
        queryset = Call.objects.all() if queryset is None else queryset
        return queryset.select_related("scheme").order_by(
            "scheme__slug", "opens_at", "title_fr", "pk"
        )

    def export(self, queryset=None, **kwargs):
        return super().export(self.export_queryset(queryset), **kwargs)

    def example_row(self) -> dict[str, str]:
        # A draft scheme if there is one: an editor may import its example too.
        scheme = FundingScheme.objects.order_by("publication_status", "slug").first()
        year = timezone.localdate().year + 1
        title = f"Appel {year}"
        number = 1
        while scheme and Call.objects.filter(scheme=scheme, title_fr=title).exists():
            number += 1
            title = f"Appel {year} ({number})"
        return {
            "scheme": (self.written_as("scheme", scheme, [scheme.name]) if scheme else ""),
            "title_fr": title,
            "title_en": f"{year} call" if number == 1 else f"{year} call ({number})",
            "opens_at": f"01/02/{year} 00:00",
            "deadline": f"31/03/{year} 12:00",
            "internal_deadline": f"15/03/{year} 12:00",
            "url": "https://www.example.org/call",
        }

    def check_row(self, instance, new, row):
        """The call's rules (those of the model's constraints), said for their column, and who
        may change the calls of a published scheme."""
        problems = super().check_row(instance, new, row)
        opens_at, deadline = instance.opens_at, instance.deadline
        internal = instance.internal_deadline
        if opens_at and deadline and deadline < opens_at:
            problems.setdefault(
                "deadline",
                gettext("the call closes before it opens (%(opens_at)s)")
                % {"opens_at": in_brussels(opens_at)},
            )
        if "deadline" in problems:
            # Then no internal deadline fits between the two.
            internal = None
        if internal and deadline and internal > deadline:
            problems.setdefault(
                "internal_deadline",
                gettext("after the deadline (%(deadline)s)") % {"deadline": in_brussels(deadline)},
            )
        if internal and opens_at and internal < opens_at:
            problems.setdefault(
                "internal_deadline",
                gettext("before the call opens (%(opens_at)s)")
                % {"opens_at": in_brussels(opens_at)},
            )
        if instance.scheme_id is not None and instance.title_fr:
            # The same call named two ways (its scheme's slug, then its name).
            key = (instance.scheme_id, instance.title_fr)
            first = self._calls_seen.setdefault(key, self._row)
            if first != self._row:
                problems.setdefault(
                    "scheme",
                    gettext("this call is also on row %(row)s: each row must name another one")
                    % {"row": first},
                )
        return problems

    def publisher_problem(self, instance, new):
        """A call of a published scheme is on its public page: only who may publish adds or
        changes one (asked of rows that change something only)."""
        if (
            instance.scheme_id is not None
            and self.user is not None
            and instance.scheme.is_published
            and not may_publish(self.user, FundingScheme)
        ):
            return gettext(
                "“%(scheme)s” is published: only a cooperation officer may add or change its calls"
            ) % {"scheme": instance.scheme}
        return super().publisher_problem(instance, new)


#: What `manage.py import_content --model ...` imports (see that command).
SPREADSHEET_RESOURCES = {"funding-schemes": FundingSchemeResource, "calls": CallResource}
