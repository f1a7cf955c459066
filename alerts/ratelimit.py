"""Limits on the subscribe form, so that no one can use it to flood a third party's mailbox,
nor the portal's mail server: counts kept in the cache (CACHE_URL; shared between processes
with Redis), never in the database, forgotten when their period ends. Keys hold keyed digests,
not addresses.
"""

from django.conf import settings
from django.core.cache import cache

from .tokens import address_digest


def _count(key: str, period: int) -> int:
    """Count one more event under `key` in a window of `period` seconds from its first."""
    if cache.add(key, 1, timeout=period):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # expired between the two calls
        cache.add(key, 1, timeout=period)
        return 1


def client_over_limit(client: str) -> bool:
    """One more subscribe form sent from `client` (an IP address): over the hourly limit?"""
    key = f"alerts:client:{address_digest(client)}"
    return _count(key, 3600) > settings.ALERTS_SUBSCRIBE_LIMIT_PER_CLIENT_HOUR


def address_over_limit(address: str) -> bool:
    """One more message asked for `address` from the form: over the daily limit?"""
    key = f"alerts:address:{address_digest(address)}"
    return _count(key, 24 * 3600) > settings.ALERTS_MAILS_LIMIT_PER_ADDRESS_DAY
