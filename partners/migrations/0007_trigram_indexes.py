"""Trigram indexes (PostgreSQL only) on folded texts: What the organisations' search reads (the list's `q` and the search across everything), and their names and acronym: typos, and the funder of a funding scheme.

Each lists exactly the columns, in the same order, of the QuerySet's `searched_fields` or
`title_fields` it serves (cooperation_portal.text_search; tests/search check that every one is
there and used).
"""

from django.db import migrations

from cooperation_portal.database import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0006_person_is_example"),
        ("taxonomy", "0005_portal_fold"),
    ]

    operations = [
        AddTrigramIndex(
            "organisation",
            "organisation_search_trgm",
            ["name_fr", "name_en", "acronym", "city", "tagline_fr", "tagline_en"],
        ),
        AddTrigramIndex(
            "organisation", "organisation_title_trgm", ["name_fr", "name_en", "acronym"]
        ),
    ]
