"""Session lifetimes: signed out after ``SESSION_COOKIE_AGE`` without a request (idle timeout)
and ``RM_SESSION_MAX_HOURS`` after signing in, however active (absolute limit); and the
sessions of a deactivated account ended at once (``end_sessions``)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

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


def end_sessions(*, user_ids: Iterable[int]) -> Counter[int]:
    """Delete every stored session signed in as one of ``user_ids``; how many, per user.

    Sessions kept in the database (the ``db`` and ``cached_db`` engines, the default) are
    found by reading each unexpired one: the user is inside the signed session data, not in
    a column. The database is shared by every worker, so each of them sees the session gone.
    Engines that cannot be listed (``cache``, ``signed_cookies``) are left alone: there, and
    on a worker whose local cache still holds a copy, the next request is refused all the
    same, because the authentication backend reloads the account on every request and
    refuses a deactivated one, and ``SessionLimitsMiddleware`` then empties the session.
    """
    wanted = {str(pk) for pk in user_ids}
    ended: Counter[int] = Counter()
    store_class = import_module(settings.SESSION_ENGINE).SessionStore
    if not wanted or not hasattr(store_class, "get_model_class"):
        return ended
    decoder = store_class()
    stored = store_class.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for key, data in stored.values_list("session_key", "session_data").iterator(2000):
        user_id = decoder.decode(data).get(SESSION_KEY)
        if user_id in wanted:
            # Through the store, so that cached_db also drops its cached copy.
            store_class(session_key=key).delete()
            ended[int(user_id)] += 1
    return ended


class SessionLimitsMiddleware:
    """Goes right after AuthenticationMiddleware. A session past its absolute limit is ended
    and the request goes on signed out, so protected pages send the person to the login page
    as after an idle timeout. So is a session whose account the backend no longer accepts
    (deactivated, or its person left): it still names the user, but resolves to nobody."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            if SESSION_KEY in request.session:
                request.session.flush()
        else:
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
