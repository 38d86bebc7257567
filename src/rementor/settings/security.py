"""Security settings: login lock-out (django-axes), client address, sessions, headers
(django-csp), rate limits (django-ratelimit) and the cache they share.

Every number an operator may want to change comes from the environment (names in README,
"Security settings").
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.core.exceptions import ImproperlyConfigured

from rementor.settings.env import envint, envstr

# --- Client address ---------------------------------------------------------------------
# How many reverse proxies we run in front of the application, each appending the address it
# saw to X-Forwarded-For. 0 (no proxy) means the header is ignored, so that a client talking
# to gunicorn directly cannot pick the address it is locked out or rate-limited by.
RM_TRUSTED_PROXY_COUNT = envint("RM_TRUSTED_PROXY_COUNT", 0)
if RM_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("RM_TRUSTED_PROXY_COUNT must be 0 or more.")

# --- Login brute force (django-axes) ----------------------------------------------------
# Only failed authentications count (a name and a password that do not match): a form sent
# without a password, or a successful sign-in, never does (rementor.core.security explains the
# three brakes). Lock an e-mail address *from one address*: an office shares one address, so
# locking the address alone would lock everybody out, and an attacker could lock any account
# from anywhere if we locked the e-mail address alone.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]


def _at_least_one(name: str, default: int) -> int:
    value = envint(name, default)
    if value < 1:
        raise ImproperlyConfigured(f"{name} must be 1 or more, not {value}.")
    return value


RM_LOGIN_FAILURE_LIMIT = _at_least_one("RM_LOGIN_FAILURE_LIMIT", 5)
# Guessing from many addresses: once an e-mail address has this many failures from all
# addresses within the cool-off, each address may fail only RM_LOGIN_EMAIL_BRAKE_LIMIT times
# for it. An address that has not failed is never refused, so the owner still gets in.
RM_LOGIN_EMAIL_BRAKE_FAILURES = _at_least_one("RM_LOGIN_EMAIL_BRAKE_FAILURES", 10)
RM_LOGIN_EMAIL_BRAKE_LIMIT = _at_least_one("RM_LOGIN_EMAIL_BRAKE_LIMIT", 2)
AXES_FAILURE_LIMIT = "rementor.core.security.login_failure_limit"
AXES_COOLOFF_TIME = timedelta(minutes=envint("RM_LOGIN_COOLOFF_MINUTES", 15))
# The login form posts "username" (Django's AuthenticationForm), whatever USERNAME_FIELD is;
# the callable lower-cases and trims it like the e-mail backend, so "Anne@X" counts as "anne@x".
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "rementor.core.security.login_username"
AXES_CLIENT_IP_CALLABLE = "rementor.core.security.client_ip"
# The person who finally types the right password is the owner: forget their mistakes (from
# that address only; an attacker elsewhere stays locked).
AXES_RESET_ON_SUCCESS = True
# A friendly page in the person's language, with HTTP 429 (see the callable for why).
AXES_LOCKOUT_CALLABLE = "rementor.core.security.lockout_response"

# --- Sessions ---------------------------------------------------------------------------
# Idle timeout: the cookie and the stored session live this long after the last request
# (rementor.core.session_limits saves the session again once a minute while it is used;
# that is SESSION_SAVE_EVERY_REQUEST without a database write on every page).
SESSION_COOKIE_AGE = envint("RM_SESSION_IDLE_MINUTES", 30) * 60
# Absolute limit, whatever the activity (rementor.core.session_limits).
RM_SESSION_MAX_HOURS = envint("RM_SESSION_MAX_HOURS", 12)

# --- Headers ----------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Nothing inline: scripts and styles come from our own static files (htmx's indicator style is
# in rementor.css, see base.html); data for charts travels in json_script blocks.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Rate limits (django-ratelimit) -----------------------------------------------------
# "<count>/<period>" with period s, m, h or d, optionally multiplied ("10/15m").
_RATE = re.compile(r"^\d+/\d*[smhd]$")


def _rate(name: str, default: str) -> str:
    value = envstr(name, default).strip()
    if not _RATE.match(value):
        raise ImproperlyConfigured(f"{name} must look like 10/15m (count/period), not {value!r}")
    return value


# Group name -> rate; the groups are the names used with rementor.core.security.rate_limited.
RM_RATE_LIMITS = {
    # Failed sign-ins per client address, whatever the e-mail addresses (credential stuffing);
    # generous, as 200 people in one office share one address.
    "login-ip": _rate("RM_RATELIMIT_LOGIN_IP", "300/10m"),
    # Password-reset e-mails: per address typed, and per client address.
    "password-reset-email": _rate("RM_RATELIMIT_PASSWORD_RESET_EMAIL", "5/h"),
    "password-reset-ip": _rate("RM_RATELIMIT_PASSWORD_RESET_IP", "100/h"),
    # Single sign-on starts and returns per client address (rementor.sso): each sends a
    # request to the identity provider; generous, as an office shares one address.
    "sso-ip": _rate("RM_RATELIMIT_SSO_IP", "300/10m"),
    # Per signed-in user.
    "imports": _rate("RM_RATELIMIT_IMPORTS", "60/h"),
    "exports": _rate("RM_RATELIMIT_EXPORTS", "60/h"),
    "personal-data": _rate("RM_RATELIMIT_PERSONAL_DATA", "10/h"),
    # Calendar feeds, read by calendar apps without signing in: per link (a calendar polls
    # a few times an hour at most), and per client address (Google's or Microsoft's servers
    # read many people's feeds from the same addresses, hence generous).
    "calendar-feed": _rate("RM_RATELIMIT_CALENDAR_FEED", "60/h"),
    "calendar-feed-ip": _rate("RM_RATELIMIT_CALENDAR_FEED_IP", "3000/h"),
}
RATELIMIT_VIEW = "rementor.core.security.rate_limited_view"
RATELIMIT_IP_META_KEY = "rementor.core.security.client_ip"

# --- Cache ------------------------------------------------------------------------------
# Rate-limit counters live in the default cache. One process (runserver, tests) may keep them
# in memory; production needs a cache shared by every worker (see production.py).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def silenced_ratelimit_checks(backend: str) -> list[str]:
    """django-ratelimit's checks to silence for ``backend``, each for a stated reason."""
    if backend == "django.core.cache.backends.locmem.LocMemCache":
        # E003 "not shared": true, and fine for one process; production never uses it.
        return ["django_ratelimit.E003", "django_ratelimit.W001"]
    if backend == "django.core.cache.backends.db.DatabaseCache":
        # E003 "no atomic increment": two simultaneous requests may count once, so a limit
        # can be passed by a request or two under load. Acceptable for abuse limits (not for
        # quotas); set RM_CACHE_URL to Redis for exact counts.
        return ["django_ratelimit.E003", "django_ratelimit.W001"]
    if backend in (
        "django.core.cache.backends.redis.RedisCache",
        "rementor.core.counters_cache.CountersCache",
    ):
        # W001 "not officially supported": django-ratelimit's list predates Django's own Redis
        # backend, whose incr() is Redis INCR, atomic.
        return ["django_ratelimit.W001"]
    return []


SILENCED_SYSTEM_CHECKS = silenced_ratelimit_checks(CACHES["default"]["BACKEND"])
