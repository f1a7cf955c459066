import threading
import time

import pytest
from django.db import OperationalError, connection, connections

from cooperation_portal import operations
from tests.operations.outage import database_unreachable

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's test database lives in memory: it cannot hang like a server",
)


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "head"])
def test_health_check_answers_200_when_the_database_answers(client, method):
    response = getattr(client, method)("/healthz")
    assert response.status_code == 200
    if method == "get":
        assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def assert_unavailable(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(operations.RETRY_AFTER_SECONDS)
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_health_check_answers_503_when_the_database_is_unreachable(client):
    with database_unreachable():
        response = client.get("/healthz")
        head = client.head("/healthz")
    assert_unavailable(response)
    assert response.json()["database"] == "unreachable"
    assert_unavailable(head)
    # Back by itself once the database is.
    assert client.get("/healthz").status_code == 200


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_health_check_answers_503_within_5_s_when_the_database_never_answers(client):
    with database_unreachable("silent"):
        started = time.monotonic()
        response = client.get("/healthz")
        elapsed = time.monotonic() - started
    assert_unavailable(response)
    # The connect timeout (3 s by default) ends the attempt.
    assert elapsed < 5, f"answered after {elapsed:.1f} s"


@pytest.mark.django_db(transaction=True)
def test_health_check_stops_waiting_for_a_database_that_hangs(client, monkeypatch):
    """Whatever the database does (here: it hangs while connecting, past any timeout), the
    check answers within HEALTH_CHECK_SECONDS and starts no second probe meanwhile."""
    release, attempts = threading.Event(), []

    def hangs(self):
        attempts.append(threading.current_thread().name)
        release.wait(30)
        raise OperationalError("connection timeout expired")

    monkeypatch.setattr(operations, "HEALTH_CHECK_SECONDS", 0.5)
    monkeypatch.setattr(type(connections["default"]), "ensure_connection", hangs)
    try:
        started = time.monotonic()
        first = client.get("/healthz")
        second = client.head("/healthz")
        elapsed = time.monotonic() - started
    finally:
        release.set()
        time.sleep(0.1)  # the probe ends
    assert_unavailable(first)
    assert_unavailable(second)
    assert elapsed < 2
    assert attempts == ["database-probe"]


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
