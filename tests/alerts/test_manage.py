"""The manage page: every alert of the address, and only of that address; change how often,
delete one, delete all."""

import pytest
from django.core import mail

from alerts import tokens
from alerts.models import Subscription

from .conftest import ADDRESS, confirm_last, subscribe

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(client, health_phd_congo):
    """Two confirmed alerts of the address, and one of someone else."""
    subscribe(client)
    mine = confirm_last(client)
    subscribe(client, "kind=seminar", list_name="events")
    confirm_last(client)
    subscribe(client, email="someone.else@example.org")
    confirm_last(client)
    mail.outbox.clear()
    return f"/en/alerts/manage/{tokens.make_token(mine, tokens.MANAGE)}/"


def test_the_page_lists_every_alert_of_the_address_and_only_those(client, three):
    response = client.get(three)

    content = response.content.decode()
    assert response.status_code == 200
    assert content.count("<h1") == 1
    assert ADDRESS in content and "someone.else" not in content
    assert "Alert 1: Funding" in content and "Alert 2: Events" in content
    assert "Nationality: DR Congo" in content and "Kind: Seminar" in content
    assert content.count('<label for="frequency-') == 2


def test_changing_how_often(client, three):
    funding = Subscription.objects.get(email=ADDRESS, list="funding")

    response = client.post(
        three, {"action": "frequency", "subscription": funding.pk, "frequency": "deadlines"}
    )

    assert response.status_code == 302
    assert client.get(response["Location"]).status_code == 200
    funding.refresh_from_db()
    assert funding.frequency == "deadlines"


def test_an_events_alert_may_become_deadline_reminders_only(client, three):
    events = Subscription.objects.get(email=ADDRESS, list="events")
    assert "Deadline reminders only" in client.get(three).content.decode().split("Alert 2")[1]

    response = client.post(
        three, {"action": "frequency", "subscription": events.pk, "frequency": "deadlines"}
    )

    assert response.status_code == 302
    events.refresh_from_db()
    assert events.frequency == "deadlines"


def test_a_projects_alert_cannot_become_deadline_reminders_only(client, three):
    subscribe(client, "status=ongoing", list_name="projects")
    projects = confirm_last(client)
    page = client.get(three).content.decode()
    assert "Alert 3: Projects" in page
    assert "Deadline reminders only" not in page.split("Alert 3")[1]

    client.post(
        three, {"action": "frequency", "subscription": projects.pk, "frequency": "deadlines"}
    )

    projects.refresh_from_db()
    assert projects.frequency == "weekly"


def test_deleting_one_keeps_the_others_and_the_page_still_answers(client, three):
    funding = Subscription.objects.get(email=ADDRESS, list="funding")

    response = client.post(three, {"action": "delete", "subscription": funding.pk})

    assert response.status_code == 302
    assert list(Subscription.objects.filter(email=ADDRESS).values_list("list", flat=True)) == [
        "events"
    ]
    page = client.get(response["Location"])
    assert page.status_code == 200 and b"Your change is saved." in page.content


def test_deleting_all_leaves_nothing_of_the_address(client, three):
    response = client.post(three, {"action": "delete_all"})

    assert response.status_code == 200
    assert b"All your alerts are deleted" in response.content
    assert not Subscription.objects.filter(email=ADDRESS).exists()
    assert Subscription.objects.filter(email="someone.else@example.org").exists()
    assert client.get(three).status_code == 404


def test_another_addresss_alert_cannot_be_touched(client, three):
    theirs = Subscription.objects.get(email="someone.else@example.org")

    response = client.post(three, {"action": "delete", "subscription": theirs.pk})

    assert response.status_code == 404
    assert Subscription.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize(
    "data",
    [{}, {"action": "explode"}, {"action": "delete"}, {"action": "frequency", "subscription": "x"}],
)
def test_an_incomplete_request_changes_nothing_and_says_so(client, three, data):
    response = client.post(three, data)

    assert response.status_code == 400
    assert Subscription.objects.count() == 3
