"""/csp-report: what a browser reports the policy blocked is logged on one WARNING line of the
`cooperation_portal.security` logger and answered 204; anything else is answered 4xx, never a
server error."""

import json
import logging

import pytest
from django.test import Client

from cooperation_portal.csp import LARGEST_REPORT_BYTES

URL = "/csp-report"
LOGGER = "cooperation_portal.security"

CLASSIC_REPORT = {
    "csp-report": {
        "document-uri": "https://cooperation.example.org/en/projects/",
        "referrer": "",
        "violated-directive": "script-src-elem",
        "effective-directive": "script-src-elem",
        "original-policy": "default-src 'self'; script-src 'self'; report-uri /csp-report",
        "disposition": "enforce",
        "blocked-uri": "inline",
        "line-number": 12,
        "source-file": "https://cooperation.example.org/en/projects/",
        "status-code": 200,
        "script-sample": "",
    }
}

REPORTING_API_REPORTS = [
    {
        "age": 10,
        "type": "csp-violation",
        "url": "https://cooperation.example.org/fr/sdgs/3/",
        "user_agent": "Mozilla/5.0",
        "body": {
            "blockedURL": "https://evil.example.com/tracker.js",
            "disposition": "enforce",
            "documentURL": "https://cooperation.example.org/fr/sdgs/3/",
            "effectiveDirective": "script-src-elem",
            "originalPolicy": "default-src 'self'",
            "referrer": "",
            "sample": "",
            "statusCode": 200,
        },
    },
    # Other kinds of report may come in the same batch: not ours to log.
    {"type": "deprecation", "url": "https://cooperation.example.org/", "body": {"id": "x"}},
]


@pytest.fixture
def browser_client():
    """As a browser posts a report: no cookie, no CSRF token."""
    return Client(enforce_csrf_checks=True)


def warnings_logged(caplog) -> list[str]:
    return [
        record.getMessage()
        for record in caplog.records
        if record.name == LOGGER and record.levelno == logging.WARNING
    ]


def test_a_classic_report_is_logged_on_one_line_and_answered_204(browser_client, caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = browser_client.post(
            URL, json.dumps(CLASSIC_REPORT), content_type="application/csp-report"
        )
    assert response.status_code == 204
    assert response.content == b""
    [line] = warnings_logged(caplog)
    assert "blocked inline" in line
    assert "script-src-elem" in line
    assert "on https://cooperation.example.org/en/projects/" in line
    assert "\n" not in line


def test_a_reporting_api_batch_logs_each_csp_violation(browser_client, caplog):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = browser_client.post(
            URL, json.dumps(REPORTING_API_REPORTS), content_type="application/reports+json"
        )
    assert response.status_code == 204
    [line] = warnings_logged(caplog)
    assert "https://evil.example.com/tracker.js" in line
    assert "script-src-elem" in line
    assert "https://cooperation.example.org/fr/sdgs/3/" in line


def test_the_answer_is_never_cached(browser_client):
    response = browser_client.post(
        URL, json.dumps(CLASSIC_REPORT), content_type="application/csp-report"
    )
    assert "no-store" in response["Cache-Control"]


def test_a_value_that_would_forge_log_lines_is_kept_on_one_short_line(browser_client, caplog):
    report = {
        "csp-report": {
            **CLASSIC_REPORT["csp-report"],
            "document-uri": "https://x.example/\nCRITICAL forged line\r" + "a" * 5000,
        }
    }
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = browser_client.post(URL, json.dumps(report), content_type="application/json")
    assert response.status_code == 204
    [line] = warnings_logged(caplog)
    assert "\n" not in line and "\r" not in line
    assert len(line) < 1500


def test_a_get_is_refused(browser_client):
    assert browser_client.get(URL).status_code == 405


@pytest.mark.parametrize(
    "body",
    [
        b"not json at all",
        b"\xff\xfe\x00garbage",
        b"null",
        b"42",
        b"[]",
        b"{}",
        b'{"csp-report": "a string"}',
        b'{"csp-report": {}}',
        b'[{"type": "csp-violation", "body": "a string"}]',
        b'[{"type": "deprecation", "body": {}}]',
        b"[" * 5000 + b"]" * 5000,
    ],
)
def test_anything_but_a_report_is_answered_400(browser_client, caplog, body):
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = browser_client.post(URL, body, content_type="application/csp-report")
    assert response.status_code == 400
    assert warnings_logged(caplog) == []


def test_another_content_type_or_no_body_is_answered_415(browser_client):
    assert browser_client.post(URL, {"csp-report": "x"}).status_code == 415  # a form
    assert browser_client.post(URL).status_code == 415


def test_an_oversize_body_is_answered_413(browser_client, caplog):
    padding = "x" * (LARGEST_REPORT_BYTES + 1)
    report = {"csp-report": {**CLASSIC_REPORT["csp-report"], "script-sample": padding}}
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        response = browser_client.post(
            URL, json.dumps(report), content_type="application/csp-report"
        )
    assert response.status_code == 413
    assert warnings_logged(caplog) == []
