import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads go to a folder of the test's own, never to the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_URL = "/media/"
    return settings.MEDIA_ROOT


def photo_bytes(width: int = 2400, height: int = 1600, image_format: str = "JPEG") -> bytes:
    """A photo-like image: smooth gradients with some detail, as a camera would give, not flat
    colour (which any encoder shrinks to nothing)."""
    image = Image.radial_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 40)
    picture = Image.merge("RGB", (image, noise, Image.linear_gradient("L").resize((width, height))))
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format, **({"quality": 90} if image_format == "JPEG" else {}))
    return buffer.getvalue()


def uploaded_photo(name: str = "launch.jpg", image_format: str = "JPEG", **kwargs):
    content_types = {
        "JPEG": "image/jpeg",
        "PNG": "image/png",
        "WEBP": "image/webp",
        "GIF": "image/gif",
    }
    return SimpleUploadedFile(
        name,
        photo_bytes(image_format=image_format, **kwargs),
        content_type=content_types[image_format],
    )
