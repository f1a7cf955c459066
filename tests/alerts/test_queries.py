"""send_alerts reads a bounded number of queries per subscription: each distinct selection
reads its filters' vocabularies once per run (shared by every subscription to it), and each
subscription then costs a fixed handful of queries:

- its transaction (in a test, a savepoint and its release: two queries);
- lock and read the subscription (SELECT ... FOR UPDATE on PostgreSQL);
- what is new in its selection (one query);
- for funding and events, the calls (events) with a reminder due (one query) and the reminders
  already sent (one query, only when there are such calls or events);
- the reminders recorded (one INSERT, when a message goes) and the subscription's period (one
  UPDATE).

A distinct selection adds the queries that check its filters' values (one per filter whose
values are rows: here the applicant level and the country).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alerts.models import Subscription
from alerts.sending import send_alerts
from tests.factories import CallFactory

from .conftest import later

pytestmark = pytest.mark.django_db

NAME = "Doctoral grants in health"
#: The most queries one more subscription may cost (see the module's docstring).
PER_SUBSCRIPTION = 8
#: The most one more distinct selection may cost: its filters' values read once.
PER_SELECTION = 2


def subscriptions(count: int, *, distinct_selections: bool, start: int = 0) -> None:
    confirmed = later(minutes=-1)
    for number in range(start, start + count):
        # Each distinct selection keeps the call: its search is a different piece of its name.
        query = "level=doctoral&country=CD" + (
            f"&q={NAME[number % 10 :]}" if distinct_selections else ""
        )
        Subscription.objects.create(
            email=f"person{number}@example.org",
            language="en",
            list="funding",
            query=query,
            confirmed_at=confirmed,
            covered_until=confirmed,
        )


def queries_of_a_run(minutes: int) -> int:
    with CaptureQueriesContext(connection) as queries:
        send_alerts(now=later(minutes=minutes))
    return len(queries)


@pytest.mark.parametrize("distinct_selections", [False, True])
def test_queries_grow_by_a_bounded_number_per_subscription(health_phd_congo, distinct_selections):
    CallFactory(scheme=health_phd_congo["inside"], deadline=later(days=10))
    subscriptions(1, distinct_selections=distinct_selections)
    one = queries_of_a_run(1)

    subscriptions(9, distinct_selections=distinct_selections, start=1)
    Subscription.objects.update(covered_until=later(minutes=-1), last_sent_at=None)
    ten = queries_of_a_run(2)

    allowed = PER_SUBSCRIPTION + (PER_SELECTION if distinct_selections else 0)
    assert ten - one <= 9 * allowed, (one, ten)


def test_subscriptions_to_one_selection_share_its_filters(health_phd_congo):
    """Ten subscriptions to one selection cost less than ten to ten selections."""
    CallFactory(scheme=health_phd_congo["inside"])
    subscriptions(10, distinct_selections=False)
    shared = queries_of_a_run(1)
    Subscription.objects.all().delete()
    subscriptions(10, distinct_selections=True, start=10)
    separate = queries_of_a_run(2)

    assert shared < separate
