"""Helpers of the operations tests."""

import os
import subprocess
import sys


class DriverError(Exception):
    """A database driver's error, as psycopg's: with its SQLSTATE (None: the client's own)."""

    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


def database_error(kind, sqlstate):
    """Django's `kind` (OperationalError…) raised from a driver error with `sqlstate`."""
    error = kind("…")
    error.__cause__ = DriverError(sqlstate)
    return error


def settings_in_a_process_of_its_own(environment: dict, code: str) -> subprocess.CompletedProcess:
    """Run `code` after django.setup() in a new Python, with the portal's settings read from
    `environment` (none of this process's DJANGO_*, SENTRY_* or DATABASE_URL variables)."""
    base = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SENTRY_")) and key != "DATABASE_URL"
    }
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={
            **base,
            "DJANGO_SETTINGS_MODULE": "cooperation_portal.settings",
            "DJANGO_SECRET_KEY": "only-for-this-test-" + "x" * 50,
            **environment,
        },
        capture_output=True,
        text=True,
    )
