"""Every public page names its one canonical address, its alternates in French, English and by
default, and its OpenGraph properties: a list's canonical address is the clean form of its own
query (only its valid filters, in a stable order, and its page after the first), the bare list
when a value was not understood."""

from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from events.models import Event
from funding.models import FundingScheme
from news.admin import NewsItemForm
from news.models import NewsItem
from partners.models import Organisation
from projects.models import Project
from tests.factories import (
    PUBLISHED,
    CountryFactory,
    FundingSchemeFactory,
    NewsItemFactory,
    ProjectFactory,
    SDGFactory,
)
from tests.news.conftest import uploaded_photo
from tests.office.helpers import OFFICE_PAGES

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
LOCALES = {"fr": "fr_BE", "en": "en_GB"}


class Head(HTMLParser):
    """What a page's head says of it: its title and description, its `<link>`s, its
    OpenGraph properties (each with all its values, in order) and its JSON-LD blocks."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.description = None
        self.links: list[dict] = []
        self.opengraph: dict[str, list[str]] = {}
        self.json_ld: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "title":
            self._in = "title"
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "meta" and attributes.get("name") == "description":
            self.description = attributes.get("content")
        elif tag == "meta" and attributes.get("property", "").startswith("og:"):
            self.opengraph.setdefault(attributes["property"], []).append(attributes["content"])
        elif tag == "script" and attributes.get("type") == "application/ld+json":
            self._in = "json_ld"
            self.json_ld.append("")

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "json_ld":
            self.json_ld[-1] += data

    def handle_endtag(self, tag):
        if tag in ("title", "script"):
            self._in = None

    def links_with(self, rel: str) -> list[dict]:
        return [link for link in self.links if rel in link.get("rel", "").split()]

    @property
    def canonical(self) -> str:
        (link,) = self.links_with("canonical")
        return link["href"]

    def og(self, name: str) -> str:
        (value,) = self.opengraph[f"og:{name}"]
        return value


def head_of(html: str) -> Head:
    """The head of a page (or every element of an htmx answer, which has none)."""
    parser = Head()
    parser.feed(html.split("</head>")[0])
    return parser


def get_head(client, url: str, **headers) -> Head:
    response = client.get(url, headers=headers)
    assert response.status_code == 200, url
    return head_of(response.content.decode())


# Every page type --------------------------------------------------------------------------


def page_types(language: str) -> dict[str, tuple[str, str, str]]:
    """{page type: (its address, its expected canonical path, its og:type)} on the demo data,
    in `language`: one of each kind of page of the URL contract that is HTML."""
    project = Project.objects.published().first()
    scheme = FundingScheme.objects.published().first()
    organisation = Organisation.objects.published().first()
    event = Event.objects.published().first()
    item = NewsItem.objects.published().first()
    with translation.override(language):
        pages = {
            "home": reverse("home"),
            "projects": reverse("projects:list"),
            "project": project.get_absolute_url(),
            "funding": reverse("funding:list"),
            "scheme": scheme.get_absolute_url(),
            "partners": reverse("partners:list"),
            "organisation": organisation.get_absolute_url(),
            "events": reverse("events:list"),
            "event": event.get_absolute_url(),
            "cooperation day": reverse("events:cooperation_day"),
            "countries": reverse("country_list"),
            "country": reverse("country_detail", kwargs={"code": "cd"}),
            "sdgs": reverse("sdg_list"),
            "sdg": reverse("sdg_detail", kwargs={"number": 3}),
            "figures": reverse("figures:page"),
            "news": reverse("news:list"),
            "news item": item.get_absolute_url(),
            "contacts": reverse("contacts"),
            "open data": reverse("open_data"),
            **{key: reverse(name) for key, name in OFFICE_PAGES.items()},
        }
    content_pages = {"project", "scheme", "organisation", "event", "news item", *OFFICE_PAGES}
    types = {
        name: (url, url, "article" if name in content_pages else "website")
        for name, url in pages.items()
    }
    prefix = pages["projects"]
    # Filtered lists: the valid filters kept in the filter set's order, the page after the
    # first, an invalid value giving the bare list.
    types["projects, filtered"] = (
        f"{prefix}?sdg=3&country=CD&utm_source=newsletter",
        f"{prefix}?country=CD&sdg=3",
        "website",
    )
    types["projects, invalid filter"] = (f"{prefix}?country=CD&sdg=99", prefix, "website")
    types["events, past"] = (
        f"{pages['events']}?when=past",
        f"{pages['events']}?when=past",
        "website",
    )
    types["figures, filtered"] = (
        f"{pages['figures']}?country=cd&sort=title",
        f"{pages['figures']}?country=CD",
        "website",
    )
    return types


@pytest.fixture
def demo(office_pages):
    call_command("load_demo", verbosity=0)


def problems_of(head: Head, language: str, canonical_path: str, og_type: str) -> list[str]:
    problems = []
    canonicals = head.links_with("canonical")
    if [link.get("href") for link in canonicals] != [HOST + canonical_path]:
        problems.append(f"canonical {[link.get('href') for link in canonicals]}")
    alternates = [link for link in head.links_with("alternate") if "hreflang" in link]
    languages = sorted(link["hreflang"] for link in alternates)
    if languages != ["en", "fr", "x-default"]:
        problems.append(f"alternates {languages}")
    if not all(link["href"].startswith(f"{HOST}/") for link in alternates):
        problems.append("an alternate is not absolute")
    page_title = head.title.rsplit(" · ", 1)[0]
    expected = {
        "og:title": [page_title],
        "og:description": [head.description],
        "og:url": [HOST + canonical_path],
        "og:type": [og_type],
        "og:locale": [LOCALES[language]],
        "og:locale:alternate": [locale for code, locale in LOCALES.items() if code != language],
        "og:site_name": [head.title.rsplit(" · ", 1)[1]],
    }
    for name, values in expected.items():
        if head.opengraph.get(name) != values:
            problems.append(f"{name} {head.opengraph.get(name)} instead of {values}")
    return problems


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_type_has_one_canonical_three_alternates_and_its_opengraph(
    client, demo, language
):
    failures = {}
    for name, (url, canonical_path, og_type) in page_types(language).items():
        head = get_head(client, url)
        if name == "home":
            # Shared, the home page is the portal, not a page called "Home".
            head.title = f"{head.title.rsplit(' · ', 1)[1]} · {head.title.rsplit(' · ', 1)[1]}"
        if problems := problems_of(head, language, canonical_path, og_type):
            failures[f"{name} ({url})"] = problems
    assert failures == {}


def test_the_home_page_is_shared_as_the_portal(client):
    head = get_head(client, "/en/")
    assert head.og("title") == str(settings.PORTAL_NAME)
    assert head.og("description") == head.description


def test_a_french_page_names_its_french_address_and_locale(client, office_pages):
    head = get_head(client, "/fr/a-propos/")
    assert head.canonical == f"{HOST}/fr/a-propos/"
    assert head.og("url") == head.canonical
    assert head.og("locale") == "fr_BE"
    assert head.og("locale:alternate") == "en_GB"
    alternates = {link["hreflang"]: link["href"] for link in head.links_with("alternate")}
    assert alternates["en"] == f"{HOST}/en/about/"
    assert alternates["x-default"] == alternates["fr"] == f"{HOST}/fr/a-propos/"


# The canonical address of a list --------------------------------------------------------------


@pytest.fixture
def terms():
    for code in ("BJ", "CD", "SN"):
        CountryFactory(code=code)
    SDGFactory(number=3)
    SDGFactory(number=6)


@pytest.mark.parametrize(
    "query",
    [
        "?sdg=6&country=SN&sdg=3&country=BJ",
        "?country=BJ&sdg=3&country=SN&sdg=6",
        "?country=sn&country=BJ&country=BJ&sdg=3&sdg=6&utm_source=newsletter&q=",
    ],
)
def test_a_filtered_list_canonicalises_to_its_valid_filters_in_one_order(client, terms, query):
    head = get_head(client, f"/en/projects/{query}")
    assert head.canonical == f"{HOST}/en/projects/?country=BJ&country=SN&sdg=3&sdg=6"
    assert head.og("url") == head.canonical


@pytest.mark.parametrize(
    ("url", "bare"),
    [
        ("/en/projects/?country=CD&sdg=99", "/en/projects/"),
        ("/en/projects/?status=someday&page=2", "/en/projects/"),
        ("/en/funding/?kind=lottery&status=open", "/en/funding/"),
        ("/en/funding/?sort=cheapest", "/en/funding/"),
        ("/en/partners/?country=ZZ&region=africa", "/en/partners/"),
        ("/en/events/?when=someday", "/en/events/"),
        ("/en/events/?year=abc&kind=seminar", "/en/events/"),
        ("/en/news/?year=1850", "/en/news/"),
        ("/en/figures/?sdg=99&country=CD", "/en/figures/"),
        ("/fr/projects/?country=CD&sdg=99", "/fr/projects/"),
    ],
)
def test_a_list_with_a_value_it_does_not_understand_canonicalises_to_the_bare_list(
    client, terms, url, bare
):
    head = get_head(client, url)
    assert head.canonical == HOST + bare
    assert head.og("url") == HOST + bare


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        ("/en/events/", "/en/events/"),
        ("/en/events/?when=upcoming", "/en/events/"),
        ("/en/events/?when=past&kind=seminar", "/en/events/?when=past&kind=seminar"),
        ("/en/funding/?sort=deadline", "/en/funding/"),
        ("/en/funding/?sort=name&kind=travel-grant", "/en/funding/?kind=travel-grant&sort=name"),
        ("/en/projects/?sort=title&q=water", "/en/projects/?sort=title&q=water"),
        ("/en/partners/?region=africa&q=", "/en/partners/?region=africa"),
        ("/en/news/?sdg=3&year=2026", "/en/news/?year=2026&sdg=3"),
    ],
)
def test_a_lists_canonical_address_leaves_out_what_the_list_applies_anyway(
    client, terms, url, canonical
):
    """The default of a select (upcoming events, the funding by next deadline) is the bare
    list; an explicit order or search is kept (the projects' default order depends on the
    search, so an explicit one always counts)."""
    assert get_head(client, url).canonical == HOST + canonical


def test_a_page_after_the_first_keeps_its_number_in_its_canonical_address(client, terms):
    for number in range(settings.PAGE_SIZE * 2 + 1):
        NewsItemFactory(countries=[CountryFactory(code="CD")] if number % 5 else [])
    assert get_head(client, "/en/news/?page=1").canonical == f"{HOST}/en/news/"
    assert get_head(client, "/en/news/?page=2").canonical == f"{HOST}/en/news/?page=2"
    assert get_head(client, "/en/news/?page=last").canonical == f"{HOST}/en/news/?page=3"
    # Past the last page, the page shown is the last one.
    assert get_head(client, "/en/news/?page=9").canonical == f"{HOST}/en/news/?page=3"
    filtered = get_head(client, "/en/news/?page=2&country=CD")
    assert filtered.canonical == f"{HOST}/en/news/?country=CD&page=2"


def test_the_projects_list_keeps_its_order_and_page_in_its_canonical_address(client):
    ProjectFactory.create_batch(settings.PAGE_SIZE + 1)
    head = get_head(client, "/en/projects/?page=2&sort=title")
    assert head.canonical == f"{HOST}/en/projects/?sort=title&page=2"


def test_an_htmx_update_brings_the_canonical_address_of_its_query_out_of_band(client, terms):
    response = client.get("/en/projects/?sdg=3&country=CD", headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    expected = f"{HOST}/en/projects/?country=CD&amp;sdg=3"
    assert (
        f'<link rel="canonical" href="{expected}" id="canonical" data-hx-swap-oob="true">'
        in content
    )
    assert (
        f'<meta property="og:url" content="{expected}" id="og-url" data-hx-swap-oob="true">'
        in content
    )
    assert content.count('rel="canonical"') == 1


def test_the_whole_page_has_one_canonical_address_not_swapped(client):
    html = client.get("/en/projects/").content.decode()
    head = html.split("</head>")[0]
    assert head.count('rel="canonical"') == html.count('rel="canonical"') == 1
    assert 'id="canonical"' in head and "hx-swap-oob" not in head


def test_a_detail_page_canonicalises_to_its_address_without_the_query(client):
    project = ProjectFactory(slug="clean-water")
    head = get_head(client, f"{project.get_absolute_url()}?utm_source=newsletter")
    assert head.canonical == f"{HOST}/en/projects/clean-water/"


# Pictures -------------------------------------------------------------------------------------


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_URL = "/media/"
    return settings.MEDIA_ROOT


def news_with_photo() -> NewsItem:
    form = NewsItemForm(
        data={
            "title_fr": "Lancement d'Ucoopia",
            "title_en": "Ucoopia is launched",
            "slug": "ucoopia-launched",
            "published_on": "2026-05-04",
            "summary_fr": "Une nouvelle ONG.",
            "summary_en": "A new NGO.",
            "photo_alt_fr": "Les équipes réunies à Bruxelles.",
            "photo_alt_en": "The teams gathered in Brussels.",
            "publication_status": PUBLISHED,
        },
        files={"photo": uploaded_photo()},
    )
    assert form.is_valid(), form.errors
    return form.save()


def test_a_news_item_with_a_photo_shares_its_widest_copy_at_an_absolute_address(client, media_root):
    item = news_with_photo()
    head = get_head(client, item.get_absolute_url())
    widest = item.photo_sizes[-1]
    assert head.og("image") == f"{HOST}{widest['url']}"
    assert head.og("image").endswith("-1200w.webp")
    assert head.og("image:width") == str(widest["width"])
    assert head.og("image:height") == str(widest["height"])
    assert head.og("image:alt") == "The teams gathered in Brussels."
    assert head.og("type") == "article"


def test_an_image_on_another_host_is_kept_as_it_is(client, media_root, settings):
    item = news_with_photo()
    settings.MEDIA_URL = "https://media.example.org/"
    head = get_head(client, item.get_absolute_url())
    assert head.og("image").startswith("https://media.example.org/news/")


def test_a_page_without_a_picture_names_no_image(client):
    item = NewsItemFactory()
    assert "og:image" not in get_head(client, item.get_absolute_url()).opengraph
    scheme = FundingSchemeFactory()
    assert "og:image" not in get_head(client, scheme.get_absolute_url()).opengraph
