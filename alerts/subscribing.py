"""Asking for an alert: the form's one write, and its one message."""

import logging

from django.db import transaction
from django.utils import timezone

from .mail import already_subscribed_message, confirmation_message
from .models import Subscription, normalise_address
from .ratelimit import address_over_limit
from .tokens import address_digest

logger = logging.getLogger("alerts")


def ask_to_subscribe(
    address: str, *, language: str, list_name: str, query: str, frequency: str, now=None
) -> None:
    """Record an unconfirmed subscription and send its confirmation; if the address already
    follows this selection, tell it so instead (with its manage link) and change nothing. At
    most `ALERTS_MAILS_LIMIT_PER_ADDRESS_DAY` messages a day to one address: beyond, nothing is
    sent, and the form answers the same. Raises what the mail backend raises."""
    now = now or timezone.now()
    address = normalise_address(address)
    if address_over_limit(address):
        # A digest, not the address: enough to tell one address's flood from many.
        logger.warning(
            "alerts: daily limit of messages reached for address %s", address_digest(address)
        )
        return
    with transaction.atomic():
        subscription, created = Subscription.objects.get_or_create(
            email=address,
            list=list_name,
            query=query,
            defaults={"language": language, "frequency": frequency, "created_at": now},
        )
        if not created and not subscription.is_confirmed:
            # Asked again before confirming: a fresh week, and what was asked this time.
            subscription.created_at = now
            subscription.language = language
            subscription.frequency = frequency
            subscription.save(update_fields=["created_at", "language", "frequency"])
        if subscription.is_confirmed:
            message = already_subscribed_message(subscription)
        else:
            message = confirmation_message(subscription)
        # Inside the transaction: if the mail cannot be sent, no subscription waits for a
        # confirmation that never left.
        message.send()
    logger.info(
        "alerts: %s sent",
        "reminder of an existing alert" if subscription.is_confirmed else "confirmation",
    )
