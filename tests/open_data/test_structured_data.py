"""The schema.org JSON-LD of every page uses only types schema.org defines, and on each type
only the properties schema.org defines for it or its ancestors, checked against the vocabulary
vendored in tests/data (schema-dts 2.1.0; tests/data/README.md): projects with their members in
their roles, funding schemes as grants with their amount, organisations with their website,
events, and the site with its search."""

import functools
import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from events.models import Event
from funding.models import FundingScheme
from news.models import NewsItem
from partners.models import Organisation
from partners.structured_data import SCHEMA_TYPES
from projects.models import Participation, Project
from tests.factories import (
    DRAFT,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)
from tests.open_data.test_metadata import get_head, page_types

pytestmark = pytest.mark.django_db

VOCABULARY_FILE = Path(__file__).resolve().parents[1] / "data" / "schema_org_vocabulary.json"
SCHEMA = "https://schema.org/"
#: Action annotations: `query-input` says how to fill the `query` of a SearchAction's target
#: (https://schema.org/docs/actions.html; schema-dts types them as `<property>-input`).
ANNOTATION = re.compile(r"^(?P<property>[A-Za-z]+)-(?:input|output)$")


@functools.cache
def vocabulary() -> dict:
    return json.loads(VOCABULARY_FILE.read_text())


@functools.cache
def ancestors(type_name: str) -> frozenset[str]:
    """The type and every type it descends from."""
    parents = vocabulary()["types"][type_name]["parents"]
    return frozenset({type_name}).union(*(ancestors(parent) for parent in parents))


@functools.cache
def properties_of(type_name: str) -> frozenset[str]:
    """The properties schema.org defines for the type, its own and its ancestors'."""
    types = vocabulary()["types"]
    return frozenset().union(*(types[ancestor]["properties"] for ancestor in ancestors(type_name)))


def types_of(node: dict) -> list[str]:
    declared = node.get("@type", [])
    return [declared] if isinstance(declared, str) else list(declared)


def violations(node, where: str = "$", wrapped: str | None = None, top: bool = True) -> list[str]:
    """What in `node` (JSON-LD, nested objects included) schema.org does not define: an
    unknown type, a property its type does not have, an object of a type the property does not
    take, an enumeration member that does not exist. `wrapped`: the property whose value `node`
    is, a `Role` wrapping the value under that property's name again; `top`: whether `node` is
    a block of its own (or a list of them), the only place `@context` belongs."""
    if isinstance(node, list):
        return [
            problem
            for i, item in enumerate(node)
            for problem in violations(item, f"{where}[{i}]", wrapped, top)
        ]
    if not isinstance(node, dict):
        return []
    names = types_of(node)
    if not names:
        return [f"{where}: an object without @type"]
    unknown = [name for name in names if name not in vocabulary()["types"]]
    if unknown:
        return [f"{where}: {name} is not a schema.org type" for name in unknown]
    allowed = frozenset().union(*(properties_of(name) for name in names))
    is_action = any("Action" in ancestors(name) for name in names)
    is_role = any("Role" in ancestors(name) for name in names)
    problems = []
    for key, value in node.items():
        here = f"{where}.{key}"
        if key.startswith("@"):
            if key not in {"@context", "@type", "@id"}:
                problems.append(f"{here}: not a JSON-LD keyword the portal uses")
            elif key == "@context" and (not top or value != "https://schema.org"):
                problems.append(f"{here}: the context is https://schema.org, at the top only")
            continue
        annotation = ANNOTATION.match(key)
        if is_action and annotation:
            if annotation["property"] not in allowed:
                problems.append(f"{here}: annotates a property {'/'.join(names)} does not have")
            elif not isinstance(value, str):
                problems.append(f"{here}: an annotation is text")
            continue
        if key not in allowed and not (is_role and key == wrapped):
            problems.append(f"{here}: {'/'.join(names)} has no property {key}")
            continue
        problems += range_violations(key, value, here)
    return problems


def range_violations(prop: str, value, where: str) -> list[str]:
    """The values of `prop` that are objects of a type it does not take (a `Role` wrapping
    one is taken), or enumeration members that do not exist; each object checked in turn."""
    takes = vocabulary()["ranges"].get(prop, [])
    enumerations = vocabulary()["enumerations"]
    problems = []
    for i, item in enumerate(value if isinstance(value, list) else [value]):
        here = f"{where}[{i}]" if isinstance(value, list) else where
        if isinstance(item, dict):
            names = types_of(item)
            known = [name for name in names if name in vocabulary()["types"]]
            fits = any(
                taken in ancestors(name) or "Role" in ancestors(name)
                for name in known
                for taken in takes
            )
            if known and not fits:
                problems.append(f"{here}: {prop} takes {', '.join(takes)}, not {'/'.join(names)}")
            problems += violations(item, here, wrapped=prop, top=False)
        elif isinstance(item, str) and item.startswith(SCHEMA):
            listed = [name for name in takes if name in enumerations]
            member = item.removeprefix(SCHEMA)
            if listed and not any(member in enumerations[name] for name in listed):
                problems.append(f"{here}: {member} is not one of {', '.join(listed)}")
    return problems


def json_ld_of(client, url: str) -> list[dict]:
    return [json.loads(block) for block in get_head(client, url).json_ld]


# The vocabulary and the check themselves ----------------------------------------------------


def test_the_vendored_vocabulary_knows_the_types_the_portal_uses():
    assert vocabulary()["source"]["package"] == "schema-dts@2.1.0"
    assert ancestors("ResearchProject") == {"ResearchProject", "Project", "Organization", "Thing"}
    assert {"CollegeOrUniversity", "Organization"} <= ancestors("CollegeOrUniversity")
    assert "Grant" in ancestors("MonetaryGrant")
    assert {"member", "foundingDate", "dissolutionDate"} <= properties_of("ResearchProject")
    assert {"roleName", "startDate", "endDate"} <= properties_of("OrganizationRole")
    assert "EventScheduled" in vocabulary()["enumerations"]["EventStatusType"]


def test_the_check_refuses_what_schema_org_does_not_define():
    """The project data the portal used to print: a project has no start or end date, an
    organisation no role name."""
    old_project = {
        "@context": "https://schema.org",
        "@type": "ResearchProject",
        "name": "Maternal health",
        "startDate": "2026-01-01",
        "member": [{"@type": "Organization", "name": "ULB", "roleName": "Lead"}],
    }
    assert violations(old_project) == [
        "$.startDate: ResearchProject has no property startDate",
        "$.member[0].roleName: Organization has no property roleName",
    ]
    assert violations({"@type": "Projet"}) == ["$: Projet is not a schema.org type"]
    assert violations({"@type": "MonetaryGrant", "funder": {"@type": "Place"}}) == [
        "$.funder: funder takes Organization, Person, not Place"
    ]
    assert violations({"@type": "Event", "eventStatus": f"{SCHEMA}EventSoldOut"}) == [
        "$.eventStatus: EventSoldOut is not one of EventStatusType"
    ]
    assert violations({"@type": "SearchAction", "place-input": "required"}) == [
        "$.place-input: annotates a property SearchAction does not have"
    ]
    role = {"@type": "OrganizationRole", "roleName": "Lead", "funder": {"@type": "Organization"}}
    assert violations({"@type": "Project", "member": role}) == [
        "$.member.funder: OrganizationRole has no property funder"
    ]


# Every page type ------------------------------------------------------------------------------

#: The JSON-LD each page type carries, by its top-level type (none for the others).
EXPECTED_TYPES = {
    "home": ["WebSite"],
    "project": ["ResearchProject"],
    "scheme": ["MonetaryGrant"],
    "event": ["Event"],
    "news item": ["NewsArticle"],
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_json_ld_of_every_page_type_uses_only_what_schema_org_defines(
    client, office_pages, language
):
    call_command("load_demo", verbosity=0)
    failures, found = {}, {}
    for name, (url, _canonical, _og_type) in page_types(language).items():
        blocks = json_ld_of(client, url)
        found[name] = [block.get("@type") for block in blocks]
        if problems := violations(blocks):
            failures[f"{name} ({url})"] = problems
    assert failures == {}
    # An organisation's type follows its kind (partners.structured_data.SCHEMA_TYPES).
    (organisation_type,) = found.pop("organisation")
    assert organisation_type in {*SCHEMA_TYPES.values(), "Organization"}
    assert {name: types for name, types in found.items() if types} == EXPECTED_TYPES


def test_the_json_ld_of_every_item_of_the_demo_data_uses_only_what_schema_org_defines(client):
    """Every published project, funding scheme, organisation, event and news item of the demo
    data, with all their variety (funders, units, mergers, online events, amounts or none,
    photos or none)."""
    call_command("load_demo", verbosity=0)
    items = [
        *Project.objects.published(),
        *FundingScheme.objects.published(),
        *Organisation.objects.published(),
        *Event.objects.published(),
        *NewsItem.objects.published(),
    ]
    failures = {}
    for item in items:
        url = item.get_absolute_url()
        blocks = json_ld_of(client, url)
        if len(blocks) != 1:
            failures[url] = [f"{len(blocks)} blocks of JSON-LD"]
        elif problems := violations(blocks):
            failures[url] = problems
    assert len(items) > 100
    assert failures == {}


# Projects ---------------------------------------------------------------------------------------


@pytest.fixture
def project():
    congo = CountryFactory(code="CD", name_en="DR Congo")
    project = ProjectFactory(
        slug="maternal-health",
        title_en="Maternal health in Kinshasa",
        acronym="MATKIN",
        countries=[congo],
        website="https://matkin.example.org/",
    )
    roles = [
        ("ULB", Participation.Role.LEAD, Organisation.Kind.UNIVERSITY),
        ("Université de Kinshasa", Participation.Role.CO_LEAD, Organisation.Kind.UNIVERSITY),
        ("Médecins du Monde", Participation.Role.PARTNER, Organisation.Kind.NGO),
        ("Enabel", Participation.Role.FUNDER, Organisation.Kind.PUBLIC_FUNDER),
    ]
    for name, role, kind in roles:
        organisation = OrganisationFactory(name_en=name, kind=kind)
        ParticipationFactory(project=project, organisation=organisation, role=role)
    hidden = OrganisationFactory(name_en="Secret Partner", publication_status=DRAFT)
    ParticipationFactory(project=project, organisation=hidden, role=Participation.Role.PARTNER)
    project.funding_schemes.add(FundingSchemeFactory(name_en="South Initiatives", slug="south"))
    project.funding_schemes.add(FundingSchemeFactory(publication_status=DRAFT))
    return project


def test_a_projects_members_are_its_organisations_in_their_roles(client, project):
    (data,) = json_ld_of(client, "/en/projects/maternal-health/")
    assert violations(data) == []
    assert data["@type"] == "ResearchProject"
    members = [(role["roleName"], role["member"]["name"]) for role in data["member"]]
    assert members == [
        ("Lead", "ULB"),
        ("Co-lead", "Université de Kinshasa"),
        ("Partner", "Médecins du Monde"),
    ]
    assert {role["@type"] for role in data["member"]} == {"OrganizationRole"}
    kinshasa = data["member"][1]["member"]
    assert kinshasa["@type"] == "CollegeOrUniversity"
    assert kinshasa["url"].startswith("http://testserver/en/partners/")
    assert data["member"][2]["member"]["@type"] == "NGO"
    # A funder takes no part in the project: it funds it.
    assert [funder["name"] for funder in data["funder"]] == ["Enabel"]


def test_a_projects_dates_funding_and_countries_are_those_of_its_page(client, project):
    (data,) = json_ld_of(client, "/en/projects/maternal-health/")
    assert data["foundingDate"] == project.start_date.isoformat()
    assert data["dissolutionDate"] == project.end_date.isoformat()
    assert data["alternateName"] == "MATKIN"
    assert data["sameAs"] == "https://matkin.example.org/"
    assert data["areaServed"] == [{"@type": "Country", "name": "DR Congo", "identifier": "CD"}]
    assert data["funding"] == [
        {
            "@type": "MonetaryGrant",
            "name": "South Initiatives",
            "url": "http://testserver/en/funding/south/",
        }
    ]


def test_a_project_without_an_end_date_or_partners_says_nothing_of_them(client):
    project = ProjectFactory(end_date=None)
    (data,) = json_ld_of(client, project.get_absolute_url())
    assert violations(data) == []
    assert "dissolutionDate" not in data and "member" not in data and "funder" not in data


# Funding schemes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount_min", "amount_max", "amount"),
    [
        (2500, 10000, {"minValue": 2500, "maxValue": 10000}),
        (None, "1500.50", {"maxValue": 1500.5}),
        (5000, None, {"minValue": 5000}),
    ],
)
def test_a_schemes_amount_is_in_euros_with_only_the_bounds_it_states(
    client, amount_min, amount_max, amount
):
    funder = OrganisationFactory(
        name_en="ARES", kind=Organisation.Kind.PUBLIC_FUNDER, website="https://www.ares-ac.be/"
    )
    scheme = FundingSchemeFactory(funder=funder, amount_min=amount_min, amount_max=amount_max)
    (data,) = json_ld_of(client, scheme.get_absolute_url())
    assert violations(data) == []
    assert data["@type"] == "MonetaryGrant"
    assert data["amount"] == {"@type": "MonetaryAmount", "currency": "EUR", **amount}
    assert data["funder"] == {
        "@type": "Organization",
        "name": "ARES",
        "url": f"http://testserver{funder.get_absolute_url()}",
        "sameAs": "https://www.ares-ac.be/",
    }


def test_a_scheme_without_amounts_or_published_funder_names_neither(client):
    scheme = FundingSchemeFactory(funder=OrganisationFactory(publication_status=DRAFT))
    (data,) = json_ld_of(client, scheme.get_absolute_url())
    assert violations(data) == []
    assert "amount" not in data and "funder" not in data


# Organisations ----------------------------------------------------------------------------------


def test_a_university_is_a_college_or_university_with_its_website_as_same_as(client):
    parent = OrganisationFactory(name_en="Université libre de Bruxelles", acronym="ULB")
    faculty = OrganisationFactory(
        name_en="Faculty of Pharmacy",
        kind=Organisation.Kind.FACULTY,
        parent=parent,
        website="https://pharmacie.ulb.be/",
        city="Brussels",
        country=CountryFactory(code="BE", region="europe"),
    )
    (data,) = json_ld_of(client, parent.get_absolute_url())
    assert violations(data) == []
    assert data["@type"] == "CollegeOrUniversity"
    assert data["alternateName"] == "ULB"
    assert data["subOrganization"][0]["name"] == "Faculty of Pharmacy"

    (data,) = json_ld_of(client, faculty.get_absolute_url())
    assert violations(data) == []
    assert data["@type"] == "EducationalOrganization"
    assert data["sameAs"] == "https://pharmacie.ulb.be/"
    assert data["url"] == f"http://testserver{faculty.get_absolute_url()}"
    assert data["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Brussels",
        "addressCountry": "BE",
    }
    assert data["parentOrganization"]["name"] == "Université libre de Bruxelles"


def test_an_organisation_of_another_kind_is_an_organization_and_a_merger_ends_it(client):
    successor = OrganisationFactory(name_en="Ucoopia", kind=Organisation.Kind.NGO)
    unit = OrganisationFactory(
        name_en="Cooperation unit",
        kind=Organisation.Kind.COOPERATION_UNIT,
        merged_into=successor,
        merged_on="2026-05-04",
    )
    (data,) = json_ld_of(client, unit.get_absolute_url())
    assert violations(data) == []
    assert data["@type"] == "Organization"
    assert data["dissolutionDate"] == "2026-05-04"
    assert "sameAs" not in data  # no website


def test_an_unsafe_website_is_never_the_same_as(client):
    organisation = OrganisationFactory()
    Organisation.objects.filter(pk=organisation.pk).update(website="javascript:alert(1)")
    (data,) = json_ld_of(client, organisation.get_absolute_url())
    assert "sameAs" not in data


# Events and the site --------------------------------------------------------------------------


def test_an_events_data_keeps_to_the_vocabulary_with_its_organiser_and_place(client):
    organiser = OrganisationFactory(name_en="PUCP", website="https://www.pucp.edu.pe/")
    event = EventFactory(
        organiser=organiser,
        city="Lima",
        is_online=True,
        online_url="https://meet.example.org/",
        registration_url="https://register.example.org/",
    )
    (data,) = json_ld_of(client, event.get_absolute_url())
    assert violations(data) == []
    assert data["organizer"]["@type"] == "CollegeOrUniversity"
    assert data["organizer"]["sameAs"] == "https://www.pucp.edu.pe/"
    assert data["eventAttendanceMode"] == f"{SCHEMA}MixedEventAttendanceMode"


def test_the_home_page_offers_the_projects_search_as_the_sites_search_action(client):
    ProjectFactory(title_en="Clean water in Kinshasa", summary_en="Wells and taps.")
    ProjectFactory(title_en="Soil fertility", summary_en="Agroforestry.")
    (data,) = json_ld_of(client, "/en/")
    assert violations(data) == []
    assert data["@type"] == "WebSite"
    assert data["url"] == "http://testserver/en/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    template = action["target"]["urlTemplate"]
    (term,) = re.findall(r"\{([a-z_]+)\}", template)
    assert action["query-input"] == f"required name={term}"
    assert template == f"http://testserver/en/projects/?q={{{term}}}"
    response = client.get(
        template.replace(f"{{{term}}}", "water").removeprefix("http://testserver")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Clean water in Kinshasa" in content and "Soil fertility" not in content
