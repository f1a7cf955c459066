"""Page addresses, remembered: `reverse()` walks the URL patterns on every call (about a tenth
of a millisecond), and a list draws a hundred links (each card links its project, countries and
goals). The same name, arguments, language, script prefix and URL configuration always give
the same address, so each is worked out once per process.

Foundation layer: imports no app of ours.
"""

import functools

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language


@functools.lru_cache(maxsize=16_384)
def _address(viewname: str, kwargs: tuple, language: str | None, prefix: str, urlconf: str):
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


def address(viewname: str, **kwargs) -> str:
    """`reverse(viewname, kwargs=kwargs)`, remembered (see the module's docstring)."""
    return _address(
        viewname,
        tuple(sorted(kwargs.items())),
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )


@receiver(setting_changed)
def _forget_addresses(*, setting, **kwargs) -> None:
    # Tests may change the URL configuration or the languages.
    if setting in ("ROOT_URLCONF", "LANGUAGES", "LANGUAGE_CODE"):
        _address.cache_clear()
