"""send_alerts: one message for what is new in the selection, reminders 14 and 3 days before
each deadline (Brussels calendar days), once each; nothing when there is nothing to say; the
subscriber's language; valid multipart; idempotent."""

import datetime
import email
import email.policy

import pytest
from django.core import mail
from django.core.management import call_command

from alerts.models import SentReminder, Subscription
from alerts.sending import send_alerts
from funding.models import Call
from tests.factories import CallFactory, EventFactory, FundingSchemeFactory, ProjectFactory

from .conftest import ADDRESS, brussels, confirm_last, later, run, subscribe

pytestmark = pytest.mark.django_db


def test_a_new_call_in_the_selection_gives_exactly_one_message_over_two_runs(
    confirmed, health_phd_congo
):
    CallFactory(scheme=health_phd_congo["inside"], title_en="2027 call")

    first = run(later(minutes=5))
    second = run(later(minutes=10))

    assert len(first) == 1 and second == []
    assert first[0].to == [ADDRESS]
    assert "New call: Doctoral grants in health — 2027 call" in first[0].body
    subscription = Subscription.objects.get()
    assert subscription.last_sent_at is not None


def test_the_command_sends_it_once_too_and_prints_its_counts(confirmed, health_phd_congo, capsys):
    CallFactory(scheme=health_phd_congo["inside"])

    call_command("send_alerts")
    call_command("send_alerts")

    assert len(mail.outbox) == 1
    output = capsys.readouterr().out
    assert "1 subscriptions examined, 1 messages sent" in output
    assert "1 subscriptions examined, 0 messages sent" in output
    assert ADDRESS not in output


def test_a_call_outside_the_selection_gives_no_message(confirmed, health_phd_congo):
    CallFactory(scheme=health_phd_congo["outside"])
    # Nor does a call of a draft scheme that would match, nor an upcoming one (status=open).
    draft = FundingSchemeFactory(publication_status="draft")
    CallFactory(scheme=draft)
    CallFactory(
        scheme=health_phd_congo["inside"],
        opens_at=later(days=30),
        deadline=later(days=60),
    )

    assert run(later(minutes=5)) == []


def test_nothing_is_sent_when_there_is_nothing_to_say(confirmed):
    assert run(later(minutes=5)) == []
    assert Subscription.objects.get().last_sent_at is None


def test_an_upcoming_call_is_announced_when_it_opens(confirmed, health_phd_congo):
    opens = later(days=2)
    CallFactory(scheme=health_phd_congo["inside"], opens_at=opens, deadline=later(days=40))

    assert run(later(days=1)) == []
    [message] = run(opens + datetime.timedelta(minutes=5))
    assert "Now open: Doctoral grants in health" in message.body
    assert run(opens + datetime.timedelta(minutes=10)) == []


def test_a_changed_call_is_announced_as_changed(confirmed, health_phd_congo):
    call = CallFactory(scheme=health_phd_congo["inside"])
    run(later())
    call.deadline = call.deadline + datetime.timedelta(days=7)
    call.save()

    [message] = run(later(minutes=2))

    assert "Changed: Doctoral grants in health" in message.body


class TestReminders:
    """A call whose deadline is 00:30 in Brussels on 20 March 2027: still 19 March in UTC."""

    DEADLINE = brussels(2027, 3, 20, 0, 30)

    @pytest.fixture
    def call(self, confirmed, health_phd_congo):
        call = CallFactory(
            scheme=health_phd_congo["inside"],
            title_en="2027 call",
            opens_at=brussels(2027, 1, 10),
            deadline=self.DEADLINE,
        )
        # Announced as new, once: what follows are the reminders.
        Call.objects.filter(pk=call.pk).update(
            created_at=brussels(2027, 1, 1), updated_at=brussels(2027, 1, 1)
        )
        Subscription.objects.update(
            confirmed_at=brussels(2027, 1, 2), covered_until=brussels(2027, 1, 2)
        )
        assert len(run(brussels(2027, 1, 10, 9))) == 1  # "now open"
        return call

    def moments(self):
        """Every six hours from 1 March to a day after the deadline; every hour on the days
        before the reminders' (where a count in UTC would send them a day early) and theirs."""
        moments = set()
        moment = brussels(2027, 3, 1)
        while moment < self.DEADLINE + datetime.timedelta(days=1):
            moments.add(moment)
            moment += datetime.timedelta(hours=6)
        for day in (5, 16):
            moments.update(brussels(2027, 3, day, hour) for hour in range(24))
            moments.update(brussels(2027, 3, day + 1, hour) for hour in range(3))
        return sorted(moments)

    def test_they_go_14_and_3_days_before_in_brussels_time_once_each(self, call):
        sent = []
        for moment in self.moments():
            sent.extend((moment, message) for message in run(moment))

        assert [moment for moment, _message in sent] == [
            brussels(2027, 3, 6),  # the first run on 6 March, Brussels time
            brussels(2027, 3, 17),
        ]
        assert "closes in 14 days" in sent[0][1].subject
        assert "the deadline is March 20, 2027, 12:30 a.m. (Brussels time), in 14 days" in (
            sent[0][1].body
        )
        assert "in 3 days" in sent[1][1].body
        assert SentReminder.objects.count() == 2

    def test_the_internal_deadline_is_the_one_reminded_of_and_said_so(self, call):
        call.internal_deadline = brussels(2027, 3, 10, 12)
        call.save()
        run(brussels(2027, 2, 1))  # "changed"

        [two_weeks] = run(brussels(2027, 2, 24, 8))
        [three_days] = run(brussels(2027, 3, 7, 8))

        assert "the university's internal deadline is March 10, 2027, noon" in two_weeks.body
        assert "The funder's own deadline is March 20, 2027, 12:30 a.m. (Brussels" in two_weeks.body
        assert "in 3 days" in three_days.body
        # None before the funder's deadline: the internal one is the deadline for applicants.
        assert run(brussels(2027, 3, 17, 8)) == []

    def test_a_call_found_late_gets_only_the_three_day_reminder(self, call):
        Subscription.objects.update(covered_until=brussels(2027, 3, 18))

        [message] = run(brussels(2027, 3, 18, 10))

        assert "in 2 days" in message.body
        assert run(brussels(2027, 3, 19, 10)) == []

    def test_none_once_the_deadline_has_passed(self, call):
        assert run(self.DEADLINE + datetime.timedelta(minutes=1)) == []

    def test_deadline_only_alerts_get_the_reminders_and_nothing_else(self, call, health_phd_congo):
        Subscription.objects.update(frequency=Subscription.Frequency.DEADLINES)
        CallFactory(
            scheme=health_phd_congo["inside"],
            opens_at=brussels(2027, 2, 1),
            deadline=brussels(2027, 6, 1),
        )

        assert run(brussels(2027, 2, 2)) == []
        [message] = run(brussels(2027, 3, 6, 9))
        assert "New call" not in message.body
        assert "in 14 days" in message.body

    def test_a_weekly_digest_comes_once_a_week_with_the_reminders_due_before_the_next(
        self, call, health_phd_congo
    ):
        Subscription.objects.update(
            frequency=Subscription.Frequency.WEEKLY, covered_until=brussels(2027, 2, 24, 9)
        )
        CallFactory(
            scheme=health_phd_congo["inside"],
            title_en="Another call",
            opens_at=brussels(2027, 2, 25),
            deadline=brussels(2027, 6, 1),
        )

        assert run(brussels(2027, 3, 2, 9)) == []  # six days: not yet
        [digest] = run(brussels(2027, 3, 3, 9))  # seven days
        assert "Another call" in digest.body
        # The 14-day reminder is due on 6 March, before the next digest: it comes now.
        assert "2027 call: the deadline is March 20, 2027" in digest.body
        assert "in 17 days" in digest.body
        assert run(brussels(2027, 3, 6, 9)) == []
        # 10 March: nothing new, and the 3-day reminder (17 March) falls after the next digest.
        assert run(brussels(2027, 3, 10, 9)) == []
        [next_digest] = run(brussels(2027, 3, 17, 9))
        assert "in 3 days" in next_digest.body
        assert run(brussels(2027, 3, 19, 9)) == []


def test_messages_are_valid_multipart_with_the_one_click_unsubscribe_headers(
    confirmed, health_phd_congo
):
    CallFactory(scheme=health_phd_congo["inside"])
    [message] = run(later(minutes=5))

    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email.policy.default)

    assert parsed.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in parsed.iter_parts()] == [
        "text/plain",
        "text/html",
    ]
    html = parsed.get_body(("html",)).get_content()
    assert html.startswith("<!DOCTYPE html>") and '<html lang="en">' in html
    assert "<img" not in html  # no tracking pixel
    unsubscribe = parsed["List-Unsubscribe"].strip()
    assert unsubscribe.startswith("<https://portal.example.org/en/alerts/unsubscribe/")
    assert parsed["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "https://portal.example.org/en/funding/feed/?level=doctoral" in message.body
    assert "https://portal.example.org/en/funding/deadlines.ics?level=doctoral" in message.body
    assert "https://portal.example.org/en/funding/?level=doctoral" in message.body


def test_messages_are_in_the_subscribers_language(client, health_phd_congo):
    subscribe(client, language="fr")
    [confirmation] = mail.outbox
    assert "Confirmez votre alerte" in confirmation.subject
    assert "/fr/" in confirmation.body
    confirm_last(client)
    CallFactory(scheme=health_phd_congo["inside"], title_fr="Appel 2027")

    [message] = run(later(minutes=5))

    assert message.extra_headers["Content-Language"] == "fr"
    assert "Nouvel appel\u00a0: Bourses de doctorat en santé — Appel 2027" in message.body
    assert "Niveau du candidat" in message.body or "Nationalité" in message.body
    assert "Santé" in message.body
    assert "https://portal.example.org/fr/" in message.body
    assert '<html lang="fr">' in message.alternatives[0][0]


def test_unsubscribing_by_the_link_stops_everything(client, confirmed, health_phd_congo):
    CallFactory(scheme=health_phd_congo["inside"], deadline=later(days=10))
    [message] = run(later(minutes=5))
    path = (
        message.extra_headers["List-Unsubscribe"]
        .strip("<>")
        .removeprefix("https://portal.example.org")
    )

    page = client.get(path)
    assert page.status_code == 200 and b"<button" in page.content
    assert Subscription.objects.exists()
    assert client.post(path).status_code == 200

    assert not Subscription.objects.exists()
    CallFactory(scheme=health_phd_congo["inside"], deadline=later(days=3))
    assert run(later(days=8)) == []


def test_unsubscribing_by_list_unsubscribe_post_stops_everything(confirmed, health_phd_congo):
    from django.test import Client

    CallFactory(scheme=health_phd_congo["inside"], deadline=later(days=20))
    [message] = run(later(minutes=5))
    path = (
        message.extra_headers["List-Unsubscribe"]
        .strip("<>")
        .removeprefix("https://portal.example.org")
    )
    # A mail client's one click: a bare POST, no cookie, no anti-forgery token.
    mail_client = Client(enforce_csrf_checks=True)

    response = mail_client.post(
        path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 200
    assert not Subscription.objects.exists()
    assert SentReminder.objects.count() == 0
    assert run(later(days=7)) == []  # the 14-day reminder would have been due
    # Again: the same answer, nothing to do.
    assert (
        mail_client.post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 200
    )


def test_a_subscription_expires_unconfirmed_after_seven_days(client, health_phd_congo):
    subscribe(client)
    asked = Subscription.objects.get().created_at

    run(asked + datetime.timedelta(days=6, hours=23))
    assert Subscription.objects.exists()
    report = send_alerts(now=asked + datetime.timedelta(days=7, minutes=1))

    assert report.deleted == 1
    assert not Subscription.objects.exists()
    assert len(mail.outbox) == 1  # the confirmation only


def test_a_confirmed_subscription_does_not_expire(confirmed):
    run(later(days=30))

    assert Subscription.objects.exists()


def test_a_new_upcoming_event_of_the_selection_is_announced(client, db):
    subscribe(client, "kind=seminar&when=past", list_name="events")
    subscription = confirm_last(client)
    assert subscription.query == "kind=seminar"
    mail.outbox.clear()
    EventFactory(title_en="Seminar on water", kind="seminar")
    EventFactory(title_en="A workshop", kind="workshop")
    EventFactory(title_en="A draft seminar", kind="seminar", publication_status="draft")

    [message] = run(later(minutes=5))

    assert "Seminar on water" in message.body
    assert "workshop" not in message.body and "draft" not in message.body
    assert "1 new or changed event" in message.subject
    assert "https://portal.example.org/en/events/calendar.ics?kind=seminar" in message.body
    assert run(later(minutes=10)) == []


def test_a_newly_published_project_of_the_selection_is_announced_once(client, db):
    ProjectFactory(title_en="Already there")  # published before the alert was asked for
    send_alerts()
    subscribe(client, "status=ongoing", list_name="projects")
    confirm_last(client)
    mail.outbox.clear()
    draft = ProjectFactory(title_en="Clean water in Bukavu", publication_status="draft")
    ProjectFactory(
        title_en="Finished long ago",
        start_date=datetime.date(2010, 1, 1),
        end_date=datetime.date(2012, 1, 1),
    )

    assert run(later(minutes=5)) == []  # a draft is not published; a completed one is outside
    draft.publication_status = "published"
    draft.save()
    [message] = run(later(minutes=10))
    assert "Clean water in Bukavu" in message.body
    assert "Already there" not in message.body
    assert "1 new project" in message.subject
    # Edited later, or back to draft and published again: not new again.
    draft.title_en = "Clean water in Bukavu and Goma"
    draft.save()
    assert run(later(minutes=15)) == []


def test_a_dry_run_sends_records_and_deletes_nothing(confirmed, health_phd_congo, capsys):
    CallFactory(scheme=health_phd_congo["inside"])

    call_command("send_alerts", "--dry-run")

    assert mail.outbox == []
    assert "Dry run: 1 subscriptions examined, 1 messages sent" in capsys.readouterr().out
    assert len(run(later(minutes=5))) == 1


def test_a_failed_sending_is_retried_on_the_next_run(confirmed, health_phd_congo, monkeypatch):
    CallFactory(scheme=health_phd_congo["inside"])

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError

    with monkeypatch.context() as patched:
        patched.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        report = send_alerts(now=later(minutes=5))
    assert report.failed == 1 and mail.outbox == []

    assert len(run(later(minutes=6))) == 1


def test_an_alert_whose_filters_are_no_longer_understood_says_nothing(confirmed, health_phd_congo):
    """A discipline removed since: the list would drop that filter and show more; the alert
    does not grow with it."""
    health_phd_congo["inside"].disciplines.clear()
    from taxonomy.models import Discipline

    Discipline.objects.filter(slug="health").delete()
    CallFactory(scheme=health_phd_congo["inside"])
    CallFactory(scheme=health_phd_congo["outside"])

    report = send_alerts(now=later(minutes=5))

    assert report.invalid == 1 and mail.outbox == []


def test_projects_loaded_before_the_very_first_run_are_not_news(client, db):
    subscribe(client, "", list_name="projects")
    confirm_last(client)
    mail.outbox.clear()
    ProjectFactory(title_en="Loaded with the demo")  # a new installation, never swept

    assert run(later(minutes=5)) == []
    ProjectFactory(title_en="Published afterwards")
    [message] = run(later(minutes=10))
    assert "Published afterwards" in message.body and "demo" not in message.body
