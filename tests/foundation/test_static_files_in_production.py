"""The pages as production serves them: collected static files with hashed names (WhiteNoise's
compressed manifest storage, the one used whenever debug is off). A template naming a static file
that does not exist fails here, as it would in production, instead of only once deployed."""

import os
import re
import subprocess
import sys

import pytest
from django.core.management import call_command

from tests.factories import EventFactory, ProjectFactory

pytestmark = pytest.mark.django_db

MANIFEST_STORAGE = "whitenoise.storage.CompressedManifestStaticFilesStorage"


@pytest.fixture
def production_static_files(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": MANIFEST_STORAGE}}
    settings.WHITENOISE_AUTOREFRESH = False
    settings.WHITENOISE_USE_FINDERS = False
    call_command("collectstatic", interactive=False, verbosity=0)


def test_production_settings_use_the_manifest_storage():
    """What the settings give with debug off, read in a process of its own."""
    code = (
        "import django, os; django.setup(); from django.conf import settings; "
        "print(settings.STORAGES['staticfiles']['BACKEND'])"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cooperation_portal.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": "only-for-this-test-" + "x" * 50,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == MANIFEST_STORAGE


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_page_names_hashed_static_files_that_are_served(
    client, production_static_files, language
):
    project = ProjectFactory()
    event = EventFactory()
    pages = [
        f"/{language}/",
        f"/{language}/projects/",
        project.get_absolute_url().replace("/en/", f"/{language}/", 1),
        f"/{language}/funding/",
        f"/{language}/partners/",
        f"/{language}/events/",
        event.get_absolute_url().replace("/en/", f"/{language}/", 1),
        f"/{language}/sdgs/",
        "/admin/login/",
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assets = re.findall(r'(?:href|src)="(/static/[^"]+)"', response.content.decode())
        assert assets, page
        for asset in assets:
            # A content hash in the name: browsers may keep it for a year.
            assert re.search(r"\.[0-9a-f]{12}\.\w+$", asset), asset
            served = client.get(asset)
            assert served.status_code == 200, asset
            assert "max-age=315360000" in served["Cache-Control"], asset
