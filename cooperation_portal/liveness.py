"""Telling the server that a long response is still making progress.

gunicorn replaces a sync worker that stays silent for `timeout` seconds (deploy/gunicorn.conf.py:
30 by default): the protection against a request stuck for ever. A long download that streams
(an export of 100,000 projects takes minutes) is busy, not stuck, but a sync worker sends no sign
of life while it serves a request: it would be killed mid-file, and the visitor would get a file
cut short under a 200. So the export calls `still_working()` after each chunk it has written;
gunicorn's `post_worker_init` hook registers the worker's own heartbeat here. An export that
stops making progress is still replaced after `timeout`; outside gunicorn (tests, runserver,
management commands) nothing is registered and the call does nothing.

Foundation layer: imports no app of ours.
"""

from collections.abc import Callable

_heartbeat: Callable[[], None] | None = None


def register_heartbeat(heartbeat: Callable[[], None] | None) -> None:
    """What `still_working` calls: gunicorn's `worker.notify` (None: nothing)."""
    global _heartbeat
    _heartbeat = heartbeat


def still_working() -> None:
    """A sign of life from a long response that has just made progress."""
    if _heartbeat is not None:
        _heartbeat()
