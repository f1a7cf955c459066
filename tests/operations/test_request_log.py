"""One JSON log line per request, with its id (the caller's when sane), the user, the path, the
status and the duration; every line logged during the request carries the same id."""

import io
import json
import logging

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils.functional import SimpleLazyObject

from cooperation_portal.logging import JsonFormatter, RequestIdFilter
from cooperation_portal.operations import user_label
from tests.operations.helpers import settings_in_a_process_of_its_own


@pytest.fixture
def json_log():
    """The lines the console would print in JSON (the settings' formatter and filter), from
    the request and security loggers at INFO."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    loggers = [logging.getLogger(f"cooperation_portal.{name}") for name in ("requests", "security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.INFO)
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def request_lines(lines):
    return [line for line in lines if line["logger"] == "cooperation_portal.requests"]


@pytest.mark.django_db
def test_each_request_is_one_json_line_with_its_id_user_path_status_and_duration(client, json_log):
    response = client.get("/en/projects/?q=water")
    (line,) = request_lines(json_log())
    assert line["request_id"] == response["X-Request-ID"]
    assert len(line["request_id"]) == 32
    assert line["method"] == "GET"
    assert line["path"] == "/en/projects/"  # never the query string: what visitors searched
    assert line["status"] == 200
    assert line["user"] == "anonymous"
    assert isinstance(line["duration_ms"], float)
    assert 0 < line["duration_ms"] < 10_000
    assert line["level"] == "INFO"
    assert line["message"].startswith("GET /en/projects/ 200 ")
    assert "time" in line


@pytest.mark.django_db
def test_a_signed_in_user_is_logged_by_id(client, admin_user, json_log):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    (line,) = request_lines(json_log())
    assert line["user"] == str(admin_user.pk)


@pytest.mark.parametrize(
    "given", ["lb-7f3a9c", "0c8f5f0e-8b1e-4c55-9d0c-3f1f1b3e9a77", "Root=1-67a2f3b1-abc"]
)
def test_a_sane_incoming_request_id_is_kept_and_sent_back(client, json_log, given):
    response = client.get("/robots.txt", headers={"X-Request-ID": given})
    assert response["X-Request-ID"] == given
    assert request_lines(json_log())[0]["request_id"] == given


@pytest.mark.parametrize(
    "given", ["", "two words", "x" * 129, "<script>", "id\r\nSet-Cookie: a=b", "-leading", "é"]
)
def test_any_other_incoming_request_id_is_replaced_by_a_new_one(client, json_log, given):
    response = client.get("/robots.txt", headers={"X-Request-ID": given})
    assert response["X-Request-ID"] != given
    assert len(response["X-Request-ID"]) == 32
    assert request_lines(json_log())[0]["request_id"] == response["X-Request-ID"]


def test_static_files_are_logged_with_an_id_too(client, settings, json_log):
    settings.WHITENOISE_USE_FINDERS = True
    response = client.get("/static/css/portal.css")
    (line,) = request_lines(json_log())
    assert (line["path"], line["status"]) == ("/static/css/portal.css", 200)
    assert line["request_id"] == response["X-Request-ID"]


@pytest.mark.django_db
def test_every_line_logged_during_a_request_carries_its_id(client, json_log):
    client.post("/admin/login/", {"username": "nobody", "password": "not-the-password"})
    security, request = [
        [line for line in json_log() if line["logger"] == f"cooperation_portal.{name}"]
        for name in ("security", "requests")
    ]
    assert security[0]["request_id"] == request[0]["request_id"]


def test_lines_outside_a_request_have_no_id(json_log):
    logging.getLogger("cooperation_portal.security").warning("outside")
    assert json_log()[0]["request_id"] is None


def test_the_log_never_reads_a_user_the_page_did_not_look_at(rf):
    """Reading the user costs the session's and the user's queries: a page that did not need
    them is logged as `-` (with a session cookie) or `anonymous` (without one)."""

    def read_the_user():
        raise AssertionError("the user was read for the log")

    with_session = rf.get("/robots.txt", HTTP_COOKIE="sessionid=abc")
    with_session.user = SimpleLazyObject(read_the_user)
    without_session = rf.get("/robots.txt")
    without_session.user = SimpleLazyObject(read_the_user)
    assert user_label(with_session) == "-"
    assert user_label(without_session) == "anonymous"
    # A refused request (403) is a security event: who it was is worth the query.
    refused = rf.get("/admin/", HTTP_COOKIE="sessionid=abc")
    refused.user = SimpleLazyObject(AnonymousUser)
    assert user_label(refused, look_up=True) == "anonymous"


LOG_A_LINE = "import logging; logging.getLogger('cooperation_portal.security').warning('hello')"


@pytest.mark.parametrize(
    ("environment", "json_lines"),
    [
        ({"DJANGO_DEBUG": "false"}, True),
        ({"DJANGO_DEBUG": "true"}, False),
        ({"DJANGO_DEBUG": "true", "DJANGO_LOG_FORMAT": "json"}, True),
        ({"DJANGO_DEBUG": "false", "DJANGO_LOG_FORMAT": "text"}, False),
    ],
)
def test_logs_are_json_with_debug_off_and_text_in_development(environment, json_lines):
    result = settings_in_a_process_of_its_own(environment, LOG_A_LINE)
    assert result.returncode == 0, result.stderr
    line = result.stderr.strip()
    if json_lines:
        parsed = json.loads(line)
        assert (parsed["level"], parsed["logger"], parsed["message"]) == (
            "WARNING",
            "cooperation_portal.security",
            "hello",
        )
    else:
        assert line == "WARNING cooperation_portal.security: hello"


def test_an_unknown_log_format_is_refused_clearly():
    result = settings_in_a_process_of_its_own({"DJANGO_LOG_FORMAT": "xml"}, "")
    assert result.returncode != 0
    assert "DJANGO_LOG_FORMAT must be json or text, not 'xml'." in result.stderr
