"""A news item's page: its date, its text (Markdown, sanitised), its photo and what it is about."""

import datetime

import pytest

from tests.factories import (
    DRAFT,
    CountryFactory,
    EventFactory,
    NewsItemFactory,
    OrganisationFactory,
    ProjectFactory,
    SDGFactory,
)

pytestmark = pytest.mark.django_db


def test_a_news_page_shows_its_date_text_and_what_it_is_about(client):
    project = ProjectFactory(title_en="Maternal health in Kinshasa")
    hidden_project = ProjectFactory(title_en="Not public yet", publication_status=DRAFT)
    partner = OrganisationFactory(name_en="Ucoopia", slug="ucoopia")
    event = EventFactory(title_en="University Cooperation Day")
    item = NewsItemFactory(
        title_en="Ucoopia is launched",
        slug="ucoopia-launched",
        published_on=datetime.date(2026, 5, 4),
        body_en="## Where\n\nWith **partners**.<script>alert(1)</script>",
        projects=[project, hidden_project],
        organisations=[partner],
        events=[event],
        countries=[CountryFactory(code="BJ")],
        sdgs=[SDGFactory(number=17)],
    )

    response = client.get("/en/news/ucoopia-launched/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<time datetime="2026-05-04">May 4, 2026</time>' in html
    assert "<h2" in html and "<strong>partners</strong>" in html
    assert "<script>alert" not in html
    assert project.get_absolute_url() in html
    assert "Not public yet" not in html
    assert partner.get_absolute_url() in html
    assert event.get_absolute_url() in html
    assert "/en/countries/bj/" in html
    assert "/en/sdgs/17/" in html
    assert item.get_absolute_url() == "/en/news/ucoopia-launched/"


def test_the_page_exists_in_french_too(client):
    NewsItemFactory(
        slug="lancement", title_fr="Lancement d'Ucoopia", published_on=datetime.date(2026, 5, 4)
    )

    response = client.get("/fr/news/lancement/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Lancement d&#x27;Ucoopia" in html
    assert '<time datetime="2026-05-04">4 mai 2026</time>' in html


def test_a_draft_answers_404_to_the_public(client):
    NewsItemFactory(slug="draft", publication_status=DRAFT)

    assert client.get("/en/news/draft/").status_code == 404
    assert client.get("/en/news/no-such-news/").status_code == 404


def test_an_example_says_it_is_one(client):
    NewsItemFactory(slug="example", is_example=True)

    html = client.get("/en/news/example/").content.decode()

    assert "This news item is an example" in html
    assert "tag--example" in client.get("/en/news/").content.decode()


def test_the_feed_slug_is_reserved(client):
    from django.core.exceptions import ValidationError

    item = NewsItemFactory.build(slug="feed")
    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "slug" in refused.value.message_dict
