"""Numbers a lower app shows but a higher app knows: the directory of partners shows how many
published projects each organisation takes part in, and projects are a higher app than
partners. The higher app provides the count (`provide`, from its `AppConfig.ready`); the lower
one asks for it by name (`counts`), and imports nothing of the higher one.

Foundation layer: imports no app of ours.
"""

from collections.abc import Callable, Iterable

_providers: dict[str, Callable[..., dict]] = {}

#: Published projects per organisation ({organisation id: number}), provided by `projects`.
PROJECTS_PER_ORGANISATION = "projects per organisation"


def provide(name: str, count: Callable[..., dict]) -> None:
    """Make `count(keys, using=database alias or None)` ({key: number}) the provider of the
    counts called `name`."""
    _providers[name] = count


def counts(name: str, keys: Iterable, *, using: str | None = None) -> dict:
    """{key: number} for `keys`, from the provider of `name` (0 for a key it does not count);
    without a provider (its app not installed), nothing is counted."""
    keys = list(keys)
    provider = _providers.get(name)
    found = provider(keys, using=using) if provider and keys else {}
    return {key: found.get(key, 0) for key in keys}
