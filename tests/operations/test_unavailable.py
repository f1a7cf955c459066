"""While the database is out of reach, pages answer a short 503 page (not a 500), static files
and cached pages are served as usual, and everything comes back with the database."""

import logging
import re

import pytest
from django.core import mail
from django.db import IntegrityError, InterfaceError, OperationalError, connection

from cooperation_portal import operations
from tests.helpers import axe_violations
from tests.operations.helpers import database_error
from tests.operations.outage import database_unreachable

LIST = "/en/projects/"


@pytest.fixture(autouse=True)
def no_alert_raised_yet(monkeypatch):
    monkeypatch.setattr(operations, "_last_alert", None)


def assert_friendly_503(response, language="en"):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Language"] == language
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert '<main id="main">' in html
    return html


@pytest.mark.django_db(transaction=True)
def test_a_page_answers_503_while_the_database_is_unreachable_and_200_once_it_is_back(client):
    with database_unreachable():
        response = client.get(LIST)
    html = assert_friendly_503(response)
    assert "The portal is temporarily unavailable" in html
    assert f'href="{LIST}"' in html  # "Try again"
    assert client.get(LIST).status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_503_page_speaks_the_page_s_language(client):
    with database_unreachable():
        response = client.get("/fr/projects/?country=cd")
    html = assert_friendly_503(response, "fr")
    assert 'href="/fr/projects/?country=cd"' in html


@pytest.mark.django_db(transaction=True)
def test_a_page_needing_the_database_in_a_middleware_answers_503_too(client):
    """An officer's session is read by the middleware, before any view: the error reaches
    handler500, which answers the same page."""
    client.raise_request_exception = False
    client.cookies["sessionid"] = "an-officer-s-session"
    with database_unreachable():
        response = client.get("/en/partners/")
    assert_friendly_503(response)


def test_the_503_page_is_answered_even_when_its_template_cannot_be_rendered(rf, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("Missing staticfiles manifest entry for 'css/portal.css'")

    monkeypatch.setattr(operations.loader, "render_to_string", broken)
    html = assert_friendly_503(operations.unavailable_page(rf.get("/en/projects/")))
    assert "The portal is temporarily unavailable" in html


@pytest.mark.django_db(transaction=True)
def test_an_outage_is_one_mail_to_the_admins_not_one_per_request(client, settings, caplog):
    settings.ADMINS = [("Ops", "ops@example.org")]
    with database_unreachable(), caplog.at_level(logging.WARNING):
        for _ in range(3):
            assert client.get(LIST).status_code == 503
    assert len(mail.outbox) == 1
    assert "The database is unavailable" in mail.outbox[0].subject
    levels = [record.levelname for record in caplog.records if record.name == operations.__name__]
    assert levels == ["ERROR", "WARNING", "WARNING"]
    # Django's own "Service Unavailable" line (an ERROR, mailed) is not logged for them.
    assert not [record for record in caplog.records if record.name == "django.request"]


@pytest.mark.django_db(transaction=True)
def test_a_page_in_the_page_cache_is_still_served_while_the_database_is_unreachable(client):
    assert client.get(LIST).status_code == 200
    with database_unreachable():
        response = client.get(LIST)
    assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"


def test_static_files_never_touch_the_database(client, settings):
    """No database access is allowed in this test (pytest-django refuses it): the file is
    served all the same, outage or not."""
    settings.WHITENOISE_USE_FINDERS = True
    response = client.get("/static/css/portal.css")
    assert response.status_code == 200
    with database_unreachable():
        assert client.get("/static/css/portal.css").status_code == 200


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (database_error(OperationalError, None), True),  # refused, timed out, connection lost
        (database_error(OperationalError, "08006"), True),  # connection failure
        (database_error(OperationalError, "57P01"), True),  # the server shuts down
        (database_error(OperationalError, "57P03"), True),  # the server is starting
        (database_error(OperationalError, "53300"), True),  # too many connections
        (InterfaceError("connection already closed"), True),
        (database_error(OperationalError, "57014"), False),  # statement timeout: a slow query
        (database_error(OperationalError, "40P01"), False),  # a deadlock
        (database_error(IntegrityError, "23505"), False),
        (ValueError("not the database"), False),
        (None, False),
    ],
)
def test_only_errors_that_say_the_database_is_out_of_reach_answer_503(error, unavailable):
    assert operations.is_database_unavailable(error) is unavailable


@pytest.mark.django_db
def test_a_query_cut_by_the_statement_timeout_is_a_bug_not_an_outage():
    if connection.vendor != "postgresql":
        pytest.skip("the statement timeout is PostgreSQL's")
    with pytest.raises(OperationalError) as raised, connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 10")
        cursor.execute("SELECT pg_sleep(1)")
    assert not operations.is_database_unavailable(raised.value)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_503_page_has_no_accessibility_violation(live_server, browser, language):
    # axe is injected as an inline script, which the portal's Content Security Policy refuses.
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        with database_unreachable():
            response = page.goto(f"{live_server.url}/{language}/projects/")
            assert response.status == 503
            assert axe_violations(page) == []
            assert axe_violations(page, ["page-has-heading-one", "landmark-one-main"]) == []
    finally:
        context.close()
