"""Production settings: PostgreSQL, HTTPS, collected static files.

Use with ``DJANGO_SETTINGS_MODULE=rementor.settings.production``; ``SECRET_KEY``,
``ALLOWED_HOSTS`` and ``DATABASE_URL`` must come from the environment.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from rementor.settings import *  # noqa: F403
from rementor.settings import VAR_DIR
from rementor.settings.env import envbool, envint, envstr
from rementor.settings.security import silenced_ratelimit_checks

if "SECRET_KEY" not in os.environ or len(os.environ["SECRET_KEY"]) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters.")
SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False

# Team channels post to https webhooks of Teams and Slack only, whatever the base settings say.
RM_CHANNELS_ALLOW_LOOPBACK = False

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
# Local testing over plain http only (`make serve-prod`, benchmarks/load): no redirect to
# https and cookies sent without TLS. Never behind a real proxy: `check --deploy` then warns.
RM_LOCAL_HTTP = envbool("RM_LOCAL_HTTP", False)
if RM_LOCAL_HTTP:
    SECURE_SSL_REDIRECT = False
    SESSION_COOKIE_SECURE = False
    CSRF_COOKIE_SECURE = False

# Everything a request counts or remembers must be shared by every web process on every
# machine: with RM_CACHE_URL (redis://host:6379/0), the cache is Redis, and so are the
# rate-limit counters (atomic INCR) and the sessions (``cached_db``: read from Redis, written
# through to the database, so that ending someone's sessions still reaches every node).
# Without it, a database table, which the production start creates with
# `python -m rementor createcachetable` (idempotent) after `migrate`. Lock-outs (django-axes)
# are rows in the database either way.
RM_CACHE_URL = envstr("RM_CACHE_URL", "")
if RM_CACHE_URL:
    try:
        import redis  # noqa: F401
    except ImportError:
        raise ImproperlyConfigured("RM_CACHE_URL needs the redis package installed.") from None
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": RM_CACHE_URL,
            # An unreachable Redis fails a request (and /healthz) in seconds instead of
            # holding a gunicorn thread until the proxy gives up.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
        }
    }
    # The rate-limit counters, in the same Redis: a Redis outage lets requests through
    # rather than failing them (rementor.core.counters_cache says why).
    CACHES["ratelimit"] = {
        **CACHES["default"],
        "BACKEND": "rementor.core.counters_cache.CountersCache",
    }
    RATELIMIT_USE_CACHE = "ratelimit"
    RATELIMIT_FAIL_OPEN = True
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "rementor_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The cache above is shared by every process: the worker's refresh of the results reaches the
# web nodes (rementor.analytics.results_refresh).
RM_RESULTS_REFRESH = envbool("RM_RESULTS_REFRESH", True)
SILENCED_SYSTEM_CHECKS = silenced_ratelimit_checks(
    CACHES.get("ratelimit", CACHES["default"])["BACKEND"]
)

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
