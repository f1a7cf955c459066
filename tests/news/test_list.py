"""The news list: newest first, 20 to a page, filtered by year, country and SDG, in a number of
queries that does not grow with the news."""

import datetime

import pytest
from django.core.cache import cache

from tests.factories import DRAFT, CountryFactory, NewsItemFactory, SDGFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def titles(response) -> list[str]:
    return [item.title for item in response.context["page_obj"]]


def test_news_are_listed_newest_first_and_drafts_are_not(client):
    NewsItemFactory(title_en="Older", published_on=datetime.date(2026, 1, 5))
    NewsItemFactory(title_en="Newest", published_on=datetime.date(2026, 5, 4))
    NewsItemFactory(title_en="Middle", published_on=datetime.date(2026, 3, 1))
    NewsItemFactory(
        title_en="A draft", published_on=datetime.date(2026, 6, 1), publication_status=DRAFT
    )

    response = client.get("/en/news/")

    assert response.status_code == 200
    assert titles(response) == ["Newest", "Middle", "Older"]
    assert b"A draft" not in response.content


def test_the_list_is_paginated_twenty_to_a_page(client):
    for day in range(25):
        NewsItemFactory(published_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=day))

    first = client.get("/en/news/")
    second = client.get("/en/news/?page=2")

    assert len(titles(first)) == 20
    assert len(titles(second)) == 5
    assert b'rel="next"' in first.content
    assert client.get("/en/news/?page=9").context["page_obj"].number == 2


def test_year_filter_keeps_only_the_news_of_that_year(client):
    NewsItemFactory(title_en="In 2025", published_on=datetime.date(2025, 12, 31))
    NewsItemFactory(title_en="In 2026", published_on=datetime.date(2026, 5, 4))

    assert titles(client.get("/en/news/?year=2026")) == ["In 2026"]
    assert titles(client.get("/en/news/?year=2025")) == ["In 2025"]


def test_country_filter_keeps_only_the_news_about_that_country(client):
    congo, benin = CountryFactory(code="CD"), CountryFactory(code="BJ")
    NewsItemFactory(title_en="Kinshasa", countries=[congo])
    NewsItemFactory(title_en="Cotonou", countries=[benin])
    NewsItemFactory(title_en="Both", countries=[congo, benin])

    assert sorted(titles(client.get("/en/news/?country=cd"))) == ["Both", "Kinshasa"]
    assert sorted(titles(client.get("/en/news/?country=BJ"))) == ["Both", "Cotonou"]


def test_sdg_filter_keeps_only_the_news_about_that_goal(client):
    health, water = SDGFactory(number=3), SDGFactory(number=6)
    NewsItemFactory(title_en="Health", sdgs=[health])
    NewsItemFactory(title_en="Water", sdgs=[water])

    assert titles(client.get("/en/news/?sdg=6")) == ["Water"]


def test_an_invalid_filter_value_is_reported_not_a_server_error(client):
    NewsItemFactory(title_en="Still listed")

    response = client.get("/en/news/?year=abc&country=ZZ&sdg=99999999999999999999")

    assert response.status_code == 200
    assert titles(response) == ["Still listed"]
    assert b"were not understood" in response.content


def test_the_list_runs_as_many_queries_for_forty_news_as_for_one(
    client, django_assert_max_num_queries
):
    countries = [CountryFactory(code=code) for code in ("CD", "BJ", "SN")]
    sdgs = [SDGFactory(number=number) for number in (3, 6, 14)]
    NewsItemFactory(countries=countries, sdgs=sdgs)
    url = "/en/news/?country=CD&sdg=3"
    count_queries(client, "/en/")  # the footer's contacts, read once per process
    # 7: the country and the SDG asked for, the count, the page's rows, the country and SDG
    # options, the content version.
    once = count_queries(client, url)
    assert once <= 7
    for _ in range(39):
        NewsItemFactory(countries=countries, sdgs=sdgs)
    count_queries(client, "/en/")  # the first request after a change reads it once
    cache.clear()
    with django_assert_max_num_queries(7):
        assert client.get(url).status_code == 200
    assert count_queries(client, url) == once


@pytest.mark.parametrize(("language", "label"), [("en", "News"), ("fr", "Actualités")])
def test_the_site_s_main_navigation_leads_to_the_news(client, language, label):
    nav = client.get(f"/{language}/").content.decode().split('class="site-nav"')[1]
    nav = nav.split("</nav>")[0]
    assert f'<a href="/{language}/news/">{label}</a>' in nav

    nav = client.get(f"/{language}/news/").content.decode().split('class="site-nav"')[1]
    assert f'<a href="/{language}/news/" aria-current="page">{label}</a>' in nav
