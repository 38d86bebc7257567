"""The address links in e-mails and calendar invitations start with."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

# Used only when nothing says better: no RM_SITE_URL and no request (a command run by hand).
FALLBACK_SITE_URL = "http://127.0.0.1:8000"


def site_root(request: HttpRequest | None = None) -> str:
    """Scheme, host and port every link in an e-mail starts with, without a trailing slash.

    The configured ``RM_SITE_URL`` wins: behind a proxy the request may have come in on an
    internal address, and background jobs have no request at all. Without it, the address
    the request came in on (ALLOWED_HOSTS vouches for the host)."""
    configured = getattr(settings, "RM_SITE_URL", "")
    if configured:
        return configured
    if request is not None:
        return request.build_absolute_uri("/")[:-1]
    return FALLBACK_SITE_URL
