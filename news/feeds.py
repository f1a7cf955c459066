"""The Atom feed of the published news (``feed/``), for the same filters as the news list."""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cooperation_portal.feeds import AtomFeed

#: How many items the feed carries: the newest.
FEED_LENGTH = 30


class NewsFeed(Feed):
    """The latest published news of the (filtered) list, newest first. Atom needs an author
    for the feed or for each entry: the portal, i.e. the cooperation office, signs it."""

    #: Atom, without the control characters XML cannot hold.
    feed_type = AtomFeed

    def __init__(self, items):
        self.items_shown = items

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("News — %(portal)s") % {"portal": settings.PORTAL_NAME}

    def subtitle(self):
        if self.request.GET:
            return _("The latest news matching your filters.")
        return _("The latest news of the cooperation office and its partners.")

    def author_name(self):
        return str(settings.PORTAL_NAME)

    def link(self):
        query = self.request.GET.urlencode()
        return reverse("news:list") + (f"?{query}" if query else "")

    def feed_url(self):
        return self.request.get_full_path()

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
