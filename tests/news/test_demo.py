"""The demo's news: the launch of Ucoopia on 4 May 2026 in both languages, examples marked as
such, and a second load that changes nothing."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from news.models import NewsItem

pytestmark = pytest.mark.django_db


def load_demo() -> None:
    call_command("load_demo", stdout=StringIO())


def rows() -> list[dict]:
    return list(NewsItem.objects.order_by("pk").values())


def test_the_demo_tells_the_launch_of_ucoopia_in_both_languages(client):
    load_demo()

    launch = NewsItem.objects.published().get(slug="ucoopia-launched")
    assert launch.published_on == datetime.date(2026, 5, 4)
    assert not launch.is_example
    assert "first inter-university NGO in Belgium" in launch.title_en
    assert "première ONG interuniversitaire de Belgique" in launch.title_fr
    assert "https://ucoopia.org" in launch.body_en and "https://ucoopia.org" in launch.body_fr
    assert set(launch.countries.values_list("code", flat=True)) == {
        "BJ",
        "SN",
        "GN",
        "BF",
        "CD",
        "BO",
        "PE",
        "KH",
        "BE",
    }
    assert {"ucoopia", "ulb-cooperation", "eclosio"} <= set(
        launch.organisations.values_list("slug", flat=True)
    )
    for language, date in (("en", "May 4, 2026"), ("fr", "4 mai 2026")):
        response = client.get(f"/{language}/news/ucoopia-launched/")
        assert response.status_code == 200
        assert date in response.content.decode()
    assert "ucoopia-launched" in client.get("/en/partners/ucoopia/").content.decode()


def test_every_other_demo_news_item_is_an_example():
    load_demo()

    others = NewsItem.objects.exclude(slug="ucoopia-launched")
    assert others.exists()
    assert all(item.is_example for item in others)


def test_loading_the_demo_twice_changes_no_news():
    load_demo()
    first = rows()
    links = [
        sorted(item.countries.values_list("pk", flat=True))
        for item in NewsItem.objects.order_by("pk")
    ]

    load_demo()

    assert rows() == first
    assert links == [
        sorted(item.countries.values_list("pk", flat=True))
        for item in NewsItem.objects.order_by("pk")
    ]
