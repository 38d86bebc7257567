"""Session lifetimes: signed out after ``SESSION_COOKIE_AGE`` without a request (idle timeout)
and ``RM_SESSION_MAX_HOURS`` after signing in, however active (absolute limit)."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

SIGNED_IN_AT = "rm_signed_in_at"
SEEN_AT = "rm_seen_at"
# The idle timeout is renewed by saving the session (its expiry is then SESSION_COOKIE_AGE
# from now). Saving at most once a minute instead of on every request
# (SESSION_SAVE_EVERY_REQUEST) spares a database write per page, for a timeout that is
# at worst a minute shorter.
RENEW_AFTER_SECONDS = 60


@receiver(user_logged_in, dispatch_uid="rementor.session_limits.stamp")
def _stamp_sign_in(sender, request: HttpRequest, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[SEEN_AT] = time.time()


class SessionLimitsMiddleware:
    """Goes right after AuthenticationMiddleware. A session past its absolute limit is ended
    and the request goes on signed out, so protected pages send the person to the login page
    as after an idle timeout."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = time.time()
            session = request.session
            if SIGNED_IN_AT not in session:
                # Signed in before this middleware existed: the clock starts now.
                session[SIGNED_IN_AT] = now
            if now - session[SIGNED_IN_AT] > settings.RM_SESSION_MAX_HOURS * 3600:
                logout(request)
            elif now - session.get(SEEN_AT, 0) > RENEW_AFTER_SECONDS:
                session[SEEN_AT] = now  # modified: saved, so the idle timeout starts again
        return self.get_response(request)
