"""Settings of the Cooperation Portal.

Every value that differs between a developer's machine and production is read from the
environment through the small typed helpers below. The defaults just work for development
(SQLite, debug on); production values only ever come from the environment (see README.md).
"""

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {value!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from error


def cache_from_url(url: str) -> dict[str, Any]:
    """A cache backend from its address: `locmem://` (in each process's memory, the default),
    `dummy://` (no caching), `redis://host:port/db` or `rediss://…` (TLS), shared by every
    process."""
    parts = urlsplit(url)
    if parts.scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "portal",
        }
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if parts.scheme in {"redis", "rediss"}:
        if not parts.hostname:
            raise ImproperlyConfigured(f"CACHE_URL needs a host: {parts.scheme}://host:port/db.")
        database = parts.path.strip("/")
        if database and not database.isdecimal():
            raise ImproperlyConfigured("CACHE_URL's database must be a number: redis://host/0.")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    # The address may hold a password: name only its scheme.
    given = f"{parts.scheme}://" if "://" in url else "an address without a scheme"
    raise ImproperlyConfigured(
        f"CACHE_URL must start with locmem://, dummy://, redis:// or rediss://, not {given}."
    )


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-development-only-key-never-used-in-production-0123456789"

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before django.contrib.admin.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django_filters",
    "taggit",
    "reversion",
    "cooperation_portal",
    "taxonomy",
    "partners",
    "funding",
    "projects",
    "events",
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304 answers, outside the page cache so that cached pages get them too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the session: a page served from the cache needs neither session nor user.
    "cooperation_portal.caching.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "pages.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "pages.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "cooperation_portal.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections, checked before each request reuses them.
        conn_max_age=env_int("DJANGO_DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
# A slow query fails in seconds instead of holding a worker for thirty (0: no limit). The web
# processes keep the default; manage.py sets 0, so migrations and bulk loads are not cut off.
DATABASE_STATEMENT_TIMEOUT_MS = env_int("DJANGO_DB_STATEMENT_TIMEOUT_MS", 5000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on the portal's short queries (188 of the 383 ms
    # of the related-projects query at 100,000 projects). Random reads cost little more than
    # sequential ones on SSDs and cached data (PostgreSQL's 4 assumes spinning disks): without
    # that, a search for a common word at 100,000 projects was planned as a sequential scan
    # reading every project's document out of line (700 ms) instead of its index (50 ms).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS} -c jit=off"
        f" -c random_page_cost={float(env_str('DJANGO_DB_RANDOM_PAGE_COST', '1.1'))}"
    )

# Cache: see cache_from_url. Whole public pages are cached for anonymous visitors
# (cooperation_portal/caching.py) until any published content changes, or for
# PAGE_CACHE_SECONDS at most (0: not cached on the server). Browsers and proxies may reuse an
# anonymous page for PAGE_BROWSER_MAX_AGE seconds. With several processes, use Redis:
# local memory is per process, so an edit would reach the other processes' copies only when
# they expire.
CACHES = {"default": cache_from_url(env_str("CACHE_URL", "locmem://"))}
PAGE_CACHE_SECONDS = env_int("DJANGO_PAGE_CACHE_SECONDS", 600)
# Calendar UIDs end with a subdomain of this (cooperation_portal.calendars.calendar_uid): set it to
# a domain the office controls; never change it once calendars are subscribed to.
CALENDAR_UID_DOMAIN = env_str("DJANGO_CALENDAR_UID_DOMAIN", "cooperation-portal")
PAGE_BROWSER_MAX_AGE = env_int("DJANGO_PAGE_BROWSER_MAX_AGE", 60)
# The apps whose rows are public content: any write to them bumps the page cache's version.
PAGE_CACHE_CONTENT_APPS = ["taxonomy", "partners", "funding", "projects", "events", "taggit"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: French first (most partners work in French), English second.
LANGUAGE_CODE = "fr"
LANGUAGES = [
    ("fr", _("French")),
    ("en", _("English")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
# Dates typed day first in both languages (31/01/2030, or ISO), never month first.
FORMAT_MODULE_PATH = ["cooperation_portal.formats"]

# Content in both languages (django-modeltranslation); a missing text falls back to the other
# language, and templates mark it with its own lang attribute.
# The office writes in French first: French is required, English welcome (it falls back to
# French on English pages, marked).
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "en")
MODELTRANSLATION_REQUIRED_LANGUAGES = ("fr",)
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr", "en")}

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Every record goes to the console once: Django's own loggers (which have a console handler of
# their own by default) hand their records to the root's handler instead of printing them too.
LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", "WARNING")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # The development server's one line per request.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# Security: strict in production, relaxed only where development needs it.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("DJANGO_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Paths that answer without the HTTPS redirect, so a load balancer can probe over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

PAGE_SIZE = 20

# The office's own name, shown in the header and footer.
PORTAL_NAME = _("Cooperation Portal")
