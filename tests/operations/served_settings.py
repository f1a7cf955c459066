"""Settings of the portal as tests/operations/test_served.py serves it with gunicorn:
production's own (debug off, from the environment), with static files read from the source
folders, as nothing is collected for the tests."""

from cooperation_portal.settings import *  # noqa: F403
from cooperation_portal.settings import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
