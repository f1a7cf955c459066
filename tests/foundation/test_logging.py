"""Each log line once: Django's loggers and ours reach exactly one console handler."""

import logging

import pytest


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
    "name", ["django", "django.request", "django.security.csrf", "django.db.backends", "projects"]
)
def test_a_record_reaches_one_console_handler(name):
    assert len(console_handlers(name)) == 1
