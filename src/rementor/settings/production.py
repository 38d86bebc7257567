"""Production settings: PostgreSQL, HTTPS, collected static files.

Use with ``DJANGO_SETTINGS_MODULE=rementor.settings.production``; ``SECRET_KEY``,
``ALLOWED_HOSTS`` and ``DATABASE_URL`` must come from the environment.
"""

from __future__ import annotations

import os

from django.core.exceptions import ImproperlyConfigured

from rementor.settings import *  # noqa: F403
from rementor.settings import VAR_DIR
from rementor.settings.env import envbool, envint

if "SECRET_KEY" not in os.environ or len(os.environ["SECRET_KEY"]) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters.")
SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False

SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
STATIC_ROOT = VAR_DIR / "static"
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
