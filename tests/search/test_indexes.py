"""The search reads indexes, not every row (issue 20: "fast at any size").

Every QuerySet with a word search (`cooperation_portal.text_search.WordSearchQuerySet`) names
the columns it reads; a migration puts a trigram index on exactly those columns
(`AddTrigramIndex`). If the two drift apart (a field added to a search without its migration),
PostgreSQL silently reads every row again: these tests catch it by asking the planner, with
sequential scans made as dear as can be, whether it reaches the rows through the index.
"""

import re

import pytest
from django.apps import apps
from django.db import connection

from cooperation_portal.database import TYPO_SIMILARITY
from cooperation_portal.text_search import WordSearchQuerySet

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's"
    ),
]


def searched_models():
    return [
        model
        for model in apps.get_models()
        if isinstance(model._default_manager.all(), WordSearchQuerySet)
    ]


def own_table_only(model) -> bool:
    """Whether every text the model's search reads is a column of its own table."""
    queryset = model._default_manager.all()
    return not any("__" in field for fields in queryset.searched_fields for field in fields)


def plan(queryset) -> str:
    """The plan of `queryset` when reading a whole table or walking a whole index is all but
    forbidden: what remains is a bitmap scan of an index that answers the condition itself."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


def trigram_indexes_of(model) -> list[tuple[str, ...]]:
    """The columns of each trigram index on folded texts of the model's table, in order."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s", [model._meta.db_table]
        )
        definitions = [row[0] for row in cursor.fetchall()]
    indexed = []
    for definition in definitions:
        found = re.search(r"portal_fold\(VARIADIC ARRAY\[(.*)\]\) gin_trgm_ops", definition)
        if found:
            columns = [column.strip() for column in found.group(1).split(",")]
            indexed.append(tuple(re.sub(r"^\((\w+)\)::text$", r"\1", c) for c in columns))
    return indexed


def test_every_searched_model_is_found():
    names = {model.__name__ for model in searched_models()}
    assert {
        "Project",
        "FundingScheme",
        "Call",
        "Organisation",
        "Event",
        "Session",
        "NewsItem",
        "OfficePage",
    } <= names


@pytest.mark.parametrize("model", searched_models(), ids=lambda model: model.__name__)
def test_each_searched_text_and_title_has_its_trigram_index(model):
    queryset = model._default_manager.all()
    own_groups = [
        fields
        for fields in (*queryset.searched_fields, queryset.title_fields)
        if fields and not any("__" in field for field in fields)
    ]
    indexed = trigram_indexes_of(model)
    for fields in own_groups:
        assert tuple(fields) in indexed, (
            f"{model.__name__}: no trigram index on the folded {', '.join(fields)}"
        )


def test_only_calls_search_texts_of_another_table():
    """A call is found by its scheme's name too, joined: that condition cannot be answered by
    an index of the calls' table alone (calls are a few dozen a year)."""
    assert [model.__name__ for model in searched_models() if not own_table_only(model)] == ["Call"]


@pytest.mark.parametrize(
    "model",
    [model for model in searched_models() if own_table_only(model)],
    ids=lambda model: model.__name__,
)
def test_a_word_and_its_typos_are_looked_up_in_the_indexes(model):
    queryset = model._default_manager.all()
    table = model._meta.db_table
    # Projects' words are looked up in their search document (projects.search), not here.
    searches = [queryset.with_words_or_typos(["snate", "kinshasa"])]
    if model.__name__ != "Project":
        searches.append(queryset.with_words(["sante", "kinshasa"]))
    for search in searches:
        found = plan(search)
        assert "Bitmap Index Scan on" in found, found
        assert f"Seq Scan on {table}" not in found, found


def test_connections_count_a_typo_from_the_search_s_similarity():
    with connection.cursor() as cursor:
        cursor.execute("SELECT word_similarity('sante', 'sanre')")  # loads pg_trgm
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        assert float(cursor.fetchone()[0]) == TYPO_SIMILARITY
