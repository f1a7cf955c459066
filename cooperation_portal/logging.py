"""Logs and alerts: the formats of the console log, the request id every line of a request
carries, who is told of errors (ADMINS by mail, and an error tracker when SENTRY_DSN is set).

Foundation layer: imports no app of ours. Read by settings.py (LOGGING names the classes below),
so it imports nothing that needs the settings at import time.

- `DJANGO_LOG_FORMAT=json` (the default when debug is off) prints one JSON object per line:
  `time` (ISO 8601, UTC), `level`, `logger`, `message`, `request_id` (null outside a request) and
  whatever the record carries (`extra=`: a request's `method`, `path`, `status`, `duration_ms`,
  `user`; a security event's `event`, `username`, `client`), a traceback as `exc_info`.
  `text` (the default in development) prints `LEVEL logger: message`.
- Errors (level ERROR: a server error, the database unreachable) are mailed to ADMINS when
  debug is off, and sent to the error tracker when there is one.
"""

import contextvars
import logging
import re

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.validators import validate_email
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter as LibraryJsonFormatter

#: The id of the request being served (cooperation_portal.operations.RequestLogMiddleware).
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "current_request_id", default=None
)


class RequestIdFilter(logging.Filter):
    """Gives every record the id of the request it was logged in (None outside a request)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


class JsonFormatter(LibraryJsonFormatter):
    """One JSON object per line (python-json-logger): time, level, logger, message, then the
    record's own fields. Django's request objects (`request` on django.request and
    django.server records) are left out: the request id, method and path say which it was."""

    def __init__(self, **kwargs):
        super().__init__(
            ["levelname", "name", "message"],
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
            reserved_attrs=[*RESERVED_ATTRS, "request", "server_time"],
            json_ensure_ascii=False,
            **kwargs,
        )


# Who is told of errors ------------------------------------------------------------------------

ADMIN = re.compile(r"(?:(?P<name>[^<>,]*?)\s*<(?P<address>[^<>,\s]+)>|(?P<bare>[^<>,\s]+))")


def parse_admins(value: str) -> list[tuple[str, str]]:
    """ADMINS from `DJANGO_ADMINS`: comma-separated `Name <address>` (or bare addresses), e.g.
    `Marie Dupont <marie@example.org>, ops@example.org`; empty: no one."""
    admins = []
    for item in value.split(","):
        item = item.strip()
        if not item:
            continue
        match = ADMIN.fullmatch(item)
        address = match and (match["address"] or match["bare"])
        try:
            validate_email(address)
        except ValidationError:
            raise ImproperlyConfigured(
                f"DJANGO_ADMINS: {item!r} is not an e-mail address or 'Name <address>'. "
                "Separate people with commas: 'Marie Dupont <marie@example.org>, "
                "ops@example.org'."
            ) from None
        admins.append(((match["name"] or "").strip() or address, address))
    return admins


def errors_reported() -> bool:
    """Whether someone is told of server errors: by mail (ADMINS) or by the error tracker."""
    from django.conf import settings

    return bool(settings.ADMINS or getattr(settings, "SENTRY_DSN", ""))


def start_error_tracker(dsn: str) -> None:
    """Send errors to a Sentry-compatible tracker (sentry-sdk; its environment and release come
    from SENTRY_ENVIRONMENT and SENTRY_RELEASE). No personal data: no user, address, cookie,
    request body or local variable is sent, only tracebacks and the request's method and URL."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import ignore_logger

    sentry_sdk.init(
        dsn=dsn,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        before_send=leave_out_expected_errors,
    )
    # Requests naming another host are bots: logged, never sent.
    ignore_logger("django.security.DisallowedHost")


def leave_out_expected_errors(event, hint):
    """An unreachable database is answered 503 and reported once in a while as a log line of
    its own (cooperation_portal.operations): not once per request."""
    from .operations import is_database_unavailable

    error = (hint.get("exc_info") or (None, None, None))[1]
    return None if is_database_unavailable(error) else event
