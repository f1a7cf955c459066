"""Every page, public or admin, in both languages, is sent with the strict Content Security
Policy (everything from the portal itself, nothing inline, no eval, reports to /csp-report) and
a Permissions-Policy that turns the powerful features off; the headers the portal sent before
stay."""

from html.parser import HTMLParser

import pytest
from django.contrib import admin

from projects.models import Project
from tests.security.helpers import (
    PASSWORD,
    admin_paths,
    directives,
    public_page_paths,
    strict_policy_problems,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(demo_for_the_module, db):
    """The demo, loaded once for this module (tests/conftest.py)."""


@pytest.fixture
def officer(client, django_user_model, settings):
    """A superuser signed in to the admin (the second factor is the staff login's business,
    tested with it: not asked for here)."""
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    user = django_user_model.objects.create_superuser("csp-officer", "csp@example.org", PASSWORD)
    client.force_login(user)
    return user


class InlineCode(HTMLParser):
    """Inline scripts, <style> elements, style attributes and event handler attributes: what a
    strict policy blocks. Data blocks (JSON) are not run, so allowed."""

    DATA_BLOCKS = {"application/json", "application/ld+json"}

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "style":
            self.found.append("a <style> element")
        if "style" in attributes:
            self.found.append(f"a style attribute on <{tag}>")
        self.found += [f"{name} on <{tag}>" for name in attributes if name.startswith("on")]
        is_code = attributes.get("type") not in self.DATA_BLOCKS
        if tag == "script" and "src" not in attributes and is_code:
            self.found.append("an inline <script>")
        for name in ("href", "src", "action"):
            if (attributes.get(name) or "").strip().lower().startswith("javascript:"):
                self.found.append(f"a javascript: {name} on <{tag}>")


def test_every_public_page_type_in_both_languages_is_sent_with_the_strict_policy(client, demo):
    found = {}
    for language in ("en", "fr"):
        for path in public_page_paths(language):
            response = client.get(path)
            assert response.status_code in (200, 404), path
            assert response["Content-Type"].startswith("text/html"), path
            if problems := strict_policy_problems(response):
                found[path] = problems
        # The list's htmx answer (a partial), and the page again, from the page cache.
        partial = client.get(f"/{language}/projects/?country=CD", headers={"HX-Request": "true"})
        assert "<html" not in partial.content.decode()
        cached = client.get(f"/{language}/projects/")
        assert cached["X-Page-Cache"] == "hit"
        for name, response in (("htmx partial", partial), ("cached page", cached)):
            if problems := strict_policy_problems(response):
                found[f"{language}: {name}"] = problems
    assert found == {}


def test_the_policy_names_the_report_endpoint_outside_the_language_prefix(client):
    policy = directives(client.get("/fr/")["Content-Security-Policy"])
    assert policy["report-uri"] == ["/csp-report"]
    # Posting to it does not redirect to a language.
    response = client.post("/csp-report", b"{}", content_type="application/csp-report")
    assert response.status_code == 400


def test_every_admin_page_in_both_languages_has_the_strict_policy_and_no_inline_code(
    client, demo, officer
):
    found = {}
    for language in ("en", "fr"):
        for path in admin_paths():
            response = client.get(path, headers={"Accept-Language": language})
            assert response.status_code == 200, path
            assert response.headers["Content-Language"] == language, path
            parser = InlineCode()
            parser.feed(response.content.decode())
            if problems := strict_policy_problems(response) + parser.found:
                found[f"{language}: {path}"] = problems
    assert found == {}


def test_the_admin_login_page_is_sent_with_the_strict_policy(client, settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = False
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert strict_policy_problems(response) == []


def test_a_list_without_action_bars_has_its_column_rule_in_a_stylesheet(
    client, officer, monkeypatch
):
    """Django's change list adds an inline <style> when a list shows no action bar: the
    portal's template links a stylesheet instead."""
    html = client.get("/admin/projects/project/").content.decode()
    assert "css/admin-changelist-without-actions.css" not in html
    project_admin = admin.site._registry[Project]
    monkeypatch.setattr(project_admin, "actions_on_top", False)
    monkeypatch.setattr(project_admin, "actions_on_bottom", False)
    html = client.get("/admin/projects/project/").content.decode()
    assert "<style" not in html
    assert "css/admin-changelist-without-actions.css" in html


@pytest.mark.parametrize(
    "path", ["/healthz", "/robots.txt", "/en/events/calendar.ics", "/csp-report"]
)
def test_answers_that_are_not_pages_carry_the_policies_too(client, path):
    response = client.get(path)
    assert "camera=()" in response["Permissions-Policy"]
    assert "Content-Security-Policy" in response.headers


def test_the_headers_sent_before_the_policy_are_still_sent(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/en/", secure=True)
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert strict_policy_problems(response) == []
