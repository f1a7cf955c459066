"""Database functions the portal relies on, made available on every engine.

Foundation layer: imports no app of ours.

PostgreSQL has `unaccent()` (the extension is created by a migration); SQLite gets a function of
the same name here, so `field__unaccent__icontains` finds "Santé" when a visitor types "sante"
on both engines.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.dispatch import receiver


def strip_accents(text: str) -> str:
    """'Santé à Bukavu' -> 'Sante a Bukavu' (letters kept, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _sqlite_unaccent(value):
    return None if value is None else strip_accents(str(value))


@receiver(connection_created)
def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, _sqlite_unaccent, deterministic=True)
