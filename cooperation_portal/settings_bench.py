"""Settings of the benchmark only (`make bench`, scripts/bench.py): the portal's own settings,
with a bare page added to its URLs as the yardstick. Never used to serve the public site."""

from .settings import *  # noqa: F403

ROOT_URLCONF = "pages.urls_bench"
