"""Staff sessions end after an hour without activity and twelve hours after login; passwords
are at least 12 characters and not common ones."""

import time

import pytest
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from cooperation_portal.staff_access import SEEN, SINCE

pytestmark = pytest.mark.django_db

HOUR = 3600


@pytest.fixture
def officer(roles):
    user = User.objects.create_user("amina", password="a long enough password", is_staff=True)
    user.groups.add(Group.objects.get(name="Cooperation officers"))
    return user


def signed_in(client, user, since_ago: float, seen_ago: float):
    client.force_login(user)
    session = client.session
    now = time.time()
    session[SINCE], session[SEEN] = now - since_ago, now - seen_ago
    session.save()


def test_an_active_session_goes_on(client, officer):
    signed_in(client, officer, since_ago=5 * HOUR, seen_ago=50 * 60)
    assert client.get("/admin/").status_code == 200
    # The visit counts as activity.
    assert time.time() - client.session[SEEN] < 5


def test_an_hour_without_activity_ends_the_session(client, officer):
    signed_in(client, officer, since_ago=2 * HOUR, seen_ago=HOUR + 60)
    response = client.get("/admin/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.redirect_chain[0][0].startswith("/admin/login/")
    assert "Your session ended after 60 minutes without activity" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_twelve_hours_end_the_session_however_active(client, officer):
    signed_in(client, officer, since_ago=12 * HOUR + 60, seen_ago=10)
    response = client.get("/admin/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.redirect_chain[0][0].startswith("/admin/login/")
    assert "staff sessions last 12 hours at most" in response.content.decode()


def test_logging_in_starts_the_clock(client, officer):
    client.post(
        "/admin/login/?next=/admin/",
        {"username": "amina", "password": "a long enough password"},
    )
    assert time.time() - client.session[SINCE] < 5
    assert client.get("/admin/").status_code == 200


def test_the_session_cookie_lasts_twelve_hours_at_most(settings):
    assert settings.SESSION_COOKIE_AGE == 12 * HOUR


@pytest.mark.parametrize(
    "password",
    ["Short1pass!", "password1234", "123456789012", "amina-amina-amina"],
    ids=["11 characters", "common", "numeric", "like the user name"],
)
def test_weak_passwords_are_refused(password):
    user = User(username="amina-amina-amina")
    with pytest.raises(ValidationError):
        validate_password(password, user)


def test_a_long_uncommon_password_is_accepted():
    validate_password("river sand under Kinshasa rain", User(username="amina"))
