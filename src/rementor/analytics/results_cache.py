"""The programme results kept in the Django cache, and forgotten the moment any figure's data
changes.

Computing a programme's results reads every session, pulse and check-in of it (over a second
at 50,000 people); the figures only change when their data does. Each cached value is filed
under a *data version*: a random token in the cache, replaced whenever a row of a table the
figures read is inserted, updated or deleted. The writes are seen at the database connection
(:func:`watch_writes`, installed on every connection by the app), not through model signals,
so ``QuerySet.update``, ``bulk_create`` and raw SQL count too.

The token is replaced when the write's transaction commits (other web nodes then read the new
figures at once), and also right away when this process has read results since its last
replacement (a request that writes, then reads, in one transaction never sees its own
figures from before). Several web nodes share the token and the figures through the Django
cache: Redis with ``RM_CACHE_URL``, else the database cache table (settings.production).

The figures also depend on the clock (a session older than 30 days no longer makes its pair
active, a pair quiet for too long turns at risk): a value is kept at most
``settings.RM_RESULTS_CACHE_SECONDS``, so the clock's effect shows within that time.
"""

from __future__ import annotations

import logging
import re
import secrets
import threading
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import translation

T = TypeVar("T")
logger = logging.getLogger(__name__)

VERSION_KEY = "rm:results:version"

# The apps whose tables hold what the figures are made of; a few of their tables are written
# on every visit or message and never read by a figure (a login is not a change of results).
WATCHED_APPS = {
    "people",
    "skills",
    "programmes",
    "selection",
    "matching",
    "training",
    "mentoring",
    "circles",
    "privacy",
}
UNWATCHED_TABLES = {
    "people_user",
    "people_user_groups",
    "people_user_user_permissions",
    "mentoring_messagethreadstate",
    "mentoring_calendarfeed",
    "mentoring_calendarpush",
}

_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE)\s+"?(\w+)', re.I)
_local = threading.local()
_tables: set[str] | None = None


def watched_tables() -> set[str]:
    global _tables
    if _tables is None:
        from django.apps import apps

        _tables = {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model._meta.app_label in WATCHED_APPS
        } - UNWATCHED_TABLES
    return _tables


def cached(parts: tuple, compute: Callable[[], T]) -> T:
    """``compute()``, or its value from the cache while no watched table has changed.
    ``parts`` say what the value is of; the language and the minimum group size are added
    (labels are translated, suppression depends on the size)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = new_version()
    _local.has_read = True
    key = ":".join(
        str(part)
        for part in (
            "rm:results",
            version,
            translation.get_language(),
            settings.RM_MIN_GROUP_SIZE,
            *parts,
        )
    )
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, timeout=settings.RM_RESULTS_CACHE_SECONDS)
    return value


def new_version() -> str:
    """Forget every cached figure: file them under a new token from now on."""
    version = secrets.token_hex(8)
    try:
        cache.set(VERSION_KEY, version, timeout=None)
    except DatabaseError:
        # The database cache's table is made after the first ``migrate`` (createcachetable):
        # the writes of that migrate, or of a data load run before it, have no figures to
        # forget yet. Raised only when no figure was read in this thread (else the table is
        # there), so outside a transaction that a failed statement would spoil.
        logger.info("results cache: no cache table yet, nothing to forget")
    _local.has_read = False
    return version


def watch_writes(execute, sql, params, many, context):
    """A connection execute wrapper: a write to a watched table makes a new version."""
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql) if isinstance(sql, str) else None
    if match and match.group(1) in watched_tables():
        connection = context["connection"]
        if getattr(_local, "has_read", False):
            new_version()
        if connection.in_atomic_block:
            if not any(func is new_version for _sids, func, _robust in connection.run_on_commit):
                transaction.on_commit(new_version, using=connection.alias)
        else:
            new_version()
    return result


def install(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: watch the writes of every new connection."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)
