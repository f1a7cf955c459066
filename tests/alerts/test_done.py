"""The issue's "done when": a doctoral candidate in Bukavu subscribes once to "open calls for
Congolese doctoral candidates in health", gets one e-mail when a call opens and two reminders
before it closes, and nothing else — with send_alerts run every few minutes all along."""

import datetime

import pytest
from django.core import mail
from django.test import Client

from alerts.models import Subscription
from funding.models import Call
from tests.factories import CallFactory

from .conftest import brussels, link_in, run, subscribe

pytestmark = pytest.mark.django_db


def test_a_doctoral_candidate_in_bukavu_gets_one_opening_and_two_reminders(
    health_phd_congo, monkeypatch
):
    from django.utils import timezone

    start = brussels(2027, 1, 4, 9)
    monkeypatch.setattr(timezone, "now", lambda: start)
    client = Client()
    subscribe(client, language="fr", email="chercheuse.bukavu@example.cd")
    [confirmation] = mail.outbox
    client.post(link_in(confirmation, "/confirm"))
    assert Subscription.objects.get().is_confirmed
    # The office announces a call that opens on 1 February and closes on 15 March; and calls
    # of a scheme outside the selection.
    call = CallFactory(
        scheme=health_phd_congo["inside"],
        title_fr="Appel 2027",
        opens_at=brussels(2027, 2, 1, 9),
        deadline=brussels(2027, 3, 15, 17),
    )
    CallFactory(
        scheme=health_phd_congo["outside"],
        opens_at=brussels(2027, 1, 20),
        deadline=brussels(2027, 3, 1),
    )
    Call.objects.update(created_at=start, updated_at=start)
    mail.outbox.clear()

    received = []
    moment = start + datetime.timedelta(minutes=10)
    while moment < brussels(2027, 3, 20):
        received.extend((moment, message) for message in run(moment))
        moment += datetime.timedelta(hours=6)

    assert [message.subject for _moment, message in received] == [
        "Portail de la coopération — 1 appel nouveau ou modifié",
        "Portail de la coopération — Bourses de doctorat en santé\u00a0: clôture dans 14 jours",
        "Portail de la coopération — Bourses de doctorat en santé\u00a0: clôture dans 3 jours",
    ]
    opened, two_weeks, three_days = (moment for moment, _message in received)
    assert opened.date() == datetime.date(2027, 2, 1)
    assert two_weeks.astimezone(call.deadline.tzinfo).date() == datetime.date(2027, 3, 1)
    assert three_days.astimezone(call.deadline.tzinfo).date() == datetime.date(2027, 3, 12)
    assert (
        "Maintenant ouvert\u00a0: Bourses de doctorat en santé — Appel 2027" in received[0][1].body
    )
    assert all(message.to == ["chercheuse.bukavu@example.cd"] for _m, message in received)
