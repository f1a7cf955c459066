"""The signed links of the alerts: confirm, manage, unsubscribe.

A token names a subscription by its id and a keyed digest of its address, signed with the
secret key and a salt per purpose (a confirmation token cannot unsubscribe, nor the reverse).
The address itself is never in a link: links reach server logs. The digest makes a token of a
deleted subscription useless for a later one that happens to get the same id.
"""

from django.core import signing
from django.utils.crypto import salted_hmac

from .models import CONFIRMATION_PERIOD, Subscription

CONFIRM = "alerts.confirm"
MANAGE = "alerts.manage"
UNSUBSCRIBE = "alerts.unsubscribe"

#: How long each kind of link works: a confirmation for the confirmation period; the others as
#: long as the subscription exists (every message brings fresh ones; RFC 8058 asks that an
#: unsubscribe link keep working).
MAX_AGE = {CONFIRM: CONFIRMATION_PERIOD, MANAGE: None, UNSUBSCRIBE: None}


class BadToken(Exception):
    """The link was altered, or is not one of ours."""


class ExpiredToken(BadToken):
    """The link was ours, but its time is over."""


def address_digest(address: str) -> str:
    """A keyed digest of an address: it tells addresses apart without showing them (links, the
    rate limit's keys, logs)."""
    return salted_hmac("alerts.address", address.lower(), algorithm="sha256").hexdigest()[:20]


def make_token(subscription: Subscription, purpose: str) -> str:
    signer = signing.TimestampSigner(salt=purpose)
    return signer.sign(f"{subscription.pk}.{address_digest(subscription.email)}")


def read_token(token: str, purpose: str) -> tuple[int, str]:
    """(subscription id, address digest) from a token; BadToken or ExpiredToken otherwise."""
    signer = signing.TimestampSigner(salt=purpose)
    try:
        value = signer.unsign(token, max_age=MAX_AGE[purpose])
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except signing.BadSignature as error:
        raise BadToken from error
    pk, _dot, digest = value.partition(".")
    if not pk.isdecimal() or not digest:
        raise BadToken
    return int(pk), digest


def subscription_of(token: str, purpose: str, queryset=None) -> Subscription | None:
    """The subscription a token names, or None if it no longer exists. BadToken or
    ExpiredToken when the token is not valid."""
    pk, digest = read_token(token, purpose)
    queryset = queryset if queryset is not None else Subscription.objects.all()
    subscription = queryset.filter(pk=pk).first()
    if subscription is None or address_digest(subscription.email) != digest:
        return None
    return subscription
