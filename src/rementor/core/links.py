"""The address links in e-mails start with."""

from __future__ import annotations

from django.http import HttpRequest


def site_root(request: HttpRequest) -> str:
    """Scheme and host the request came in on, without a trailing slash (links in e-mails
    and calendar invitations are built on it; ALLOWED_HOSTS vouches for the host)."""
    return request.build_absolute_uri("/")[:-1]
