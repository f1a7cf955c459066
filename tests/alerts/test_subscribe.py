"""The subscribe form: one confirmation and nothing else, the selection in words, the same
answer whatever the address, and limits that keep it from flooding anyone's mailbox."""

import pytest
from django.core import mail

from alerts.models import Subscription
from tests.factories import CallFactory

from .conftest import ADDRESS, SELECTION, confirm_last, run, subscribe, subscribe_path

pytestmark = pytest.mark.django_db


def test_subscribing_sends_one_confirmation_and_nothing_else(client, health_phd_congo):
    response = subscribe(client)

    assert response.status_code == 200
    assert "Check your inbox" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [ADDRESS]
    assert "/en/alerts/confirm/" in message.body
    subscription = Subscription.objects.get()
    assert subscription.confirmed_at is None
    assert subscription.query == SELECTION
    # A call opens in the selection: still nothing but the confirmation.
    CallFactory(scheme=health_phd_congo["inside"])
    assert run() == []
    assert len(mail.outbox) == 1


def test_an_unconfirmed_address_gets_no_alert(client, health_phd_congo):
    subscribe(client)
    mail.outbox.clear()
    CallFactory(scheme=health_phd_congo["inside"])

    assert run() == []


def test_the_form_shows_the_selection_in_words_with_an_email_field_and_the_frequencies(
    client, health_phd_congo
):
    response = client.get(f"/en/alerts/subscribe/?list=funding&{SELECTION}&sort=name&page=2")

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    for words in ("Applicant level: Doctoral researcher", "Nationality: DR Congo", "Health"):
        assert words in content
    assert 'type="email"' in content and 'for="id_email"' in content
    assert content.count('type="radio"') == 3
    assert "<legend>How often</legend>" in content
    assert not response.cookies


def test_the_form_shows_the_selection_in_french_on_the_french_page(client, health_phd_congo):
    content = client.get(f"{subscribe_path('fr')}?list=funding&{SELECTION}").content.decode()

    assert "RD Congo" in content and "Santé" in content


def test_the_stored_filters_are_those_the_list_understands_normalised(client, health_phd_congo):
    response = subscribe(
        client, "status=open&country=cd&kind=lottery&sort=name&page=3&utm_source=x"
    )

    assert response.status_code == 200
    assert Subscription.objects.get().query == "country=CD&status=open"


def test_a_value_not_understood_is_said_and_left_out(client, health_phd_congo):
    content = client.get("/en/alerts/subscribe/?list=funding&status=nonsense").content.decode()

    assert "Some filter values were not understood and were left out." in content
    assert "No filter: everything the list shows." in content


def test_an_unknown_list_is_a_clear_400(client):
    for query in ("", "?list=nothing", "?list=partners"):
        response = client.get(f"/en/alerts/subscribe/{query}")
        assert response.status_code == 400
        assert "Which list do you want to follow?" in response.content.decode()


def test_an_invalid_address_is_refused_with_a_message_and_nothing_is_sent(client, health_phd_congo):
    response = subscribe(client, email="not an address")

    assert response.status_code == 400
    assert "Enter a valid email address." in response.content.decode()
    assert mail.outbox == []
    assert not Subscription.objects.exists()


def test_the_answer_is_the_same_for_a_new_and_an_existing_address(client, health_phd_congo):
    new = subscribe(client)
    confirm_last(client)
    existing = subscribe(client)
    again = subscribe(client, email="someone.else@example.org")

    assert new.status_code == existing.status_code == again.status_code == 200
    assert new.content == existing.content == again.content
    # The owner of the existing address is told, with a link to manage it; nothing changes.
    assert "already follows" in mail.outbox[1].body
    assert "/en/alerts/manage/" in mail.outbox[1].body
    assert Subscription.objects.filter(email=ADDRESS).count() == 1


def test_asking_again_before_confirming_sends_a_new_link_and_keeps_one_subscription(
    client, health_phd_congo
):
    subscribe(client)
    subscribe(client, frequency="weekly")

    assert len(mail.outbox) == 2
    subscription = Subscription.objects.get()
    assert subscription.frequency == "weekly"


def test_the_sixth_message_to_one_address_in_a_day_is_not_sent(client, health_phd_congo):
    # Five selections, then the fifth again: asking again sends again, and counts.
    selections = [
        "status=open",
        "status=upcoming",
        "kind=travel-grant",
        "level=master",
        "q=a",
        "q=a",
    ]
    answers = [subscribe(client, query, email=ADDRESS.upper()) for query in selections]

    assert len(mail.outbox) == 5
    assert all(answer.status_code == 200 for answer in answers)
    assert answers[5].content == answers[4].content  # the same "check your inbox"
    # Another address is not held back.
    subscribe(client, email="someone.else@example.org")
    assert len(mail.outbox) == 6


def test_a_client_sending_too_many_forms_in_an_hour_gets_a_429_and_nothing_is_sent(
    client, health_phd_congo, settings
):
    settings.ALERTS_SUBSCRIBE_LIMIT_PER_CLIENT_HOUR = 3
    for number in range(3):
        assert subscribe(client, email=f"person{number}@example.org").status_code == 200

    refused = subscribe(client, email="person9@example.org")

    assert refused.status_code == 429
    assert "Too many requests" in refused.content.decode()
    assert len(mail.outbox) == 3


def test_the_lists_link_to_the_form_with_their_valid_filters(client, health_phd_congo):
    funding = client.get("/en/funding/?level=doctoral&status=open&sort=name&kind=zz").content
    events = client.get("/en/events/?kind=seminar&when=past").content
    projects = client.get("/en/projects/?sdg=3&sort=title").content

    assert (
        b'href="/en/alerts/subscribe/?list=funding&amp;level=doctoral&amp;status=open"' in funding
    )
    assert b'href="/en/alerts/subscribe/?list=events&amp;kind=seminar"' in events
    assert b'href="/en/alerts/subscribe/?list=projects"' in projects  # SDG 3 is not a term here
    assert (
        f'href="{subscribe_path("fr")}?list=funding"'.encode() in client.get("/fr/funding/").content
    )


@pytest.mark.parametrize(("list_name", "offered"), [("events", True), ("projects", False)])
def test_deadline_only_alerts_are_offered_for_events_not_for_projects(client, list_name, offered):
    content = client.get(f"/en/alerts/subscribe/?list={list_name}").content.decode()

    assert content.count('type="radio"') == (3 if offered else 2)
    assert ("Deadline reminders only" in content) is offered
    assert ('value="deadlines"' in content) is offered


def test_the_events_form_says_reminders_come_before_registration_closes(client):
    content = client.get("/en/alerts/subscribe/?list=events").content.decode()

    assert "reminders 14 and 3 days before its registration closes" in content


def test_a_deadline_only_alert_is_taken_for_events_and_refused_for_projects(client):
    events = subscribe(client, "kind=seminar", list_name="events", frequency="deadlines")
    projects = subscribe(client, "status=ongoing", list_name="projects", frequency="deadlines")

    assert events.status_code == 200
    assert projects.status_code == 400
    assert list(Subscription.objects.values_list("list", "frequency")) == [("events", "deadlines")]
    assert len(mail.outbox) == 1


def test_a_selection_too_long_to_keep_is_refused_with_a_message(client, health_phd_congo):
    words = "x" * 2100

    response = subscribe(client, f"q={words}")

    assert response.status_code == 400
    assert b"This selection is too long to follow" in response.content
    assert mail.outbox == [] and not Subscription.objects.exists()


def test_a_search_is_shown_in_quotation_marks(client, health_phd_congo):
    content = client.get(f"{subscribe_path()}?list=funding&q=malaria").content.decode()

    assert "Search: “malaria”" in content
