import pytest
from django.db import OperationalError, connection


@pytest.mark.django_db
def test_health_check_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_health_check_answers_503_when_the_database_is_unreachable(client, monkeypatch):
    original = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        # The test database lives in memory and cannot be cut off: fail its connection the way
        # Django does when the file cannot be opened.
        def unreachable():
            raise OperationalError("unable to open database file")

        monkeypatch.setattr(connection, "ensure_connection", unreachable)
    else:
        # Point the connection at a port where no server listens: a real failed connection.
        connection.close()
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = "1"
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(original)
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_robots_txt_keeps_crawlers_out_of_the_admin(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Disallow: /admin/" in response.content.decode()


def test_favicon_ico_leads_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
