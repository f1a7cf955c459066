"""The projects as an IATI 2.03 activity file, `/projects/iati.xml?<the list's filters>`: the
published projects of the list's address, in its order, for the aggregators of the
International Aid Transparency Initiative (d-portal, the IATI Datastore...).

The file is streamed: one `iati-activity` is built (ElementTree, which escapes the text) and
written at a time. The tests validate it against the official schema, kept with its licence in
`projects/data/iati-2.03/`; the schema fixes the order of the elements in an activity, which
`activity` follows.

What a project becomes, and the codes used (IATI codelists, version 2.03:
https://iatistandard.org/en/iati-standard/203/codelists/):

- `iati-identifier`: `settings.IATI_ORGANISATION_IDENTIFIER`, a hyphen, the project's slug.
- `reporting-org`: the university (`settings.IATI_ORGANISATION_*`).
- `title`, `description` (type 1, General: the summary): a narrative per language
  (`xml:lang`), an empty one left out. The activity's own language is French.
- `participating-org`, codelist OrganisationRole (`PARTICIPATION_ROLES`):
    - the university, as reporting organisation: 2 Accountable, always;
    - funder: 1 Funding;
    - lead, co-lead, partner: 4 Implementing.
  3 Extending is not used: the portal does not record who manages a funder's money.
  Its type (codelist OrganisationType) only where the portal's kind of organisation says it
  plainly: 80 Academic, Training and Research for universities, faculties and research centres
  (an NGO could be international, national or based in the partner country: not said).
- `activity-status`, codelist ActivityStatus (`STATUSES`): planned → 1 Pipeline/identification,
  ongoing → 2 Implementation, completed → 4 Closed. Not 3 Finalisation ("open pending financial
  sign off"): the portal's "completed" only says the end date has passed, it records no sign-off
  still due, and nothing would ever move a project on from 3.
- `activity-date`, codelist ActivityDateType: the start date as 1 Planned start until the
  project starts, then 2 Actual start; the end date (when there is one) as 3 Planned End until
  the project is completed, then 4 Actual end.
- `recipient-country`: the ISO 3166-1 alpha-2 code, the percentages equal (two decimals,
  summing to exactly 100: `equal_shares`).
- `sector`, vocabulary 1 (OECD DAC 5-digit purpose codes, the IATI codelist Sector): the codes
  of the project's disciplines (`DISCIPLINE_SECTORS`, below), each distinct code an equal share.
  A discipline not in the table counts for nothing; a project none of whose disciplines is in
  it gets `FALLBACK_SECTOR`, 43082 Research/scientific institutions, the DAC's code for research
  "when sector cannot be identified" (the IATI rules expect a sector on every activity).
- `tag`, vocabulary 2 (UN Sustainable Development Goals): the goal's number, its title as
  narratives.
- `budget`, when the budget is stated and the project has an end date: one budget over the
  whole project, type 1 Original, status 1 Indicative, in euros valued at the start date. The
  IATI rules (not the schema) ask for periods of a year at most: the portal knows no yearly
  split, and inventing one would publish figures nobody stated.
- `document-link`: the project's page (text/html), category A12 Activity web page (2.03 has
  no activity-website).
"""

import datetime
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from decimal import ROUND_DOWN, Decimal

from django.conf import settings
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from cooperation_portal.text import without_control_characters
from partners.models import Organisation

from .exports import ROLE_ORDER
from .models import Participation, Project

VERSION = "2.03"
CURRENCY = "EUR"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# OrganisationRole
FUNDING, ACCOUNTABLE, IMPLEMENTING = "1", "2", "4"
PARTICIPATION_ROLES = {
    Participation.Role.FUNDER: FUNDING,
    Participation.Role.LEAD: IMPLEMENTING,
    Participation.Role.CO_LEAD: IMPLEMENTING,
    Participation.Role.PARTNER: IMPLEMENTING,
}

# OrganisationType: 80 Academic, Training and Research.
ORGANISATION_TYPES = {
    Organisation.Kind.UNIVERSITY: "80",
    Organisation.Kind.FACULTY: "80",
    Organisation.Kind.RESEARCH_CENTRE: "80",
}

# ActivityStatus
STATUSES = {
    Project.Status.PLANNED: "1",  # Pipeline/identification
    Project.Status.ONGOING: "2",  # Implementation
    Project.Status.COMPLETED: "4",  # Closed
}

# ActivityDateType
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"

#: A discipline's OECD DAC 5-digit purpose code (IATI codelist Sector, names as it gives them).
#: The portal's projects are university cooperation: a discipline that names a field of research
#: gets that sector's research code, one that names a sector gets that sector's code.
DISCIPLINE_SECTORS = {
    "agronomy": "31182",  # Agricultural research
    "architecture": "32310",  # Construction policy and administrative management
    "biodiversity": "41030",  # Bio-diversity
    "ecology": "41082",  # Environmental research
    "education": "11420",  # Higher education
    "engineering": "32182",  # Technological research and development
    "environment": "41010",  # Environmental policy and administrative management
    "health": "12110",  # Health policy and administrative management ("unspecified health")
    "medicine": "12182",  # Medical research
    "pharmacy": "12182",  # Medical research
    "sciences": "43082",  # Research/scientific institutions
    "social-sciences": "43082",  # Research/scientific institutions
    "urban-planning": "43031",  # Urban land policy and management ("urban planning")
}
FALLBACK_SECTOR = "43082"  # Research/scientific institutions: "when sector cannot be identified"
DAC_PURPOSE_CODES = "1"  # SectorVocabulary
SDG_GOALS = "2"  # TagVocabulary
GENERAL = "1"  # DescriptionType
ORIGINAL, INDICATIVE = "1", "1"  # BudgetType, BudgetStatus
ACTIVITY_WEB_PAGE = "A12"  # DocumentCategory
PAGE_TITLE = {
    "fr": "Page du projet sur le Portail de la coopération",
    "en": "Project page on the Cooperation Portal",
}
CENT = Decimal("0.01")


def activities_document(projects: Iterable[Project], *, absolute_url) -> Iterator[str]:
    """The IATI activity file of `projects` (published, with the relations
    `projects.exports.in_chunks` reads), a piece at a time: the opening, an activity per
    project, the closing tag. `absolute_url` makes a path an address (the request's
    `build_absolute_uri`)."""
    # One day for the whole file, even if it is written across midnight.
    today = timezone.localdate()
    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<iati-activities version="{VERSION}" generated-datetime="{moment(timezone.now())}">\n'
    )
    for project in projects:
        element = activity(project, absolute_url=absolute_url, today=today)
        ET.indent(element, space="  ", level=1)
        yield "  " + ET.tostring(element, encoding="unicode") + "\n"
    yield "</iati-activities>\n"


def activity(project: Project, *, absolute_url, today: datetime.date) -> ET.Element:
    """One project as an `iati-activity`, its elements in the schema's order."""
    status = project.status_on(today)
    element = ET.Element(
        "iati-activity",
        {
            "last-updated-datetime": moment(project.updated_at),
            XML_LANG: settings.LANGUAGE_CODE,
            "default-currency": CURRENCY,
        },
    )
    ET.SubElement(element, "iati-identifier").text = identifier(project)
    element.append(reporting_organisation())
    element.append(narrated("title", translations(project, "title")))
    element.append(narrated("description", translations(project, "summary"), type=GENERAL))
    element.extend(participating_organisations(project))
    ET.SubElement(element, "activity-status", code=STATUSES[status])
    element.extend(activity_dates(project, status))
    element.extend(recipient_countries(project))
    element.extend(sectors(project))
    element.extend(sdg_tags(project))
    element.extend(budgets(project))
    element.append(document_link(project, absolute_url))
    return element


def identifier(project: Project) -> str:
    """The activity's identifier: it must never change once published (IATI)."""
    return f"{settings.IATI_ORGANISATION_IDENTIFIER}-{project.slug}"


def reporting_organisation() -> ET.Element:
    element = ET.Element(
        "reporting-org",
        ref=settings.IATI_ORGANISATION_IDENTIFIER,
        type=settings.IATI_ORGANISATION_TYPE,
    )
    ET.SubElement(element, "narrative").text = settings.IATI_ORGANISATION_NAME
    return element


def participating_organisations(project: Project) -> list[ET.Element]:
    """The university (accountable), then the published organisations in the order of their
    roles (lead, co-lead, partner, funder); one taking two roles is named twice, as IATI asks."""
    university = ET.Element(
        "participating-org",
        ref=settings.IATI_ORGANISATION_IDENTIFIER,
        type=settings.IATI_ORGANISATION_TYPE,
        role=ACCOUNTABLE,
    )
    ET.SubElement(university, "narrative").text = settings.IATI_ORGANISATION_NAME
    participations = sorted(project.exported_participations, key=lambda p: ROLE_ORDER.index(p.role))
    return [university, *(participating_organisation(p) for p in participations)]


def participating_organisation(participation: Participation) -> ET.Element:
    organisation = participation.organisation
    attributes = {"role": PARTICIPATION_ROLES[participation.role]}
    if organisation.kind in ORGANISATION_TYPES:
        attributes["type"] = ORGANISATION_TYPES[organisation.kind]
    return narrated("participating-org", translations(organisation, "name"), **attributes)


def activity_dates(project: Project, status: str) -> list[ET.Element]:
    """The start date, planned or actual, and the end date when there is one."""
    started = status != Project.Status.PLANNED
    ended = status == Project.Status.COMPLETED
    dates = [(ACTUAL_START if started else PLANNED_START, project.start_date)]
    if project.end_date:
        dates.append((ACTUAL_END if ended else PLANNED_END, project.end_date))
    return [
        ET.Element("activity-date", {"type": kind, "iso-date": day.isoformat()})
        for kind, day in dates
    ]


def recipient_countries(project: Project) -> list[ET.Element]:
    codes = sorted(country.code for country in project.exported_countries)
    return [
        ET.Element("recipient-country", code=code, percentage=str(share))
        for code, share in zip(codes, equal_shares(len(codes)), strict=True)
    ]


def sectors(project: Project) -> list[ET.Element]:
    """The DAC purpose codes of the project's disciplines (see the module's docstring)."""
    disciplines = project.exported_disciplines
    codes = sorted(
        {DISCIPLINE_SECTORS[d.slug] for d in disciplines if d.slug in DISCIPLINE_SECTORS}
    ) or [FALLBACK_SECTOR]
    return [
        ET.Element("sector", vocabulary=DAC_PURPOSE_CODES, code=code, percentage=str(share))
        for code, share in zip(codes, equal_shares(len(codes)), strict=True)
    ]


def sdg_tags(project: Project) -> list[ET.Element]:
    goals = sorted(project.exported_sdgs, key=lambda goal: goal.number)
    return [
        narrated("tag", translations(goal, "title"), vocabulary=SDG_GOALS, code=str(goal.number))
        for goal in goals
    ]


def budgets(project: Project) -> list[ET.Element]:
    """The stated budget over the project's whole duration (none when not stated, or when the
    project has no end date to close the period)."""
    if project.budget is None or project.end_date is None:
        return []
    start = project.start_date.isoformat()
    element = ET.Element("budget", type=ORIGINAL, status=INDICATIVE)
    ET.SubElement(element, "period-start", {"iso-date": start})
    ET.SubElement(element, "period-end", {"iso-date": project.end_date.isoformat()})
    value = ET.SubElement(element, "value", {"currency": CURRENCY, "value-date": start})
    value.text = str(project.budget)
    return [element]


def document_link(project: Project, absolute_url) -> ET.Element:
    element = ET.Element(
        "document-link", url=absolute_url(project.get_absolute_url()), format="text/html"
    )
    element.append(narrated("title", PAGE_TITLE))
    ET.SubElement(element, "category", code=ACTIVITY_WEB_PAGE)
    return element


def narrated(tag: str, texts: dict[str, str], **attributes: str) -> ET.Element:
    """An element with a `narrative` per language of `texts` ({"fr": ..., "en": ...}). An empty
    text is left out, and control characters (which XML 1.0 forbids: one pasted in a title
    would make the whole file unreadable) are dropped."""
    element = ET.Element(tag, attributes)
    for language, text in texts.items():
        text = without_control_characters(text, keep="\t\n\r").strip()
        if text:
            ET.SubElement(element, "narrative", {XML_LANG: language}).text = text
    return element


def translations(instance, field: str) -> dict[str, str]:
    """The text of a translated `field` of `instance` in each of its languages."""
    return {
        language: getattr(instance, build_localized_fieldname(field, language))
        for language in settings.MODELTRANSLATION_LANGUAGES
    }


def equal_shares(count: int) -> list[Decimal]:
    """`count` percentages as equal as two decimals allow, summing to exactly 100: the cents
    left over go one each to the first (3 → 33.34, 33.33, 33.33)."""
    if not count:
        return []
    share = (Decimal(100) / count).quantize(CENT, rounding=ROUND_DOWN)
    left_over = int((Decimal(100) - share * count) / CENT)
    return [share + CENT if position < left_over else share for position in range(count)]


def moment(instant: datetime.datetime) -> str:
    """A date and time as the schema's xsd:dateTime, in local time with its offset."""
    return timezone.localtime(instant).replace(microsecond=0).isoformat()
