"""The alerts' pages: subscribe, confirm, manage, unsubscribe.

None of them sets a cookie, as the privacy notice promises visitors: none needs Django's
anti-forgery token, because none acts on an ambient authority. The subscribe form creates
nothing without the mailbox owner's confirmation (and is rate-limited); the others act on the
signed token in their own address, which a forged request would have to know. Unsubscribing
must in any case accept a bare POST from a mail client (RFC 8058, one click).

Pages reached by a token never go into the shared page cache (`never_cache`).
"""

import logging
from smtplib import SMTPException

from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cooperation_portal.addresses import address
from cooperation_portal.network import client_address

from . import tokens
from .forms import ManageForm, SubscribeForm
from .models import LISTS_WITH_DEADLINES, Subscription
from .ratelimit import client_over_limit
from .selections import criteria, list_kind, normalised_query
from .subscribing import ask_to_subscribe

logger = logging.getLogger("alerts")


def message_page(request, title: str, text: str, status: int = 200, **extra):
    """A page that says one thing: done, expired, refused..."""
    context = {"title": title, "text": text, **extra}
    return render(request, "alerts/message.html", context, status=status)


def bad_link(request, error: tokens.BadToken):
    if isinstance(error, tokens.ExpiredToken):
        return message_page(
            request,
            gettext("This link has expired"),
            gettext(
                "A confirmation link works for seven days. Ask for the alert again from the "
                "list you follow: a new link will be sent."
            ),
            status=400,
        )
    return message_page(
        request,
        gettext("This link is not valid"),
        gettext(
            "The address of this page is incomplete or was changed. Open the link from the "
            "message again, or copy the whole address into your browser."
        ),
        status=400,
    )


def gone(request):
    return message_page(
        request,
        gettext("This alert no longer exists"),
        gettext(
            "It was deleted: by its subscriber, or because it was not confirmed within seven "
            "days. Nothing more will be sent about it."
        ),
        status=404,
    )


def language() -> str:
    return (get_language() or "fr").split("-")[0]


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    """GET: the form, with the selection in words; POST: the confirmation is sent, and the
    answer is the same whatever the address (the form reveals nothing of who subscribed)."""
    kind = list_kind(request.GET.get("list", ""))
    if kind is None:
        return message_page(
            request,
            gettext("Which list do you want to follow?"),
            gettext(
                "Alerts follow a selection of the funding schemes, the events or the projects: "
                "open the list, choose your filters, then follow the link “E-mail me about this "
                "selection”."
            ),
            status=400,
            list_links=True,
        )
    query, invalid = normalised_query(kind, request.GET)
    if len(query) > Subscription._meta.get_field("query").max_length:
        return message_page(
            request,
            gettext("This selection is too long to follow"),
            gettext("Choose fewer filters or values on the list, then ask again."),
            status=400,
        )
    form = SubscribeForm(request.POST or None, list_name=kind.name)
    if request.method == "POST":
        if client_over_limit(client_address(request)):
            logger.warning("alerts: hourly limit of subscribe forms reached for a client")
            return message_page(
                request,
                gettext("Too many requests"),
                gettext(
                    "Many alerts were asked for from your connection in the last hour. Please "
                    "try again in an hour."
                ),
                status=429,
            )
        if form.is_valid():
            try:
                ask_to_subscribe(
                    form.cleaned_data["email"],
                    language=language(),
                    list_name=kind.name,
                    query=query,
                    frequency=form.cleaned_data["frequency"],
                )
            except (SMTPException, OSError) as error:
                logger.error(
                    "alerts: the confirmation could not be sent (%s)", type(error).__name__
                )
                return message_page(
                    request,
                    gettext("The message could not be sent"),
                    gettext("Our mail server did not answer. Please try again in a few minutes."),
                    status=503,
                )
            return render(request, "alerts/check_inbox.html", {"kind": kind})
    filterset = kind.filterset(query)
    context = {
        "kind": kind,
        "form": form,
        "criteria": criteria(filterset, kind.excluded),
        "invalid": invalid,
        "list_url": kind.list_url(query),
    }
    return render(request, "alerts/subscribe.html", context, status=400 if form.errors else 200)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    """GET: a button (mail scanners open links; only a person presses a button); POST: the
    alert is confirmed, and the first alert will say what is new from now on."""
    try:
        subscription = tokens.subscription_of(token, tokens.CONFIRM)
    except tokens.BadToken as error:
        return bad_link(request, error)
    if subscription is None:
        return gone(request)
    if request.method == "POST" and not subscription.is_confirmed:
        now = timezone.now()
        with transaction.atomic():
            updated = Subscription.objects.filter(pk=subscription.pk, confirmed_at=None).update(
                confirmed_at=now, covered_until=now
            )
        if updated:
            logger.info("alerts: alert #%d confirmed", subscription.pk)
        subscription.refresh_from_db()
    manage_url = address("alerts:manage", token=tokens.make_token(subscription, tokens.MANAGE))
    kind = list_kind(subscription.list)
    context = {
        "subscription": subscription,
        "kind": kind,
        "criteria": criteria(kind.filterset(subscription.query), kind.excluded),
        "manage_url": manage_url,
    }
    return render(request, "alerts/confirm.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token: str):
    """Every alert of the address the link was sent to: change how often, delete one, delete
    all."""
    try:
        current = tokens.subscription_of(token, tokens.MANAGE)
    except tokens.BadToken as error:
        return bad_link(request, error)
    if current is None:
        return gone(request)
    subscriptions = list(Subscription.objects.of_address(current.email).order_by("pk"))
    form = ManageForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            return message_page(
                request,
                gettext("Nothing was changed"),
                gettext("The request was incomplete. Go back to the page and try again."),
                status=400,
            )
        action = form.cleaned_data["action"]
        chosen = next(
            (s for s in subscriptions if s.pk == form.cleaned_data.get("subscription")), None
        )
        if action != "delete_all" and chosen is None:
            return gone(request)
        if action == "frequency":
            chosen.frequency = form.cleaned_data["frequency"]
            if (
                chosen.list not in LISTS_WITH_DEADLINES
                and chosen.frequency == Subscription.Frequency.DEADLINES
            ):
                chosen.frequency = Subscription.Frequency.WEEKLY
            chosen.save(update_fields=["frequency"])
            remaining = subscriptions
        elif action == "delete":
            chosen.delete()
            remaining = [s for s in subscriptions if s.pk != chosen.pk]
        else:
            Subscription.objects.filter(pk__in=[s.pk for s in subscriptions]).delete()
            remaining = []
        logger.info("alerts: %s on the alerts of one address", action)
        if not remaining:
            return message_page(
                request,
                gettext("All your alerts are deleted"),
                gettext("Nothing more will be sent to your address, and it is no longer kept."),
            )
        # Back to the page, with a link that still names an alert of the address.
        anchor = remaining[0] if current not in remaining else current
        return HttpResponseRedirect(
            address("alerts:manage", token=tokens.make_token(anchor, tokens.MANAGE))
            + "?done="
            + action
        )
    rows = []
    for subscription in subscriptions:
        kind = list_kind(subscription.list)
        rows.append(
            {
                "subscription": subscription,
                "kind": kind,
                "criteria": criteria(kind.filterset(subscription.query), kind.excluded),
                "list_url": kind.list_url(subscription.query),
                "frequencies": SubscribeForm(list_name=kind.name).fields["frequency"].choices,
            }
        )
    context = {
        "email": current.email,
        "rows": rows,
        "done": request.GET.get("done") in ("frequency", "delete"),
    }
    return render(request, "alerts/manage.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    """GET: a button; POST (the button, or a mail client's one-click `List-Unsubscribe=One-Click`,
    RFC 8058): the alert is deleted. Deleting one already gone answers the same."""
    try:
        subscription = tokens.subscription_of(token, tokens.UNSUBSCRIBE)
    except tokens.BadToken as error:
        return bad_link(request, error)
    if request.method == "POST":
        if subscription is not None:
            pk = subscription.pk
            subscription.delete()
            logger.info("alerts: alert #%d unsubscribed", pk)
        return message_page(
            request,
            gettext("You are unsubscribed"),
            gettext("Nothing more will be sent to you about this selection."),
        )
    if subscription is None:
        return message_page(
            request,
            gettext("You are unsubscribed"),
            gettext("This alert no longer exists: nothing more will be sent about it."),
        )
    kind = list_kind(subscription.list)
    context = {
        "subscription": subscription,
        "kind": kind,
        "criteria": criteria(kind.filterset(subscription.query), kind.excluded),
    }
    return render(request, "alerts/unsubscribe.html", context)
