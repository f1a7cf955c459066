"""A link written straight to the database (`update()`, past every validator) with a scheme
other than http, https or mailto never reaches a page: no `href`, no schema.org `url`, no line
of a calendar or feed carries it."""

import json
import re
from html.parser import HTMLParser

import pytest

from events.models import Event
from funding.models import Call, FundingScheme
from partners.models import Organisation
from projects.models import Project
from tests.factories import (
    CallFactory,
    EventFactory,
    FundingSchemeFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

ATTACKS = [
    "javascript:alert('pwned')",
    " \x01JaVaScRiPt:alert('pwned')",
    "java\tscript:alert('pwned')",
    "javascript&#58;alert('pwned')",
    "data:text/html,<script>alert('pwned')</script>",
    "vbscript:msgbox('pwned')",
]
MARK = "pwned"


class Links(HTMLParser):
    """Every `href` and `src` of a page, and the `url`s of its JSON-LD."""

    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []
        self._json_ld = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.addresses += [value or "" for name, value in attrs if name in {"href", "src"}]
        if tag == "script" and attributes.get("type") == "application/ld+json":
            self._json_ld = ""

    def handle_data(self, data):
        if self._json_ld is not None:
            self._json_ld += data

    def handle_endtag(self, tag):
        if tag == "script" and self._json_ld is not None:
            self.addresses += list(urls_in(json.loads(self._json_ld)))
            self._json_ld = None


def urls_in(data):
    if isinstance(data, dict):
        for key, value in data.items():
            if key in {"url", "sameAs"} and isinstance(value, str):
                yield value
            else:
                yield from urls_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from urls_in(item)


def addresses_of(content: str) -> list[str]:
    parser = Links()
    parser.feed(content)
    return parser.addresses


SAFE_OR_RELATIVE = re.compile(r"^(?:https?:|mailto:|[/#?]|$)", re.IGNORECASE)


@pytest.fixture
def portal():
    """One of each kind of content, with a working link in every URL field."""
    organisation = OrganisationFactory(website="https://partner.example.org/")
    project = ProjectFactory(website="https://project.example.org/")
    scheme = FundingSchemeFactory(application_url="https://apply.example.org/")
    call = CallFactory(scheme=scheme, url="https://call.example.org/")
    event = EventFactory(
        organiser=organisation,
        is_online=True,
        online_url="https://meet.example.org/",
        registration_url="https://register.example.org/",
    )
    return {
        "organisation": organisation,
        "project": project,
        "scheme": scheme,
        "call": call,
        "event": event,
    }


def pages(portal) -> list[str]:
    scheme, event = portal["scheme"], portal["event"]
    return [
        "/en/",
        portal["project"].get_absolute_url(),
        portal["organisation"].get_absolute_url(),
        scheme.get_absolute_url(),
        f"/en/funding/{scheme.slug}/deadlines.ics",
        "/en/funding/",
        "/en/funding/deadlines.ics",
        "/en/funding/feed/",
        "/en/events/",
        event.get_absolute_url(),
        f"/en/events/{event.slug}/event.ics",
        "/en/events/calendar.ics",
    ]


def write_around_the_validators(address: str) -> None:
    Organisation.objects.update(website=address)
    Project.objects.update(website=address)
    FundingScheme.objects.update(application_url=address)
    Call.objects.update(url=address)
    Event.objects.update(online_url=address, registration_url=address)


def test_the_pages_show_the_working_links(client, portal):
    shown = set()
    for url in pages(portal):
        response = client.get(url)
        assert response.status_code == 200, url
        shown.update(re.findall(r"https://[a-z]+\.example\.org/", response.content.decode()))
    assert shown == {
        f"https://{name}.example.org/"
        for name in ("partner", "project", "apply", "call", "meet", "register")
    }


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_link_with_another_scheme_never_reaches_a_page(client, portal, attack):
    write_around_the_validators(attack)
    for url in pages(portal):
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert MARK not in content, url
        if response["Content-Type"].startswith("text/html"):
            unsafe = [a for a in addresses_of(content) if not SAFE_OR_RELATIVE.match(a.strip())]
            assert unsafe == [], url


def test_an_event_with_an_unsafe_registration_link_says_registration_is_open_without_a_link(
    client, portal
):
    write_around_the_validators("javascript:alert('pwned')")
    content = client.get(portal["event"].get_absolute_url()).content.decode()
    assert "registration registration--" in content
    assert "registration__link" not in content
    assert "join online" not in content
