"""Trigram indexes (PostgreSQL only) on folded texts: What the search reads of news items, and their titles (typos).

Each lists exactly the columns, in the same order, of the QuerySet's `searched_fields` or
`title_fields` it serves (cooperation_portal.text_search; tests/search check that every one is
there and used).
"""

from django.db import migrations

from cooperation_portal.database import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0003_body_help_text"),
        ("taxonomy", "0005_portal_fold"),
    ]

    operations = [
        AddTrigramIndex(
            "newsitem",
            "newsitem_search_trgm",
            ["title_fr", "title_en", "summary_fr", "summary_en", "body_fr", "body_en"],
        ),
        AddTrigramIndex("newsitem", "newsitem_title_trgm", ["title_fr", "title_en"]),
    ]
