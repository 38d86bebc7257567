"""Security helpers shared by django-axes, django-ratelimit and our views: the client's
address behind proxies, the login name as the e-mail backend sees it, the sign-in page and
its brakes, rate limits read from settings, the 429 pages, and ``Cache-Control: no-store``
for signed-in people.

Sign-in brakes count *failed authentications* only, that is a name and a password that do
not match (a form without a password checks nothing, and a successful sign-in is no attack):

- django-axes locks one e-mail address from one client address after
  ``RM_LOGIN_FAILURE_LIMIT`` failures, for ``AXES_COOLOFF_TIME``;
- while an e-mail address is under attack (``RM_LOGIN_EMAIL_BRAKE_FAILURES`` failures from all
  addresses within the cool-off), each address may fail only ``RM_LOGIN_EMAIL_BRAKE_LIMIT``
  times for it, which slows guessing from many addresses;
- one client address may fail ``RM_RATE_LIMITS["login-ip"]`` times, whatever the e-mail
  addresses (credential stuffing).

None of them can refuse the right password from an address that has not failed, so nobody
can lock someone else out from elsewhere.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Sum
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django_ratelimit import ALL, UNSAFE
from django_ratelimit.core import get_usage
from django_ratelimit.decorators import ratelimit
from ipware import get_client_ip

from rementor.core.auth_forms import InvitationAwarePasswordResetForm, SignInForm
from rementor.core.email_addresses import normalise_email


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


def login_failure_limit(request: HttpRequest, credentials: dict | None = None) -> int:
    """AXES_FAILURE_LIMIT: how many times one client address may fail for one e-mail address.

    ``RM_LOGIN_FAILURE_LIMIT``, or ``RM_LOGIN_EMAIL_BRAKE_LIMIT`` while the e-mail address is
    under attack. Either is at least 1, so an address that has not failed is never refused.
    Reads django-axes' own records (its database handler, ``AXES_HANDLER``'s default).
    """
    failures = (
        AccessAttempt.objects.filter(
            username=login_username(request, credentials),
            attempt_time__gte=get_cool_off_threshold(request),
        ).aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )
    if failures >= settings.RM_LOGIN_EMAIL_BRAKE_FAILURES:
        return settings.RM_LOGIN_EMAIL_BRAKE_LIMIT
    return settings.RM_LOGIN_FAILURE_LIMIT


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


def _paused_page(request: HttpRequest, *, seconds: float, whole_address: bool) -> HttpResponse:
    # 429 rather than 403: the person is allowed in, just not now (as with the rate limits).
    minutes = max(1, math.ceil(seconds / 60))
    context = {"minutes": minutes, "whole_address": whole_address}
    return render(request, "registration/locked_out.html", context, status=429)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """AXES_LOCKOUT_CALLABLE: the translated "too many attempts" page, with the wait."""
    return _paused_page(request, seconds=get_cool_off(request).total_seconds(), whole_address=False)


def rate_limited_view(request: HttpRequest, exception: Exception) -> HttpResponse:
    """RATELIMIT_VIEW: the translated "too many requests" page."""
    return render(request, "429.html", status=429)


def _address_failures(request: HttpRequest, *, add_one: bool) -> dict:
    """django-ratelimit's counter of failed sign-ins from the client's address."""
    return get_usage(request, group="login-ip", key="ip", rate=_rate, method=ALL, increment=add_one)


class SignInView(auth_views.LoginView):
    """Django's sign-in page, with the brake per client address (see the module docstring).

    django-axes, the first authentication backend, does the per-e-mail lock-out; this view
    counts and stops one address trying many e-mail addresses. The counter moves only when
    the name and password were checked and did not match (``invalid_login``, which is also
    the answer while django-axes refuses): never for a form with a field missing, never for
    a successful sign-in.
    """

    redirect_authenticated_user = True
    form_class = SignInForm

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        usage = _address_failures(request, add_one=False)
        if usage["count"] >= usage["limit"]:
            return _paused_page(request, seconds=usage["time_left"], whole_address=True)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: BaseForm) -> HttpResponse:
        if form.has_error(NON_FIELD_ERRORS, "invalid_login"):
            _address_failures(self.request, add_one=True)
        return super().form_invalid(form)


login_view = SignInView.as_view()


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
    "login_failure_limit",
    "login_username",
    "login_view",
    "rate_limited",
    "rate_limited_view",
]
