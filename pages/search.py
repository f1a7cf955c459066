"""One search across everything (`/en/search/?q=`): projects, funding schemes and their calls,
organisations, events and their sessions, news and the office's pages.

What a visitor typed is read as words, folded (lower case, no accents: "Santé", "sante" and
"SANTE" are one word), all of which must match, in either language. Each type of content is a
`Group`; the page shows the groups in a fixed order (the order of `GROUPS`, that of the site's
navigation) so that a group is always where one expects it, each with its count, its best few
hits and a link to all of them.

- Projects are found as the projects list finds them (`projects.search`: the stored, indexed
  search document on PostgreSQL), ranked by it; so are funding schemes and organisations (their
  `search()` methods): the count shown is the count their list shows for the same `q`.
- Calls, events, sessions, news and the office's pages are found by their QuerySets'
  `with_words` (`cooperation_portal.text_search.WordSearchQuerySet`): every word contained in
  one of their texts, ignoring case and accents, through a trigram index on PostgreSQL.
- Ranking within a group: on PostgreSQL, projects by `SearchRank` over their titles; every other
  group (and projects on SQLite) puts hits whose title holds a word first, then the group's
  natural order (newest first for what is dated, by name otherwise).
- A typo: when a group finds nothing, it is searched again for close words, by its QuerySet's
  `with_words_or_typos`: on both engines a word of four letters or more also matches with two
  neighbouring letters swapped ("snaté" finds "Santé"); on PostgreSQL its titles are also
  compared by trigram word similarity (`pg_trgm`, at least
  `cooperation_portal.database.TYPO_SIMILARITY`: "santr" finds "Santé"), through a trigram
  index on the folded titles: index lookups, whatever the number of rows. The page says the
  hits are close matches; its "see all" link then stays on the search page (the list would
  find nothing).
- Snippets: on PostgreSQL, `ts_headline` over the hit's summary through the `portal_unaccent`
  configuration (pages/migrations/0006), whose marks are turned into `<mark>` after the text is
  escaped; on SQLite, an excerpt around the first word found, escaped, the words in `<mark>`.
  In the page's language, unless only the other language's text holds a word found (a French
  title found from the English page shows its French summary, marked `lang="fr"`). Computed
  for the rows shown only (PostgreSQL evaluates the headline above the sort, under the limit).

Drafts never appear: every group starts from published rows (sessions and calls from those of
published events and schemes; the office's pages are always public).
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.core.paginator import Paginator
from django.db import connection, models
from django.db.models import Case, F, Value, When
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from cooperation_portal.database import SEARCH_MAX_LENGTH, fold
from cooperation_portal.text_search import may_be_typos, typo_words
from events.models import Event, Session
from funding.models import Call, FundingScheme
from news.models import NewsItem
from partners.models import Organisation
from projects import search as project_search
from projects.models import Project

from .models import OfficePage

#: How many hits of each group the page across everything shows (the rest: "see all N").
SHOWN_PER_GROUP = 5
#: Hits per page when the search is restricted to one group (`?type=`).
PAGE_SIZE = 20
#: The text search configuration of the snippets (pages/migrations/0006_search_extensions.py).
HEADLINE_CONFIGURATION = "portal_unaccent"
#: What ts_headline puts around a match: characters of Unicode's private use area, which no
#: text holds, turned into <mark> once the rest is escaped.
START, STOP = "\ue000", "\ue001"
SNIPPET_LENGTH = 220


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# Words --------------------------------------------------------------------------------------


def search_words(text: str) -> list[str]:
    """The words of `text`, folded: the projects' own reading of a search."""
    return project_search.search_words(text)


def page_language_first() -> list[str]:
    """The languages of the site, the page's first."""
    current = (get_language() or settings.LANGUAGE_CODE)[:2]
    codes = [code for code, _name in settings.LANGUAGES]
    return sorted(codes, key=lambda code: code != current)


# Snippets -----------------------------------------------------------------------------------


def headline(column: str, words: list[str]):
    """ts_headline of a column (PostgreSQL), with `START`/`STOP` around matches."""
    terms = " | ".join(f"{word}:*" for word in words)
    return SearchHeadline(
        F(column),
        SearchQuery(terms, search_type="raw", config=HEADLINE_CONFIGURATION),
        config=HEADLINE_CONFIGURATION,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
    )


def marked(text: str) -> SafeString:
    """`text` from ts_headline, escaped, its marked matches in <mark>."""
    escaped = html.escape(" ".join(text.split()), quote=False)
    escaped = re.sub(f"{START}(.*?){STOP}", r"<mark>\1</mark>", escaped)
    return mark_safe(escaped.replace(START, "").replace(STOP, ""))  # escaped above


def excerpt(text: str, words: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """A part of `text` around the first of `words` found (ignoring case and accents), escaped,
    every word found in it in <mark>: the snippet where ts_headline is not available."""
    text = " ".join((text or "").split())
    folded, origin = [], []
    for position, character in enumerate(text):
        for folded_character in fold(character):
            folded.append(folded_character)
            origin.append(position)
    folded_text = "".join(folded)
    spans = []
    for word in words:
        for found in re.finditer(re.escape(word), folded_text):
            spans.append((origin[found.start()], origin[found.end() - 1] + 1))
    spans.sort()
    start = 0
    if spans and len(text) > length:
        start = max(0, spans[0][0] - length // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < spans[0][0] else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > max(start, spans[0][1] if spans else start) else end
    pieces, cursor = [], start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces.append(html.escape(text[cursor:span_start], quote=False))
        pieces.append(f"<mark>{html.escape(text[span_start:span_end], quote=False)}</mark>")
        cursor = span_end
    pieces.append(html.escape(text[cursor:end], quote=False))
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(pieces) + suffix)  # escaped above


# Groups -------------------------------------------------------------------------------------


@dataclass
class Hit:
    """One thing found, as the results draw it."""

    object: models.Model
    title_field: str
    url: str
    snippet: SafeString
    meta: str = ""
    #: The language of the snippet (the page's, or the other one where only it matches).
    snippet_language: str = ""


@dataclass
class Group:
    """One type of content the search finds."""

    key: str
    label: str
    #: The published rows of this type, with what a hit shows: a QuerySet with a word search
    #: (`cooperation_portal.text_search.WordSearchQuerySet`).
    rows: Callable[[], models.QuerySet]
    #: The order after relevance.
    order: tuple[str, ...]
    #: The translated field the snippet is taken from.
    snippet_field: str
    title_field: str = "title"
    #: The list that takes the same `q` ("see all N"), if any.
    list_url_name: str | None = None
    #: Found as its list finds it (its QuerySet's `search(text)`), rather than word by word.
    searched_as_its_list: bool = False
    meta: Callable[[models.Model], str] = field(default=lambda obj: "")
    url: Callable[[models.Model], str] = field(default=lambda obj: obj.get_absolute_url())

    def see_all_label(self, count: int) -> str:
        return SEE_ALL[self.key](count) % {"count": count}

    # The searches.

    def matching(self, text: str, words: list[str]) -> models.QuerySet:
        """The rows matching every word, most relevant first."""
        rows = self.rows()
        rows = rows.search(text) if self.searched_as_its_list else rows.with_words(words)
        return self.ranked(rows, words)

    def close_to(self, words: list[str]) -> models.QuerySet:
        """The rows matching every word or a typo of it, most relevant first."""
        return self.ranked(self.rows().with_words_or_typos(words), typo_words(words))

    def ranked(self, rows: models.QuerySet, words: list[str]) -> models.QuerySet:
        """Hits whose title holds a word first, then the group's order."""
        rows = rows.annotate(
            in_title=Case(When(rows.title_holds_any(words), then=Value(1)), default=Value(0)),
        )
        return rows.order_by("-in_title", *self.order)

    def with_snippets(self, rows: models.QuerySet, words: list[str]) -> models.QuerySet:
        """With the snippet's text in each language (and its headline on PostgreSQL): the hit
        shows the page's language unless only the other one holds a word found."""
        for language in page_language_first():
            column = f"{self.snippet_field}_{language}"
            rows = rows.annotate(**{f"snippet_text_{language}": F(column)})
            if is_postgresql() and words:
                rows = rows.annotate(**{f"snippet_headline_{language}": headline(column, words)})
        return rows

    def ordered(self, rows: models.QuerySet, words: list[str]):
        """What is paged: the rows with their snippets, counted and sliced in SQL."""
        return self.with_snippets(rows, words)

    def shown(self, part, words: list[str]) -> list:
        """The rows of a part (a page) of `ordered`."""
        return list(part)

    def hit(self, row: models.Model, words: list[str]) -> Hit:
        snippets = []
        for language in page_language_first():
            text = getattr(row, f"snippet_text_{language}", "") or ""
            headline_text = getattr(row, f"snippet_headline_{language}", None)
            snippet = marked(headline_text) if headline_text else excerpt(text, words)
            if text:
                snippets.append((snippet, language))
        # The first that marks a word found, else the first there is (the page's language).
        snippet, language = next(
            (found for found in snippets if "<mark>" in found[0]),
            snippets[0] if snippets else (mark_safe(""), ""),
        )
        return Hit(row, self.title_field, self.url(row), snippet, self.meta(row), language)


class ProjectGroup(Group):
    """Projects, found as the projects list finds them (`projects.search`: stored documents),
    ranked by it on PostgreSQL."""

    def matching(self, text, words):
        return self.ranked(self.rows().search(text), words)

    def ranked(self, rows, words):
        if is_postgresql():
            return rows.order_by("-rank", *self.order)
        return super().ranked(rows, words)

    def ordered(self, rows, words):
        """The ids of every match, most relevant first, read in one query (as the projects
        list reads a search): counting them and taking a page of them do not read the matches
        a second time (a common word matches thousands of projects at 100,000)."""
        return list(rows.values_list("pk", flat=True))

    def shown(self, part, words):
        ids = list(part)
        found = {row.pk: row for row in self.with_snippets(self.rows().filter(pk__in=ids), words)}
        return [found[pk] for pk in ids if pk in found]


def _date(value) -> str:
    return date_format(value, "DATE_FORMAT") if value else ""


def _call_meta(call: Call) -> str:
    return _("%(scheme)s — deadline %(deadline)s") % {
        "scheme": call.scheme.name,
        "deadline": _date(call.deadline.date()),
    }


def _session_meta(session: Session) -> str:
    return _("%(event)s, %(date)s") % {
        "event": session.event.title,
        "date": _date(session.starts_at.date()),
    }


SEE_ALL = {
    "projects": lambda n: ngettext("See the %(count)s project", "See all %(count)s projects", n),
    "funding": lambda n: ngettext(
        "See the %(count)s funding scheme", "See all %(count)s funding schemes", n
    ),
    "calls": lambda n: ngettext("See the %(count)s call", "See all %(count)s calls", n),
    "partners": lambda n: ngettext(
        "See the %(count)s organisation", "See all %(count)s organisations", n
    ),
    "events": lambda n: ngettext("See the %(count)s event", "See all %(count)s events", n),
    "sessions": lambda n: ngettext("See the %(count)s session", "See all %(count)s sessions", n),
    "news": lambda n: ngettext("See the %(count)s news item", "See all %(count)s news items", n),
    "pages": lambda n: ngettext("See the %(count)s page", "See all %(count)s pages", n),
}

#: Every group, in the order the page shows them (the site's navigation order).
GROUPS: list[Group] = [
    ProjectGroup(
        key="projects",
        label=_("Projects"),
        rows=lambda: Project.objects.published().defer(
            "search_document", "search_titles", "search_names"
        ),
        order=("-start_date", "pk"),
        snippet_field="summary",
        list_url_name="projects:list",
        meta=lambda project: project.acronym,
    ),
    Group(
        key="funding",
        label=_("Funding schemes"),
        rows=lambda: FundingScheme.objects.published(),
        order=("name", "pk"),
        snippet_field="summary",
        title_field="name",
        list_url_name="funding:list",
        searched_as_its_list=True,
    ),
    Group(
        key="calls",
        label=_("Calls"),
        rows=lambda: Call.objects.of_published_schemes().select_related("scheme"),
        order=("-deadline", "pk"),
        snippet_field="scheme__summary",
        meta=_call_meta,
    ),
    Group(
        key="partners",
        label=_("Organisations"),
        rows=lambda: Organisation.objects.published(),
        order=("name", "pk"),
        snippet_field="tagline",
        title_field="name",
        list_url_name="partners:list",
        searched_as_its_list=True,
    ),
    Group(
        key="events",
        label=_("Events"),
        rows=lambda: Event.objects.published(),
        order=("-starts_at", "pk"),
        snippet_field="summary",
        meta=lambda event: _date(event.starts_at.date()),
    ),
    Group(
        key="sessions",
        label=_("Sessions"),
        rows=lambda: Session.objects.of_published_events().select_related("event"),
        order=("-starts_at", "pk"),
        snippet_field="description",
        meta=_session_meta,
        url=lambda session: session.event.get_absolute_url(),
    ),
    Group(
        key="news",
        label=_("News"),
        rows=lambda: NewsItem.objects.published(),
        order=("-published_on", "-pk"),
        snippet_field="summary",
        meta=lambda item: _date(item.published_on),
    ),
    Group(
        key="pages",
        label=_("The office's pages"),
        rows=lambda: OfficePage.objects.all(),
        order=("key",),
        snippet_field="summary",
    ),
]
GROUPS_BY_KEY = {group.key: group for group in GROUPS}


# The search ---------------------------------------------------------------------------------


@dataclass
class GroupResult:
    group: Group
    count: int
    hits: list[Hit]
    #: Found by close words only (a typo): no exact match in this group.
    close_matches: bool = False
    page_obj: object = None


def read_query(text: str) -> tuple[str, bool]:
    """What a visitor typed, spaces tidied and at most `SEARCH_MAX_LENGTH` characters; and
    whether it was shortened."""
    text = " ".join((text or "").split())
    return text[:SEARCH_MAX_LENGTH], len(text) > SEARCH_MAX_LENGTH


def search_group(group: Group, text: str, words: list[str], shown: int) -> GroupResult:
    """A group's `shown` best hits and its count: one query when it has fewer hits than that,
    two otherwise (projects: their ids, then the rows shown); as many more (the typo search)
    when it has none."""
    close = False
    ordered = group.ordered(group.matching(text, words), words)
    hits = group.shown(ordered[:shown], words)
    if not hits and may_be_typos(words):
        close = True
        ordered = group.ordered(group.close_to(words), typo_words(words))
        hits = group.shown(ordered[:shown], typo_words(words))
    marked_words = typo_words(words) if close else words
    if len(hits) < shown:
        count = len(hits)
    else:
        count = len(ordered) if isinstance(ordered, list) else ordered.count()
    return GroupResult(
        group,
        count,
        [group.hit(row, marked_words) for row in hits],
        close_matches=close and bool(hits),
    )


def search_everything(text: str) -> list[GroupResult]:
    """Every group's best hits and count, in the order of `GROUPS`; empty groups left out."""
    words = search_words(text)
    if not words:
        return []
    results = [search_group(group, text, words, SHOWN_PER_GROUP) for group in GROUPS]
    return [result for result in results if result.count]


def search_one_group(group: Group, text: str, words: list[str], page: str) -> tuple:
    """One group's hits, a page at a time: (GroupResult, page number asked past the last)."""
    paginator = Paginator(group.ordered(group.matching(text, words), words), PAGE_SIZE)
    close = False
    if paginator.count == 0 and may_be_typos(words):
        paginator = Paginator(group.ordered(group.close_to(words), typo_words(words)), PAGE_SIZE)
        close = paginator.count > 0
    marked_words = typo_words(words) if close else words
    missing_page = None
    page = (page or "").strip()
    if page.isdecimal() and page.lstrip("0"):
        number = int(page) if len(page) < 10 else paginator.num_pages + 1
        if number > paginator.num_pages:
            missing_page, number = page, paginator.num_pages
    else:
        number = 1
    page_obj = paginator.page(number)
    hits = [group.hit(row, marked_words) for row in group.shown(page_obj.object_list, marked_words)]
    result = GroupResult(group, paginator.count, hits, close_matches=close, page_obj=page_obj)
    return result, missing_page
