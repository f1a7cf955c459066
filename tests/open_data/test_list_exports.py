"""The funding, partners and events lists as CSV and JSON, each object as JSON, and the
open-data page that documents them: exactly the objects of the list's address (every page, in
its order), nothing unpublished, every key described, 400 for filters not understood, as many
queries for many objects as for few."""

import csv
import datetime
import io
import json
import re
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.exports import EventExport
from events.models import Event
from funding.exports import FundingSchemeExport
from partners.exports import OrganisationExport
from partners.models import Organisation
from projects.exports import ProjectExport
from tests.factories import (
    CallFactory,
    CountryFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ProjectFactory,
    SDGFactory,
    SessionFactory,
)
from tests.helpers import every_page

pytestmark = pytest.mark.django_db

DRAFT = Organisation.PublicationStatus.DRAFT


@dataclass
class ListCase:
    app: str
    export: type
    #: Makes `count` published objects, half of them matching `query`, and one draft.
    make: object
    query: str
    invalid_query: str

    def __str__(self) -> str:
        return self.app


def make_schemes(count: int) -> None:
    for number in range(count):
        scheme = FundingSchemeFactory(
            slug=f"scheme-{number:02}", kind="doctoral-grant" if number % 2 else "travel-grant"
        )
        CallFactory(scheme=scheme, deadline=timezone.now() + datetime.timedelta(days=number + 1))
    FundingSchemeFactory(slug="a-draft-scheme", kind="doctoral-grant", publication_status=DRAFT)


def make_organisations(count: int) -> None:
    congo, peru = CountryFactory(code="CD"), CountryFactory(code="PE")
    for number in range(count):
        OrganisationFactory(slug=f"organisation-{number:02}", country=congo if number % 2 else peru)
    OrganisationFactory(slug="a-draft-organisation", country=congo, publication_status=DRAFT)


def make_events(count: int) -> None:
    for number in range(count):
        event = EventFactory(
            slug=f"event-{number:02}",
            kind="workshop" if number % 2 else "seminar",
            starts_at=timezone.now() + datetime.timedelta(days=number + 1),
        )
        event.sdgs.add(SDGFactory(number=number % 17 + 1))
        SessionFactory(event=event)
    EventFactory(slug="a-draft-event", kind="workshop", publication_status=DRAFT)


CASES = [
    ListCase("funding", FundingSchemeExport, make_schemes, "kind=doctoral-grant", "level=nope"),
    ListCase("partners", OrganisationExport, make_organisations, "country=CD", "kind=nope"),
    ListCase("events", EventExport, make_events, "kind=workshop", "year=abc"),
]


def listed(client, address: str) -> list[str]:
    return [obj.slug for obj in every_page(client, address)]


def exported_csv(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def exported_json(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(b"".join(response.streaming_content))


@pytest.mark.parametrize("case", CASES, ids=str)
@pytest.mark.parametrize("filtered", [False, True], ids=["all", "filtered"])
def test_the_exports_hold_exactly_the_list_s_objects_in_its_order(client, case, filtered):
    case.make(25)  # more than a page of 20
    query = case.query if filtered else ""
    shown = listed(client, f"/en/{case.app}/?{query}")
    assert 10 <= len(shown) <= 25  # the filter keeps some, not all, when it is there

    document = exported_json(client, f"/en/{case.app}/export.json?{query}")
    rows = exported_csv(client, f"/en/{case.app}/export.csv?{query}")

    assert [item["slug"] for item in document[case.export.name]] == shown
    assert document["count"] == len(shown)
    assert document["source"].startswith(f"http://testserver/en/{case.app}/")
    assert query in document["source"]
    assert [row["slug"] for row in rows] == shown


@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_key_of_a_record_is_described_and_every_column_filled(client, case):
    case.make(2)
    document = exported_json(client, f"/en/{case.app}/export.json")
    rows = exported_csv(client, f"/en/{case.app}/export.csv")

    for record in document[case.export.name]:
        assert set(record) == set(case.export.fields)
    assert list(rows[0]) == list(case.export.columns)
    assert all(None not in row for row in rows)  # no row longer than the header


@pytest.mark.parametrize("case", CASES, ids=str)
def test_filters_the_export_does_not_understand_answer_400(client, case):
    for format_ in ("csv", "json"):
        response = client.get(f"/en/{case.app}/export.{format_}?{case.invalid_query}")
        assert response.status_code == 400
        assert b"not understood" in response.content


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_list_links_to_the_exports_of_its_selection(client, case):
    case.make(2)
    html = client.get(f"/en/{case.app}/?{case.query}").content.decode()

    for format_ in ("csv", "json"):
        [link] = re.findall(rf'href="(/en/{case.app}/export\.{format_}\?[^"]*)"', html)
        assert case.query in link
    assert 'href="/en/open-data/"' in html


def queries_of(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
        b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_an_export_runs_as_many_queries_for_many_objects_as_for_few(client, case):
    case.make(3)
    url = f"/en/{case.app}/export.json"
    queries_of(client, url)  # the vocabularies the filters read once
    few = queries_of(client, url)
    EXTRA_MAKERS[case.app](40)
    queries_of(client, url)  # the counts' index, rebuilt once after a change of content
    assert queries_of(client, url) == few


def more_schemes(count):
    for number in range(count):
        CallFactory(scheme=FundingSchemeFactory(slug=f"more-scheme-{number}"))


def more_organisations(count):
    country = CountryFactory(code="BJ")
    for number in range(count):
        OrganisationFactory(slug=f"more-organisation-{number}", country=country)


def more_events(count):
    for number in range(count):
        SessionFactory(event=EventFactory(slug=f"more-event-{number}"))


EXTRA_MAKERS = {"funding": more_schemes, "partners": more_organisations, "events": more_events}


def test_a_scheme_is_exported_with_its_calls_in_both_languages(client):
    scheme = FundingSchemeFactory(
        slug="doctoral-south",
        name_fr="Bourses doctorales Sud",
        name_en="Doctoral grants South",
        amount_max=25000,
    )
    CallFactory(scheme=scheme, title_fr="Appel 2027", title_en="2027 call")

    record = exported_json(client, "/en/funding/export.json")["funding_schemes"][0]

    assert record["name"] == {"fr": "Bourses doctorales Sud", "en": "Doctoral grants South"}
    assert record["status"] == "open"
    assert record["amount_min_eur"] is None
    assert record["amount_max_eur"] == "25000.00"
    assert record["funder"]["slug"] == scheme.funder.slug
    [call] = record["calls"]
    assert call["title"] == {"fr": "Appel 2027", "en": "2027 call"}
    assert call["deadline"] == timezone.localtime(scheme.calls.get().deadline).isoformat()


def test_an_event_is_exported_in_the_time_of_its_place_with_its_programme(client):
    event = EventFactory(
        slug="kinshasa-workshop",
        time_zone="Africa/Kinshasa",
        starts_at=datetime.datetime(2030, 3, 4, 8, 0, tzinfo=datetime.UTC),
    )
    SessionFactory(event=event, title_en="Opening", title_fr="Ouverture")

    record = exported_json(client, "/en/events/export.json")["events"][0]

    assert record["starts_at"] == "2030-03-04T09:00:00+01:00"  # Kinshasa: UTC+1
    assert record["time_zone"] == "Africa/Kinshasa"
    assert record["sessions"][0]["title"] == {"fr": "Ouverture", "en": "Opening"}


def test_an_organisation_is_exported_with_its_published_projects_counted(client):
    organisation = OrganisationFactory(slug="unikin", name_fr="Université de Kinshasa")
    for status in (Event.PublicationStatus.PUBLISHED, Event.PublicationStatus.DRAFT):
        ProjectFactory(publication_status=status).participations.create(
            organisation=organisation, role="partner"
        )

    [row] = exported_csv(client, "/en/partners/export.csv")

    assert row["name_fr"] == "Université de Kinshasa"
    assert row["projects"] == "1"


@pytest.mark.parametrize(
    ("app", "factory", "key"),
    [
        ("projects", ProjectFactory, "project"),
        ("funding", FundingSchemeFactory, "funding_scheme"),
        ("partners", OrganisationFactory, "organisation"),
        ("events", EventFactory, "event"),
    ],
)
def test_one_object_as_json_is_its_export_record(client, app, factory, key):
    factory(slug="published-one")
    factory(slug="draft-one", publication_status=DRAFT)

    response = client.get(f"/fr/{app}/published-one.json")
    document = response.json()
    exported = exported_json(client, f"/fr/{app}/export.json")
    [listed_record] = next(value for value in exported.values() if isinstance(value, list))

    assert response.status_code == 200
    assert document["version"] == exported["version"]
    assert document[key] == listed_record
    assert document[key]["url"].endswith(f"/fr/{app}/published-one/")
    assert client.get(f"/fr/{app}/draft-one.json").status_code == 404
    assert client.get(f"/fr/{app}/no-such-thing.json").status_code == 404


def test_the_open_data_page_documents_every_export_and_is_in_the_footer(client):
    html = client.get("/en/open-data/").content.decode()

    for app, export in [
        ("projects", ProjectExport),
        ("funding", FundingSchemeExport),
        ("partners", OrganisationExport),
        ("events", EventExport),
    ]:
        assert f'href="/en/{app}/export.csv"' in html
        assert f'href="/en/{app}/export.json"' in html
        assert f"/en/{app}/&lt;slug&gt;.json" in html
        for key in export.fields:
            assert f"<code>{key}</code>" in html
    assert 'href="/en/projects/iati.xml"' in html
    assert "CC BY 4.0" in html
    assert 'href="/en/open-data/"' in client.get("/en/").content.decode()
