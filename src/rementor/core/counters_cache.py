"""The cache behind rate-limit counters when they live in Redis (production, RM_CACHE_URL).

Django's Redis cache raises when Redis cannot be reached, and django-ratelimit lets that
through: every sign-in, password reset, import and export would answer 500 for as long as
Redis is down. Here a counter that cannot be read or bumped is "unknown", and with
``RATELIMIT_FAIL_OPEN`` the request goes through. Fail open, not closed: closed would refuse
everyone's sign-in during the outage, while the lock-outs after repeated failed sign-ins
(django-axes) are rows in PostgreSQL and still hold. Each failure is logged.
"""

from __future__ import annotations

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class CountersCache(RedisCache):
    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except RedisError:
            logger.exception("rate-limit counter not reachable: request let through")
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except RedisError:
            logger.exception("rate-limit counter not reachable: request let through")
            return None

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except RedisError:
            logger.exception("rate-limit counter not reachable: request let through")
            return default
