"""Who is asking: the client's address, as the login lockout and the security log record it."""

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The client's IP address. Behind the portal's reverse proxy (BEHIND_PROXY) it is the last
    address of X-Forwarded-For, the one the proxy added: the earlier ones are whatever the client
    chose to send, so trusting them would let anyone dodge a lockout."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR", "")
