"""Several web nodes, one Redis (RM_CACHE_URL): rate-limit counters, lock-outs and sessions
are shared, so a second node neither forgets a limit nor signs anyone out.

Each "node" is a test client of its own; between them the cache connections are dropped, so
nothing can pass from one to the other except through Redis (and the database).
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.conf import settings as django_settings
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

import rementor
from rementor.core.session_limits import end_sessions
from tests.factories import PASSWORD, UserFactory, log_in_through_form

pytestmark = pytest.mark.django_db

OFFICE = "203.0.113.10"
NAMES = [
    "CACHES",
    "SESSION_ENGINE",
    "SILENCED_SYSTEM_CHECKS",
    "RATELIMIT_USE_CACHE",
    "RATELIMIT_FAIL_OPEN",
]


def _production_settings(**env: str) -> dict:
    code = (
        "import json, rementor.settings.production as s;"
        f"print(json.dumps({{k: getattr(s, k, None) for k in {NAMES!r}}}))"
    )
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("RM_", "DJANGO_"))},
        # These settings, not those of another checkout installed in the environment.
        "PYTHONPATH": str(Path(rementor.__file__).resolve().parent.parent),
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "rementor.example.com",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _another_node() -> Client:
    """A client whose cache connections are new: what it finds, it finds in Redis."""
    caches.close_all()
    for alias in ("default", "ratelimit"):
        with contextlib.suppress(AttributeError):  # not opened yet
            delattr(caches._connections, alias)
    return Client(REMOTE_ADDR=OFFICE)


@pytest.fixture
def redis_cache(redis_url, settings):
    """The production settings for RM_CACHE_URL, pointed at a Redis database of the test."""
    values = _production_settings(RM_CACHE_URL=redis_url)
    settings.CACHES = values["CACHES"]
    settings.SESSION_ENGINE = values["SESSION_ENGINE"]
    settings.RATELIMIT_USE_CACHE = values["RATELIMIT_USE_CACHE"]
    settings.RATELIMIT_FAIL_OPEN = values["RATELIMIT_FAIL_OPEN"]
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


def _keys(client: redis.Redis, part: str) -> list[bytes]:
    return [key for key in client.scan_iter() if part.encode() in key]


def test_shared_cache_settings_follow_rm_cache_url():
    shared = _production_settings(RM_CACHE_URL="redis://cache.internal:6379/0")
    assert shared["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert shared["CACHES"]["default"]["LOCATION"] == "redis://cache.internal:6379/0"
    # Read from Redis, written through to the database: ending sessions reaches every node.
    assert shared["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"
    # Redis counts atomically: django-ratelimit's "no atomic increment" error is not silenced.
    assert "django_ratelimit.E003" not in shared["SILENCED_SYSTEM_CHECKS"]

    # The counters in the same Redis, through the cache that lets requests through when
    # Redis is down (lock-outs are database rows and still hold).
    assert shared["CACHES"]["ratelimit"]["LOCATION"] == "redis://cache.internal:6379/0"
    assert shared["RATELIMIT_USE_CACHE"] == "ratelimit"
    assert shared["RATELIMIT_FAIL_OPEN"] is True

    alone = _production_settings()
    assert alone["CACHES"]["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert alone["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"


def test_shared_cache_rate_limit_counts_across_nodes(redis_cache, settings):
    settings.RM_RATE_LIMITS = {**django_settings.RM_RATE_LIMITS, "login-ip": "3/m"}
    node_a = _another_node()
    for n in range(2):
        response = log_in_through_form(node_a, email=f"p{n}@example.org", password="nope")
        assert response.status_code == 200
    assert _keys(redis_cache, "rl:")  # the counter lives in Redis

    node_b = _another_node()
    assert log_in_through_form(node_b, email="p2@example.org", password="nope").status_code == 200
    response = log_in_through_form(_another_node(), email="p3@example.org", password="nope")

    assert response.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in response.templates]


def test_shared_cache_lockout_counts_across_nodes(redis_cache):
    anne = UserFactory(email="anne@example.org")
    for _ in range(4):
        node = _another_node()
        assert log_in_through_form(node, email=anne.email, password="nope").status_code == 200

    response = log_in_through_form(_another_node(), email=anne.email, password="nope")
    assert response.status_code == 429
    # Locked on every node, even with the right password.
    right = log_in_through_form(_another_node(), email=anne.email, password=PASSWORD)
    assert right.status_code == 429


def test_shared_cache_session_signed_in_on_one_node_is_valid_on_another(redis_cache):
    user = UserFactory()
    node_a = _another_node()
    assert log_in_through_form(node_a, email=user.email, password=PASSWORD).status_code == 302
    cookie = node_a.cookies[django_settings.SESSION_COOKIE_NAME].value
    assert _keys(redis_cache, cookie)  # the session is in Redis

    node_b = _another_node()
    node_b.cookies[django_settings.SESSION_COOKIE_NAME] = cookie
    assert node_b.get(reverse("home")).status_code == 200

    # Deactivation ends the session everywhere: the copy in Redis goes with the row.
    assert end_sessions(user_ids=[user.pk])[user.pk] == 1
    assert not _keys(redis_cache, cookie)
    for node in (node_a, node_b):
        response = node.get(reverse("home"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_shared_cache_unknown_session_on_another_node_is_signed_out(redis_cache):
    node = _another_node()
    node.cookies[django_settings.SESSION_COOKIE_NAME] = "x" * 32
    response = node.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_shared_cache_down_lets_sign_in_through_instead_of_failing(settings, caplog):
    """Redis unreachable (nothing listens on port 1): the sign-in page answers as usual —
    never a 500 for everyone — and the outage is logged; a wrong password is still refused."""
    values = _production_settings(RM_CACHE_URL="redis://127.0.0.1:1/0")
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {
            **values["CACHES"]["ratelimit"],
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    settings.RATELIMIT_USE_CACHE = values["RATELIMIT_USE_CACHE"]
    settings.RATELIMIT_FAIL_OPEN = values["RATELIMIT_FAIL_OPEN"]
    anne = UserFactory(email="anne@example.org")
    node = _another_node()

    refused = log_in_through_form(node, email=anne.email, password="nope")
    assert refused.status_code == 200
    assert "_auth_user_id" not in node.session
    assert "rate-limit counter not reachable" in caplog.text

    other = _another_node()
    assert log_in_through_form(other, email=anne.email, password=PASSWORD).status_code == 302
    assert other.session["_auth_user_id"] == str(anne.pk)
