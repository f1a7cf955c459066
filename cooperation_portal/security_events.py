"""Security events on the `cooperation_portal.security` logger: failed logins (WARNING), staff
logins (INFO) and refused permissions (WARNING, every 403 answer). django-axes lockouts and the
Content Security Policy's reports go to the same logger from their own modules.

Foundation layer: imports no app of ours. Connected in apps.py.

Never a password: Django's `user_login_failed` already masks it, and only the user name is read.
What a visitor typed is logged shortened and on one line. Each record carries `event`
(`login_failed`, `staff_login`, `permission_refused`) and `client` (the address) for the
JSON log, as the lockouts do (staff_access.py).
"""

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .network import client_address
from .text import one_line

logger = logging.getLogger("cooperation_portal.security")


def address_of(request: HttpRequest | None) -> str:
    return (client_address(request) if request is not None else "") or "-"


@receiver(user_login_failed, dispatch_uid="security-events.login-failed")
def login_failed(sender, credentials, request=None, **kwargs):
    username_field = get_user_model().USERNAME_FIELD
    username = one_line(credentials.get(username_field, credentials.get("username")))
    address = address_of(request)
    logger.warning(
        "Failed login for %r from %s",
        username,
        address,
        extra={"event": "login_failed", "username": username, "client": address},
    )


@receiver(user_logged_in, dispatch_uid="security-events.staff-login")
def staff_logged_in(sender, request, user, **kwargs):
    if not user.is_staff:
        return
    address = address_of(request)
    logger.info(
        "Staff login: %s (user %s) from %s",
        user.get_username(),
        user.pk,
        address,
        extra={
            "event": "staff_login",
            "user": str(user.pk),
            "username": user.get_username(),
            "client": address,
        },
    )


def permission_refused(request: HttpRequest, user: str) -> None:
    """A 403 answer (PermissionDenied, a CSRF failure…), logged by operations.RequestLogMiddleware
    with who asked (`user`: an id, `anonymous` or `-`) and for what."""
    address = address_of(request)
    path = one_line(request.path)
    logger.warning(
        "Permission refused: %s %s for user %s from %s",
        request.method,
        path,
        user,
        address,
        extra={
            "event": "permission_refused",
            "method": request.method,
            "path": path,
            "user": user,
            "client": address,
        },
    )
