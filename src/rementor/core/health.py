"""``/healthz``: may a load balancer send this node requests?

200 ``{"database": "ok", "cache": "ok"}`` when this process reaches both shared services,
503 with the one that failed marked ``"down"`` otherwise. Open to anyone and never cached,
it says nothing about anyone: no personal data, no error text (which could hold a host name
or a password), only two words. The failure itself goes to the log.

Cheap: one ``SELECT 1`` and one small write and read in the cache. ``HealthCheckMiddleware``
answers before anything else, because a load balancer probes each node by its own address
and over plain http: the host check (``ALLOWED_HOSTS``) and the https redirect would
otherwise refuse it, and sessions, rate limits and the audit trail have nothing to do here.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)

PATH = "/healthz"


def _database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health check: the database is unreachable")
        return False


def _cache() -> bool:
    # A write and a read: a cache that answers reads but refuses writes (a read-only
    # replica, a full Redis) would fail every rate-limited page. One key per node, process and
    # thread, so that two probes at the same moment never read each other's token.
    key = f"rementor:healthz:{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
    token = secrets.token_hex(8)
    try:
        cache.set(key, token, timeout=30)
        return cache.get(key) == token
    except Exception:
        logger.exception("health check: the cache is unreachable")
        return False


def status() -> dict[str, str]:
    """Each shared service this process needs, "ok" or "down"."""
    return {
        "database": "ok" if _database() else "down",
        "cache": "ok" if _cache() else "down",
    }


@login_not_required
@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    checks = status()
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse(checks, status=200 if healthy else 503)
    add_never_cache_headers(response)
    return response


class HealthCheckMiddleware:
    """First of the middleware: answers GET and HEAD ``/healthz`` at once (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == PATH and request.method in {"GET", "HEAD"}:
            return healthz(request)
        return self.get_response(request)
