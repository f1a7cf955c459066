"""Words in the order a reader of the page's language expects, on both engines.

Foundation layer: imports no app of ours.

Sorting by code point puts "Burundi" before "Bénin" and "Urbanisme" before "Écologie". Names are
ordered instead with ``Collated("name")`` (in ``order_by``, ``Meta.ordering`` or a window): the
text the visitor reads (the page's language, else its fallbacks, for a translated field) compared
with the collation of the page's language, ``portal_<language>``. One code path, both engines:

- PostgreSQL: ICU collations created by a migration (``taxonomy/migrations/0003``), so the
  database sorts, and a paginated list reads only its page;
- SQLite: collations of the same names registered on every connection, comparing keys of the
  Unicode Collation Algorithm computed by pyuca (its default table, which the root collation of
  ICU and CLDR's French and English tailor no further for Latin letters).

The language is read when the query is compiled, not when it is written: querysets built at
import (a filter's choices) and ``Meta.ordering`` follow the page's language.

``sort_key`` gives the same order to lists sorted in Python.
"""

import functools
import struct

import pyuca
from django.conf import settings
from django.db import models
from django.db.backends.signals import connection_created
from django.db.models import F, Value
from django.db.models.constants import LOOKUP_SEP
from django.db.models.functions import Coalesce, Collate, NullIf
from django.dispatch import receiver
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


def collation_name(language: str) -> str:
    """The database collation of a language of the portal: ``portal_fr``, ``portal_en``."""
    return f"portal_{language}"


class Collated(models.Expression):
    """``field`` (a name, or a path such as ``country__name``) as shown in the page's language,
    in that language's collation. Sorts only: for filters and uniqueness, use the field."""

    output_field = models.CharField()

    def __init__(self, field: str):
        super().__init__()
        self.path = field

    def __repr__(self) -> str:
        return f"{self.__class__.__name__}({self.path!r})"

    def resolve_expression(
        self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False
    ):
        language = get_language()
        collated = Collate(shown_text(query.model, self.path, language), collation_name(language))
        return collated.resolve_expression(query, allow_joins, reuse, summarize, for_save)

    def prefix_references(self, prefix):
        # Another model ordered by a relation to this one ("country" → "country__name").
        return self.__class__(f"{prefix}{self.path}")


def shown_text(model, path: str, language: str):
    """The expression of what the visitor reads of `path` on `model`: for a translated field,
    the column of `language`, else of its fallback languages in order (an empty text falls back,
    as django-modeltranslation does when it shows the field)."""
    *relations, name = path.split(LOOKUP_SEP)
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    try:
        is_translated = name in translator.get_options_for_model(model).get_field_names()
    except NotRegistered:
        is_translated = False
    if not is_translated:
        return F(path)
    prefix = path[: -len(name)]
    languages = resolution_order(language, getattr(model, name).fallback_languages)
    columns = [F(prefix + build_localized_fieldname(name, code)) for code in languages]
    if len(columns) == 1:
        return columns[0]
    # Each translated column has a field class of its own: name the output type.
    return Coalesce(
        *(NullIf(column, Value("")) for column in columns), output_field=models.CharField()
    )


@functools.cache
def _collator() -> pyuca.Collator:
    return pyuca.Collator()  # reads its table (about 0.1 s) the first time it is needed


@functools.lru_cache(maxsize=1 << 16)
def sort_key(text: str) -> bytes:
    """A key that orders texts as the portal's collations do ("Bénin" < "Burundi"). The weights
    fit in 16 bits; packed, the keys compare as fast as bytes and take little memory."""
    weights = _collator().sort_key(text)
    return struct.pack(f">{len(weights)}H", *weights)


def compare(first: str, second: str) -> int:
    """The SQLite collation: by collation key, then by code point so that only identical texts
    are equal (as PostgreSQL's deterministic collations do)."""
    first_key, second_key = sort_key(first), sort_key(second)
    if first_key != second_key:
        return -1 if first_key < second_key else 1
    return (first > second) - (first < second)


@receiver(connection_created, dispatch_uid="cooperation_portal.collation")
def register_sqlite_collations(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        for code, _name in settings.LANGUAGES:
            connection.connection.create_collation(collation_name(code), compare)
