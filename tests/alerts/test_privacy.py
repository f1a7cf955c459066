"""What the privacy notice says of the alerts, and that it holds: no address in the logs nor in
the exports, no cookie, nothing kept but the address, language, filters and dates."""

import importlib
import logging

import pytest
from django.apps import apps
from django.core import mail

from alerts.models import Subscription
from alerts.sending import send_alerts
from pages.models import OfficePage
from tests.factories import CallFactory
from tests.office.helpers import office_url

from .conftest import ADDRESS, confirm_last, later, link_in, subscribe, subscribe_path

pytestmark = pytest.mark.django_db

AMENDMENT = importlib.import_module("alerts.migrations.0003_privacy_notice_alerts")


@pytest.fixture
def privacy_notice(office_pages):
    """The notice as the migrations leave it (a flushed database gets it back here)."""
    AMENDMENT.add_section(apps, None)


def test_the_privacy_notice_says_what_the_alerts_keep_and_how_to_leave(client, privacy_notice):
    english = client.get("/en/privacy/").content.decode()
    french = client.get(office_url("privacy", "fr")).content.decode()

    assert "<h2>E-mail alerts</h2>" in english or "E-mail alerts</h2>" in english
    for words in (
        "the e-mail address, the language of the messages, the list and its filters",
        "an alert not confirmed within 7 days is deleted",
        "a link to manage or delete your alerts",
        "addresses never appear in the servers' logs, nor in the portal's exports",
        "no tracking pixel",
    ):
        assert words in english.replace("&#x27;", "'"), words
    french = french.replace("&#x27;", "'").replace("\u00a0", " ")
    for words in (
        "Alertes par courriel",
        "l'adresse électronique, la langue des messages, la liste et ses filtres",
        "une alerte non confirmée dans les 7 jours est supprimée",
        "un lien pour gérer ou supprimer vos alertes",
        "les adresses n'apparaissent jamais dans les journaux des serveurs",
        "ni pixel espion",
    ):
        assert words in french, words


def test_the_section_comes_before_your_rights_once_and_can_be_taken_back(privacy_notice):
    AMENDMENT.add_section(apps, None)  # twice: still once
    page = OfficePage.objects.get(key="privacy")
    assert page.body_en.count("# E-mail alerts") == 1
    assert page.body_en.index("# E-mail alerts") < page.body_en.index("# Your rights")
    assert page.body_fr.index("# Alertes par courriel") < page.body_fr.index("# Vos droits")

    AMENDMENT.remove_section(apps, None)

    page.refresh_from_db()
    assert "# E-mail alerts" not in page.body_en and "courriel" not in page.body_fr
    assert page.body_en.endswith("not responsible for their content.\n")


def test_a_notice_rewritten_by_an_officer_gets_the_section_at_its_end(privacy_notice):
    AMENDMENT.remove_section(apps, None)
    OfficePage.objects.filter(key="privacy").update(body_en="Our own words.")

    AMENDMENT.add_section(apps, None)

    body = OfficePage.objects.get(key="privacy").body_en
    assert body.startswith("Our own words.\n\n# E-mail alerts\n")


def test_no_address_reaches_the_logs(client, health_phd_congo, caplog):
    caplog.set_level(logging.DEBUG)
    subscribe(client)
    subscribe(client)
    confirm_last(client)
    for _number in range(6):
        subscribe(client)  # up to the daily limit, logged
    CallFactory(scheme=health_phd_congo["inside"], deadline=later(days=5))
    send_alerts(now=later(minutes=5))
    path = mail.outbox[-1].extra_headers["List-Unsubscribe"].strip("<>")
    client.post(path.removeprefix("https://portal.example.org"))

    assert "daily limit" in caplog.text and "messages sent" in caplog.text
    assert ADDRESS not in caplog.text
    assert "amani" not in caplog.text.lower()


def test_a_failed_sending_logs_no_address(confirmed, health_phd_congo, caplog, monkeypatch):
    from smtplib import SMTPRecipientsRefused

    def refuse(*args, **kwargs):
        raise SMTPRecipientsRefused({ADDRESS: (550, b"no such user")})

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    CallFactory(scheme=health_phd_congo["inside"])

    send_alerts(now=later(minutes=5))

    assert "SMTPRecipientsRefused" in caplog.text
    assert ADDRESS not in caplog.text


def test_no_address_reaches_the_exports(client, confirmed):
    for path in ("/en/funding/export.csv", "/en/funding/export.json", "/en/events/export.json"):
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert ADDRESS.encode() not in body


def test_the_alerts_pages_set_no_cookie(client, health_phd_congo):
    responses = [
        client.get(f"{subscribe_path()}?list=funding"),
        subscribe(client),
        client.get(link_in(mail.outbox[0], "/confirm")),
        client.post(link_in(mail.outbox[0], "/confirm")),
    ]

    assert all(not response.cookies for response in responses)
    assert not client.cookies


def test_a_subscription_keeps_only_the_address_language_filters_and_dates():
    fields = {field.name for field in Subscription._meta.concrete_fields}

    assert fields == {
        "id",
        "email",
        "language",
        "list",
        "query",
        "frequency",
        "created_at",
        "confirmed_at",
        "last_sent_at",
        "covered_until",
    }
