"""Links typed by people are printed only when they are http, https or mailto: the filter and
function `safe_url`, and the validator `validate_safe_url` on every model URLField."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.template import Context, Template

from cooperation_portal.safe_urls import safe_url, validate_safe_url
from events.models import Event
from funding.models import Call, FundingScheme
from partners.models import Organisation
from projects.models import Project

SAFE = [
    "http://example.org/",
    "https://example.org/path?a=1&b=2#part",
    "HTTPS://EXAMPLE.ORG/",
    "mailto:cooperation@example.org",
    "MailTo:cooperation@example.org?subject=Hello",
]

UNSAFE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "\x01\x02javascript:alert(1)",
    "\x00javascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\r\nscript:alert(1)",
    "javascript&#58;alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "%6Aavascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/file",
    "//example.org/no-scheme",
    "example.org",
    "/a/path/on/this/site",
    "http\u017f://example.org/",  # a long s, which Unicode case folding takes for an "s"
    "\u00a0https://example.org/",
    "https",
    ":",
]

ALL_URL_FIELDS = [
    (Project, "website"),
    (Organisation, "website"),
    (FundingScheme, "application_url"),
    (Call, "url"),
    (Event, "online_url"),
    (Event, "registration_url"),
]


@pytest.mark.parametrize("address", SAFE)
def test_http_https_and_mailto_addresses_pass_unchanged(address):
    assert safe_url(address) == address
    validate_safe_url(address)


@pytest.mark.parametrize("address", UNSAFE)
def test_every_other_address_gives_no_link(address):
    assert safe_url(address) == ""


@pytest.mark.parametrize("address", ["", None])
def test_no_address_gives_no_link(address):
    assert safe_url(address) == ""
    validate_safe_url(address)


def test_the_ends_a_browser_ignores_are_dropped_from_a_safe_address():
    assert safe_url("  \x01https://example.org/a\tb\n ") == "https://example.org/ab"


@pytest.mark.parametrize("address", UNSAFE)
def test_the_validator_refuses_every_other_address_with_a_clear_message(address):
    with pytest.raises(ValidationError) as refused:
        validate_safe_url(address)
    assert refused.value.code == "unsafe_url"
    assert refused.value.messages == [
        "Only http, https and mailto links are allowed (for example https://example.org)."
    ]


def test_the_validator_refuses_an_address_with_spaces_around_it():
    with pytest.raises(ValidationError):
        validate_safe_url(" https://example.org/")


@pytest.mark.parametrize(("model", "name"), ALL_URL_FIELDS)
def test_every_url_field_of_the_portal_has_the_validator(model, name):
    field = model._meta.get_field(name)
    assert validate_safe_url in field.validators
    with pytest.raises(ValidationError) as refused:
        field.clean("javascript:alert(1)", model())
    assert "Only http, https and mailto links are allowed" in str(refused.value)
    assert field.clean("https://example.org/", model()) == "https://example.org/"


def test_no_url_field_is_left_without_the_validator():
    fields = {
        (field.model, field.name)
        for model in apps.get_models()
        if model._meta.app_label
        in {"taxonomy", "partners", "funding", "projects", "events", "pages"}
        for field in model._meta.get_fields()
        if isinstance(field, models.URLField)
    }
    assert fields == set(ALL_URL_FIELDS)


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("javascript:alert(1)", '<a href="">'),
        ("https://example.org/?a=1&b=2", '<a href="https://example.org/?a=1&amp;b=2">'),
        ('https://example.org/"onmouseover="x', '<a href="https://example.org/&quot;onmouseover'),
    ],
)
def test_the_template_filter_gives_an_escaped_safe_address_or_nothing(address, expected):
    template = Template('{% load portal %}<a href="{{ address|safe_url }}">')
    assert template.render(Context({"address": address})).startswith(expected)
