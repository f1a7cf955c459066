"""Reminders for events: an alert on the events list gets one reminder 14 days and one 3 days
before the registration deadline (Brussels calendar days) of each upcoming, not cancelled,
published event of its selection, once each, as the calls' reminders go."""

import datetime
import email
import email.policy

import pytest
from django.core import mail

from alerts.models import SentReminder, Subscription
from events.models import Event
from tests.factories import EventFactory

from .conftest import brussels, confirm_last, run, subscribe

pytestmark = pytest.mark.django_db

#: 00:30 in Brussels on 20 March 2027: still 19 March in UTC.
DEADLINE = brussels(2027, 3, 20, 0, 30)
#: Before the runs: what was there then is not news.
CONFIRMED = brussels(2027, 2, 20)


def seminars_alert(client, *, frequency="deadlines", language="en") -> Subscription:
    """A confirmed alert on the seminars, from the form, covered until `CONFIRMED`."""
    subscribe(client, "kind=seminar", list_name="events", frequency=frequency, language=language)
    subscription = confirm_last(client)
    mail.outbox.clear()
    Subscription.objects.filter(pk=subscription.pk).update(
        confirmed_at=CONFIRMED, covered_until=CONFIRMED
    )
    return subscription


def seminar(title="Seminar on water", **kwargs) -> Event:
    values = {
        "title_en": title,
        "title_fr": "Séminaire sur l'eau",
        "kind": Event.Kind.SEMINAR,
        "starts_at": brussels(2027, 3, 25, 14),
        "registration_url": "https://registration.example.org/water",
        "registration_deadline": DEADLINE,
        **kwargs,
    }
    return EventFactory(**values)


def moments(end=DEADLINE + datetime.timedelta(days=1)):
    """Every six hours from 1 March (20 days before the deadline) to a day after it; every hour
    on the days before the reminders' (where a count in UTC would send them a day early) and
    theirs."""
    found = set()
    moment = brussels(2027, 3, 1)
    while moment < end:
        found.add(moment)
        moment += datetime.timedelta(hours=6)
    for day in (5, 16):
        found.update(brussels(2027, 3, day, hour) for hour in range(24))
        found.update(brussels(2027, 3, day + 1, hour) for hour in range(3))
    return sorted(found)


def run_all(end=DEADLINE + datetime.timedelta(days=1)):
    """send_alerts at every moment: the messages sent, with when."""
    sent = []
    for moment in moments(end):
        sent.extend((moment, message) for message in run(moment))
    return sent


def test_they_go_14_and_3_days_before_registration_closes_in_brussels_time_once_each(client):
    seminars_alert(client)
    event = seminar()
    # Announced meanwhile: a deadline-only alert says nothing of it.
    Event.objects.filter(pk=seminar("Another seminar").pk).update(
        registration_deadline=None, created_at=brussels(2027, 3, 2), updated_at=brussels(2027, 3, 2)
    )

    sent = run_all()

    assert [moment for moment, _message in sent] == [
        brussels(2027, 3, 6),  # the first run on 6 March, Brussels time
        brussels(2027, 3, 17),
    ]
    two_weeks, three_days = (message for _moment, message in sent)
    assert (
        two_weeks.subject
        == "Cooperation Portal — Registration for Seminar on water closes in 14 days"
    )
    assert (
        three_days.subject
        == "Cooperation Portal — Registration for Seminar on water closes in 3 days"
    )
    assert (
        "Seminar on water: registration closes on March 20, 2027, 12:30 a.m. (Brussels time), "
        "in 14 days." in two_weeks.body
    )
    assert "registration closes on March 20, 2027, 12:30 a.m. (Brussels time), in 3 days." in (
        three_days.body
    )
    assert f"https://portal.example.org/en/events/{event.slug}/" in two_weeks.body
    for message in (two_weeks, three_days):
        assert "Registration reminders" in message.body
        assert "Another seminar" not in message.body and "New and changed" not in message.body
    assert sorted(SentReminder.objects.values_list("event__title_en", "days_before", "call")) == [
        ("Seminar on water", 3, None),
        ("Seminar on water", 14, None),
    ]


def test_events_outside_the_selection_cancelled_drafts_or_without_a_deadline_get_none(client):
    seminars_alert(client)
    seminar()
    later_deadline = {"registration_deadline": brussels(2027, 3, 23, 12)}
    seminar("A workshop", kind=Event.Kind.WORKSHOP, **later_deadline)
    seminar("A cancelled seminar", is_cancelled=True, **later_deadline)
    seminar("A draft seminar", publication_status="draft", **later_deadline)
    seminar("A seminar without deadline", registration_deadline=None)

    sent = run_all(end=brussels(2027, 3, 24))

    assert [moment for moment, _message in sent] == [brussels(2027, 3, 6), brussels(2027, 3, 17)]
    for _moment, message in sent:
        assert "Seminar on water" in message.body
        for title in ("workshop", "cancelled", "draft", "without deadline"):
            assert title not in message.body
    assert set(SentReminder.objects.values_list("event__title_en", flat=True)) == {
        "Seminar on water"
    }


def test_an_event_cancelled_after_the_first_reminder_gets_no_second(client):
    seminars_alert(client)
    event = seminar()
    assert len(run(brussels(2027, 3, 6, 9))) == 1

    Event.objects.filter(pk=event.pk).update(is_cancelled=True)

    assert run(brussels(2027, 3, 17, 9)) == []


def test_none_once_registration_has_closed(client):
    seminars_alert(client)
    seminar()

    assert run(DEADLINE + datetime.timedelta(minutes=1)) == []
    assert not SentReminder.objects.exists()


def test_an_event_found_late_gets_only_the_three_day_reminder_and_both_are_recorded(client):
    seminars_alert(client)
    seminar()

    [message] = run(brussels(2027, 3, 18, 10))

    assert "Registration for Seminar on water closes in 2 days" in message.subject
    assert message.body.count("registration closes on") == 1
    assert sorted(SentReminder.objects.values_list("days_before", flat=True)) == [3, 14]
    assert run(brussels(2027, 3, 19, 10)) == []


def test_an_immediate_alert_says_the_news_and_the_reminders_in_one_message(client):
    seminars_alert(client, frequency="immediate")
    Event.objects.filter(pk=seminar().pk).update(
        created_at=brussels(2027, 3, 6, 8), updated_at=brussels(2027, 3, 6, 8)
    )
    seminar("Soil seminar", registration_deadline=brussels(2027, 3, 19, 18))
    Event.objects.filter(title_en="Soil seminar").update(
        created_at=brussels(2027, 2, 1), updated_at=brussels(2027, 2, 1)
    )

    [message] = run(brussels(2027, 3, 6, 9))

    assert message.subject == (
        "Cooperation Portal — 1 new or changed event, 2 registration reminders"
    )
    news, reminders = message.body.split("Registration reminders")
    assert "New and changed events" in news and "Seminar on water" in news
    assert "Soil seminar" not in news
    # The soonest deadline first.
    assert reminders.index("Soil seminar: registration closes on March 19") < reminders.index(
        "Seminar on water: registration closes on March 20"
    )
    assert run(brussels(2027, 3, 6, 10)) == []


def test_a_weekly_digest_brings_the_reminders_due_before_the_next(client):
    seminars_alert(client, frequency="weekly")
    Subscription.objects.update(covered_until=brussels(2027, 2, 24, 9))
    seminar()

    assert run(brussels(2027, 3, 2, 9)) == []  # six days: not yet
    [digest] = run(brussels(2027, 3, 3, 9))  # seven days
    # The 14-day reminder is due on 6 March, before the next digest: it comes now.
    assert "Registration for Seminar on water closes in 17 days" in digest.subject
    assert run(brussels(2027, 3, 6, 9)) == []
    # 10 March: the 3-day reminder (17 March) falls after the next digest.
    assert run(brussels(2027, 3, 10, 9)) == []
    [next_digest] = run(brussels(2027, 3, 17, 9))
    assert "closes in 3 days" in next_digest.subject
    assert run(brussels(2027, 3, 19, 9)) == []


def test_a_reminder_is_multipart_with_the_event_page_linked(client):
    seminars_alert(client)
    event = seminar()

    [message] = run(brussels(2027, 3, 6, 9))

    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in parsed.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    html = parsed.get_body(("html",)).get_content()
    assert f'<a href="https://portal.example.org/en/events/{event.slug}/">' in html
    assert "Seminar on water: registration closes on March 20, 2027" in html
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_reminder_is_in_the_subscribers_language(client):
    seminars_alert(client, language="fr")
    event = seminar()

    [message] = run(brussels(2027, 3, 6, 9))

    assert message.extra_headers["Content-Language"] == "fr"
    assert message.subject.startswith("Portail de la coopération — ")
    assert "Séminaire sur l'eau" in message.subject
    assert "Séminaire sur l'eau" in message.body and "Seminar on water" not in message.body
    assert "20 mars 2027" in message.body
    assert "Votre sélection" in message.body
    assert f"https://portal.example.org/fr/events/{event.slug}/" in message.body
    assert '<html lang="fr">' in message.alternatives[0][0]
