"""The portal's Atom feeds (calls, news): Django's Atom, fit for text typed by people, and
the view every feed of a list shares.

Foundation layer: imports no app of ours.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .text import without_control_characters


def xml_text(text) -> str:
    """XML 1.0 has no place for a control character but the tab and line breaks: one typed in
    a title or a summary would make the whole feed fail."""
    return without_control_characters(text, keep="\t\n\r")


class AtomFeed(Atom1Feed):
    """Atom whose entries' titles and descriptions are `xml_text`."""

    def add_item(self, title, link, description, **kwargs):
        super().add_item(xml_text(title), link, xml_text(description), **kwargs)


class PortalFeed(Feed):
    """An Atom feed of a public list, for the same filters as the list (`list_url_name`):
    signed by the portal (RFC 4287 needs an author, for the feed or for every entry), its
    links the list's and its own address."""

    feed_type = AtomFeed
    #: The name of the list's URL, which the feed's `link` points to (with the same filters).
    list_url_name = ""

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def author_name(self):
        return str(settings.PORTAL_NAME)

    def link(self):
        query = self.request.GET.urlencode()
        return reverse(self.list_url_name) + (f"?{query}" if query else "")

    def feed_url(self):
        return self.request.get_full_path()
