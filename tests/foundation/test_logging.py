"""Each log line once: Django's loggers and ours reach exactly one console handler."""

import logging

import pytest
from django.utils.log import AdminEmailHandler


def console_handlers(name: str) -> list[logging.Handler]:
    """The stream handlers a record of logger `name` reaches (pytest's own capture left out)."""
    found, logger = [], logging.getLogger(name)
    while logger:
        found += [
            handler
            for handler in logger.handlers
            if isinstance(handler, logging.StreamHandler)
            and not type(handler).__module__.startswith("_pytest")
        ]
        if not logger.propagate:
            break
        logger = logger.parent
    return found


@pytest.mark.parametrize(
    "name",
    [
        "django",
        "django.request",
        "django.server",
        "django.security.csrf",
        "django.security.DisallowedHost",
        "django.db.backends",
        "projects",
        "cooperation_portal.requests",
        "cooperation_portal.security",
        "cooperation_portal.operations",
    ],
)
def test_a_record_reaches_one_console_handler(name):
    assert len(console_handlers(name)) == 1


def mail_handlers(name: str) -> list[logging.Handler]:
    found, logger = [], logging.getLogger(name)
    while logger:
        found += [handler for handler in logger.handlers if isinstance(handler, AdminEmailHandler)]
        if not logger.propagate:
            break
        logger = logger.parent
    return found


@pytest.mark.parametrize(
    ("name", "mailed"),
    [
        ("django.request", 1),
        ("cooperation_portal.operations", 1),
        ("projects", 1),
        # A request naming a host the portal does not serve: bots, all day long.
        ("django.security.DisallowedHost", 0),
    ],
)
def test_errors_are_mailed_to_the_admins_once(name, mailed):
    assert len(mail_handlers(name)) == mailed
