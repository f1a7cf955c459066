"""What a process keeps of the content between requests: values made from the database (the
projects' facet index, the footer's contacts), each kept until the content changes.

A value is valid while the database's content version (`stored_content_version`, which every
write to content changes in its own transaction) is the one it was made with, and, for a value
that depends on something else too (the day: a project's status changes at midnight), while
that is the same. The version is read at each use: one short query, instead of what the value
costs to make. Nothing is kept while the version is unknown (a database emptied and not written
to since), and a process holds one value per name and database.

This is not a cache of pages: whatever the cache backend (`CACHE_URL=dummy://` included), every
page is drawn from values as fresh as the rows its own queries read.

Foundation layer: imports no app of ours.
"""

import threading
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

from .caching import stored_content_version

T = TypeVar("T")

_values: dict[tuple, tuple[tuple, object]] = {}
_lock = threading.Lock()


def remembered(
    name: str, make: Callable[[], T], *, depends_on: Hashable = None, using: str | None = None
) -> T:
    """The value `make()` gave for the current content version (and `depends_on`), made now
    if this process holds none for them."""
    using = using or DEFAULT_DB_ALIAS
    place = (name, using, connections[using].settings_dict["NAME"])
    version = stored_content_version(using)
    validity = (version, depends_on)
    if _held(place, validity):
        return _values[place][1]
    with _lock:
        # Another thread may have made it meanwhile (runserver, threaded servers).
        if _held(place, validity):
            return _values[place][1]
        value = make()
        if version is not None:
            _values[place] = (validity, value)
    return value


def _held(place: tuple, validity: tuple) -> bool:
    held = _values.get(place)
    return validity[0] is not None and held is not None and held[0] == validity


def drawn(instance, key: Hashable, draw: Callable[[], T]) -> T:
    """What `draw()` gives for `instance` and `key` (e.g. a badge's markup in a language),
    drawn once per instance: the terms of the facet index are the same instances from one
    request to the next until the content changes, so their markup is drawn once per process
    and language, not once per card. A fresh instance draws afresh."""
    kept = instance.__dict__.setdefault("_drawn", {})
    if key not in kept:
        kept[key] = draw()
    return kept[key]
