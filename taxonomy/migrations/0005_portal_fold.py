"""`portal_fold()`: texts joined by spaces, lower case, without accents, as an IMMUTABLE function
so that it can be indexed (cooperation_portal.database.Folded and AddTrigramIndex); and the
`pg_trgm` extension those indexes use. PostgreSQL only: SQLite gets a Python function of the same
name when it connects (cooperation_portal/database.py).

`unaccent(text)` itself is only STABLE (it reads its dictionary through the search path); the
two-argument form, with the dictionary named with its schema, does not depend on the search
path, which is what makes the wrapper immutable (the usual PostgreSQL idiom).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def create_function(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'unaccent'"
        )
        (schema,) = cursor.fetchone()
    schema_editor.execute(
        "CREATE OR REPLACE FUNCTION portal_fold(VARIADIC parts text[]) RETURNS text "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE AS "
        f"$$ SELECT lower({schema}.unaccent('{schema}.unaccent'::regdictionary, "
        "array_to_string(parts, ' '))) $$"
    )


def drop_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS portal_fold(VARIADIC text[])")


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0004_country_is_example"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_function, drop_function),
    ]
