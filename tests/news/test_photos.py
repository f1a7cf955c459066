"""A news item's photo: only JPEG, PNG or WebP of at most 5 MB, always with alternative text;
copies made on save and offered in a `srcset`, so that a page with a photo stays under 150 KB
on first load."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from news.admin import NewsItemForm
from news.models import NewsItem
from news.photos import RENDITION_WIDTHS
from tests.factories import PUBLISHED, NewsItemFactory
from tests.news.conftest import photo_bytes, uploaded_photo

pytestmark = pytest.mark.django_db


def form_data(**values) -> dict:
    data = {
        "title_fr": "Lancement d'Ucoopia",
        "title_en": "Ucoopia is launched",
        "slug": "ucoopia-launched",
        "published_on": "2026-05-04",
        "summary_fr": "Une nouvelle ONG.",
        "summary_en": "A new NGO.",
        "photo_alt_fr": "Les équipes réunies à Bruxelles.",
        "photo_alt_en": "The teams gathered in Brussels.",
        "publication_status": PUBLISHED,
    }
    data.update(values)
    return data


def submitted(photo, **values) -> NewsItemForm:
    return NewsItemForm(data=form_data(**values), files={"photo": photo} if photo else {})


def test_a_photo_with_its_alternative_text_is_accepted_and_its_copies_made(media_root):
    form = submitted(uploaded_photo())

    assert form.is_valid(), form.errors
    item = form.save()

    widths = [size["width"] for size in item.photo_sizes]
    assert widths == list(RENDITION_WIDTHS)
    for size in item.photo_sizes:
        copy = Path(media_root) / size["name"]
        assert copy.exists() and copy.suffix == ".webp"
        assert copy.stat().st_size <= 90 * 1024
    assert (item.photo_width, item.photo_height) == (2400, 1600)


def test_a_photo_without_alternative_text_is_refused():
    form = submitted(uploaded_photo(), photo_alt_fr="", photo_alt_en="")

    assert not form.is_valid()
    assert "alternative text is required with a photo" in str(form.errors["photo_alt_fr"])


def test_the_model_refuses_a_photo_without_alternative_text_too():
    item = NewsItemFactory.build(photo=uploaded_photo(), photo_alt_fr="", photo_alt_en="")

    with pytest.raises(ValidationError) as refused:
        item.full_clean()
    assert "photo_alt_fr" in refused.value.message_dict


def test_a_photo_over_5_mb_is_refused_with_its_weight_said():
    heavy = photo_bytes()
    heavy += b"\0" * (6 * 1024 * 1024 - len(heavy))  # a JPEG padded to 6 MB
    photo = SimpleUploadedFile("heavy.jpg", heavy, content_type="image/jpeg")

    form = submitted(photo)

    assert not form.is_valid()
    message = str(form.errors["photo"])
    assert "This photo weighs 6.0\xa0MB: at most 5.0\xa0MB is accepted." in message


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("animation.gif", photo_bytes(400, 300, "GIF")),
        ("photo.bmp", photo_bytes(400, 300, "BMP")),
        ("notes.jpg", b"not an image at all"),
    ],
)
def test_another_kind_of_file_is_refused(name, content):
    form = submitted(SimpleUploadedFile(name, content))

    assert not form.is_valid()
    assert "photo" in form.errors


def test_the_photo_is_offered_in_a_srcset_with_its_size_and_credit(client):
    form = submitted(uploaded_photo(), photo_credit="Ucoopia")
    assert form.is_valid(), form.errors
    form.save()

    html = client.get("/en/news/ucoopia-launched/").content.decode()
    image = re.search(r"<img [^>]*>", html).group(0)

    assert 'srcset="/media/news/launch-480w.webp 480w, ' in image
    assert "800w" in image and "1200w" in image
    assert 'sizes="' in image
    assert 'width="800" height="533"' in image
    assert 'alt="The teams gathered in Brussels."' in image
    assert "Photo: Ucoopia" in html


def test_the_home_page_loads_the_news_photos_lazily(client):
    form = submitted(uploaded_photo())
    assert form.is_valid(), form.errors
    form.save()

    html = client.get("/en/").content.decode()
    image = re.search(r'<img class="news-card__photo"[^>]*>', html).group(0)

    assert 'loading="lazy"' in image and "480w" in image


def test_a_news_page_with_a_photo_stays_under_150_kb_on_first_load(client, media_root):
    """What a browser 1280 px wide downloads first: the page, its style sheet, and the copy of
    the photo it picks from the `srcset` for the column (46rem, 736 px: the 800 px copy) —
    measured on the largest copy too, which a high-density screen may pick."""
    form = submitted(uploaded_photo(width=3000, height=2000), body_en="Text. " * 1500)
    assert form.is_valid(), form.errors
    item = form.save()

    response = client.get(item.get_absolute_url())
    html = response.content
    screen_style_sheets = re.findall(r'<link rel="stylesheet" href="([^"]+)">', html.decode())
    style_sheets = [
        Path(finders.find(href.removeprefix(settings.STATIC_URL))) for href in screen_style_sheets
    ]
    css = sum(path.stat().st_size for path in style_sheets)
    chosen = next(size for size in item.photo_sizes if size["width"] >= 736)
    largest = item.photo_sizes[-1]

    def weight(size) -> int:
        return len(html) + css + (Path(media_root) / size["name"]).stat().st_size

    assert style_sheets
    assert weight(chosen) < 150 * 1024
    assert weight(largest) < 150 * 1024


def test_a_replaced_photo_gets_new_copies():
    item = NewsItemFactory(photo=uploaded_photo(), photo_alt_fr="Une photo.")
    first = item.photo_renditions["source"]

    item.photo = uploaded_photo(name="other.png", image_format="PNG", width=600, height=400)
    item.save()
    item.refresh_from_db()

    assert item.photo_renditions["source"] != first
    assert [size["width"] for size in item.photo_sizes] == [480, 600]
    assert NewsItem.objects.get(pk=item.pk).photo_default["width"] == 600
