"""The latest three news on the home page and on the pages of the projects, partners and
countries they are about."""

import datetime

import pytest

from tests.factories import (
    DRAFT,
    CountryFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def four_news(**links) -> list:
    """Four published news (the newest first) and a newer draft, about what `links` say."""
    news = [
        NewsItemFactory(title_en=f"Story {day}", published_on=datetime.date(2026, 5, day), **links)
        for day in (4, 3, 2, 1)
    ]
    NewsItemFactory(
        title_en="Unpublished story",
        published_on=datetime.date(2026, 6, 1),
        publication_status=DRAFT,
        **links,
    )
    return news


def shown_titles(response) -> list[str]:
    return [item.title for item in response.context["latest_news"]]


def assert_latest_three(response) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert shown_titles(response) == ["Story 4", "Story 3", "Story 2"]
    assert "Latest news" in html
    assert "Story 1" not in html and "Unpublished story" not in html


def test_the_home_page_shows_the_latest_three_news(client):
    four_news()

    assert_latest_three(client.get("/en/"))


def test_the_home_page_says_when_there_is_no_news(client):
    assert b"No news has been published yet." in client.get("/en/").content


def test_a_project_page_shows_the_latest_three_news_about_it(client):
    project = ProjectFactory(slug="maternal-health-kinshasa")
    four_news(projects=[project])
    NewsItemFactory(title_en="About another project", projects=[ProjectFactory()])

    response = client.get("/en/projects/maternal-health-kinshasa/")

    assert_latest_three(response)
    assert "About another project" not in response.content.decode()


def test_a_partner_page_shows_the_latest_three_news_about_it(client):
    partner = OrganisationFactory(slug="ucoopia")
    four_news(organisations=[partner])

    assert_latest_three(client.get("/en/partners/ucoopia/"))


def test_a_country_page_shows_the_latest_three_news_about_it(client):
    benin = CountryFactory(code="BJ")
    four_news(countries=[benin])
    NewsItemFactory(title_en="In Senegal", countries=[CountryFactory(code="SN")])

    response = client.get("/en/countries/bj/")

    assert_latest_three(response)
    assert "In Senegal" not in response.content.decode()


def test_a_page_with_no_news_about_it_shows_no_news_section(client):
    ProjectFactory(slug="quiet")

    response = client.get("/en/projects/quiet/")

    assert response.status_code == 200
    assert "Latest news" not in response.content.decode()
