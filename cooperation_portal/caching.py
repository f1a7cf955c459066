"""Whole public pages cached for anonymous visitors, dropped at once when content changes.

Foundation layer: imports no app of ours (the content apps are named in
``settings.PAGE_CACHE_CONTENT_APPS``).

How it works:

- A page is stored under a key made of its absolute address (scheme, host, path and query
  string: pages hold absolute links), the language it is shown in, and whether it was asked
  for by htmx (``HX-Request``, ``HX-History-Restore-Request``: a partial or the whole page).
- Every key also carries the **content version**, a number kept in the cache itself
  (``portal:content-version``). Any save, delete or many-to-many change of a content model
  bumps it, so every stored page is left behind at once and simply never read again; entries
  also expire after ``PAGE_CACHE_SECONDS``. Writes that send no signals (``QuerySet.update()``,
  ``bulk_create()``, raw SQL) must call :func:`bump_content_version` themselves. ``migrate``
  bumps it too (a deploy leaves the previous code's pages behind), and so does any source file
  changed under runserver. The version lives where the pages do: with ``locmem://`` each
  process has its own, so several processes need a shared cache (Redis).
- Only anonymous visitors share pages. A request with a session cookie (staff, or anyone the
  site gave a session) is never answered from the cache, and what it gets is never stored:
  it is marked ``Cache-Control: private, no-cache``.
- A page is stored only when it is safe to share: a GET answered 200, not streamed, without a
  cookie (a page using the CSRF token always sets one), not marked private, no-cache or
  no-store (``never_cache`` views such as the health check), and varying on nothing the key
  does not hold. Redirects are never stored: the one from ``/`` depends on the visitor's
  language. Nothing under the admin is stored.
- Stored pages carry ``Cache-Control: public, max-age=PAGE_BROWSER_MAX_AGE``, an ETag (a hash
  of the body) and ``Vary: Cookie`` besides what the view varies on: a browser or proxy may
  reuse the anonymous page briefly, but not for someone who has since logged in. Django's
  ConditionalGetMiddleware, placed before this one, answers 304 to a matching
  ``If-None-Match``, whether the page was just rendered or came from the cache.
- A view may shorten both lifetimes with its own ``Cache-Control: max-age`` (the smaller wins),
  e.g. a page whose content changes state at the next deadline.
- ``X-Page-Cache: hit`` or ``miss`` tells whether a shareable page came from the cache. When
  the cache cannot be reached, pages are rendered as if nothing were cached.

Why not Django's UpdateCacheMiddleware and FetchFromCacheMiddleware: they key pages on the
request headers the response varies on, so every distinct ``Cookie`` header would make its own
copy, and they cannot bypass the cache for a session cookie alone, nor drop every page at once
when content changes (they know no content version). They also store whole pickled response
objects; here a page is stored as its body and headers.
"""

import contextlib
import contextvars
import datetime
import hashlib
import logging
import secrets
import time

from asgiref.local import Local
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from django.urls import NoReverseMatch, reverse
from django.utils import autoreload, timezone
from django.utils.cache import (
    cc_delim_re,
    get_max_age,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.dateparse import parse_datetime
from django.utils.translation import get_language_from_request

from .models import ContentVersion

logger = logging.getLogger(__name__)

CONTENT_VERSION_KEY = "portal:content-version"
PAGE_KEY_PREFIX = "portal:page"
#: Larger responses (exports of whole lists) are not kept in the cache.
LARGEST_CACHED_PAGE = 1024 * 1024
#: The headers a stored page may vary on: the key holds them (the language, through
#: Accept-Language, and htmx's two headers), or requests that send them are never cached
#: (a session cookie).
VARY_HELD_BY_THE_KEY = {"accept-language", "cookie", "hx-request", "hx-history-restore-request"}
#: Tells whoever looks (curl -I, a test) whether the page came from the cache.
STATUS_HEADER = "X-Page-Cache"


# The content version ------------------------------------------------------------------------


def content_version() -> int:
    """The current content version. A lost version (evicted, never set) starts again from the
    clock, never from a number already used, so old pages cannot come back."""
    version = cache.get(CONTENT_VERSION_KEY)
    if version is None:
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)
        version = cache.get(CONTENT_VERSION_KEY)
    return version


def bump_content_version(using: str | None = None) -> None:
    """Leave every cached page behind, and every index a process keeps of the content. Model
    signals call it; call it yourself after a write to content that sends none
    (`QuerySet.update()`, `bulk_create()`, raw SQL).

    The cache's version is bumped now, so that the next request (and a test, whose transaction
    never commits) sees the change; and inside a transaction (on the `using` database) again
    once it commits, so that a page rendered meanwhile from the rows before the commit is never
    read. The database's token (`stored_content_version`) changes in the writer's own
    transaction: it commits, or rolls back, with the content."""
    _increment()
    _change_stored_version(using)
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_increment, using=using, robust=True)


def stored_content_version(using: str | None = None) -> int | None:
    """The content version the database holds (one short query), or None if nothing was
    written since the database was created or emptied. Unlike the cache's version it is there
    whatever the cache backend, and it is the version of the rows this connection sees.

    Within a request it is read once per database, however many values follow it (the facet
    index, the footer's contacts): a write in the same request forgets it."""
    return _stored_version(using)[0]


def content_changed_at(using: str | None = None) -> datetime.datetime | None:
    """When published content last changed (read with the version: no query of its own)."""
    return _stored_version(using)[1]


def _stored_version(using: str | None) -> tuple[int | None, datetime.datetime | None]:
    using = using or DEFAULT_DB_ALIAS
    read = getattr(_request, "versions", None)
    if read is not None and using in read:
        return read[using]
    connection = connections[using]
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token, changed_at FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    stored = (None, None)
    if row:
        changed_at = row[1]
        if isinstance(changed_at, str):  # SQLite
            changed_at = parse_datetime(changed_at)
        if changed_at is not None and timezone.is_naive(changed_at):
            changed_at = timezone.make_aware(changed_at, datetime.UTC)
        stored = (row[0], changed_at)
    if read is not None:
        read[using] = stored
    return stored


#: The versions read during the current request (None outside a request: read each time).
_request = Local()


def _request_started(**kwargs) -> None:
    _request.versions = {}


def _request_finished(**kwargs) -> None:
    _request.versions = None


def _change_stored_version(using: str | None) -> None:
    # One statement (an upsert): a random token, never a counter (see ContentVersion).
    if getattr(_request, "versions", None):
        _request.versions = {}
    ContentVersion.objects.using(using or DEFAULT_DB_ALIAS).bulk_create(
        [ContentVersion(pk=1, token=secrets.randbits(62), changed_at=timezone.now())],
        update_conflicts=True,
        unique_fields=["id"],
        update_fields=["token", "changed_at"],
    )


def _increment() -> None:
    try:
        cache.incr(CONTENT_VERSION_KEY)
    except ValueError:  # no version yet: any new one will do
        cache.add(CONTENT_VERSION_KEY, time.time_ns(), timeout=None)


#: Databases written to within the current `one_content_change()` block (None: outside one).
_changed_in_block: contextvars.ContextVar[set | None] = contextvars.ContextVar(
    "content_changed_in_block", default=None
)


@contextlib.contextmanager
def one_content_change():
    """Within the block, the writes to content bump the content version once, when it ends,
    not at each write (`load_demo` writes hundreds of rows; each bump is a cache increment and
    a write of the stored version). Run the block inside the writes' transaction, so that the
    bump is part of it; nothing is bumped on an exception (the transaction is rolled back)."""
    if _changed_in_block.get() is not None:  # already inside one
        yield
        return
    token = _changed_in_block.set(set())
    try:
        yield
        changed = _changed_in_block.get()
    finally:
        _changed_in_block.reset(token)
    for using in changed:
        bump_content_version(using)


def _content_changed(sender, using=None, action="post_", **kwargs) -> None:
    if action.startswith("post_"):  # not m2m_changed's pre_add, pre_remove, pre_clear
        changed = _changed_in_block.get()
        if changed is None:
            bump_content_version(using)
        else:
            changed.add(using)


def _migrated(sender, **kwargs) -> None:
    # Deploys run migrate: pages rendered by the previous code are left behind.
    bump_content_version()


def _source_file_changed(sender, file_path, **kwargs) -> None:
    # Development: a template edited under runserver shows at once on the next request.
    bump_content_version()


def connect_signals() -> None:
    """Bump the content version on every write to the content apps' models (their link tables
    included), after migrate, and, while developing, when a source file changes."""
    for label in settings.PAGE_CACHE_CONTENT_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"page-cache.{model._meta.label}"
            post_save.connect(_content_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_content_changed, sender=model, dispatch_uid=uid)
            m2m_changed.connect(_content_changed, sender=model, dispatch_uid=uid)
    post_migrate.connect(_migrated, dispatch_uid="page-cache.migrate")
    request_started.connect(_request_started, dispatch_uid="content-version.request-started")
    request_finished.connect(_request_finished, dispatch_uid="content-version.request-finished")
    if settings.DEBUG:
        autoreload.file_changed.connect(_source_file_changed, dispatch_uid="page-cache.reload")


# The middleware -----------------------------------------------------------------------------


def page_key(request) -> str:
    is_htmx = request.headers.get("HX-Request") == "true"
    restores_history = request.headers.get("HX-History-Restore-Request") == "true"
    # The language as LocaleMiddleware will choose it: from the path under /en/ and /fr/,
    # else from the language cookie or Accept-Language.
    language = get_language_from_request(request, check_path=True)
    address = request.build_absolute_uri()
    identity = f"{address}\n{language}\n{is_htmx:d}{restores_history:d}"
    return f"{PAGE_KEY_PREFIX}:{hashlib.sha256(identity.encode()).hexdigest()}"


def _admin_prefix() -> str | None:
    try:
        return reverse("admin:index")
    except NoReverseMatch:
        return None


def _cache_control(response) -> set[str]:
    header = response.get("Cache-Control", "")
    return {part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(header) if part}


def _varies_only_on_the_key(response) -> bool:
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part}
    return vary <= VARY_HELD_BY_THE_KEY


def _is_shareable(request, response) -> bool:
    user = getattr(request, "user", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not response.has_header("Set-Cookie")
        and not _cache_control(response) & {"private", "no-cache", "no-store"}
        and _varies_only_on_the_key(response)
        and not (user is not None and user.is_authenticated)
    )


class AnonymousPageCacheMiddleware:
    """Answers anonymous GET and HEAD requests from the page cache, and stores what may be
    shared (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            response = self.get_response(request)
            # Nothing between here and the visitor keeps a page made for a session.
            patch_cache_control(response, private=True, no_cache=True)
            return response
        admin_prefix = _admin_prefix()
        if request.method not in ("GET", "HEAD") or (
            admin_prefix and request.path.startswith(admin_prefix)
        ):
            return self.get_response(request)

        key, version = None, None
        if settings.PAGE_CACHE_SECONDS > 0:
            key = page_key(request)
            try:
                version = content_version()
                stored = None if version is None else cache.get(key, version=version)
            except Exception:  # a cache outage must not take the pages down
                logger.warning("The page cache cannot be read.", exc_info=True)
                version, stored = None, None
            if stored is not None:
                response = _rebuild(stored)
                response[STATUS_HEADER] = "hit"
                return response

        response = self.get_response(request)
        if not _is_shareable(request, response):
            return response
        if len(response.content) > LARGEST_CACHED_PAGE:
            return response
        view_max_age = get_max_age(response)
        timeout = settings.PAGE_CACHE_SECONDS
        if view_max_age is not None:
            timeout = min(timeout, view_max_age)
        # patch_cache_control keeps the smaller max-age when the view set one.
        patch_cache_control(response, public=True, max_age=settings.PAGE_BROWSER_MAX_AGE)
        patch_vary_headers(response, ["Cookie"])
        # A HEAD response's body may be empty: no ETag from it (as ConditionalGetMiddleware).
        if request.method == "GET" and not response.has_header("ETag"):
            set_response_etag(response)
        if version is not None and request.method == "GET" and timeout > 0:
            try:
                cache.set(key, _stored(response), timeout, version=version)
            except Exception:
                logger.warning("The page cache cannot be written.", exc_info=True)
        response[STATUS_HEADER] = "miss"
        return response


def _stored(response) -> tuple[bytes, list[tuple[str, str]]]:
    """A page as the cache keeps it: its body and headers (not a pickled response object,
    which a new Django version might not read back)."""
    return response.content, list(response.items())


def _rebuild(stored: tuple[bytes, list[tuple[str, str]]]) -> HttpResponse:
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response
