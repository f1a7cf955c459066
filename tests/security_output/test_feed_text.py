"""A control character in a scheme's name, a call's title or a summary gives a valid Atom
feed, never a server error: XML 1.0 cannot carry them, so they are left out."""

import feedparser
import pytest
from django.db import connection

from tests.factories import CallFactory, FundingSchemeFactory

pytestmark = pytest.mark.django_db

# PostgreSQL refuses to store a NUL character at all (SQLite keeps it): another control there.
NUL = "\x01" if connection.vendor == "postgresql" else "\x00"


def test_control_characters_are_left_out_of_the_feed(client):
    scheme = FundingSchemeFactory(
        name_en=f"Grants\x0bfor{NUL} travel", summary_en="One\ntwo\x1b\x7f three"
    )
    CallFactory(scheme=scheme, title_en="2026\r\nround\x0c")
    response = client.get("/en/funding/feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    assert entry.title == "Grantsfor travel — 2026\nround"
    assert "One\ntwo three" in entry.summary
