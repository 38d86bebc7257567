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
# Lock a username *from one address*: an office shares one address, so locking the address
# alone would lock everybody out, and an attacker could lock any account from anywhere if we
# locked the username alone (the per-username rate limit below covers distributed guessing).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = envint("RM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint("RM_LOGIN_COOLOFF_MINUTES", 15))
# The login form posts "username" (Django's AuthenticationForm), whatever USERNAME_FIELD is;
# the callable lower-cases and trims it like the e-mail backend, so "Anne@X" counts as "anne@x".
AXES_USERNAME_FORM_FIELD = "username"
AXES_USERNAME_CALLABLE = "rementor.core.security.login_username"
AXES_CLIENT_IP_CALLABLE = "rementor.core.security.client_ip"
# The person who finally types the right password is the owner: forget their mistakes.
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
    # Generous per address: 200 people in one office may all sign in at 9:00.
    "login-ip": _rate("RM_RATELIMIT_LOGIN_IP", "300/10m"),
    # Strict per (normalised) username, from any address: slows distributed guessing.
    "login-username": _rate("RM_RATELIMIT_LOGIN_USERNAME", "10/15m"),
    # Password-reset e-mails: per address typed, and per client address.
    "password-reset-email": _rate("RM_RATELIMIT_PASSWORD_RESET_EMAIL", "5/h"),
    "password-reset-ip": _rate("RM_RATELIMIT_PASSWORD_RESET_IP", "100/h"),
    # Per signed-in user.
    "imports": _rate("RM_RATELIMIT_IMPORTS", "60/h"),
    "exports": _rate("RM_RATELIMIT_EXPORTS", "60/h"),
    "personal-data": _rate("RM_RATELIMIT_PERSONAL_DATA", "10/h"),
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
    if backend == "django.core.cache.backends.redis.RedisCache":
        # W001 "not officially supported": django-ratelimit's list predates Django's own Redis
        # backend, whose incr() is Redis INCR, atomic.
        return ["django_ratelimit.W001"]
    return []


SILENCED_SYSTEM_CHECKS = silenced_ratelimit_checks(CACHES["default"]["BACKEND"])
