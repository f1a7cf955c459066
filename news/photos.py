"""A news item's photo: what is accepted on upload, and the smaller copies pages show.

An officer uploads one photo (JPEG, PNG or WebP, at most 5 MB). On save, a few narrower copies
are written beside it under `MEDIA_ROOT` (WebP, `RENDITION_WIDTHS`, each compressed until it
weighs at most `RENDITION_BUDGET`), so that a page offers them in a `srcset` and the browser
downloads the one that fits the screen: a news page stays under 150 KB on first load.
"""

import io
import posixpath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

#: What an upload may weigh.
MAX_PHOTO_BYTES = 5 * 1024 * 1024
#: The largest image accepted, in pixels (width by height): bigger ones would take too much
#: memory to resize (a small file may hold a huge, flat image).
MAX_PHOTO_PIXELS = 40_000_000
#: Pillow's names of the formats accepted, and the file extensions that go with them.
ACCEPTED_FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
ACCEPTED_EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}
#: The widths of the copies, in pixels; a photo narrower than one is not enlarged.
RENDITION_WIDTHS = (480, 800, 1200)
#: The width a page shows without a `srcset` (its `src`).
DEFAULT_WIDTH = 800
#: What each copy may weigh at most: with the page (about 25 KB) and its style sheet (about
#: 25 KB), the largest copy keeps a page under 150 KB.
RENDITION_BUDGET = 90 * 1024
#: The WebP qualities tried, best first, until a copy fits its budget.
QUALITIES = (80, 70, 60, 50, 40, 30)


def validate_photo(file) -> None:
    """Refuse what is not a JPEG, PNG or WebP image of at most 5 MB, saying why."""
    if not file or getattr(file, "_committed", False):
        return  # no photo, or one accepted when it was uploaded
    size = getattr(file, "size", None)
    if size is not None and size > MAX_PHOTO_BYTES:
        raise ValidationError(
            _("This photo weighs %(size)s: at most %(limit)s is accepted. Make it smaller."),
            code="photo_too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(MAX_PHOTO_BYTES)},
        )
    extension = posixpath.splitext(getattr(file, "name", "") or "")[1].lower()
    accepted = ", ".join(sorted(set(ACCEPTED_FORMATS.values())))
    try:
        file.seek(0)
        with Image.open(file) as image:
            image_format = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        image_format = None
    finally:
        file.seek(0)
    if image_format not in ACCEPTED_FORMATS or extension not in ACCEPTED_EXTENSIONS:
        raise ValidationError(
            _("Only photos in these formats are accepted: %(formats)s."),
            code="photo_format",
            params={"formats": accepted},
        )
    if width * height > MAX_PHOTO_PIXELS:
        raise ValidationError(
            _(
                "This photo is %(width)s by %(height)s pixels: make it smaller (at most "
                "40 megapixels)."
            ),
            code="photo_too_many_pixels",
            params={"width": width, "height": height},
        )


def rendition_name(photo_name: str, width: int) -> str:
    """`news/2026/launch.jpg` -> `news/2026/launch-800w.webp`."""
    return f"{posixpath.splitext(photo_name)[0]}-{width}w.webp"


def encoded(image: Image.Image) -> bytes:
    """The image as WebP, at the best quality that fits the budget (the last one tried else)."""
    for quality in QUALITIES:
        buffer = io.BytesIO()
        image.save(buffer, format="WEBP", quality=quality, method=4)
        if buffer.tell() <= RENDITION_BUDGET:
            break
    return buffer.getvalue()


def make_renditions(field_file) -> dict:
    """Write the copies of the photo in `field_file` (saved already) beside it, and say what
    they are: `{"source": its name, "width", "height", "sizes": [{"width", "height", "name"}]}`,
    what the model keeps to draw a `srcset` without touching the files."""
    storage = field_file.storage
    with storage.open(field_file.name, "rb") as file, Image.open(file) as original:
        # The orientation the camera recorded, applied: copies carry no EXIF.
        image = ImageOps.exif_transpose(original)
        image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
    width, height = image.size
    widths = [w for w in RENDITION_WIDTHS if w < width] or [width]
    if width < RENDITION_WIDTHS[-1] and width not in widths:
        widths.append(width)  # the photo's own width, the sharpest it can be
    sizes = []
    for target in sorted(set(widths)):
        target_height = max(1, round(height * target / width))
        copy = image if target == width else image.resize((target, target_height), Image.LANCZOS)
        name = rendition_name(field_file.name, target)
        if storage.exists(name):
            storage.delete(name)
        saved = storage.save(name, ContentFile(encoded(copy)))
        sizes.append({"width": target, "height": target_height, "name": saved})
    return {"source": field_file.name, "width": width, "height": height, "sizes": sizes}


def renditions_exist(field_file, renditions: dict) -> bool:
    return all(field_file.storage.exists(size["name"]) for size in renditions.get("sizes", []))
