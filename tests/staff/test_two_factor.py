"""Every staff account needs a second factor whenever debug is off: without one, no admin page
opens but the set-up page; with one, the login form asks for its code (or a recovery code)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings as django_settings
from django.contrib.auth.models import Group, User
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from projects.models import Project
from tests.factories import ProjectFactory
from tests.helpers import admin_url

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"
LOGIN = "/admin/login/?next=/admin/"
SET_UP = "/admin/two-factor/"


@pytest.fixture(autouse=True)
def second_factor_required(settings):
    settings.STAFF_TWO_FACTOR_REQUIRED = True


@pytest.fixture
def officer(roles):
    user = User.objects.create_user("amina", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Cooperation officers"))
    return user


def code_now(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def time_passes(user) -> None:
    """As if minutes had passed: each device slows down guessing (a wait after each wrong
    code) and takes a code once (it remembers the last 30-second step used)."""
    unthrottled = {"throttling_failure_count": 0, "throttling_failure_timestamp": None}
    TOTPDevice.objects.filter(user=user).update(last_t=-1, **unthrottled)
    StaticDevice.objects.filter(user=user).update(**unthrottled)


def a_later_code(device: TOTPDevice) -> str:
    """The app's code some time later."""
    time_passes(device.user)
    return code_now(TOTPDevice.objects.get(pk=device.pk))


def log_in(client, code="", password=PASSWORD):
    return client.post(
        LOGIN,
        {"username": "amina", "password": password, "code": code},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def set_up(client) -> tuple[TOTPDevice, list[str]]:
    """Through the set-up page as the officer does: read the key, type the app's code."""
    page = client.get(SET_UP, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    time_passes(User.objects.get(username="amina"))
    device = TOTPDevice.objects.get(user__username="amina", confirmed=False)
    done = client.post(SET_UP, {"code": code_now(device)}, HTTP_ACCEPT_LANGUAGE="en")
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", done.content.decode())
    return TOTPDevice.objects.get(pk=device.pk), codes


def admin_pages(project) -> list[str]:
    return [
        "/admin/",
        admin_url(Project, "changelist"),
        admin_url(Project, "add"),
        admin_url(Project, "change", project.pk),
        admin_url(Project, "history", project.pk),
        admin_url(User, "changelist"),
    ]


def test_without_a_second_factor_no_admin_page_opens(client, officer):
    project = ProjectFactory()
    client.force_login(officer)
    for url in admin_pages(project):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url
    # The login form sends a signed-in officer without a device to the set-up page.
    assert client.get(LOGIN)["Location"] == SET_UP


def test_the_password_alone_leads_to_the_set_up_page_only(client, officer):
    response = log_in(client)
    assert response.status_code == 302
    assert client.get(response["Location"])["Location"].startswith("/admin/login/")
    assert client.get(LOGIN)["Location"] == SET_UP
    page = client.get(SET_UP, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<svg" in page and "Turn on two-factor authentication" in page
    # The key in letters, for an app without a camera: the device's own key.
    device = TOTPDevice.objects.get(user=officer)
    key = re.search(r'<code class="otp-key">([A-Z2-7 ]+)</code>', page).group(1)
    assert key.replace(" ", "") in device.config_url
    # No admin content is listed in the navigation of that page.
    assert admin_url(Project, "changelist") not in page


def test_setting_up_turns_it_on_and_gives_ten_recovery_codes(client, officer):
    log_in(client)
    client.get(SET_UP)
    device = TOTPDevice.objects.get(user=officer)
    wrong = client.post(
        SET_UP,
        {"code": "000000" if code_now(device) != "000000" else "111111"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert wrong.status_code == 400 and "not valid" in wrong.content.decode()
    assert not TOTPDevice.objects.get(pk=device.pk).confirmed

    device, codes = set_up(client)
    assert device.confirmed
    assert len(codes) == 10 and len(set(codes)) == 10
    # This session passed the second factor: the admin opens.
    assert client.get("/admin/").status_code == 200


def test_once_set_up_the_login_asks_for_the_code(client, officer):
    log_in(client)
    device, _codes = set_up(client)
    client.logout()

    missing = log_in(client)
    assert missing.status_code == 200
    assert "Enter the 6-digit code" in missing.content.decode()

    wrong = log_in(client, code="123456" if a_later_code(device) != "123456" else "654321")
    assert "This code is not valid" in wrong.content.decode()
    assert client.get("/admin/").status_code == 302

    right = log_in(client, code=a_later_code(device))
    assert right.status_code == 302 and right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, officer):
    log_in(client)
    _device, codes = set_up(client)
    client.logout()

    assert log_in(client, code=codes[0])["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    client.logout()
    assert log_in(client, code=codes[0]).status_code == 200  # used up: the form again
    assert StaticToken.objects.filter(device__user=officer).count() == 9


def test_wrong_codes_count_as_failed_logins(client, officer):
    log_in(client)
    device, _codes = set_up(client)
    client.logout()
    for _ in range(6):
        log_in(client, code="999999" if a_later_code(device) != "999999" else "888888")
    assert AccessAttempt.objects.filter(username="amina").exists()
    # Locked: even the right password and code are refused now.
    assert log_in(client, code=a_later_code(device)).status_code == 429


def test_a_stolen_password_cannot_replace_the_device(client, officer):
    """Once set up, the set-up page is closed to a session that has not given a code: whoever
    knows the password cannot enrol an app of their own."""
    log_in(client)
    set_up(client)
    client.logout()
    client.force_login(officer)  # the password's worth: signed in, not verified
    assert client.get(SET_UP)["Location"].startswith("/admin/login/")
    assert client.post(SET_UP, {"code": "123456"})["Location"].startswith("/admin/login/")
    assert TOTPDevice.objects.filter(user=officer).count() == 1


def test_new_recovery_codes_replace_the_old_ones(client, officer):
    log_in(client)
    _device, first = set_up(client)
    page = client.get(SET_UP, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "10 recovery codes left" in page
    renewed = client.post(SET_UP, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    second = re.findall(r"<li><code>([a-z0-9]+)</code></li>", renewed)
    assert len(second) == 10 and not set(first) & set(second)
    client.logout()
    assert log_in(client, code=first[1]).status_code == 200
    time_passes(officer)
    assert log_in(client, code=second[1])["Location"] == "/admin/"


def test_the_public_site_does_not_ask_for_anything(client, officer):
    client.force_login(officer)
    assert client.get("/en/").status_code == 200


def settings_with(environment: dict) -> subprocess.CompletedProcess:
    root = Path(django_settings.BASE_DIR)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL"))
    }
    env.update(DJANGO_SECRET_KEY="x" * 60, DJANGO_ALLOWED_HOSTS="portal.example", **environment)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "ERROR"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("environment", "passes"),
    [
        ({"DJANGO_DEBUG": "false"}, True),
        ({"DJANGO_DEBUG": "false", "DJANGO_STAFF_TWO_FACTOR": "false"}, False),
    ],
)
def test_with_debug_off_the_second_factor_is_required(environment, passes):
    """The production settings require it, and check --deploy refuses to relax it."""
    result = settings_with(environment)
    assert (result.returncode == 0) is passes, result.stdout + result.stderr
    if not passes:
        assert "cooperation_portal.E001" in result.stdout + result.stderr
