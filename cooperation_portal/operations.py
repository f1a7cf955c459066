"""Operations: each request's id and log line, the health check, and pages that answer 503
(not 500) while the database is out of reach.

Foundation layer: imports no app of ours.

- `RequestLogMiddleware`, first of all middleware: gives each request an id (the caller's
  `X-Request-ID` when it is a sane token, else a new one), sends it back in `X-Request-ID`, and
  logs one line per request on `cooperation_portal.requests` (method, path, status, duration,
  user). Every other line logged meanwhile carries the same id (cooperation_portal.logging).
  A 403 is also a security event (cooperation_portal.security_events).
- While the database is down, refuses connections, does not answer within the connect timeout
  (`DJANGO_DB_CONNECT_TIMEOUT`) or is shutting down, every page answers a short 503 page in the
  visitor's language with `Retry-After`, never cached: `DatabaseUnavailableMiddleware` for what
  views raise, `server_error` (handler500) for what middleware raises. Such an answer is not a
  bug: it is logged as a WARNING, and as an ERROR (mailed to ADMINS, sent to the error tracker)
  at most once every ALERT_INTERVAL_SECONDS per process. Nothing else changes: the next request
  tries the database again, so the site comes back by itself with the database. Static files
  (WhiteNoise) and pages in the page cache never touch the database and are served as usual.
- `healthz`: 200 when the database answers `SELECT 1`, 503 when it does not within
  HEALTH_CHECK_SECONDS, whatever the database does (refuses, hangs, answers nothing at all).
"""

import contextlib
import logging
import re
import sqlite3
import sys
import threading
import time
import uuid

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.functional import LazyObject, empty
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import security_events
from .logging import current_request_id, errors_reported

logger = logging.getLogger(__name__)
request_logger = logging.getLogger("cooperation_portal.requests")

REQUEST_ID_HEADER = "X-Request-ID"
#: An incoming request id is kept when it looks like one (a UUID, a hex or base64 token, a
#: proxy's trace id): nothing that could break a log line or a header.
SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+/=-]{0,127}")

#: What a 503 tells browsers and crawlers: try again in half a minute.
RETRY_AFTER_SECONDS = 30
#: The health check answers 503 when the database has not answered within this, whether it
#: refuses, takes its connect timeout to fail or never answers (load balancers wait 5 s).
HEALTH_CHECK_SECONDS = 4
#: An unreachable database is an ERROR (mailed, tracked) at most this often per process.
ALERT_INTERVAL_SECONDS = 600

# SQLSTATEs that mean "the database cannot serve now", not "this query is wrong": connection
# exceptions (class 08), shutdown or start-up (57P01-57P03), too many connections (53300).
# psycopg's own connection errors (refused, timeout, connection lost) carry no SQLSTATE.
UNAVAILABLE_SQLSTATE_PREFIXES = ("08", "57P", "53300")


def is_database_unavailable(error: BaseException | None) -> bool:
    """Whether `error` says the database is out of reach (down, unreachable, silent, closing,
    full), rather than that a query failed. A statement cancelled by the statement timeout
    (57014) is a slow query: a bug, answered 500 and reported."""
    if isinstance(error, InterfaceError):  # the connection is closed or broken
        return True
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.Error):
        return getattr(cause, "sqlite_errorcode", None) == sqlite3.SQLITE_CANTOPEN
    sqlstate = getattr(cause, "sqlstate", None)
    return sqlstate is None or sqlstate.startswith(UNAVAILABLE_SQLSTATE_PREFIXES)


_last_alert: float | None = None


def report_unavailable(request: HttpRequest, reason: str) -> None:
    """Log that the database could not serve this request: a WARNING, or an ERROR (mailed to
    ADMINS, sent to the error tracker) when this process has not raised one for a while."""
    global _last_alert
    now = time.monotonic()
    level = logging.WARNING
    if _last_alert is None or now - _last_alert >= ALERT_INTERVAL_SECONDS:
        _last_alert, level = now, logging.ERROR
    logger.log(
        level,
        "The database is unavailable (%s): %s %s answered 503",
        " ".join(reason.split())[:300],
        request.method,
        request.path,
        extra={"event": "database_unavailable"},
    )


def unavailable_page(request: HttpRequest) -> HttpResponse:
    """The 503 page, in the language the visitor would have had (no database needed)."""
    language = translation.get_language_from_request(request, check_path=True)
    retry = request.get_full_path()
    if not url_has_allowed_host_and_scheme(retry, allowed_hosts=None):
        retry = "/"
    with translation.override(language):
        try:
            content = loader.render_to_string(
                "503.html", {"LANGUAGE_CODE": language, "retry_url": retry}
            )
        except Exception:  # the page of last resort must not fail (a missing static file…)
            logger.exception("The 503 page cannot be rendered.")
            content = format_html(
                '<!DOCTYPE html><html lang="{}"><meta charset="utf-8"><title>{}</title>'
                '<main id="main"><h1>{}</h1><p>{}</p></main></html>',
                language,
                gettext("Temporarily unavailable"),
                gettext("The portal is temporarily unavailable"),
                gettext(
                    "It cannot reach its data at the moment. This usually lasts a few minutes: "
                    "please try again shortly."
                ),
            )
    response = HttpResponse(content, status=503)
    response["Content-Language"] = language
    return unavailable(response)


def unavailable(response: HttpResponse) -> HttpResponse:
    """A 503 as every client should read it: try again later, keep nothing."""
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    # Reported by report_unavailable, with its own limit: Django's handler would log every
    # 503 as an ERROR, one mail per request while the database is down.
    response._has_been_logged = True
    return response


class DatabaseUnavailableMiddleware:
    """Answers the 503 page when a view (or the template it renders) finds the database out of
    reach. What middleware raises goes to handler500: `server_error` below."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not is_database_unavailable(exception):
            return None
        report_unavailable(request, str(exception))
        return unavailable_page(request)


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """handler500 (pages/urls.py). The 503 page when the error is the database out of reach;
    otherwise the 500 page, which says the team has been told only when errors are reported
    (ADMINS or SENTRY_DSN)."""
    error = sys.exception()
    if is_database_unavailable(error):
        report_unavailable(request, str(error))
        return unavailable_page(request)
    context = {"LANGUAGE_CODE": translation.get_language(), "errors_reported": errors_reported()}
    return HttpResponseServerError(loader.render_to_string(template_name, context))


# The request's id and log line ----------------------------------------------------------------


def user_label(request: HttpRequest, *, look_up: bool = False) -> str:
    """Who made the request, as logged: the user's id, `anonymous`, or `-` when it is not known
    without a query (the page never looked at the user and a session cookie came with it;
    `look_up` reads it then)."""
    user = getattr(request, "user", None)
    has_session = settings.SESSION_COOKIE_NAME in request.COOKIES
    if user is None or (isinstance(user, LazyObject) and user._wrapped is empty and not look_up):
        return "-" if has_session else "anonymous"
    try:
        return str(user.pk) if user.is_authenticated else "anonymous"
    except DatabaseError:
        return "-"


class RequestLogMiddleware:
    """First of all middleware: the request's id, its log line and, for a 403, the security
    event (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = given if SANE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        token = current_request_id.set(request.request_id)
        try:
            response = self.get_response(request)
            response[REQUEST_ID_HEADER] = request.request_id
            refused = response.status_code == 403
            user = user_label(request, look_up=refused)
            if refused:
                security_events.permission_refused(request, user)
            duration_ms = round((time.perf_counter() - started) * 1000, 1)
            request_logger.info(
                "%s %s %s %s ms",
                request.method,
                request.path,
                response.status_code,
                duration_ms,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": duration_ms,
                    "user": user,
                },
            )
            return response
        finally:
            current_request_id.reset(token)


# The health check -----------------------------------------------------------------------------


class _Probe:
    """One `SELECT 1` on a connection of its own, in a thread of its own, so that the request
    can stop waiting for it."""

    def __init__(self):
        self.finished = threading.Event()
        self.answered = False
        self.reason = f"no answer within {HEALTH_CHECK_SECONDS} s"

    def run(self) -> None:
        connection = connections[DEFAULT_DB_ALIAS]  # this thread's own
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            self.answered = True
        except DatabaseError as error:
            self.reason = str(error)
        except Exception as error:  # not the database's answer: a bug, reported
            self.reason = f"{type(error).__name__}: {error}"
            logger.exception("The health check's probe failed.")
        finally:
            with contextlib.suppress(DatabaseError):
                connection.close()
            self.finished.set()


_probe: _Probe | None = None
_probe_lock = threading.Lock()


def database_answers(timeout: float = HEALTH_CHECK_SECONDS) -> tuple[bool, str]:
    """Whether the database answers within `timeout` seconds, and if not why. One probe at a
    time per process: while one hangs, later checks wait for it instead of starting another
    (its thread is a daemon, and ends when the connection does)."""
    global _probe
    with _probe_lock:
        if _probe is None or _probe.finished.is_set():
            _probe = _Probe()
            threading.Thread(target=_probe.run, name="database-probe", daemon=True).start()
        probe = _probe
    if probe.finished.wait(timeout):
        return probe.answered, probe.reason
    return False, probe.reason


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 (with Retry-After) when it does not within
    HEALTH_CHECK_SECONDS: for load balancers and monitors. GET or HEAD."""
    answered, reason = database_answers(HEALTH_CHECK_SECONDS)
    if answered:
        return JsonResponse({"status": "ok", "database": "ok"})
    report_unavailable(request, reason)
    return unavailable(
        JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    )
