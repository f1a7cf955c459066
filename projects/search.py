"""Search over projects: a stored document per project, kept up to date, and the query that
reads it.

What a project is found by: its own texts in both languages (title, acronym, summary,
description) and the names around it: its published partners (name in both languages,
acronym, city), its countries (both languages) and its keywords. The names are gathered once,
when something changes, into `Project.search_names` (folded: lower case, no accents), so a
search never joins the link tables.

- PostgreSQL: `Project.search_document` is a weighted `tsvector` (titles and acronym A,
  summaries and names B, descriptions C), each text in its language's configuration and
  unaccented, with a GIN index. A search is one index lookup: every word must match, as a word
  form of either language or as a prefix ("nurse training" finds "Training nurses", "agrofor"
  finds "agroforestry"); `rank` orders titles first, read from a second, small vector of the
  titles alone (`Project.search_titles`, see `title_document`).
- SQLite (the embedded development default): every word must be contained in one of the
  project's own texts or in `search_names`, ignoring case and accents; `rank` is 0. Fast at
  demo size; FTS5 would add stemming but a second index to keep, for a development database.

Signals below refresh the stored columns when a project, one of its links, a partner, a
country or a keyword changes; bulk writes call `ProjectQuerySet.refresh_search()` themselves.
"""

import contextlib
import contextvars
import re
from collections import defaultdict

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import F, Q, Value
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from modeltranslation.utils import get_translation_fields

from cooperation_portal.database import contains_text, fold, search_text
from cooperation_portal.publication import published
from cooperation_portal.text_search import close_words, similar_titles
from partners.models import Organisation
from taxonomy.models import Country

SEARCH_MAX_WORDS = 10
#: The project's own texts, searched directly on SQLite.
OWN_FIELDS = [
    *get_translation_fields("title"),
    "acronym",
    *get_translation_fields("summary"),
    *get_translation_fields("description"),
]
#: Projects are refreshed this many at a time (three reads and two writes per batch).
REFRESH_BATCH = 2000
LANGUAGE_CONFIGURATIONS = (("fr", "french"), ("en", "english"))

_WORD = re.compile(r"[^\W_]+")


def search_words(text: str) -> list[str]:
    """The words a visitor typed, folded, without punctuation: safe inside a tsquery."""
    return _WORD.findall(fold(search_text(text)))[:SEARCH_MAX_WORDS]


def title_document() -> SearchVector:
    """The titles and the acronym: what `rank` reads. A few dozen bytes, kept in the row, where
    ranking with the whole document read 1.7 KB out of line per match (10 ms for 1,500 matches
    at 10,000 projects, linear in the matches)."""
    vector = SearchVector("acronym", weight="A", config="simple")
    for language, configuration in LANGUAGE_CONFIGURATIONS:
        vector += SearchVector(Unaccent(f"title_{language}"), weight="A", config=configuration)
    return vector


def search_document() -> SearchVector:
    vector = title_document()
    for language, configuration in LANGUAGE_CONFIGURATIONS:
        for field, weight in (("summary", "B"), ("description", "C")):
            vector += SearchVector(
                Unaccent(f"{field}_{language}"), weight=weight, config=configuration
            )
    return vector + SearchVector("search_names", weight="B", config="simple")


def _word_query(word: str) -> SearchQuery:
    """A word as a form of French or English, or as it is (names), or as a prefix of any."""
    term = f"{word}:*"
    return (
        SearchQuery(term, search_type="raw", config="french")
        | SearchQuery(term, search_type="raw", config="english")
        | SearchQuery(term, search_type="raw", config="simple")
    )


def search(queryset: models.QuerySet, text: str) -> models.QuerySet:
    """`queryset` narrowed to the projects matching every word of `text`, annotated `rank`."""
    words = search_words(text)
    no_rank = Value(0.0, output_field=models.FloatField())
    if not words:
        return queryset.annotate(rank=no_rank)
    if connection.vendor == "postgresql":
        query = _word_query(words[0])
        for word in words[1:]:
            query &= _word_query(word)
        # Titles first (by how well they match), then the rest: the list breaks ties by date.
        return queryset.filter(search_document=query).annotate(
            rank=SearchRank(F("search_titles"), query)
        )
    return queryset.filter(_every_word_sqlite([[word] for word in words])).annotate(rank=no_rank)


def _every_word_sqlite(alternatives: list[list[str]]) -> Q:
    condition = Q()
    for words in alternatives:
        one_of = Q()
        for word in words:
            one_of |= contains_text(word, OWN_FIELDS) | Q(search_names__contains=word)
        condition &= one_of
    return condition


def close_to(queryset: models.QuerySet, words: list[str]) -> models.QuerySet:
    """`queryset` narrowed to the projects matching every word or a typo of it, annotated
    `rank`: on both engines a word read with two neighbouring letters swapped
    (`cooperation_portal.text_search.close_words`); on PostgreSQL also projects whose title
    has a word close to each word of four letters or more (trigram word similarity, through
    the trigram index on the folded titles, projects/migrations/0009): index lookups only."""
    alternatives = [close_words(word) for word in words]
    if connection.vendor != "postgresql":
        no_rank = Value(0.0, output_field=models.FloatField())
        return queryset.filter(_every_word_sqlite(alternatives)).annotate(rank=no_rank)
    query = None
    for options in alternatives:
        one_of = None
        for word in options:
            one_of = _word_query(word) if one_of is None else one_of | _word_query(word)
        query = one_of if query is None else query & one_of
    similar = similar_titles(
        words, queryset.title_fields, lambda word: Q(search_document=_word_query(word))
    )
    return queryset.filter(Q(search_document=query) | similar).annotate(
        rank=SearchRank(F("search_titles"), query)
    )


# Keeping the stored columns up to date -------------------------------------------------------


def _names_by_project(project_ids: list[int]) -> dict[int, list[str]]:
    from .models import Participation, ProjectCountry, TaggedKeyword

    names = defaultdict(list)
    for project_id, *texts in ProjectCountry.objects.filter(project__in=project_ids).values_list(
        "project_id", *get_translation_fields("country__name")
    ):
        names[project_id].extend(texts)
    for project_id, *texts in (
        Participation.objects.filter(
            published("organisation"),
            project__in=project_ids,
        )
        .values_list(
            "project_id",
            *get_translation_fields("organisation__name"),
            "organisation__acronym",
            "organisation__city",
        )
        .order_by()
    ):
        names[project_id].extend(texts)
    for project_id, *texts in TaggedKeyword.objects.filter(
        content_object__in=project_ids
    ).values_list("content_object_id", *get_translation_fields("tag__name")):
        names[project_id].extend(texts)
    return names


def names_text(texts: list[str]) -> str:
    """The distinct words of `texts`, folded, in their first order."""
    words = dict.fromkeys(word for text in texts if text for word in _WORD.findall(fold(text)))
    return " ".join(words)


def refresh(queryset: models.QuerySet) -> int:
    """Recompute the stored search columns of the projects in `queryset`; returns how many."""
    from .models import Project

    project_ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(project_ids), REFRESH_BATCH):
        batch = project_ids[start : start + REFRESH_BATCH]
        names = _names_by_project(batch)
        Project.objects.bulk_update(
            [Project(pk=pk, search_names=names_text(names.get(pk, []))) for pk in batch],
            ["search_names"],
            batch_size=500,
        )
        if connection.vendor == "postgresql":
            Project.objects.filter(pk__in=batch).update(
                search_document=search_document(), search_titles=title_document()
            )
    return len(project_ids)


# Signals: every write that changes what a project is found by refreshes that project.


#: The projects to refresh once the current `refreshed_once()` block ends (None: refresh at once).
_pending: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "projects_search_pending", default=None
)


@contextlib.contextmanager
def refreshed_once():
    """Within the block, the projects a write touches are refreshed once, when it ends, not at
    each write: a spreadsheet's row saves a project, then its countries, goals, disciplines,
    partners and keywords, each of which would refresh it again. (Not on an exception: the
    transaction the block runs in is rolled back anyway.)"""
    if _pending.get() is not None:  # already inside one
        yield
        return
    token = _pending.set(set())
    try:
        yield
        pending = _pending.get()
    finally:
        _pending.reset(token)
    if pending:
        from .models import Project

        refresh(Project.objects.filter(pk__in=sorted(pending)))


def _refresh_projects(**filters) -> None:
    from .models import Project

    pending = _pending.get()
    if pending is not None and set(filters) <= {"pk", "pk__in"}:
        pending.update(filters.get("pk__in") or [filters.get("pk")])
        return
    refresh(Project.objects.filter(**filters))


def _project_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or (
        update_fields and set(update_fields) <= {"search_names", "search_document", "search_titles"}
    ):
        return
    _refresh_projects(pk=instance.pk)


def _link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_projects(pk=instance.project_id)


def _links_set(sender, instance, action, reverse, pk_set, **kwargs):
    """`project.countries.set(…)`, `project.keywords.add(…)` and their reverse forms."""
    from .models import Project

    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if isinstance(instance, Project):
        _refresh_projects(pk=instance.pk)
    elif pk_set:
        _refresh_projects(pk__in=pk_set)


def _keyword_link_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_projects(pk=instance.content_object_id)


#: What a project's search reads of its partners (see `_names_by_project`).
ORGANISATION_FIELDS = [
    *get_translation_fields("name"),
    "acronym",
    "city",
    "publication_status",
]


def _organisation_values(organisation) -> tuple:
    return tuple(getattr(organisation, field) for field in ORGANISATION_FIELDS)


def _organisation_saving(sender, instance, raw=False, **kwargs):
    """Remember what the search reads of the organisation before the save: a partner of
    thousands of projects is refreshed only when its name, acronym, city or publication
    changes, not each time its description is edited."""
    if not raw and instance.pk:
        before = Organisation.objects.filter(pk=instance.pk).values_list(*ORGANISATION_FIELDS)
        instance._searched_values_before = before.first()


def _organisation_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    if getattr(instance, "_searched_values_before", None) != _organisation_values(instance):
        _refresh_projects(participations__organisation=instance)


def _country_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_projects(countries=instance)


def _keyword_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        _refresh_projects(keyword_links__tag=instance)


def connect_signals() -> None:
    from .models import Keyword, Participation, Project, ProjectCountry, TaggedKeyword

    uid = "projects.search"
    post_save.connect(_project_saved, sender=Project, dispatch_uid=f"{uid}.project")
    for link in (Participation, ProjectCountry):
        for signal in (post_save, post_delete):
            signal.connect(_link_changed, sender=link, dispatch_uid=f"{uid}.{link.__name__}")
    for through in (ProjectCountry, Project.keywords.through):
        m2m_changed.connect(_links_set, sender=through, dispatch_uid=f"{uid}.m2m.{through}")
    # Keywords are linked through taggit's manager, which saves each new link (a post_save per
    # keyword) and then sends m2m_changed once: m2m_changed alone refreshes the project, once.
    # A link deleted by a cascade (a keyword deleted) sends only post_delete.
    post_delete.connect(_keyword_link_changed, sender=TaggedKeyword, dispatch_uid=f"{uid}.tagged")
    pre_save.connect(_organisation_saving, sender=Organisation, dispatch_uid=f"{uid}.org")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid=f"{uid}.org")
    post_save.connect(_country_saved, sender=Country, dispatch_uid=f"{uid}.country")
    post_save.connect(_keyword_saved, sender=Keyword, dispatch_uid=f"{uid}.keyword")
