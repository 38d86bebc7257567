"""Security helpers shared by django-axes, django-ratelimit and our views: the client's
address behind proxies, the login name as the e-mail backend sees it, rate limits read from
settings, the 429 page, and ``Cache-Control: no-store`` for signed-in people."""

from __future__ import annotations

from collections.abc import Callable

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django_ratelimit import ALL, UNSAFE
from django_ratelimit.decorators import ratelimit
from ipware import get_client_ip

from rementor.core.auth_forms import InvitationAwarePasswordResetForm
from rementor.people.models import normalise_email


def client_ip(request: HttpRequest) -> str:
    """The address the first of our ``RM_TRUSTED_PROXY_COUNT`` proxies saw.

    Each trusted proxy appends the address of its peer to X-Forwarded-For, so the client is
    the N-th entry from the right; anything further left was written by the client itself
    and may be forged. Without proxies the header is ignored altogether.
    """
    proxies = settings.RM_TRUSTED_PROXY_COUNT
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"
    if proxies == 0:
        return remote
    ip, _routable = get_client_ip(
        request,
        # python-ipware counts the proxies *inside* the header: the nearest proxy is the peer
        # (REMOTE_ADDR), not a header entry.
        proxy_count=proxies - 1,
        request_header_order=["HTTP_X_FORWARDED_FOR"],
        # A longer chain (client-written entries on the left) is fine: we take from the right.
        strict=False,
    )
    return ip or remote


def login_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The name typed on the login form, normalised like ``EmailBackend`` does (for axes)."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username", "")
    return normalise_email(raw or "")


def _posted_username(group: str, request: HttpRequest) -> str:
    return login_username(request)


def _rate(group: str, request: HttpRequest) -> str:
    # Read at request time, so that override_settings (tests) and the environment both apply.
    return settings.RM_RATE_LIMITS[group]


def rate_limited(
    group: str, *, key: str | Callable = "user", method: str | list[str] = ALL
) -> Callable:
    """django-ratelimit's decorator with the rate of ``group`` in ``RM_RATE_LIMITS``.

    Put it *under* the access decorators, so that anonymous people and outsiders get their
    usual answer and the count is per signed-in user (``key="user"``).
    """
    return ratelimit(group=group, key=key, rate=_rate, method=method, block=True)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the translated "too many attempts" page.

    429 rather than 403: the person is allowed in, just not now (as with the rate limits).
    """
    minutes = max(1, round(get_cool_off(request).total_seconds() / 60))
    return render(request, "registration/locked_out.html", {"minutes": minutes}, status=429)


def rate_limited_view(request: HttpRequest, exception: Exception) -> HttpResponse:
    """RATELIMIT_VIEW: the translated "too many requests" page."""
    return render(request, "429.html", status=429)


# Sign-in: a generous limit per address (one office shares it), then a strict one per name.
login_view = rate_limited("login-ip", key="ip", method=["POST"])(
    rate_limited("login-username", key=_posted_username, method=["POST"])(
        auth_views.LoginView.as_view(redirect_authenticated_user=True)
    )
)


def _posted_email(group: str, request: HttpRequest) -> str:
    return normalise_email(request.POST.get("email", ""))


# Password reset sends an e-mail: limited per address typed (nobody's inbox gets flooded) and,
# generously, per client address.
password_reset_view = rate_limited("password-reset-ip", key="ip", method=["POST"])(
    rate_limited("password-reset-email", key=_posted_email, method=["POST"])(
        auth_views.PasswordResetView.as_view(form_class=InvitationAwarePasswordResetForm)
    )
)


class NoStoreWhenSignedInMiddleware:
    """Nothing shown to a signed-in person is kept by the browser or a proxy.

    Pages with notes, concerns, sessions or personal data are the reason; doing it for every
    signed-in response means a new page cannot forget it. Static files are served before this
    (WhiteNoise) and stay cacheable.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


__all__ = [
    "ALL",
    "UNSAFE",
    "NoStoreWhenSignedInMiddleware",
    "client_ip",
    "lockout_response",
    "login_username",
    "login_view",
    "rate_limited",
    "rate_limited_view",
]
