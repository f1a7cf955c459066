"""Database functions the portal relies on, made available on every engine.

Foundation layer: imports no app of ours.

PostgreSQL has `unaccent()` (the extension is created by a migration); SQLite gets a function of
the same name here, so `field__unaccent__icontains` finds "Santé" when a visitor types "sante"
on both engines.

`Folded(*fields)` is one text of several columns, joined by spaces, lower case and without
accents: `portal_fold()`, an immutable SQL function on PostgreSQL (taxonomy/migrations/0005) and a
Python function of the same name on SQLite. Being immutable, it can be indexed: `AddTrigramIndex`
(a migration operation) puts a trigram GIN index (`pg_trgm`) on it, which serves both a word
contained in the text (`contains_word`: `LIKE '%sante%'`) and a word close to one of its words
(`close_to_word`: `%>`, trigram word similarity, for typos). Searches whose conditions are written
with them read an index on PostgreSQL, never every row; SQLite, the development database, reads
its (small) tables.
"""

import unicodedata

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.lookups import TrigramWordSimilar
from django.db import migrations
from django.db.backends.signals import connection_created
from django.db.models import F, Func, Q, TextField
from django.db.models.lookups import Contains
from django.dispatch import receiver


def strip_accents(text: str) -> str:
    """'Santé à Bukavu' -> 'Sante a Bukavu' (letters kept, combining marks dropped)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def fold(text: str) -> str:
    """'Université de Kinshasa' -> 'universite de kinshasa'."""
    return strip_accents(text).lower()


def _sqlite_unaccent(value):
    return None if value is None else strip_accents(str(value))


def _sqlite_fold(*values):
    return fold(" ".join(str(value) for value in values if value is not None))


@receiver(connection_created)
def register_sqlite_functions(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_function("UNACCENT", 1, _sqlite_unaccent, deterministic=True)
        connection.connection.create_function("PORTAL_FOLD", -1, _sqlite_fold, deterministic=True)


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


# Folded texts and their trigram indexes -----------------------------------------------------

#: The SQL function of `Folded` (created on PostgreSQL by taxonomy/migrations/0005).
FOLD_FUNCTION = "portal_fold"
#: The trigram word similarity from which a word counts as a typo of another (`close_to_word`).
#: PostgreSQL's `%>` reads it from the `pg_trgm.word_similarity_threshold` setting, which the
#: settings give every connection (cooperation_portal/settings.py; PostgreSQL's default is 0.6).
TYPO_SIMILARITY = 0.5


class Folded(Func):
    """`fields` as one text, joined by spaces, lower case, without accents (NULLs left out)."""

    function = FOLD_FUNCTION
    output_field = TextField()

    def __init__(self, *fields):
        super().__init__(*(F(field) if isinstance(field, str) else field for field in fields))


def contains_word(word: str, fields) -> Q:
    """Rows whose folded `fields` contain `word` (already folded: `fold`), anywhere."""
    return Q(Contains(Folded(*fields), word))


def contains_every_word(words, fields) -> Q:
    """Rows whose folded `fields` contain each of `words`."""
    condition = Q()
    for word in words:
        condition &= contains_word(word, fields)
    return condition


def close_to_word(word: str, fields) -> Q:
    """Rows with a word in their folded `fields` close to `word` (a typo of it): trigram word
    similarity of at least `TYPO_SIMILARITY`. PostgreSQL only."""
    return Q(TrigramWordSimilar(Folded(*fields), word))


def trigram_index(name: str, fields) -> GinIndex:
    return GinIndex(OpClass(Folded(*fields), name="gin_trgm_ops"), name=name)


class AddTrigramIndex(migrations.operations.base.Operation):
    """A trigram GIN index on the folded `fields` of a model, on PostgreSQL only: what
    `contains_word` and `close_to_word` over exactly these fields read. SQLite has none."""

    reversible = True

    def __init__(self, model_name: str, name: str, fields: list[str]):
        self.model_name, self.name, self.fields = model_name, name, list(fields)

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.model_name, self.name, self.fields], {})

    def state_forwards(self, app_label, state):
        """The index is not part of the models' state: Django does not create it."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = to_state.apps.get_model(app_label, self.model_name)
            schema_editor.add_index(model, trigram_index(self.name, self.fields))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            model = from_state.apps.get_model(app_label, self.model_name)
            schema_editor.remove_index(model, trigram_index(self.name, self.fields))

    def describe(self):
        return f"Trigram index {self.name} on the folded {', '.join(self.fields)}"

    @property
    def migration_name_fragment(self):
        return self.name.lower()
