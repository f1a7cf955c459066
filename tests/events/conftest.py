import datetime
import zoneinfo
from pathlib import Path

import pytest
from django.utils import timezone

# The browser fixtures (browser, page, screenshot) are shared from tests/conftest.py.

BRUSSELS = zoneinfo.ZoneInfo("Europe/Brussels")
HERE = Path(__file__).resolve().parent


def brussels(*args: int) -> datetime.datetime:
    """A moment given in Brussels wall-clock time."""
    return datetime.datetime(*args, tzinfo=BRUSSELS)


#: "Now" in the tests that fix it: a Tuesday in spring, at noon in Brussels.
NOW = brussels(2026, 3, 10, 12, 0)


@pytest.fixture
def now(monkeypatch):
    """Freeze the clock of the events' querysets, filters and pages at NOW."""
    monkeypatch.setattr(timezone, "now", lambda: NOW)
    return NOW
