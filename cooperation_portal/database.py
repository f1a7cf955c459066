"""Database functions the portal relies on, made available on every engine.

Foundation layer: imports no app of ours.

PostgreSQL has `unaccent()` (the extension is created by a migration); SQLite gets a function of
the same name here, so `field__unaccent__icontains` finds "Santé" when a visitor types "sante"
on both engines.
"""

import unicodedata

from django.db.backends.signals import connection_created
from django.db.models import Q
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


SEARCH_MAX_LENGTH = 200


def search_text(text: str) -> str:
    """What a visitor typed, made ready to match: bounded, trimmed, without accents."""
    return strip_accents(" ".join(text.split())[:SEARCH_MAX_LENGTH])


def contains_text(text: str, fields) -> Q:
    """Rows where any of `fields` contains `text`, ignoring case and accents on both engines.
    `text` must already be normalised by `search_text`."""
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__unaccent__icontains": text})
    return condition
