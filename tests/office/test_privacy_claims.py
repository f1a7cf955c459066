"""What the privacy notice says about cookies and stored addresses holds: a visitor gets no
cookie on any page; a member of staff gets only the session and the anti-forgery cookies (the
admin's messages travel in the session); a successful sign-in keeps no address in the
database."""

import importlib

import pytest
from axes.models import AccessLog
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management import call_command

from pages.models import OfficePage
from tests.foundation.test_every_page import contract_paths
from tests.office.helpers import office_paths, office_url

pytestmark = pytest.mark.django_db

PASSWORD = "a long enough password"


def test_a_visitor_gets_no_cookie_on_any_page(client, office_pages):
    call_command("load_demo", verbosity=0)
    given = {}
    for language in ("en", "fr"):
        for path in contract_paths() + office_paths(language) + ["no-such-page/"]:
            url = f"/{language}/{path}"
            response = client.get(url)
            if response.cookies:
                given[url] = sorted(response.cookies)
    assert given == {}
    assert not client.cookies


def test_staff_get_only_the_session_and_anti_forgery_cookies(client, roles):
    user = User.objects.create_user("amina", password=PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Cooperation officers"))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    responses = [
        client.get("/admin/login/"),
        client.post("/admin/login/", {"username": "amina", "password": PASSWORD}),
        # An action without a selection: the admin answers with a message on the next page.
        client.post("/admin/news/newsitem/", {"action": "delete_selected", "index": 0}),
        changelist := client.get("/admin/news/newsitem/"),
        client.post("/admin/logout/"),
    ]

    assert "Items must be selected" in changelist.content.decode()
    assert all(response.status_code < 400 for response in responses)
    given = {name for response in responses for name in response.cookies}
    assert given == {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}


def test_a_successful_sign_in_keeps_no_address_in_the_database(client, roles):
    User.objects.create_user("amina", password=PASSWORD, is_staff=True)

    client.post("/admin/login/", {"username": "amina", "password": PASSWORD})

    assert client.get("/admin/").status_code == 200
    assert not AccessLog.objects.exists()


def test_the_notice_says_that_the_request_log_names_staff(client, office_pages):
    english = client.get("/en/privacy/").content.decode()
    french = client.get(office_url("privacy", "fr")).content.decode()

    assert "The log of requests names the member of staff who made each one" in english
    assert "Le journal des requêtes nomme le membre du personnel" in french


def test_the_amendment_leaves_a_notice_an_officer_rewrote_alone(office_pages):
    OfficePage.objects.filter(key="privacy").update(body_en="Our own words.")

    amendment = importlib.import_module("pages.migrations.0005_privacy_request_log")
    amendment.amend(apps, None)

    assert OfficePage.objects.get(key="privacy").body_en == "Our own words."
