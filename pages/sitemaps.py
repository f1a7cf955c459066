"""The sitemap (`/sitemap.xml`, an index of one sitemap per kind of page): every published
page in both languages, each with its alternates (`fr`, `en`, `x-default`) and, for content,
when it last changed. Django's sitemaps framework writes it; robots.txt names it.

Large kinds are paged by the framework (50,000 addresses a page, each language counting), so
that 100,000 projects make a few pages, each read with only the columns it needs.

Top layer: it names the pages of every app.
"""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from events.models import Event
from funding.models import FundingScheme
from news.models import NewsItem
from pages.models import OfficePage
from partners.models import Organisation
from projects.models import Project
from taxonomy.models import SDG, Country


class BilingualSitemap(Sitemap):
    """Each page in French and English, with its alternates and a default for other languages:
    the French page (the portal's first language). Django's default is the address without its
    language prefix, which redirects by the browser's language, but only where both languages
    share the path: `/a-propos/` is a 404 for an English browser."""

    i18n = True
    alternates = True
    x_default = True

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            by_language = {link["lang_code"]: link for link in url["alternates"]}
            if "x-default" in by_language and settings.LANGUAGE_CODE in by_language:
                by_language["x-default"]["location"] = by_language[settings.LANGUAGE_CODE][
                    "location"
                ]
        return urls


class InEveryLanguage:
    """The (row, language) pairs of a queryset, read a slice at a time: what the framework's
    paginator needs (a length and slices), without the list of every pair it would otherwise
    make (200,000 rows for 100,000 projects in two languages)."""

    def __init__(self, queryset, languages: list[str]):
        self.queryset = queryset
        self.languages = languages

    def __len__(self) -> int:
        return self.queryset.count() * len(self.languages)

    def __getitem__(self, index: slice) -> list[tuple]:
        """The pairs `index.start` to `index.stop` (the paginator gives both, having counted)."""
        per_row = len(self.languages)
        start, stop = index.start or 0, index.stop
        first = start // per_row
        rows = self.queryset[first : -(-stop // per_row)]
        pairs = [(row, language) for row in rows for language in self.languages]
        return pairs[start - first * per_row : stop - first * per_row]


class ContentSitemap(BilingualSitemap):
    """The published rows of a model, each at its `get_absolute_url`, last changed on
    `updated_at`: read a page at a time, with only the columns the address needs."""

    model = None

    def items(self):
        return self.model.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def _items(self):
        return InEveryLanguage(self.items(), self._languages())

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        """For the index: one aggregate, not a pass over every row."""
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class ProjectSitemap(ContentSitemap):
    model = Project


class FundingSchemeSitemap(ContentSitemap):
    model = FundingScheme


class OrganisationSitemap(ContentSitemap):
    model = Organisation


class EventSitemap(ContentSitemap):
    model = Event


class NewsSitemap(ContentSitemap):
    model = NewsItem


class OfficePageSitemap(BilingualSitemap):
    def items(self):
        return OfficePage.objects.order_by("key")

    def location(self, page):
        return page.get_absolute_url()

    def lastmod(self, page):
        return page.updated_at


class VocabularySitemap(BilingualSitemap):
    """The countries' and the goals' pages."""

    def items(self):
        return [*Country.objects.order_by("code"), *SDG.objects.order_by("number")]


class ListSitemap(BilingualSitemap):
    """The home page, the lists and the pages that gather them."""

    LISTS = [
        "home",
        "projects:list",
        "figures:page",
        "country_list",
        "funding:list",
        "partners:list",
        "events:list",
        "events:cooperation_day",
        "news:list",
        "sdg_list",
        "contacts",
    ]

    def items(self):
        return self.LISTS

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "pages": ListSitemap,
    "office": OfficePageSitemap,
    "projects": ProjectSitemap,
    "funding": FundingSchemeSitemap,
    "partners": OrganisationSitemap,
    "events": EventSitemap,
    "news": NewsSitemap,
    "vocabularies": VocabularySitemap,
}
