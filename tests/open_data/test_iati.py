"""The projects list as an IATI 2.03 activity file: exactly the list's published projects, valid
against the official schema, in both languages, with the codes an IATI aggregator reads."""

import datetime
import functools
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
import xmlschema
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cooperation_portal.publication import published
from partners.models import Organisation
from projects.iati import DISCIPLINE_SECTORS
from projects.models import Participation, Project
from taxonomy.models import Discipline
from tests.factories import (
    DRAFT,
    CountryFactory,
    DisciplineFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.helpers import every_page

pytestmark = pytest.mark.django_db

SCHEMA = (
    Path(__file__).resolve().parents[2]
    / "projects"
    / "data"
    / "iati-2.03"
    / "iati-activities-schema.xsd"
)
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
#: The IATI OrganisationRole each role of the portal is published as.
IATI_ROLES = {"lead": "4", "co-lead": "4", "partner": "4", "funder": "1"}
ACCOUNTABLE = "2"


@functools.cache
def iati_schema() -> xmlschema.XMLSchema:
    """The official 2.03 schema, read from the project's copy: "sandbox" lets it read the files
    of its own folder (xml.xsd included), never the network."""
    return xmlschema.XMLSchema(str(SCHEMA), allow="sandbox")


def iati_text(client, query: str = "") -> str:
    response = client.get(f"/en/projects/iati.xml?{query}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return b"".join(response.streaming_content).decode("utf-8")


def valid_activities(text: str) -> list[ET.Element]:
    """The activities of an IATI file, once the file is found valid against the 2.03 schema
    (which raises otherwise)."""
    # The file itself may read nothing: no entity, no other document.
    iati_schema().validate(xmlschema.XMLResource(text, allow="none"))
    root = ET.fromstring(text)
    assert root.get("version") == "2.03"
    return root.findall("iati-activity")


def iati_activities(client, query: str = "") -> list[ET.Element]:
    return valid_activities(iati_text(client, query))


def slug_of(activity: ET.Element) -> str:
    prefix = f"{settings.IATI_ORGANISATION_IDENTIFIER}-"
    identifier = activity.findtext("iati-identifier")
    assert identifier.startswith(prefix)
    return identifier.removeprefix(prefix)


def narratives(element: ET.Element) -> dict:
    """{language: text} of an element's narratives (None: the activity's own language)."""
    return {narrative.get(XML_LANG): narrative.text for narrative in element.findall("narrative")}


def only(activities: list[ET.Element]) -> ET.Element:
    (activity,) = activities
    return activity


def listed(client, query: str) -> list[str]:
    """The slugs of every page of the HTML list at `query`."""
    return [project.slug for project in every_page(client, f"/en/projects/?{query}")]


@pytest.fixture
def demo():
    call_command("load_demo", verbosity=0)


@pytest.mark.parametrize("query", ["", "country=CD"])
def test_the_file_of_the_demo_holds_the_list_s_projects_as_the_database_says(client, demo, query):
    expected = listed(client, query)
    assert len(expected) > 1

    activities = iati_activities(client, query)

    slugs = [slug_of(activity) for activity in activities]
    assert slugs == expected
    drafts = set(Project.objects.exclude(published()).values_list("slug", flat=True))
    assert drafts and not drafts & set(slugs)
    projects = Project.objects.prefetch_related("countries", "sdgs").in_bulk(
        expected, field_name="slug"
    )
    for activity in activities:
        project = projects[slug_of(activity)]
        assert narratives(activity.find("title")) == {
            "fr": project.title_fr,
            "en": project.title_en,
        }
        assert {country.get("code") for country in activity.findall("recipient-country")} == {
            country.code for country in project.countries.all()
        }
        assert [tag.get("code") for tag in activity.findall("tag[@vocabulary='2']")] == [
            str(number) for number in sorted(sdg.number for sdg in project.sdgs.all())
        ]
        assert sorted(roles(activity)) == sorted(expected_roles(project))


def roles(activity: ET.Element) -> list[tuple[str, str]]:
    """(IATI role, French name) of each participating organisation of `activity`."""
    named = [(org.get("role"), narratives(org)) for org in activity.findall("participating-org")]
    # The university's name is in the activity's own language (no xml:lang).
    return [(role, names.get("fr", names.get(None))) for role, names in named]


def expected_roles(project: Project) -> list[tuple[str, str]]:
    """The university, accountable, and each published organisation with its role."""
    participations = project.participations.filter(published("organisation"))
    return [(ACCOUNTABLE, settings.IATI_ORGANISATION_NAME)] + [
        (IATI_ROLES[participation.role], participation.organisation.name_fr)
        for participation in participations.select_related("organisation")
    ]


def test_every_discipline_of_the_demo_has_its_dac_sector(demo):
    assert set(Discipline.objects.values_list("slug", flat=True)) <= DISCIPLINE_SECTORS.keys()


def test_a_draft_project_is_never_in_the_file(client):
    congo = CountryFactory(code="CD")
    ProjectFactory(slug="published", countries=[congo])
    ProjectFactory(slug="draft", countries=[congo], publication_status=DRAFT)

    for query in ("", "country=CD"):
        assert [slug_of(activity) for activity in iati_activities(client, query)] == ["published"]


@pytest.mark.parametrize("query", ["sdg=99999999999", "status=someday", "country=ZZ"])
def test_filters_the_file_does_not_understand_answer_400(client, query):
    ProjectFactory(countries=[CountryFactory(code="CD")], sdgs=[SDGFactory(number=3)])

    response = client.get(f"/en/projects/iati.xml?{query}")

    assert response.status_code == 400
    assert b"not understood" in response.content


def test_a_selection_without_projects_is_not_found_rather_than_an_invalid_file(client):
    # The schema wants at least one activity: an empty file would fail every validator.
    ProjectFactory(countries=[CountryFactory(code="CD")])

    response = client.get("/en/projects/iati.xml?country=CD&status=completed")

    assert response.status_code == 404
    assert b"No published project matches these filters." in response.content


@pytest.mark.parametrize("count", [1, 3, 7])
def test_several_countries_share_the_project_equally_summing_to_100(client, count):
    codes = ["CD", "BJ", "SN", "GN", "BF", "RW", "BI"][:count]
    ProjectFactory(countries=[CountryFactory(code=code) for code in codes])

    countries = only(iati_activities(client)).findall("recipient-country")

    shares = [Decimal(country.get("percentage")) for country in countries]
    assert sorted(country.get("code") for country in countries) == sorted(codes)
    assert sum(shares) == 100
    assert max(shares) - min(shares) <= Decimal("0.01")
    assert all(share == share.quantize(Decimal("0.01")) for share in shares)


def test_a_budget_is_given_in_euros_over_the_project_and_none_when_not_stated(client):
    start, end = TODAY - 100 * DAY, TODAY + 600 * DAY
    ProjectFactory(slug="stated", budget=Decimal("125000.50"), start_date=start, end_date=end)
    ProjectFactory(slug="not-stated", budget=None)

    activities = {slug_of(activity): activity for activity in iati_activities(client)}

    assert activities["not-stated"].find("budget") is None
    budget = activities["stated"].find("budget")
    assert budget.find("period-start").get("iso-date") == start.isoformat()
    assert budget.find("period-end").get("iso-date") == end.isoformat()
    value = budget.find("value")
    assert Decimal(value.text) == Decimal("125000.50")
    assert value.get("currency") == "EUR"
    assert value.get("value-date") == start.isoformat()


def test_the_file_reads_as_many_queries_for_thirty_projects_as_for_three(
    client, django_assert_max_num_queries
):
    def add_projects(count: int) -> None:
        for _ in range(count):
            project = ProjectFactory(complete=True, budget=Decimal("1000"))
            ParticipationFactory(project=project, role=Participation.Role.FUNDER)

    add_projects(3)
    client.get("/en/projects/")  # the facet index
    with CaptureQueriesContext(connection) as context:
        assert len(iati_activities(client)) == 3
    few = len(context.captured_queries)  # counted now: each request empties the log
    add_projects(27)
    client.get("/en/projects/")

    with django_assert_max_num_queries(few):
        activities = iati_activities(client)

    assert len(activities) == 30
    # Each one named its countries, SDGs and partners: they were read, not left out.
    assert all(len(activity.findall("participating-org")) == 4 for activity in activities)


def test_the_identifier_is_the_configured_organisation_and_the_slug(client, settings):
    settings.IATI_ORGANISATION_IDENTIFIER = "BE-BCE_KBO-0000000097"
    ProjectFactory(slug="clean-water")

    activity = only(iati_activities(client))

    assert activity.findtext("iati-identifier") == "BE-BCE_KBO-0000000097-clean-water"
    assert activity.find("reporting-org").get("ref") == "BE-BCE_KBO-0000000097"


def test_xml_special_characters_in_a_title_come_out_as_text(client):
    ProjectFactory(
        title_en='Water & sanitation <pilot> "phase 2"',
        # A control character pasted from a word processor: XML 1.0 forbids it.
        title_fr="Eau & assainissement <pilote>\x0b",
    )

    text = iati_text(client)

    assert "Water &amp; sanitation &lt;pilot&gt;" in text
    assert narratives(only(valid_activities(text)).find("title")) == {
        "en": 'Water & sanitation <pilot> "phase 2"',
        "fr": "Eau & assainissement <pilote>",
    }


@pytest.mark.parametrize(
    ("start", "end", "status", "dates"),
    [
        (TODAY + 30 * DAY, TODAY + 400 * DAY, "1", ["1", "3"]),  # planned
        (TODAY - 30 * DAY, TODAY + 400 * DAY, "2", ["2", "3"]),  # ongoing
        (TODAY - 400 * DAY, TODAY - 30 * DAY, "4", ["2", "4"]),  # completed
    ],
)
def test_status_and_dates_say_whether_the_project_has_started_or_ended(
    client, start, end, status, dates
):
    ProjectFactory(start_date=start, end_date=end)

    activity = only(iati_activities(client))

    assert activity.find("activity-status").get("code") == status
    assert [
        (date.get("type"), date.get("iso-date")) for date in activity.findall("activity-date")
    ] == list(zip(dates, [start.isoformat(), end.isoformat()], strict=True))


def test_disciplines_become_dac_sectors_sharing_the_project(client):
    medicine, pharmacy, agronomy = (
        DisciplineFactory(slug=slug) for slug in ("medicine", "pharmacy", "agronomy")
    )
    ProjectFactory(slug="medicines", disciplines=[medicine, pharmacy, agronomy])
    ProjectFactory(slug="unmapped", disciplines=[DisciplineFactory(slug="astrophysics")])

    activities = {slug_of(activity): activity for activity in iati_activities(client)}

    def sectors(slug: str) -> dict[str, str]:
        return {
            sector.get("code"): sector.get("percentage")
            for sector in activities[slug].findall("sector[@vocabulary='1']")
        }

    # Medicine and pharmacy share one code: Medical research; agronomy: Agricultural research.
    assert sectors("medicines") == {"12182": "50.00", "31182": "50.00"}
    # Research/scientific institutions, the DAC's code when the sector cannot be identified.
    assert sectors("unmapped") == {"43082": "100.00"}


def test_an_activity_names_the_university_its_partners_and_its_page(client):
    funder = OrganisationFactory(name_fr="Fonds", name_en="Fund", kind=Organisation.Kind.FUND)
    kinshasa = OrganisationFactory(name_fr="Université de Kinshasa", name_en="")
    hidden = OrganisationFactory(name_fr="Pas encore publiée", publication_status=DRAFT)
    project = ProjectFactory(
        slug="water", summary_fr="Résumé", summary_en="Summary", sdgs=[SDGFactory(number=6)]
    )
    for organisation, role in [(funder, "funder"), (kinshasa, "co-lead"), (hidden, "partner")]:
        ParticipationFactory(project=project, organisation=organisation, role=role)

    activity = only(iati_activities(client))

    assert activity.get(XML_LANG) == "fr"
    assert activity.get("default-currency") == "EUR"
    updated = datetime.datetime.fromisoformat(activity.get("last-updated-datetime"))
    assert updated.utcoffset() is not None
    assert abs(updated - project.updated_at) < datetime.timedelta(seconds=1)
    assert narratives(activity.find("description")) == {"fr": "Résumé", "en": "Summary"}
    assert [
        (organisation.get("role"), organisation.get("type"), narratives(organisation))
        for organisation in activity.findall("participating-org")
    ] == [
        (ACCOUNTABLE, "80", {None: settings.IATI_ORGANISATION_NAME}),
        ("4", "80", {"fr": "Université de Kinshasa"}),
        ("1", None, {"fr": "Fonds", "en": "Fund"}),
    ]
    assert narratives(activity.find("tag")) == {"fr": "Objectif 6", "en": "Goal 6"}
    link = activity.find("document-link")
    assert link.get("url") == "http://testserver/en/projects/water/"
    assert link.get("format") == "text/html"
    assert link.find("category").get("code") == "A12"
