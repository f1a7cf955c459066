"""The projects as an IATI 2.03 activity file (to be written)."""

from collections.abc import Iterable, Iterator


def activities_document(projects: Iterable, *, absolute_url) -> Iterator[str]:
    raise NotImplementedError
