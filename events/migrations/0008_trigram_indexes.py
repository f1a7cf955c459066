"""Trigram indexes (PostgreSQL only) on folded texts: What the search reads of events and sessions, and their titles (typos).

Each lists exactly the columns, in the same order, of the QuerySet's `searched_fields` or
`title_fields` it serves (cooperation_portal.text_search; tests/search check that every one is
there and used).
"""

from django.db import migrations

from cooperation_portal.database import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_event_is_example"),
        ("taxonomy", "0005_portal_fold"),
    ]

    operations = [
        AddTrigramIndex(
            "event",
            "event_search_trgm",
            [
                "title_fr",
                "title_en",
                "summary_fr",
                "summary_en",
                "description_fr",
                "description_en",
                "venue_fr",
                "venue_en",
                "city",
            ],
        ),
        AddTrigramIndex("event", "event_title_trgm", ["title_fr", "title_en"]),
        AddTrigramIndex(
            "session",
            "session_search_trgm",
            [
                "title_fr",
                "title_en",
                "description_fr",
                "description_en",
                "speakers_fr",
                "speakers_en",
            ],
        ),
        AddTrigramIndex("session", "session_title_trgm", ["title_fr", "title_en"]),
    ]
