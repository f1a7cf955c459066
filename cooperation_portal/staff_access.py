"""Staff access: sessions that end, and lockouts that are told.

Staff sessions end after an hour without activity and twelve hours after login, whatever the
browser does (settings STAFF_SESSION_IDLE_SECONDS and STAFF_SESSION_MAX_SECONDS). A login locked
out by django-axes is a security event (logger `cooperation_portal.security`).

Visitors have no account: a request without a session cookie is not looked at, so public pages
(and the page cache before the session middleware) pay nothing for this."""

import logging
import time

from axes.signals import user_locked_out
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

security_log = logging.getLogger("cooperation_portal.security")

SINCE = "staff_session_since"
SEEN = "staff_session_seen"
# The last-seen time is written at most this often, not on every request.
SEEN_PRECISION_SECONDS = 60


@receiver(user_logged_in, dispatch_uid="staff_session_started")
def start_the_clock(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[SINCE] = now
        request.session[SEEN] = now


@receiver(user_locked_out, dispatch_uid="log_lockout")
def log_lockout(sender, request, username, ip_address, **kwargs):
    security_log.warning(
        "login locked out: username %r from %s after %d failures",
        username,
        ip_address,
        settings.AXES_FAILURE_LIMIT,
        extra={"event": "login_locked_out", "username": username, "client": ip_address},
    )


def session_end(session, now: float) -> str | None:
    """Why this staff session is over, or None while it lasts."""
    since, seen = session.get(SINCE), session.get(SEEN)
    if since is None or now - since > settings.STAFF_SESSION_MAX_SECONDS:
        return "max"
    if seen is None or now - seen > settings.STAFF_SESSION_IDLE_SECONDS:
        return "idle"
    return None


class StaffSessionTimeoutMiddleware:
    """After AuthenticationMiddleware: logs a staff member out when the session has lasted too
    long or lain idle too long, and says so on the next page (the admin's login form)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            self.check(request)
        return self.get_response(request)

    def check(self, request):
        user = request.user
        if not (user.is_authenticated and user.is_staff):
            return
        now = time.time()
        ended = session_end(request.session, now)
        if ended:
            logout(request)
            if ended == "idle":
                minutes = settings.STAFF_SESSION_IDLE_SECONDS // 60
                said = _(
                    "Your session ended after %(minutes)d minutes without activity. "
                    "Please log in again."
                ) % {"minutes": minutes}
            else:
                hours = settings.STAFF_SESSION_MAX_SECONDS // 3600
                said = _(
                    "Your session ended: staff sessions last %(hours)d hours at most. "
                    "Please log in again."
                ) % {"hours": hours}
            messages.info(request, said)
        elif now - request.session[SEEN] >= SEEN_PRECISION_SECONDS:
            request.session[SEEN] = int(now)
