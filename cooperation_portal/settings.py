"""Settings of the Cooperation Portal.

Every value that differs between a developer's machine and production is read from the
environment through the small typed helpers below. The defaults just work for development
(SQLite, debug on); production values only ever come from the environment (see README.md).
"""

import datetime
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from cooperation_portal.logging import parse_admins, start_error_tracker

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
    # Django's admin with the staff login protected (cooperation_portal.admin_site).
    "cooperation_portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django_filters",
    "taggit",
    "reversion",
    # Staff login protection: lockout after failed logins, second factor (below, "Staff login").
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # django-csp's system checks (the policy itself: "Content Security Policy" below).
    "csp",
    "cooperation_portal",
    "taxonomy",
    "partners",
    "funding",
    "projects",
    "events",
    "news",
    "alerts",
    "pages",
]

MIDDLEWARE = [
    # First: the request id and the one log line of every request, static files included.
    "cooperation_portal.operations.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every answer (cached pages and static
    # files too, so before the page cache and WhiteNoise); the policies are below.
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304 answers, outside the page cache so that cached pages get them too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Before the session: a page served from the cache needs neither session nor user.
    "cooperation_portal.caching.AnonymousPageCacheMiddleware",
    # A view that finds the database out of reach answers 503 (static files and cached pages,
    # above, never touch it).
    "cooperation_portal.operations.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Whether the session passed the second factor (request.user.is_verified()).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cooperation_portal.staff_access.StaffSessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers a locked-out login with its page.
    "axes.middleware.AxesMiddleware",
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
                # The lists' "E-mail me about this selection" links (alerts/context_processors.py).
                "alerts.context_processors.alert_links",
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
# Seconds to wait for the database to accept a connection (PostgreSQL; 0: forever).
DATABASE_CONNECT_TIMEOUT = env_int("DJANGO_DB_CONNECT_TIMEOUT", 3)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # JIT compilation costs more than it saves on the portal's short queries (188 of the 383 ms
    # of the related-projects query at 100,000 projects). Random reads cost little more than
    # sequential ones on SSDs and cached data (PostgreSQL's 4 assumes spinning disks): without
    # that, a search for a common word at 100,000 projects was planned as a sequential scan
    # reading every project's document out of line (700 ms) instead of its index (50 ms).
    # A word is a typo of another from a trigram word similarity of 0.5 (the search's `%>`
    # reads this setting; PostgreSQL's default, 0.6, misses "sanre" for "sante"): must equal
    # cooperation_portal.database.TYPO_SIMILARITY (tests/search check it).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS} -c jit=off"
        f" -c random_page_cost={float(env_str('DJANGO_DB_RANDOM_PAGE_COST', '1.1'))}"
        " -c pg_trgm.word_similarity_threshold=0.5"
    )
    # A database out of reach fails a request in seconds (answered 503:
    # cooperation_portal.operations) instead of holding a worker until gunicorn kills it:
    # connecting gives up after DATABASE_CONNECT_TIMEOUT seconds, and a connection whose server
    # stops acknowledging what is sent (a network cut) or goes silent while idle is dropped
    # within seconds too (TCP user timeout and keepalives). DATABASE_URL's own options win.
    for option, value in {
        "connect_timeout": DATABASE_CONNECT_TIMEOUT,
        "tcp_user_timeout": DATABASE_CONNECT_TIMEOUT * 1000,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 2,
        "keepalives_count": 3,
    }.items():
        DATABASES["default"]["OPTIONS"].setdefault(option, value)

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
PAGE_CACHE_CONTENT_APPS = [
    "taxonomy",
    "partners",
    "funding",
    "projects",
    "events",
    "news",
    "taggit",
    # The office's pages (pages.models.OfficePage).
    "pages",
]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff login (README, "Staff accounts"). django-axes counts failed logins (a wrong second-factor
# code counts too) and locks the account, and separately the address, after
# AXES_FAILURE_LIMIT failures, for AXES_COOLOFF_TIME; an officer unlocks earlier in the admin
# ("Access attempts": delete the row) or with `manage.py axes_reset_username <name>`.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 6)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("DJANGO_LOGIN_LOCKOUT_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
# Successful sign-ins are security events in the log (security_events.py), kept as long as the
# logs; axes would also keep each one's address and browser in the database for ever.
AXES_DISABLE_ACCESS_LOG = True
AXES_RESET_ON_SUCCESS = True
# Each failure kept for the officers to read (admin, "Access failures").
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "cooperation_portal.network.client_address"
AXES_SENSITIVE_PARAMETERS = ["password", "code"]
AXES_VERBOSE = False  # its own log lines; the portal logs lockouts as security events
# A second factor (an authenticator app, or a recovery code) for every staff account whenever
# debug is off (cooperation_portal.two_factor); DJANGO_STAFF_TWO_FACTOR=false relaxes it on a
# developer's machine only (manage.py check --deploy refuses it with debug off).
STAFF_TWO_FACTOR_REQUIRED = env_bool("DJANGO_STAFF_TWO_FACTOR", not DEBUG)
OTP_TOTP_ISSUER = env_str("DJANGO_OTP_ISSUER", "Cooperation Portal")
# Staff sessions end after an hour without activity and 12 hours after login
# (cooperation_portal.staff_access); the cookie lasts no longer either.
STAFF_SESSION_IDLE_SECONDS = env_int("DJANGO_STAFF_IDLE_MINUTES", 60) * 60
STAFF_SESSION_MAX_SECONDS = env_int("DJANGO_STAFF_SESSION_HOURS", 12) * 3600
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS
# The admin's messages ("saved") travel in the session rather than in a cookie of their own:
# the session and the anti-forgery cookies stay the portal's only ones (the privacy notice).
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

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
# Files uploaded to the portal (news photos and their copies); `make backup` archives them with
# the database.
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT") or BASE_DIR / "media")
# Where uploaded files (news photos) are served: by runserver in development (pages/urls.py),
# by the web server in production (README, "Uploaded files").
MEDIA_URL = env_str("DJANGO_MEDIA_URL", "/media/")
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
# DJANGO_LOG_FORMAT: `json`, one JSON object per line for a log collector (the default with
# debug off), or `text`; every line logged during a request carries its id
# (cooperation_portal/logging.py). Errors (level ERROR) are also mailed to ADMINS, below.
LOG_LEVEL = env_str("DJANGO_LOG_LEVEL", "WARNING")
LOG_FORMAT = env_str("DJANGO_LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured(f"DJANGO_LOG_FORMAT must be json or text, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "cooperation_portal.logging.RequestIdFilter"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "json": {"()": "cooperation_portal.logging.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false"],
        },
    },
    "root": {"handlers": ["console", "mail_admins"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # The development server's one line per request.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # A request naming a host not served here comes from a bot: logged, never mailed.
        "django.security.DisallowedHost": {"handlers": ["console"], "propagate": False},
        # Security events, staff logins (INFO) included: cooperation_portal/security_events.py,
        # staff_access.py (lockouts), csp.py (reports).
        "cooperation_portal.security": {"level": "INFO"},
        # One line per request (cooperation_portal/operations.py) in the JSON log; in text, only
        # with DJANGO_LOG_LEVEL=INFO (runserver prints a line of its own).
        "cooperation_portal.requests": {"level": "INFO" if LOG_FORMAT == "json" else LOG_LEVEL},
    },
}

# Who is told of server errors: ADMINS by mail when debug is off (DJANGO_ADMINS, e.g.
# "Marie Dupont <marie@example.org>, ops@example.org"), and a Sentry-compatible error tracker
# when SENTRY_DSN is set, without personal data (cooperation_portal/logging.py). The 500 page
# says that the team has been told only when one of them is set.
ADMINS = parse_admins(env_str("DJANGO_ADMINS"))
SENTRY_DSN = env_str("SENTRY_DSN")
if SENTRY_DSN:
    start_error_tracker(SENTRY_DSN)

# Mail goes through the SMTP server DJANGO_EMAIL_HOST; without one, it is printed on the console
# in development and handed to the machine's own mail server (localhost:25) otherwise.
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("DJANGO_EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "Set DJANGO_EMAIL_USE_TLS (STARTTLS, usually port 587) or DJANGO_EMAIL_USE_SSL "
        "(usually port 465), not both."
    )
EMAIL_TIMEOUT = 10
SERVER_EMAIL = DEFAULT_FROM_EMAIL = env_str("DJANGO_SERVER_EMAIL", "cooperation-portal@localhost")
EMAIL_SUBJECT_PREFIX = "[Cooperation Portal] "

# E-mail alerts (README, "E-mail alerts"). Their links are absolute: DJANGO_PORTAL_URL is the
# portal's public address (https://cooperation.example.org). The subscribe form sends at most
# so many messages a day to one address, and takes so many forms an hour from one client.
PORTAL_URL = env_str("DJANGO_PORTAL_URL", "http://localhost:8000")
ALERTS_MAILS_LIMIT_PER_ADDRESS_DAY = env_int("DJANGO_ALERTS_MAILS_PER_ADDRESS_DAY", 5)
ALERTS_SUBSCRIBE_LIMIT_PER_CLIENT_HOUR = env_int("DJANGO_ALERTS_FORMS_PER_CLIENT_HOUR", 20)

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
# Behind a reverse proxy (nginx): the scheme and the client's address come from its headers.
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Paths that answer without the HTTPS redirect, so a load balancer can probe over HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Content Security Policy (django-csp): everything from the portal's own origin, nothing inline.
# No inline script, no inline style and no eval anywhere, admin included: the public pages use
# only files and `data-hx-*` attributes (htmx configured in base.html not to eval or inject
# styles), the admin's scripts read their data from data-* attributes and JSON blocks, and the
# one inline <style> of Django's change list is a stylesheet in templates/admin/change_list.html.
# Browsers post what the policy blocks to /csp-report, logged at WARNING on the
# `cooperation_portal.security` logger (cooperation_portal/csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "report-uri": ["/csp-report"],
    },
}

# Permissions Policy (django-permissions-policy): the browser features the portal never uses are
# turned off for it and anything it could embed. Only features Chromium knows on every platform:
# it logs an error on each page for one it does not (`bluetooth` on Linux, `ambient-light-sensor`).
PERMISSIONS_POLICY = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "local-fonts",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "window-management",
        "xr-spatial-tracking",
    ]
}

PAGE_SIZE = 20

# Open data (projects.iati, the open-data page). The IATI organisation identifier of the
# university that publishes (reporting-org): the Belgian enterprise number (KBO/BCE) of the
# Université libre de Bruxelles, in the IATI organisation registration agency "BE-BCE_KBO". An
# activity's identifier is this, a hyphen and the project's slug: never change it once published.
IATI_ORGANISATION_IDENTIFIER = env_str(
    "DJANGO_IATI_ORGANISATION_IDENTIFIER", "BE-BCE_KBO-0407626464"
)
IATI_ORGANISATION_NAME = env_str("DJANGO_IATI_ORGANISATION_NAME", "Université libre de Bruxelles")
# IATI OrganisationType code 80: Academic, Training and Research.
IATI_ORGANISATION_TYPE = "80"
# The licence of the portal's open data (exports, IATI, the read API).
OPEN_DATA_LICENCE = "CC BY 4.0"
OPEN_DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# The office's own name, shown in the header and footer.
PORTAL_NAME = _("Cooperation Portal")
