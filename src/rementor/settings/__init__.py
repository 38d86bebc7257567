"""Rementor settings, read from the environment.

The defaults give the embedded set-up (SQLite under ``var/``, console e-mail) so that
``make demo`` needs no server. Production overrides live in ``rementor.settings.production``.
"""

from __future__ import annotations

import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from rementor.settings.env import envbool, envint, envlist, envstr, envurl

SRC_DIR = Path(__file__).resolve().parent.parent  # src/rementor
REPO_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(envstr("RM_VAR_DIR", str(REPO_DIR / "var")))

DEBUG = envbool("DEBUG", False)
# A fixed key is fine for the embedded demo; production refuses to start without one.
SECRET_KEY = envstr("SECRET_KEY", "rementor-insecure-development-key-change-me-in-production")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules.apps.AutodiscoverRulesConfig",
    "rementor.core",
    "rementor.people",
    "rementor.skills",
    "rementor.programmes",
    "rementor.selection",
    "rementor.analytics",
    "rementor.matching",
    "rementor.training",
    "rementor.mentoring",
    "rementor.circles",
    "rementor.channels",
    "rementor.audit",
    "rementor.privacy",
    "rementor.api",
    "rementor.provisioning",
    "rementor.cockpit",
    "rementor.sso",
    "rementor.site",
    "rementor.demo",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "auditlog",
    "axes",
    "csp",
    # Installed for its system checks (is the cache shared by every worker?).
    "django_ratelimit",
]

MIDDLEWARE = [
    # /healthz for load balancers, before the host check and the https redirect (core.health).
    "rementor.core.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # SAML's own session cookie (SameSite=None): the pending sign-in request must come back
    # with the identity provider's cross-site POST (rementor/settings/saml.py).
    "djangosaml2.middleware.SamlSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a signed-in user unless its view says `login_not_required` (sign-in,
    # password reset, invitation and unsubscribe links, the privacy notice); the API answers
    # 401 itself (DRF marks its views).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "rementor.core.session_limits.SessionLimitsMiddleware",
    "rementor.core.security.NoStoreWhenSignedInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # auditlog's, with the proxy-aware client address of django-axes.
    "rementor.audit.middleware.AuditlogMiddleware",
    # Turns django-ratelimit's Ratelimited exception into our 429 page (RATELIMIT_VIEW).
    "django_ratelimit.middleware.RatelimitMiddleware",
    # django-axes must come last: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]
# What each request cost the server (Server-Timing header: wall, CPU, database time and
# queries), for the load scenario's report; off unless asked for (core.server_timing).
RM_SERVER_TIMING = envbool("RM_SERVER_TIMING", False)
if RM_SERVER_TIMING:
    # Right after the health check: it measures everything else the request goes through.
    MIDDLEWARE.insert(1, "rementor.core.server_timing.ServerTimingMiddleware")

ROOT_URLCONF = "rementor.urls"
WSGI_APPLICATION = "rementor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "rementor.core.context_processors.navigation",
            ],
            # The date filter with French "1er" for the first of a month (rementor.core.formats).
            "builtins": ["rementor.core.templatetags.long_dates"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'rementor.sqlite3'}"),
        conn_max_age=envint("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default needs its folder; creating it here keeps "make demo" one step.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets the web server and a worker read while the other writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first, so that a locked-out username and address is refused before any check.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "rementor.people.backends.EmailBackend",
]
# Argon2id first (rementor.core.passwords says which parameters and why); the others only
# verify hashes made before, which are re-hashed with the first at the next sign-in.
PASSWORD_HASHERS = [
    "rementor.core.passwords.RementorArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
# Day-month dates in English as in French (rementor/core/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["rementor.core.formats"]
TIME_ZONE = envstr("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Collected files (production only: the demo and tests serve straight from the finders).
STATIC_ROOT = None
# Front-end packages come from npm (package.json, pinned) and are served from node_modules
# by the staticfiles finders: nothing is fetched from a CDN at run time.
NODE_MODULES = Path(envstr("RM_NODE_MODULES", str(REPO_DIR / "node_modules")))
STATICFILES_DIRS = [
    SRC_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/chartjs", NODE_MODULES / "chart.js" / "dist"),
    ("vendor/chartjs-chart-matrix", NODE_MODULES / "chartjs-chart-matrix" / "dist"),
    # Loaded only by the accessibility browser tests, same-origin so the CSP lets it run.
    ("vendor/axe-core", NODE_MODULES / "axe-core"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Without collectstatic (demo, tests) WhiteNoise serves straight from the finders.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = envstr("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", 25)
EMAIL_HOST_USER = envstr("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envstr("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", False)
# Where django.core.mail.backends.filebased.EmailBackend writes (a staging machine, tests).
EMAIL_FILE_PATH = envstr("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Rementor <no-reply@rementor.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}

# Product settings (documented in README).
RM_DIRECTORY_PAGE_SIZE = envint("RM_DIRECTORY_PAGE_SIZE", 50)
# HRIS imports: files above this size are refused before they are read.
RM_IMPORT_MAX_BYTES = envint("RM_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# A workbook that takes longer than this to read is refused (hostile or degenerate sheets).
RM_IMPORT_MAX_SECONDS = envint("RM_IMPORT_MAX_SECONDS", 20)
# Sponsors never see a group smaller than this (product brief, privacy).
RM_MIN_GROUP_SIZE = 5
# Programme results are cached until their data changes (rementor.analytics.results_cache),
# and at most this long, so that the clock's effect (a pair turning at risk) shows in time.
RM_RESULTS_CACHE_SECONDS = envint("RM_RESULTS_CACHE_SECONDS", 300)
# A task worker computes the results pages showed again once their data changes, and before
# the clock makes them expire (rementor.analytics.results_refresh), so that the next page
# finds them ready. It needs a cache the worker shares with the web processes: on in
# production (Redis or the database cache); off here, where the cache is each process's own
# memory (each page then computes what is out of date itself).
RM_RESULTS_REFRESH = envbool("RM_RESULTS_REFRESH", False)

# Background jobs (Django's Tasks API through the django-tasks backport). The default is the
# database backend, so the demo needs no extra server: `python -m rementor db_worker` runs
# them. Several machines may share a Redis queue instead (django-tasks-rq, docs/production.md
# "More than one machine"): RM_TASKS_BACKEND=django_tasks_rq.RQBackend with RM_REDIS_URL,
# and `python -m rementor rqworker --job-class django_tasks_rq.Job default` runs them.
RM_TASKS_BACKEND = envstr("RM_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": RM_TASKS_BACKEND, "QUEUES": ["default"]}}
RM_REDIS_URL = envstr("RM_REDIS_URL", "")
if RM_TASKS_BACKEND == "django_tasks_rq.RQBackend":
    if not RM_REDIS_URL:
        raise ImproperlyConfigured(
            "RM_TASKS_BACKEND=django_tasks_rq.RQBackend needs RM_REDIS_URL (redis://host:6379/1)."
        )
    # django-rq brings the worker command (rqworker) and reads the queues from RQ_QUEUES.
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {
        "default": {
            "URL": RM_REDIS_URL,
            # RQ kills a job after 3 minutes by default; a large matching run may take longer
            # (a killed run would stay "running" for ever).
            "DEFAULT_TIMEOUT": 30 * 60,
        }
    }
# The site's public address, which every link in an e-mail or invitation starts with
# (rementor.core.links.site_root). `make demo` and `make serve` set it to the host and port
# they serve on. RM_BASE_URL is its former name, still read.
RM_SITE_URL = envurl("RM_SITE_URL", "RM_BASE_URL")
# Team channels (Teams / Slack webhooks, rementor.channels): how long one POST may take, how
# many tries a delivery gets on a timeout or a 5xx, and the first wait between them (doubled
# each time). RM_CHANNELS_ALLOW_LOOPBACK lets tests post to http://127.0.0.1: never read from
# the environment, so no deployment can turn it on.
RM_CHANNELS_TIMEOUT_SECONDS = envint("RM_CHANNELS_TIMEOUT_SECONDS", 5)
RM_CHANNELS_ATTEMPTS = envint("RM_CHANNELS_ATTEMPTS", 3)
RM_CHANNELS_BACKOFF_SECONDS = envint("RM_CHANNELS_BACKOFF_SECONDS", 2)
RM_CHANNELS_ALLOW_LOOPBACK = False
# CalDAV push (a person's own calendar): https addresses only; RM_CALDAV_ALLOW_LOOPBACK lets
# tests write to a Radicale server on http://127.0.0.1 — never read from the environment.
RM_CALDAV_ALLOW_LOOPBACK = False

# The Jitsi server of the programmes whose video tool is "a Jitsi room for each session":
# a host name (and port), rooms are https://<host>/<random name>. Rementor only writes the
# link; it never calls the server, so it runs without internet access. Point it at the
# company's own Jitsi server when there is one.
RM_JITSI_HOST = envstr("RM_JITSI_HOST", "meet.jit.si").strip().strip("/")
if not re.fullmatch(r"[A-Za-z0-9.-]+(:\d{1,5})?", RM_JITSI_HOST):
    raise ImproperlyConfigured(
        f"RM_JITSI_HOST must be a host name such as meet.example.com, not {RM_JITSI_HOST!r}"
    )

# Each concern keeps its settings in a module of its own (API, security, personal data).
from rementor.settings.api import *  # noqa: E402, F403
from rementor.settings.audit import *  # noqa: E402, F403
from rementor.settings.privacy import *  # noqa: E402, F403
from rementor.settings.saml import *  # noqa: E402, F403
from rementor.settings.security import *  # noqa: E402, F403
from rementor.settings.sso import *  # noqa: E402, F403
