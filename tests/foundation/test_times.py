"""UTC offsets as visitors read them, written one way on every page and calendar."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from cooperation_portal.times import utc_offset


@pytest.mark.parametrize(
    ("zone", "month", "expected"),
    [
        ("Europe/Brussels", 1, "UTC+1"),
        ("Europe/Brussels", 7, "UTC+2"),
        ("Asia/Kolkata", 1, "UTC+5:30"),
        ("America/La_Paz", 1, "UTC\u22124"),
        ("UTC", 1, "UTC+0"),
    ],
)
def test_the_offset_of_a_moment_in_its_zone(zone, month, expected):
    moment = datetime.datetime(2027, month, 15, 12, 0, tzinfo=ZoneInfo(zone))
    assert utc_offset(moment) == expected
