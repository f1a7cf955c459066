import datetime

import pytest
from django.utils import timezone

from cooperation_portal.caching import bump_content_version
from funding.models import DEADLINE_TIME_ZONE

# The browser fixtures (browser, page, screenshot) are shared from tests/conftest.py.


def brussels(year, month, day, hour=0, minute=0, fold=0) -> datetime.datetime:
    """A wall-clock moment in Brussels; ``fold=1`` is the second of a repeated hour."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=DEADLINE_TIME_ZONE, fold=fold)


@pytest.fixture
def clock(monkeypatch):
    """Set what ``timezone.now()`` answers in the views: ``clock(moment)``."""

    def set_now(moment: datetime.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment)
        # What the pages show changes with the time, as after an edit: cached pages are left.
        bump_content_version()

    return set_now
