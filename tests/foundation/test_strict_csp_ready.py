"""Every public page could be served under a strict Content Security Policy (`script-src
'self'; style-src 'self'`): no inline script (JSON-LD data blocks are not run, so allowed), no
`style` attribute or element, and htmx told not to inject styles or evaluate code; its
attributes are the valid `data-hx-*` form."""

from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Event
from funding.models import FundingScheme
from partners.models import Organisation
from projects.models import Project

pytestmark = pytest.mark.django_db

DATA_BLOCKS = {"application/ld+json"}


class Findings(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self.htmx_config = None
        self._inline_script = False
        self._script_text = ""

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if "style" in attributes:
            self.problems.append(f"style attribute on <{tag}>: {attributes['style']}")
        if tag == "style":
            self.problems.append("a <style> element")
        self.problems += [f"{name} on <{tag}>" for name in attributes if name.startswith("hx-")]
        self.problems += [
            f"event handler {name} on <{tag}>" for name in attributes if name.startswith("on")
        ]
        if tag == "script":
            self._inline_script = "src" not in attributes and (
                attributes.get("type") not in DATA_BLOCKS
            )
            self._script_text = ""
        if tag == "meta" and attributes.get("name") == "htmx-config":
            self.htmx_config = attributes.get("content")

    def handle_data(self, data):
        if self._inline_script:
            self._script_text += data

    def handle_endtag(self, tag):
        if tag == "script" and self._inline_script:
            self.problems.append(f"an inline script: {self._script_text.strip()[:60]}")
            self._inline_script = False


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def public_pages() -> list[str]:
    pages = [
        "/en/",
        "/fr/",
        "/en/projects/",
        "/en/projects/?country=CD&sdg=3&q=sante",
        "/en/funding/",
        "/en/partners/",
        "/en/events/",
        "/en/contacts/",
        "/en/sdgs/",
        "/en/sdgs/3/",
        "/en/countries/cd/",
        "/en/does-not-exist/",
    ]
    for model in (Project, FundingScheme, Organisation, Event):
        pages.append(model.objects.published().order_by("pk").first().get_absolute_url())
    return pages


def test_no_public_page_needs_an_unsafe_inline_script_or_style(client, demo):
    for path in public_pages():
        response = client.get(path)
        assert response.status_code in (200, 404), path
        findings = Findings()
        findings.feed(response.content.decode())
        assert findings.problems == [], path


def test_htmx_is_configured_for_a_strict_policy(client, demo):
    findings = Findings()
    findings.feed(client.get("/en/projects/").content.decode())
    assert findings.htmx_config == (
        '{"allowEval": false, "includeIndicatorStyles": false, "allowScriptTags": false}'
    )
