"""The Atom feed of the published news (``feed/``), for the same filters as the news list."""

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation_portal.feeds import PortalFeed

#: How many items the feed carries: the newest.
FEED_LENGTH = 30


class NewsFeed(PortalFeed):
    """The latest published news of the (filtered) list, newest first, signed by the portal."""

    list_url_name = "news:list"

    def __init__(self, items):
        self.items_shown = items

    def title(self):
        return _("News — %(portal)s") % {"portal": settings.PORTAL_NAME}

    def subtitle(self):
        if self.request.GET:
            return _("The latest news matching your filters.")
        return _("The latest news of the cooperation office and its partners.")

    def items(self):
        return self.items_shown.latest_first().prefetch_related("countries")[:FEED_LENGTH]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        # The news' own date (midnight in Brussels), as the pages show it.
        midnight = datetime.datetime.combine(item.published_on, datetime.time())
        return timezone.make_aware(midnight, timezone.get_default_timezone())

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [country.name for country in item.countries.all()]
