"""The signed links: confirm, manage, unsubscribe. An altered or expired link gets a page that
says so (400), one whose alert is gone a 404: never a server error."""

import time

import pytest
from django.core import mail

from alerts import tokens
from alerts.models import Subscription

from .conftest import ADDRESS, confirm_last, link_in, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(client, health_phd_congo):
    subscribe(client)
    return Subscription.objects.get()


def test_the_confirmation_link_shows_a_button_and_only_the_button_confirms(client, asked):
    path = link_in(mail.outbox[0], "/confirm")

    page = client.get(path)
    assert page.status_code == 200
    assert b'<button type="submit">Confirm my alert</button>' in page.content
    asked.refresh_from_db()
    assert asked.confirmed_at is None  # a mail scanner opening the link confirms nothing

    confirmed = client.post(path)
    asked.refresh_from_db()
    assert asked.confirmed_at is not None and asked.covered_until == asked.confirmed_at
    assert b"Your alert is confirmed" in confirmed.content
    # Again: nothing changes.
    first = asked.confirmed_at
    client.post(path)
    asked.refresh_from_db()
    assert asked.confirmed_at == first


@pytest.mark.parametrize("purpose", ["confirm", "manage", "unsubscribe"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_an_altered_link_is_refused_with_a_message(client, asked, purpose, method):
    salt = {"confirm": tokens.CONFIRM, "manage": tokens.MANAGE, "unsubscribe": tokens.UNSUBSCRIBE}
    token = tokens.make_token(asked, salt[purpose])
    another_alert = f"{asked.pk + 1}{token.removeprefix(str(asked.pk))}"
    for altered in (token[:-2] + "xx", "1.abc:def:ghi", "nothing", another_alert):
        response = getattr(client, method)(f"/en/alerts/{purpose}/{altered}/")
        assert response.status_code == 400, altered
        assert b"This link is not valid" in response.content
    assert Subscription.objects.filter(pk=asked.pk, confirmed_at=None).exists()


def test_a_token_for_one_purpose_does_not_serve_another(client, asked):
    confirm_token = tokens.make_token(asked, tokens.CONFIRM)

    assert client.post(f"/en/alerts/unsubscribe/{confirm_token}/").status_code == 400
    assert client.get(f"/en/alerts/manage/{confirm_token}/").status_code == 400
    assert Subscription.objects.exists()


def test_an_expired_confirmation_link_says_so(client, asked, monkeypatch):
    path = link_in(mail.outbox[0], "/confirm")
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 7 * 24 * 3600 + 60)

    response = client.post(path)

    assert response.status_code == 400
    assert b"This link has expired" in response.content
    assert Subscription.objects.get().confirmed_at is None


def test_a_link_to_a_deleted_alert_answers_404_with_a_message(client, asked):
    confirm_token = tokens.make_token(asked, tokens.CONFIRM)
    manage_token = tokens.make_token(asked, tokens.MANAGE)
    asked.delete()

    for path in (f"/en/alerts/confirm/{confirm_token}/", f"/en/alerts/manage/{manage_token}/"):
        response = client.get(path)
        assert response.status_code == 404
        assert b"This alert no longer exists" in response.content


def test_a_link_of_a_deleted_alert_does_not_serve_a_new_one_with_the_same_id(client, asked):
    token = tokens.make_token(asked, tokens.MANAGE)
    pk = asked.pk
    asked.delete()
    Subscription.objects.create(pk=pk, email="other@example.org", language="en", list="funding")

    response = client.get(f"/en/alerts/manage/{token}/")

    assert response.status_code == 404
    assert b"other@example.org" not in response.content


def test_the_links_hold_no_address(client, asked):
    confirm_last(client)
    for token in (
        tokens.make_token(asked, purpose)
        for purpose in (tokens.CONFIRM, tokens.MANAGE, tokens.UNSUBSCRIBE)
    ):
        assert "amani" not in token.lower() and "example" not in token
    assert ADDRESS.split("@")[0] not in mail.outbox[0].body.split("confirm")[1]


def test_pages_reached_by_a_link_are_never_cached_and_set_no_cookie(client, asked):
    response = client.get(link_in(mail.outbox[0], "/confirm"))

    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert b'<meta name="robots" content="noindex">' in response.content
