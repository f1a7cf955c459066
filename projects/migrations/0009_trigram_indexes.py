"""Trigram indexes (PostgreSQL only) on folded texts: The folded titles of projects: their typos (the words themselves are in the search document's index).

Each lists exactly the columns, in the same order, of the QuerySet's `searched_fields` or
`title_fields` it serves (cooperation_portal.text_search; tests/search check that every one is
there and used).
"""

from django.db import migrations

from cooperation_portal.database import AddTrigramIndex


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_safe_urls"),
        ("taxonomy", "0005_portal_fold"),
    ]

    operations = [
        AddTrigramIndex("project", "project_title_trgm", ["title_fr", "title_en"]),
    ]
