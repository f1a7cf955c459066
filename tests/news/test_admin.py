"""Officers and editors write the news in the admin: an editor's item stays a draft, an
officer publishes; every save is a version in the history; a photo without alternative text
is refused there too."""

import pytest
from reversion.models import Version

from news.models import NewsItem
from tests.factories import DRAFT, PUBLISHED
from tests.helpers import admin_url
from tests.news.conftest import uploaded_photo
from tests.officers.helpers import EDITORS, OFFICERS, signed_in, staff_user

pytestmark = pytest.mark.django_db


def added(client, **values):
    data = {
        "title_fr": "Lancement d'Ucoopia",
        "title_en": "Ucoopia is launched",
        "slug": "ucoopia-launched",
        "published_on": "2026-05-04",
        "summary_fr": "Une nouvelle ONG.",
        "summary_en": "A new NGO.",
        "body_fr": "",
        "body_en": "",
        "photo_alt_fr": "",
        "photo_alt_en": "",
        "photo_credit": "",
        "publication_status": PUBLISHED,
    }
    data.update(values)
    return client.post(admin_url(NewsItem, "add"), data)


def test_an_officer_publishes_a_news_item_with_a_photo_and_it_has_a_history(roles):
    client = signed_in(staff_user("officer", OFFICERS))

    assert client.get(admin_url(NewsItem, "add")).status_code == 200
    response = added(client, photo=uploaded_photo(), photo_alt_fr="Les équipes.")

    assert response.status_code == 302, response.content.decode()[:2000]
    item = NewsItem.objects.get(slug="ucoopia-launched")
    assert item.is_published and item.photo_sizes
    assert Version.objects.get_for_object(item).count() == 1


def test_an_editor_writes_drafts_only(roles):
    client = signed_in(staff_user("editor", EDITORS))

    response = added(client)

    assert response.status_code == 302
    assert NewsItem.objects.get(slug="ucoopia-launched").publication_status == DRAFT


def test_the_admin_refuses_a_photo_without_alternative_text(roles):
    client = signed_in(staff_user("officer", OFFICERS))

    response = added(client, photo=uploaded_photo())

    assert response.status_code == 200
    assert "alternative text is required with a photo" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_the_admin_refuses_a_gif(roles):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.news.conftest import photo_bytes

    client = signed_in(staff_user("officer", OFFICERS))
    gif = SimpleUploadedFile("moving.gif", photo_bytes(300, 200, "GIF"), "image/gif")

    response = added(client, photo=gif, photo_alt_fr="Une image.")

    assert response.status_code == 200
    assert (
        "Only photos in these formats are accepted: JPEG, PNG, WebP." in response.content.decode()
    )
