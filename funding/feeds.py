"""The Atom feed of published calls (``feed/``), for the same filters as the funding list."""

from django.conf import settings
from django.utils.translation import gettext as _

from cooperation_portal.feeds import PortalFeed

from .models import Call

#: How many calls the feed carries: the newest.
FEED_LENGTH = 50


class CallFeed(PortalFeed):
    """Calls of the given (published, filtered) schemes, newest first.

    Built per request around the list's filtered schemes, so the feed shows what the list
    shows for the same address.
    """

    description_template = "funding/feed_call_description.html"
    list_url_name = "funding:list"

    def __init__(self, schemes):
        self.schemes = schemes

    def title(self):
        return _("Funding calls — %(portal)s") % {"portal": settings.PORTAL_NAME}

    def subtitle(self):
        if self.request.GET:
            return _("New calls of the funding schemes matching your filters.")
        return _("New calls of every funding scheme on the portal.")

    def items(self):
        return (
            Call.objects.of_schemes(self.schemes.order_by().values("pk"))
            .select_related("scheme")
            .newest_first()[:FEED_LENGTH]
        )

    def item_title(self, call):
        return _("%(scheme)s — %(call)s") % {"scheme": call.scheme.name, "call": call.title}

    def item_link(self, call):
        return f"{call.scheme.get_absolute_url()}#call-{call.pk}"

    def item_pubdate(self, call):
        return call.created_at

    def item_updateddate(self, call):
        return call.updated_at

    def item_categories(self, call):
        return [call.scheme.get_kind_display()]
