"""A call is open from its opening (included) to its deadline (excluded), in Brussels time.

The same moment gives the same answer in SQL (filters) and in Python (badges), at the very
minute of the deadline and across daylight-saving changes.
"""

import datetime

import pytest

from funding.models import DEADLINE_TIME_ZONE, Call, FundingScheme
from tests.factories import CallFactory, FundingSchemeFactory

from .conftest import brussels

pytestmark = pytest.mark.django_db

MINUTE = datetime.timedelta(minutes=1)
HOUR = datetime.timedelta(hours=1)


def status_in_sql(call, at) -> str:
    calls = Call.objects.filter(pk=call.pk)
    for status in (Call.Status.UPCOMING, Call.Status.OPEN, Call.Status.CLOSED):
        if getattr(calls, status)(at).exists():
            return status
    raise AssertionError("The call matches no status.")


def scheme_statuses_in_sql(scheme, at) -> set[str]:
    """The statuses whose filter keeps the scheme."""
    schemes = FundingScheme.objects.filter(pk=scheme.pk)
    return {status for status in Call.Status.values if schemes.with_status([status], at).exists()}


@pytest.fixture
def call():
    return CallFactory(opens_at=brussels(2026, 9, 1, 9, 0), deadline=brussels(2026, 12, 3, 14, 0))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (brussels(2026, 9, 1, 8, 59), Call.Status.UPCOMING),
        (brussels(2026, 9, 1, 9, 0), Call.Status.OPEN),
        (brussels(2026, 12, 3, 13, 59), Call.Status.OPEN),
        (brussels(2026, 12, 3, 14, 0), Call.Status.CLOSED),
        (brussels(2026, 12, 3, 14, 1), Call.Status.CLOSED),
    ],
    ids=["minute-before-opening", "opening", "minute-before-deadline", "deadline", "after"],
)
def test_a_call_is_open_from_its_opening_until_the_minute_of_its_deadline(call, moment, expected):
    assert call.status_at(moment) == expected
    assert status_in_sql(call, moment) == expected


def test_a_deadline_in_the_hour_that_happens_twice_closes_at_the_right_one():
    # 25 October 2026: clocks go back from 03:00 CEST to 02:00 CET, so 02:30 happens twice.
    first = CallFactory(
        opens_at=brussels(2026, 9, 1), deadline=brussels(2026, 10, 25, 2, 30, fold=0)
    )
    second = CallFactory(
        opens_at=brussels(2026, 9, 1), deadline=brussels(2026, 10, 25, 2, 30, fold=1)
    )
    utc = datetime.UTC
    assert second.deadline.astimezone(utc) - first.deadline.astimezone(utc) == HOUR
    # The first 02:30 is 00:30 UTC; the second is 01:30 UTC.
    for call, deadline_in_utc in [
        (first, datetime.datetime(2026, 10, 25, 0, 30, tzinfo=utc)),
        (second, datetime.datetime(2026, 10, 25, 1, 30, tzinfo=utc)),
    ]:
        call.refresh_from_db()
        assert call.deadline == deadline_in_utc
        for moment, expected in [
            (deadline_in_utc - MINUTE, Call.Status.OPEN),
            (deadline_in_utc, Call.Status.CLOSED),
            (deadline_in_utc + MINUTE, Call.Status.CLOSED),
        ]:
            assert call.status_at(moment) == expected
            assert status_in_sql(call, moment) == expected


def test_a_deadline_just_after_clocks_go_forward_closes_on_time():
    # 28 March 2027: 02:00 CET jumps to 03:00 CEST. A deadline at 03:30 is 01:30 UTC.
    call = CallFactory(opens_at=brussels(2027, 1, 1), deadline=brussels(2027, 3, 28, 3, 30))
    call.refresh_from_db()
    deadline_in_utc = datetime.datetime(2027, 3, 28, 1, 30, tzinfo=datetime.UTC)
    assert call.deadline == deadline_in_utc
    assert status_in_sql(call, deadline_in_utc - MINUTE) == Call.Status.OPEN
    assert status_in_sql(call, deadline_in_utc) == Call.Status.CLOSED
    # One minute before the deadline is already summer time, two hours after the jump.
    assert (deadline_in_utc - MINUTE).astimezone(DEADLINE_TIME_ZONE).hour == 3


class TestClosesInDays:
    def test_counts_to_the_internal_deadline_while_it_is_ahead(self):
        call = CallFactory.build(
            opens_at=brussels(2026, 9, 1),
            deadline=brussels(2026, 12, 18, 12, 0),
            internal_deadline=brussels(2026, 12, 5, 12, 0),
        )
        closing = call.closing_at(brussels(2026, 11, 25, 10, 0))
        assert closing.is_internal
        assert closing.moment == call.internal_deadline
        assert closing.days == 10

    def test_counts_to_the_deadline_once_the_internal_deadline_has_passed(self):
        call = CallFactory.build(
            opens_at=brussels(2026, 9, 1),
            deadline=brussels(2026, 12, 18, 12, 0),
            internal_deadline=brussels(2026, 12, 5, 12, 0),
        )
        closing = call.closing_at(brussels(2026, 12, 5, 12, 0))
        assert not closing.is_internal
        assert closing.moment == call.deadline
        assert closing.days == 13

    def test_counts_calendar_days_in_brussels_across_a_daylight_saving_change(self):
        # 23 hours apart, but on the next calendar day in Brussels: "closes tomorrow".
        call = CallFactory.build(
            opens_at=brussels(2027, 3, 1), deadline=brussels(2027, 3, 28, 23, 30)
        )
        seen_at = brussels(2027, 3, 27, 23, 30)
        utc = datetime.UTC
        assert call.deadline.astimezone(utc) - seen_at.astimezone(utc) == 23 * HOUR
        assert call.closing_at(seen_at).days == 1

    def test_is_zero_on_the_day_of_the_deadline_and_nothing_once_closed(self):
        call = CallFactory.build(
            opens_at=brussels(2026, 9, 1), deadline=brussels(2026, 12, 3, 14, 0)
        )
        assert call.closing_at(brussels(2026, 12, 3, 0, 0)).days == 0
        assert call.closing_at(brussels(2026, 12, 3, 14, 0)) is None


class TestSchemeStatus:
    """Statuses are per call: a scheme is listed under the status of each of its calls. Its
    badge says open if one call is open, else upcoming if one opens later, else closed."""

    @pytest.fixture
    def scheme(self):
        scheme = FundingSchemeFactory()
        CallFactory(
            scheme=scheme, opens_at=brussels(2025, 9, 1), deadline=brussels(2025, 12, 1, 12, 0)
        )
        CallFactory(
            scheme=scheme, opens_at=brussels(2026, 9, 1), deadline=brussels(2026, 12, 1, 12, 0)
        )
        return FundingScheme.objects.prefetch_related("calls").get(pk=scheme.pk)

    @pytest.mark.parametrize(
        ("moment", "badge", "statuses"),
        [
            (brussels(2025, 8, 1), Call.Status.UPCOMING, {"upcoming"}),
            (brussels(2025, 11, 1), Call.Status.OPEN, {"open", "upcoming"}),
            (brussels(2026, 1, 1), Call.Status.UPCOMING, {"closed", "upcoming"}),
            (brussels(2026, 12, 1, 11, 59), Call.Status.OPEN, {"closed", "open"}),
            (brussels(2026, 12, 1, 12, 0), Call.Status.CLOSED, {"closed"}),
        ],
    )
    def test_sql_and_python_agree(self, scheme, moment, badge, statuses):
        assert scheme.status_at(moment) == badge
        assert scheme.statuses_at(moment) == statuses
        assert scheme_statuses_in_sql(scheme, moment) == statuses
        assert badge in statuses  # the list never shows a badge its filter left out

    def test_a_scheme_without_any_call_is_closed(self):
        scheme = FundingSchemeFactory()
        assert scheme.status_at(brussels(2026, 1, 1)) == Call.Status.CLOSED
        assert scheme.statuses_at(brussels(2026, 1, 1)) == {Call.Status.CLOSED}
        assert scheme_statuses_in_sql(scheme, brussels(2026, 1, 1)) == {Call.Status.CLOSED}

    def test_a_scheme_with_an_open_call_and_a_later_one_is_open_and_upcoming(self):
        scheme = FundingSchemeFactory()
        CallFactory(scheme=scheme, opens_at=brussels(2026, 10, 1), deadline=brussels(2026, 12, 1))
        CallFactory(scheme=scheme, opens_at=brussels(2027, 1, 10), deadline=brussels(2027, 3, 1))
        at = brussels(2026, 11, 25)
        assert scheme_statuses_in_sql(scheme, at) == {Call.Status.OPEN, Call.Status.UPCOMING}
        schemes = FundingScheme.objects.filter(pk=scheme.pk)
        assert schemes.open(at).exists() and schemes.upcoming(at).exists()
        assert not schemes.closed(at).exists()

    def test_the_next_call_is_the_open_one_even_if_a_later_round_is_announced(self):
        scheme = FundingSchemeFactory()
        open_call = CallFactory(
            scheme=scheme, opens_at=brussels(2026, 1, 1), deadline=brussels(2026, 12, 1)
        )
        CallFactory(scheme=scheme, opens_at=brussels(2026, 6, 1), deadline=brussels(2026, 7, 1))
        scheme = FundingScheme.objects.prefetch_related("calls").get(pk=scheme.pk)
        moment = brussels(2026, 3, 1)
        assert scheme.next_call_at(moment) == open_call
        annotated = FundingScheme.objects.with_next_closing(moment).get(pk=scheme.pk)
        assert annotated.next_closing == open_call.deadline


def test_calls_sort_by_the_date_applicants_must_act_by():
    at = brussels(2026, 11, 25)
    later = CallFactory(opens_at=brussels(2026, 9, 1), deadline=brussels(2026, 12, 10))
    internal_first = CallFactory(
        opens_at=brussels(2026, 9, 1),
        deadline=brussels(2026, 12, 20),
        internal_deadline=brussels(2026, 12, 1),
    )
    internal_passed = CallFactory(
        opens_at=brussels(2026, 9, 1),
        deadline=brussels(2026, 12, 15),
        internal_deadline=brussels(2026, 11, 20),
    )
    ordered = list(Call.objects.open(at).by_next_closing(at))
    assert ordered == [internal_first, later, internal_passed]
