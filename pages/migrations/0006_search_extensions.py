"""What the search across everything (pages.search) needs of PostgreSQL; a no-op on SQLite.

- `pg_trgm`, for tolerance of a typo ("snaté" finds "Santé"): trigram word similarity.
- A text search configuration, `portal_unaccent`: words lower-cased and unaccented, not stemmed.
  The snippets (`ts_headline`) read the original text through it, so that "sante" highlights
  "Santé" while the text keeps its accents.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

CONFIGURATION = "portal_unaccent"


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIGURATION};"
        f"CREATE TEXT SEARCH CONFIGURATION {CONFIGURATION} (COPY = simple);"
        f"ALTER TEXT SEARCH CONFIGURATION {CONFIGURATION} "
        "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;"
    )


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIGURATION};")


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0005_privacy_request_log"),
        # The unaccent extension the configuration reads.
        ("taxonomy", "0002_unaccent_extension"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_configuration, drop_configuration),
    ]
