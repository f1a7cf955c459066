"""The portal served as in production (gunicorn with deploy/gunicorn.conf.py, debug off, JSON
logs) in a process of its own, its database behind a proxy that the tests switch between
forwarding, refusing connections and accepting them without ever answering: answers and
timings as a load balancer and a visitor see them, and the recovery without a restart."""

import http.client
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from tests.operations.outage import DatabaseProxy, free_port

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a database server to cut off: the suite's SQLite database lives in memory",
    ),
    # The test database must exist (gunicorn uses it); these tests write nothing to it.
    pytest.mark.django_db,
]

REPOSITORY = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


class Served:
    def __init__(self, port: int, log: Path):
        self.port, self.log = port, log

    def request(self, method: str, path: str, headers=None, timeout: float = 20):
        """(status, headers, body, seconds) of one request."""
        started = time.monotonic()
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, headers=headers or {})
            response = connection.getresponse()
            body = response.read()
        finally:
            connection.close()
        return response.status, response.headers, body, time.monotonic() - started

    def log_lines(self) -> list[dict]:
        lines = []
        for line in self.log.read_text().splitlines():
            if line.startswith("{"):
                lines.append(json.loads(line))
        return lines


@pytest.fixture(scope="module")
def proxy():
    settings_dict = connection.settings_dict
    upstream = (settings_dict["HOST"] or "127.0.0.1", int(settings_dict["PORT"] or 5432))
    proxy = DatabaseProxy(upstream)
    proxy.switch("forward")
    yield proxy
    proxy.close()


@pytest.fixture(scope="module")
def served(django_db_setup, proxy, tmp_path_factory):
    settings_dict = connection.settings_dict  # the test database, migrated by django_db_setup
    user = quote(settings_dict["USER"] or "")
    password = f":{quote(settings_dict['PASSWORD'])}" if settings_dict["PASSWORD"] else ""
    port = free_port()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.operations.served_settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "only-for-this-test-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": (
            f"postgres://{user}{password}@127.0.0.1:{proxy.port}/{quote(settings_dict['NAME'])}"
        ),
        "CACHE_URL": "dummy://",  # every page rendered: none served from a cache
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
    }
    for name in ["DJANGO_LOG_FORMAT", "DJANGO_DB_CONNECT_TIMEOUT", "DJANGO_ADMINS", "SENTRY_DSN"]:
        environment.pop(name, None)
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [str(GUNICORN), "--config", str(REPOSITORY / "deploy" / "gunicorn.conf.py")],
            cwd="/",  # the configuration finds the repository by itself
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Served(port, log)
    try:
        for _ in range(150):
            try:
                if server.request("GET", "/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            assert process.poll() is None, log.read_text()[-3000:]
            time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer within 30 s:\n" + log.read_text()[-3000:])
        yield server
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.parametrize("outage", ["refused", "silent"])
def test_during_an_outage_the_health_check_and_pages_answer_503_then_recover(served, proxy, outage):
    assert served.request("GET", "/en/projects/")[0] == 200
    proxy.switch(outage)
    try:
        for method in ["GET", "HEAD"]:
            status, headers, _, seconds = served.request(method, "/healthz")
            assert (status, headers["Retry-After"]) == (503, "30"), method
            assert seconds < 5, f"{method} /healthz answered after {seconds:.1f} s"
        status, headers, body, seconds = served.request("GET", "/en/projects/")
        assert (status, headers["Retry-After"]) == (503, "30")
        assert "no-store" in headers["Cache-Control"]
        assert b'<html lang="en">' in body
        assert b"The portal is temporarily unavailable" in body
        # A page waits for the connect timeout (3 s) at most, never for gunicorn's 30 s.
        assert seconds < 5, f"the page answered after {seconds:.1f} s"
        # Static files need no database.
        assert served.request("GET", "/static/css/portal.css")[0] == 200
    finally:
        proxy.switch("forward")
    # Back by itself: no restart.
    assert served.request("GET", "/healthz")[0] == 200
    assert served.request("HEAD", "/healthz")[0] == 200
    assert served.request("GET", "/en/projects/")[0] == 200


def test_each_request_is_one_json_line_with_the_id_it_was_given(served):
    status, headers, _, _ = served.request(
        "GET", "/en/projects/?country=cd", headers={"X-Request-ID": "lb-7f3a9c"}
    )
    assert status == 200
    assert headers["X-Request-ID"] == "lb-7f3a9c"
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        lines = [line for line in served.log_lines() if line.get("request_id") == "lb-7f3a9c"]
        if lines:
            break
        time.sleep(0.1)
    (line,) = lines
    assert line["logger"] == "cooperation_portal.requests"
    assert line["level"] == "INFO"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/en/projects/", 200)
    assert line["user"] == "anonymous"
    assert 0 < line["duration_ms"] < 5000
    assert line["time"].endswith("+00:00")
