"""The sitemap: every published page in both languages with reciprocal alternates (fr, en,
x-default) and when it last changed; no draft; named by robots.txt; read a page at a time."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from events.models import Event
from funding.models import FundingScheme
from news.models import NewsItem
from partners.models import Organisation
from projects.models import Project
from tests.factories import DRAFT, ProjectFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
HOST = "http://testserver"


def read(client, url: str) -> ET.Element:
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content)


def every_url(client) -> dict[str, dict[str, str]]:
    """{address: {hreflang: alternate}} over every sitemap of the index."""
    found = {}
    for sitemap in read(client, "/sitemap.xml").findall("sm:sitemap/sm:loc", NS):
        for url in read(client, sitemap.text.removeprefix(HOST)).findall("sm:url", NS):
            alternates = {
                link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)
            }
            found[url.find("sm:loc", NS).text.removeprefix(HOST)] = alternates
    return found


def test_every_published_page_is_listed_in_both_languages_and_no_draft(client, office_pages):
    call_command("load_demo", verbosity=0)
    ProjectFactory(slug="a-draft-project", publication_status=DRAFT)

    urls = every_url(client)

    for model in (Project, FundingScheme, Organisation, Event, NewsItem):
        for row in model.objects.published():
            path = row.get_absolute_url()  # in English: the tests' language
            assert path in urls, path
            assert path.replace("/en/", "/fr/", 1) in urls, path
    assert not [url for url in urls if "a-draft-project" in url]
    for path in ("/en/", "/fr/", "/en/countries/cd/", "/fr/sdgs/3/", "/en/about/", "/fr/a-propos/"):
        assert path in urls, path
    assert "/en/figures/" in urls and "/en/countries/" in urls


def test_each_page_names_its_other_language_and_the_default_and_they_name_it_back(client):
    ProjectFactory(slug="water")

    urls = every_url(client)

    english = urls["/en/projects/water/"]
    # The default: the French page, the portal's first language.
    assert english == {
        "fr": f"{HOST}/fr/projects/water/",
        "en": f"{HOST}/en/projects/water/",
        "x-default": f"{HOST}/fr/projects/water/",
    }
    assert urls["/fr/projects/water/"] == english


def test_the_default_of_a_page_with_translated_addresses_answers(client, office_pages):
    alternates = every_url(client)["/en/about/"]

    assert alternates["fr"] == alternates["x-default"] == f"{HOST}/fr/a-propos/"
    for address in alternates.values():
        assert client.get(address.removeprefix(HOST)).status_code == 200


def test_a_content_page_says_when_it_last_changed(client):
    project = ProjectFactory(slug="water")
    sitemap = read(client, "/sitemap-projects.xml")
    (url,) = [
        url
        for url in sitemap.findall("sm:url", NS)
        if url.find("sm:loc", NS).text == f"{HOST}/en/projects/water/"
    ]
    project.refresh_from_db()
    assert url.find("sm:lastmod", NS).text == project.updated_at.date().isoformat()


def test_robots_txt_names_the_sitemap(client):
    robots = client.get("/robots.txt").content.decode()
    assert re.search(r"^Sitemap: http://testserver/sitemap\.xml$", robots, re.M)


def test_a_sitemap_runs_as_many_queries_for_many_projects_as_for_few(client):
    ProjectFactory()
    few = count_queries(client, "/sitemap-projects.xml")
    for _ in range(30):
        ProjectFactory()
    assert count_queries(client, "/sitemap-projects.xml") == few


def test_a_page_of_the_sitemap_holds_a_slice_of_the_projects_in_both_languages(client, settings):
    from pages.sitemaps import ProjectSitemap

    for number in range(5):
        ProjectFactory(slug=f"project-{number}")
    ProjectSitemap.limit = 4
    try:
        first = read(client, "/sitemap-projects.xml?p=1").findall("sm:url/sm:loc", NS)
        second = read(client, "/sitemap-projects.xml?p=2").findall("sm:url/sm:loc", NS)
        third = read(client, "/sitemap-projects.xml?p=3").findall("sm:url/sm:loc", NS)
    finally:
        ProjectSitemap.limit = 50_000
    pages = [[loc.text.removeprefix(HOST) for loc in page] for page in (first, second, third)]
    assert pages[0] == [
        "/fr/projects/project-0/",
        "/en/projects/project-0/",
        "/fr/projects/project-1/",
        "/en/projects/project-1/",
    ]
    assert len(pages[1]) == 4 and len(pages[2]) == 2
    assert pages[2] == ["/fr/projects/project-4/", "/en/projects/project-4/"]


@pytest.mark.parametrize(
    ("url", "french"),
    [("/en/about/", "/fr/a-propos/"), ("/en/projects/?sdg=3", "/fr/projects/?sdg=3")],
)
def test_every_page_names_its_languages_and_the_default_in_its_head(
    client, office_pages, url, french
):
    html = client.get(url).content.decode()
    head = html.split("</head>")[0]

    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', head))
    assert set(alternates) == {"fr", "en", "x-default"}
    assert alternates["x-default"] == alternates["fr"] == f"{HOST}{french}"
