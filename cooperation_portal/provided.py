"""What a lower app shows but a higher app knows. The partners' directory shows how many
published projects each organisation takes part in, and links to them; projects are a higher
app than partners. The higher app provides the answer (`provide`, from its
`AppConfig.ready`); the lower one asks for it by name (`counts`, `link`), and imports nothing
of the higher one. Without the higher app installed there is no answer: no count, no link.

Foundation layer: imports no app of ours.
"""

from collections.abc import Callable, Iterable

_providers: dict[str, Callable] = {}

#: Published projects per organisation: `count(ids, using=alias)` gives {id: number}.
PROJECTS_PER_ORGANISATION = "projects per organisation"
#: The list of an organisation's projects: `link(organisation)` gives its address.
PROJECTS_OF_ORGANISATION = "projects of an organisation"


def provide(name: str, answer: Callable) -> None:
    """Make `answer` the provider of `name`."""
    _providers[name] = answer


def counts(name: str, keys: Iterable, *, using: str | None = None) -> dict:
    """{key: number} for `keys`, from the provider of `name` (0 for a key it does not count,
    and for every key without a provider)."""
    keys = list(keys)
    provider = _providers.get(name)
    found = provider(keys, using=using) if provider and keys else {}
    return {key: found.get(key, 0) for key in keys}


def link(name: str, subject) -> str:
    """The address the provider of `name` gives for `subject`; "" without a provider."""
    provider = _providers.get(name)
    return provider(subject) if provider else ""
