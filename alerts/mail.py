"""The alerts' messages: plain text and HTML, in the subscriber's language, with absolute links
(settings.PORTAL_URL) and, on every alert, a one-click unsubscribe (RFC 8058)."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from cooperation_portal.addresses import address
from funding.models import DEADLINE_TIME_ZONE

from . import tokens
from .models import CONFIRMATION_PERIOD, Subscription
from .selections import criteria, list_kind


def absolute(path: str) -> str:
    return settings.PORTAL_URL.rstrip("/") + path


def selection_context(subscription: Subscription, selection=None) -> dict:
    """What every message says of the selection: the list, its filters in words, and links to
    the list and its feeds with those filters. Call it in the subscriber's language."""
    kind = list_kind(subscription.list)
    if selection is not None:
        words = selection.criteria()
    else:
        words = criteria(kind.filterset(subscription.query), kind.excluded)
    query = f"?{subscription.query}" if subscription.query else ""
    return {
        "subscription": subscription,
        "list_title": kind.title,
        "criteria": words,
        "list_url": absolute(kind.list_url(subscription.query)),
        "feeds": [
            {"label": feed.label, "url": absolute(address(feed.url_name) + query)}
            for feed in kind.feeds
        ],
        "portal_name": settings.PORTAL_NAME,
        "portal_url": absolute(address("home")),
    }


def _message(subscription, subject, template, context, headers=None) -> EmailMultiAlternatives:
    text = render_to_string(f"alerts/email/{template}.txt", context)
    html = render_to_string(f"alerts/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=f"{settings.PORTAL_NAME} — {subject}",
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[subscription.email],
        headers={
            "Auto-Submitted": "auto-generated",
            "Content-Language": subscription.language,
            **(headers or {}),
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscription: Subscription) -> EmailMultiAlternatives:
    """The one message sent before confirmation: the link that confirms."""
    with translation.override(subscription.language), timezone.override(DEADLINE_TIME_ZONE):
        token = tokens.make_token(subscription, tokens.CONFIRM)
        context = {
            **selection_context(subscription),
            "confirm_url": absolute(address("alerts:confirm", token=token)),
            "days": CONFIRMATION_PERIOD.days,
        }
        return _message(subscription, gettext("Confirm your e-mail alert"), "confirm", context)


def already_subscribed_message(subscription: Subscription) -> EmailMultiAlternatives:
    """Sent instead of a confirmation when the address already follows this selection: the
    form answers the same either way, and the owner of the address learns how to manage it."""
    with translation.override(subscription.language), timezone.override(DEADLINE_TIME_ZONE):
        token = tokens.make_token(subscription, tokens.MANAGE)
        context = {
            **selection_context(subscription),
            "manage_url": absolute(address("alerts:manage", token=token)),
        }
        return _message(
            subscription, gettext("You already follow this selection"), "already", context
        )


def alert_subject(subscription: Subscription, digest) -> str:
    news, reminders = len(digest.news), len(digest.reminders)
    if subscription.list == Subscription.List.PROJECTS:
        return ngettext("%(count)d new project", "%(count)d new projects", news) % {"count": news}
    if reminders == 1 and not news:
        reminder = digest.reminders[0]
        if reminder.event is not None:
            return ngettext(
                "Registration for %(event)s closes in %(days)d day",
                "Registration for %(event)s closes in %(days)d days",
                reminder.days_left,
            ) % {"event": reminder.event.title, "days": reminder.days_left}
        return ngettext(
            "%(scheme)s closes in %(days)d day",
            "%(scheme)s closes in %(days)d days",
            reminder.days_left,
        ) % {"scheme": reminder.call.scheme.name, "days": reminder.days_left}
    parts = []
    if subscription.list == Subscription.List.FUNDING:
        if news:
            parts.append(
                ngettext("%(count)d new or changed call", "%(count)d new or changed calls", news)
                % {"count": news}
            )
        if reminders:
            parts.append(
                ngettext("%(count)d deadline reminder", "%(count)d deadline reminders", reminders)
                % {"count": reminders}
            )
    else:
        if news:
            parts.append(
                ngettext("%(count)d new or changed event", "%(count)d new or changed events", news)
                % {"count": news}
            )
        if reminders:
            parts.append(
                ngettext(
                    "%(count)d registration reminder", "%(count)d registration reminders", reminders
                )
                % {"count": reminders}
            )
    return ", ".join(parts)


def alert_message(subscription: Subscription, digest, selection) -> EmailMultiAlternatives:
    """An alert: what is new in the selection since the last message, and the deadlines."""
    with translation.override(subscription.language), timezone.override(DEADLINE_TIME_ZONE):
        manage = tokens.make_token(subscription, tokens.MANAGE)
        unsubscribe_url = absolute(
            address("alerts:unsubscribe", token=tokens.make_token(subscription, tokens.UNSUBSCRIBE))
        )
        context = {
            **selection_context(subscription, selection),
            "digest": digest,
            "news": [(item, absolute(item.get_absolute_url())) for item in digest.news],
            "reminders": [(reminder, absolute(reminder.path)) for reminder in digest.reminders],
            "manage_url": absolute(address("alerts:manage", token=manage)),
            "unsubscribe_url": unsubscribe_url,
        }
        return _message(
            subscription,
            alert_subject(subscription, digest),
            "alert",
            context,
            headers={
                "List-Unsubscribe": f"<{unsubscribe_url}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
