"""Two runs of send_alerts at once never send twice: on PostgreSQL a run passes by a
subscription another run holds (SELECT ... FOR UPDATE SKIP LOCKED), and finds it done after."""

import pytest
from django.core import mail
from django.db import connection, connections

from alerts.models import Subscription
from alerts.sending import send_alerts
from tests.factories import CallFactory

from .conftest import later

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite lets one writer in at a time"
    ),
]


def test_a_subscription_held_by_another_run_is_passed_by_and_sent_once(health_phd_congo):
    confirmed = later(minutes=-1)
    subscription = Subscription.objects.create(
        email="amani@example.org",
        language="en",
        list="funding",
        query="level=doctoral&country=CD",
        confirmed_at=confirmed,
        covered_until=confirmed,
    )
    CallFactory(scheme=health_phd_congo["inside"])
    other_run = connections.create_connection("default")
    try:
        other_run.set_autocommit(False)
        with other_run.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM alerts_subscription WHERE id = %s FOR UPDATE", [subscription.pk]
            )
            held = send_alerts(now=later(minutes=1))
            assert held.examined == 0 and mail.outbox == []
            # The other run sends and moves the period forward, then lets go.
            cursor.execute(
                "UPDATE alerts_subscription SET covered_until = %s WHERE id = %s",
                [later(minutes=2), subscription.pk],
            )
        other_run.commit()
    finally:
        other_run.close()

    after = send_alerts(now=later(minutes=2))

    assert after.examined == 1 and after.messages == 0
    assert mail.outbox == []
