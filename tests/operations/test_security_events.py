"""Security events on the `cooperation_portal.security` logger: failed logins (never the
password), staff logins, and every 403 with who asked for what."""

import logging

import pytest
from django.contrib.auth.models import User

pytestmark = pytest.mark.django_db

SECURITY = "cooperation_portal.security"
LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "Correct-Horse-Battery-9"
ADDRESS = "198.51.100.7"


@pytest.fixture
def security_log(caplog):
    caplog.set_level(logging.INFO, logger=SECURITY)
    return lambda event: [
        record
        for record in caplog.records
        if record.name == SECURITY and getattr(record, "event", None) == event
    ]


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ADDRESS)


def test_a_failed_admin_login_is_logged_with_the_name_and_address_never_the_password(
    client, security_log, caplog, capsys
):
    User.objects.create_user("amina", password=PASSWORD, is_staff=True)
    secret = "Wrong-But-Close-Password-8"
    assert log_in(client, "amina", secret).status_code == 200
    (record,) = security_log("login_failed")
    assert record.levelname == "WARNING"
    assert (record.username, record.client) == ("amina", ADDRESS)
    assert record.getMessage() == f"Failed login for 'amina' from {ADDRESS}"
    everything_logged = caplog.text + "".join(capsys.readouterr())
    assert secret not in everything_logged
    assert PASSWORD not in everything_logged


def test_what_was_typed_as_a_name_is_logged_on_one_short_line(client, security_log):
    # Within the login form's 150 characters (a longer name is refused before any lookup).
    log_in(client, "x\nFAKE: line" + "y" * 130 + "\r\x1b[2J", "whatever")
    (record,) = security_log("login_failed")
    assert "\n" not in record.getMessage() and "\x1b" not in record.getMessage()
    assert "FAKE: line" in record.getMessage()


def test_a_staff_login_is_logged(client, security_log):
    user = User.objects.create_user("amina", password=PASSWORD, is_staff=True)
    assert log_in(client, "amina", PASSWORD).status_code == 302
    (record,) = security_log("staff_login")
    assert record.levelname == "INFO"
    assert (record.user, record.username, record.client) == (str(user.pk), "amina", ADDRESS)


def test_a_login_without_staff_status_is_not_a_staff_login(client, security_log):
    User.objects.create_user("visitor", password=PASSWORD)
    log_in(client, "visitor", PASSWORD)
    assert security_log("staff_login") == []


def test_a_permission_refused_is_logged_with_the_user_and_the_path(client, security_log):
    editor = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    client.force_login(editor)
    response = client.get("/admin/projects/project/add/")
    assert response.status_code == 403
    (record,) = security_log("permission_refused")
    assert record.levelname == "WARNING"
    assert (record.user, record.method, record.path) == (
        str(editor.pk),
        "GET",
        "/admin/projects/project/add/",
    )


def test_a_refused_form_without_its_csrf_token_is_logged_as_anonymous(security_log):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "amina", "password": "x"})
    assert response.status_code == 403
    (record,) = security_log("permission_refused")
    assert (record.user, record.path) == ("anonymous", "/admin/login/")
