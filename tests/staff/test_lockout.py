"""The admin's login cannot be guessed: after six failures the account and the address are
locked for the configured time (django-axes), even with the right password; the lock is logged;
an officer unlocks earlier in the admin."""

import datetime
import logging

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group, User

from tests.helpers import admin_url

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "a long enough password"
HOME = "198.51.100.7"
ELSEWHERE = "203.0.113.9"


@pytest.fixture
def officer(roles):
    user = User.objects.create_user("amina", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Cooperation officers"))
    return user


def log_in(client, username, password, address=HOME, **extra):
    return client.post(
        LOGIN,
        {"username": username, "password": password, **extra},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def fail(client, times, username="amina", address=HOME):
    for _ in range(times):
        response = log_in(client, username, "not the password", address)
        assert response.status_code in {200, 429}


def test_five_failures_still_let_the_right_password_in(client, officer):
    fail(client, 5)
    response = log_in(client, "amina", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_six_failures_lock_the_account_even_with_the_right_password(client, officer, caplog):
    fail(client, 5)
    with caplog.at_level(logging.WARNING, logger="cooperation_portal.security"):
        sixth = log_in(client, "amina", "not the password")
    assert sixth.status_code == 429
    assert "Too many failed logins" in sixth.content.decode()
    assert [r for r in caplog.records if getattr(r, "event", "") == "login_locked_out"]
    assert "amina" in caplog.text and HOME in caplog.text

    right = log_in(client, "amina", PASSWORD)
    assert right.status_code == 429
    page = right.content.decode()
    assert "Try again in 30 minutes" in page
    assert "ask an administrator" in page
    assert "_auth_user_id" not in client.session


def test_the_lock_holds_the_account_from_another_address(client, officer):
    fail(client, 6, address=HOME)
    assert log_in(client, "amina", PASSWORD, address=ELSEWHERE).status_code == 429


def test_the_lock_holds_the_address_for_another_account(client, officer):
    User.objects.create_user("bram", password=PASSWORD, is_staff=True)
    fail(client, 6, address=HOME)
    assert log_in(client, "bram", PASSWORD, address=HOME).status_code == 429
    # Bram from elsewhere is not concerned.
    assert log_in(client, "bram", PASSWORD, address=ELSEWHERE).status_code == 302


def test_the_lock_ends_after_the_cool_off(client, officer):
    fail(client, 6)
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=31)
    )
    assert log_in(client, "amina", PASSWORD).status_code == 302


def test_a_cooperation_officer_unlocks_an_account_in_the_admin(client, officer):
    colleague = User.objects.create_user("chantal", password=PASSWORD, is_staff=True)
    colleague.groups.add(Group.objects.get(name="Cooperation officers"))
    fail(client, 6)

    client.force_login(colleague)
    attempts = client.get(admin_url(AccessAttempt, "changelist"), HTTP_ACCEPT_LANGUAGE="en")
    assert attempts.status_code == 200 and "amina" in attempts.content.decode()
    for attempt in AccessAttempt.objects.all():
        delete = admin_url(AccessAttempt, "delete", attempt.pk)
        assert client.post(delete, {"post": "yes"}).status_code == 302
    client.logout()

    assert log_in(client, "amina", PASSWORD).status_code == 302


def test_an_editor_cannot_see_the_attempts(client, roles):
    editor = User.objects.create_user("eddy", password=PASSWORD, is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(admin_url(AccessAttempt, "changelist")).status_code == 403


def test_behind_the_proxy_the_address_is_the_one_the_proxy_saw(client, officer, settings):
    """A client cannot dodge the lock by sending X-Forwarded-For itself: the proxy appends the
    address it saw, and that last one counts."""
    settings.BEHIND_PROXY = True
    for forged in range(6):
        client.post(
            LOGIN,
            {"username": f"guess{forged}", "password": "x"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"10.0.0.{forged}, {HOME}",
        )
    response = client.post(
        LOGIN,
        {"username": "amina", "password": PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR=f"10.9.9.9, {HOME}",
    )
    assert response.status_code == 429


@pytest.mark.parametrize("length", [151, 300])
def test_a_name_too_long_for_an_account_gets_the_form_again(client, length):
    """Longer than any user name (150) and than django-axes' record of it (255): a clear
    refusal, nothing recorded, no server error."""
    response = log_in(client, "x" * length, "whatever")
    assert response.status_code == 200
    assert "No user name is longer than 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()
