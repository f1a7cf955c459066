"""Trigram indexes (PostgreSQL only) on folded texts: What the schemes' search reads, their names (typos, and the calls searched by their scheme's name) and the calls' titles.

Each lists exactly the columns, in the same order, of the QuerySet's `searched_fields` or
`title_fields` it serves (cooperation_portal.text_search; tests/search check that every one is
there and used).
"""

from django.db import migrations

from cooperation_portal.database import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("funding", "0008_fundingscheme_is_example"),
        ("taxonomy", "0005_portal_fold"),
    ]

    operations = [
        AddTrigramIndex(
            "fundingscheme",
            "scheme_search_trgm",
            ["name_fr", "name_en", "summary_fr", "summary_en"],
        ),
        AddTrigramIndex("fundingscheme", "scheme_title_trgm", ["name_fr", "name_en"]),
        AddTrigramIndex("call", "call_title_trgm", ["title_fr", "title_en"]),
    ]
