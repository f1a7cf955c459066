"""Who is told of errors: ADMINS read from DJANGO_ADMINS, mail settings from the environment,
an error tracker when SENTRY_DSN is set; and a 500 page that tells the truth about it."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import OperationalError
from django.urls import get_resolver
from django.utils import translation

from cooperation_portal import operations
from cooperation_portal.logging import leave_out_expected_errors, parse_admins
from tests.operations.helpers import database_error, settings_in_a_process_of_its_own


@pytest.mark.parametrize(
    ("value", "admins"),
    [
        ("", []),
        (" , ", []),
        ("ops@example.org", [("ops@example.org", "ops@example.org")]),
        (
            "Marie Dupont <marie@example.org>, ops@example.org",
            [("Marie Dupont", "marie@example.org"), ("ops@example.org", "ops@example.org")],
        ),
        ("  Jean-Paul Mbuyi   <jp@example.cd>  ", [("Jean-Paul Mbuyi", "jp@example.cd")]),
        ("<ops@example.org>", [("ops@example.org", "ops@example.org")]),
    ],
)
def test_admins_are_read_as_names_and_addresses(value, admins):
    assert parse_admins(value) == admins


@pytest.mark.parametrize(
    "value",
    [
        "Marie Dupont",
        "Marie <marie@>",
        "Marie <marie@example.org",
        "marie@example.org; ops@example.org",
        "Marie <marie@example.org> <ops@example.org>",
    ],
)
def test_anything_else_in_admins_is_refused_with_the_expected_form(value):
    with pytest.raises(ImproperlyConfigured) as refused:
        parse_admins(value)
    assert "DJANGO_ADMINS" in str(refused.value)
    assert "'Name <address>'" in str(refused.value)


SHOW_MAIL_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({"
    "'admins': s.ADMINS, 'backend': s.EMAIL_BACKEND, 'host': s.EMAIL_HOST, "
    "'port': s.EMAIL_PORT, 'user': s.EMAIL_HOST_USER, 'tls': s.EMAIL_USE_TLS, "
    "'from': s.SERVER_EMAIL}))"
)


def test_mail_settings_come_from_the_environment():
    result = settings_in_a_process_of_its_own(
        {
            "DJANGO_DEBUG": "false",
            "DJANGO_ADMINS": "Marie Dupont <marie@example.org>",
            "DJANGO_EMAIL_HOST": "smtp.example.org",
            "DJANGO_EMAIL_PORT": "587",
            "DJANGO_EMAIL_HOST_USER": "portal",
            "DJANGO_EMAIL_HOST_PASSWORD": "secret",
            "DJANGO_EMAIL_USE_TLS": "true",
            "DJANGO_SERVER_EMAIL": "portal@example.org",
        },
        SHOW_MAIL_SETTINGS,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "admins": [["Marie Dupont", "marie@example.org"]],
        "backend": "django.core.mail.backends.smtp.EmailBackend",
        "host": "smtp.example.org",
        "port": 587,
        "user": "portal",
        "tls": True,
        "from": "portal@example.org",
    }


def test_in_development_mail_is_printed_and_no_one_is_told():
    result = settings_in_a_process_of_its_own({"DJANGO_DEBUG": "true"}, SHOW_MAIL_SETTINGS)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["backend"] == "django.core.mail.backends.console.EmailBackend"
    assert shown["admins"] == []


def test_a_bad_admins_variable_stops_the_start_with_a_clear_message():
    result = settings_in_a_process_of_its_own({"DJANGO_ADMINS": "Marie Dupont"}, "")
    assert result.returncode != 0
    assert "DJANGO_ADMINS: 'Marie Dupont' is not an e-mail address" in result.stderr


def test_an_error_tracker_is_started_without_personal_data_when_sentry_dsn_is_set():
    result = settings_in_a_process_of_its_own(
        {"DJANGO_DEBUG": "false", "SENTRY_DSN": "https://public@errors.example.invalid/1"},
        "import sentry_sdk; options = sentry_sdk.get_client().options; "
        "print(sentry_sdk.get_client().is_active(), options['send_default_pii'], "
        "options['max_request_body_size'], options['include_local_variables'])",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "False", "never", "False"]


def test_the_error_tracker_is_not_sent_each_request_of_an_outage():
    def hint(error):
        return {"exc_info": (type(error), error, None)}

    event = {"message": "…"}
    unreachable = database_error(OperationalError, None)
    slow_query = database_error(OperationalError, "57014")
    assert leave_out_expected_errors(event, hint(unreachable)) is None
    assert leave_out_expected_errors(event, hint(slow_query)) is event
    assert leave_out_expected_errors(event, {}) is event


# The 500 page --------------------------------------------------------------------------------


def test_server_errors_are_answered_by_the_portal_s_handler():
    assert get_resolver().resolve_error_handler(500) is operations.server_error


TOLD = "The team has been told"
NOT_TOLD = "The portal could not answer this request. Please try again in a few minutes."


@pytest.mark.parametrize(
    ("admins", "sentry_dsn", "told"),
    [
        ([], "", False),
        ([("Ops", "ops@example.org")], "", True),
        ([], "https://public@errors.example.invalid/1", True),
    ],
)
def test_the_500_page_says_the_team_was_told_only_when_it_is(
    rf, settings, admins, sentry_dsn, told
):
    settings.ADMINS, settings.SENTRY_DSN = admins, sentry_dsn
    response = operations.server_error(rf.get("/en/projects/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert (TOLD in html) is told
    assert (NOT_TOLD in html) is not told
    assert html.count("<h1>") == 1


def test_the_500_page_is_in_the_language_of_the_request(rf, settings):
    settings.ADMINS = []
    with translation.override("fr"):
        html = operations.server_error(rf.get("/fr/projects/")).content.decode()
    assert '<html lang="fr">' in html
