"""The Atom feed of published calls (``feed/``), for the same filters as the funding list."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Call

#: How many calls the feed carries: the newest.
FEED_LENGTH = 50

# XML 1.0 has no place for a control character but the tab and line breaks: one typed in a
# name or a summary would make the whole feed fail.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def xml_text(text) -> str:
    return CONTROL_CHARACTERS.sub("", str(text or ""))


class CallsAtomFeed(Atom1Feed):
    def add_item(self, title, link, description, **kwargs):
        super().add_item(xml_text(title), link, xml_text(description), **kwargs)


class CallFeed(Feed):
    """Calls of the given (published, filtered) schemes, newest first.

    Built per request around the list's filtered schemes, so the feed shows what the list
    shows for the same address.
    """

    feed_type = CallsAtomFeed
    description_template = "funding/feed_call_description.html"

    def __init__(self, schemes):
        self.schemes = schemes

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Funding calls — %(portal)s") % {"portal": settings.PORTAL_NAME}

    def subtitle(self):
        if self.request.GET:
            return _("New calls of the funding schemes matching your filters.")
        return _("New calls of every funding scheme on the portal.")

    def link(self):
        query = self.request.GET.urlencode()
        return reverse("funding:list") + (f"?{query}" if query else "")

    def feed_url(self):
        return self.request.get_full_path()

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
