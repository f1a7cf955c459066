from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks


@checks.register()
def portal_url_is_an_address(app_configs, **kwargs):
    """The alerts' links are absolute, made from PORTAL_URL."""
    parts = urlsplit(settings.PORTAL_URL)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [
            checks.Error("DJANGO_PORTAL_URL must be an absolute http(s) address.", id="alerts.E001")
        ]
    return []


@checks.register(checks.Tags.security, deploy=True)
def portal_url_is_public(app_configs, **kwargs):
    """In production PORTAL_URL is the portal's public address (`check --deploy`): a local one
    would give the alerts links their readers cannot open."""
    if urlsplit(settings.PORTAL_URL).hostname in ("localhost", "127.0.0.1", "::1"):
        return [
            checks.Warning(
                "DJANGO_PORTAL_URL is a local address: the links of the e-mail alerts would not "
                "work for their readers.",
                hint="Set DJANGO_PORTAL_URL to the portal's public address (README, "
                "“E-mail alerts”).",
                id="alerts.W001",
            )
        ]
    return []
