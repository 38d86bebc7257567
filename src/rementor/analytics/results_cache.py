"""The programme results kept in the Django cache, and forgotten the moment their data changes.

Computing a programme's results reads every session, pulse and check-in of it (over a second
at 50,000 people); the figures only change when their data does. Each table the figures may
read has a *version*: a random token in the cache, replaced whenever a row of that table is
inserted, updated or deleted. The writes are seen at the database connection
(:func:`watch_writes`, installed on every connection by the app), not through model signals,
so ``QuerySet.update``, ``bulk_create`` and raw SQL count too.

A cached value is kept with the versions of the tables its computation read (every table
named in the SQL it ran, recorded by the same connection wrapper, and the programmes' own
table, whose rows reach it as arguments), and served while those versions are unchanged. So
a private note, a message or an audit entry leaves the figures cached, and a new pulse
forgets only the values that read pulses: :func:`cached` calls nest, and the results page
caches each group of figures on its own (:mod:`rementor.analytics.impact.results`), so after
a pulse only the health and pulse figures are computed again.

A version is replaced when the write's transaction commits (other web nodes then read the new
figures at once), and also right away when this process has read results since (a request
that writes, then reads, in one transaction never sees its own figures from before). Several
web nodes share the versions and the figures through the Django cache: Redis with
``RM_CACHE_URL``, else the database cache table (settings.production).

Each table also has a second version, ``table + REWRITTEN``, renewed by updates and deletes but
not by inserts: what :mod:`rementor.analytics.oldest_marks` keys on (responses are added at the
end; a change to the ones already there is what makes a mark untrustworthy).

Some figures also depend on the clock (a session older than 30 days no longer makes its pair
active, a pair quiet for too long turns at risk): those are kept at most
``settings.RM_RESULTS_CACHE_SECONDS``, so the clock's effect shows within that time; the
others (skills, satisfaction, sessions held...) at most a day.
"""

from __future__ import annotations

import contextlib
import logging
import re
import secrets
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.utils import translation

T = TypeVar("T")
logger = logging.getLogger(__name__)

VERSION_PREFIX = "rm:results:table:"
# How long a value that does not depend on the clock is kept (its data's versions decide).
CLOCK_FREE_SECONDS = 24 * 3600
# Read by every computation without a query of its own: the programme reaches it as an
# argument (its start date, its settings), loaded before the computation began.
ALWAYS_READ = frozenset({"programmes_programme"})

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

_WRITE = re.compile(r'^\s*(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE)\s+"?(\w+)', re.I)
# A table's second version, renewed only when its existing rows change (an update, a delete),
# not when rows are added: what :mod:`rementor.analytics.oldest_marks` keys on.
REWRITTEN = ":rewritten"
# Table names in a statement: Django quotes every one; raw SQL may not (FROM x, JOIN x).
_NAMES = re.compile(r'"(\w+)"|\b(?:FROM|JOIN)\s+(\w+)', re.I)
_local = threading.local()
_tables: set[str] | None = None
_clock = time.time

# Sent when figures a page shows are, or will soon be, out of date: a transaction that wrote a
# watched table committed, or a value that follows the clock is past half its life.
# rementor.analytics.results_refresh computes them again in the background.
figures_outdated = Signal()

# The values pages showed (cached(remember=True)): {(language, parts): when}, for an hour.
# The background refresh computes only these: what no page shows drops out of it.
REMEMBERED = "rm:results:remembered"
REMEMBER_SECONDS = 3600


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


def cached(
    parts: tuple, compute: Callable[[], T], *, clock: bool = True, remember: bool = False
) -> T:
    """``compute()``, or its value from the cache while none of the tables it read has
    changed. ``parts`` say what the value is of; the language and the minimum group size are
    added (labels are translated, suppression depends on the size). ``clock``: the value
    depends on the time too, so it is kept at most ``RM_RESULTS_CACHE_SECONDS``; else a day
    (only a change of its data makes it out of date). ``remember``: a page shows it, so
    :mod:`rementor.analytics.results_refresh` computes it again in the background when it
    gets out of date (:func:`remembered`)."""
    # This thread has read figures: its next write to each table forgets that table at once
    # (:func:`watch_writes`); ``forgotten`` holds the tables renewed since this read.
    _local.forgotten = set()
    key = ":".join(
        str(part)
        for part in (
            "rm:results",
            translation.get_language(),
            settings.RM_MIN_GROUP_SIZE,
            *parts,
        )
    )
    renew_before = getattr(_local, "renew_before", None)  # (the background refresh)
    entry = cache.get(key)
    if entry is not None and len(entry) == 3:  # (a value kept by an earlier release: 2)
        read, value, stored = entry
        current = cache.get_many([VERSION_PREFIX + table for table in read])
        if all(current.get(VERSION_PREFIX + table) == v for table, v in read.items()) and not (
            clock and renew_before is not None and stored < renew_before
        ):
            _note_read(read)  # a value cached inside another depends on these too
            if remember and clock and _clock() - stored > settings.RM_RESULTS_CACHE_SECONDS / 2:
                # Past half its life: computed again in the background before it expires.
                _remember(parts)
                _outdated()
            return value
    started = _clock()
    # The versions from before the computation (inside another: from before the outermost
    # one): a write committed while it runs makes the value out of date at once, rather than
    # filed under the new version.
    stack = _reading()
    if not stack:
        _local.versions = table_versions()
    versions = _local.versions
    stack.append(set(ALWAYS_READ))
    try:
        value = compute()
    finally:
        tables = stack.pop()
    # (the computations around this one noted the same tables as it ran: watch_writes
    # notes every level)
    read = {table: versions[table] for table in tables if table in versions}
    timeout = settings.RM_RESULTS_CACHE_SECONDS if clock else CLOCK_FREE_SECONDS
    cache.set(key, (read, value, started), timeout=timeout)
    if remember and renew_before is None:
        # (a page showed it; the refresh's own computations do not keep it remembered)
        _remember(parts)
    return value


@contextlib.contextmanager
def renewing(*, older_than: float):
    """Inside: values that follow the clock and were computed more than ``older_than``
    seconds ago are computed again (the background refresh, before they expire)."""
    _local.renew_before = _clock() - older_than
    try:
        yield
    finally:
        _local.renew_before = None


def remembered() -> list[tuple[str, tuple]]:
    """The (language, parts) of the values pages showed in the last hour, oldest first."""
    seen = _recent()
    return sorted(seen, key=seen.get)


def _recent() -> dict[tuple[str, tuple], float]:
    now = _clock()
    seen = cache.get(REMEMBERED) or {}
    return {what: when for what, when in seen.items() if now - when < REMEMBER_SECONDS}


def _remember(parts: tuple) -> None:
    # One shared entry: two nodes writing at once may drop one of the two, which is then
    # remembered again the next time a page computes it.
    seen = _recent()
    seen[(translation.get_language(), parts)] = _clock()
    cache.set(REMEMBERED, seen, timeout=REMEMBER_SECONDS)


def table_versions() -> dict[str, str]:
    """The current version of every watched table (one cache read); a table without one
    (never written since the cache was emptied) gets one."""
    return versions_of(watched_tables())


def versions_of(names: set[str] | frozenset[str]) -> dict[str, str]:
    """The current version of each of ``names`` (tables, or ``table + REWRITTEN``), in one
    cache read; a name without one gets one."""
    keys = [VERSION_PREFIX + name for name in sorted(names)]
    found = cache.get_many(keys)
    missing = {key: secrets.token_hex(8) for key in keys if key not in found}
    if missing:
        cache.set_many(missing, timeout=None)
        found.update(missing)
    return {key.removeprefix(VERSION_PREFIX): version for key, version in found.items()}


def forget(tables: set[str] | frozenset[str]) -> None:
    """Forget every cached figure that read one of ``tables``: give them new versions."""
    try:
        cache.set_many(
            {VERSION_PREFIX + table: secrets.token_hex(8) for table in tables}, timeout=None
        )
    except DatabaseError:
        # The database cache's table is made after the first ``migrate`` (createcachetable):
        # the writes of that migrate, or of a data load run before it, have no figures to
        # forget yet. Raised only when no figure was read in this thread (else the table is
        # there), so outside a transaction that a failed statement would spoil.
        logger.info("results cache: no cache table yet, nothing to forget")
    forgotten = getattr(_local, "forgotten", None)
    if forgotten is not None:
        forgotten.update(tables)


def forget_all() -> None:
    """Forget every cached figure (tests and benchmarks: compute afresh)."""
    tables = watched_tables()
    forget(tables | {table + REWRITTEN for table in tables})


def tables_named(sql: str) -> set[str]:
    """The watched tables a statement names (what it may read or write)."""
    return {quoted or bare for quoted, bare in _NAMES.findall(sql)} & watched_tables()


def _reading() -> list[set[str]]:
    """The tables read by each computation running in this thread, innermost last."""
    if not hasattr(_local, "reading"):
        _local.reading = []
    return _local.reading


def _note_read(tables) -> None:
    for reading in _reading():
        reading.update(tables)


def _forget_on_commit(connection, table: str) -> None:
    """Forget ``table``'s figures when the transaction commits, then say that figures are out
    of date: one callback per transaction, holding every table it wrote (a rolled back
    savepoint may leave a table it wrote in the set: forgotten for nothing, never kept)."""
    for _sids, func, _robust in connection.run_on_commit:
        tables = getattr(func, "rm_table", None)
        if tables is not None:
            tables.add(table)
            return
    tables = {table}

    def callback() -> None:
        forget(tables)
        _outdated()

    callback.rm_table = tables  # type: ignore[attr-defined]
    transaction.on_commit(callback, using=connection.alias)


def _outdated() -> None:
    figures_outdated.send(sender=cached)


def watch_writes(execute, sql, params, many, context):
    """A connection execute wrapper: a write to a watched table gives it a new version; while
    figures are computed, the tables each statement names are what they read."""
    result = execute(sql, params, many, context)
    if not isinstance(sql, str):
        return result
    if _reading():
        _note_read(tables_named(sql))
    match = _WRITE.match(sql)
    if match and match.group(2) in watched_tables():
        table = match.group(2)
        names = [table]
        if not match.group(1).upper().startswith("INSERT"):
            names.append(table + REWRITTEN)
        connection = context["connection"]
        forgotten = getattr(_local, "forgotten", None)  # None: no figure read in this thread
        for name in names:
            if forgotten is not None and name not in forgotten:
                forget({name})
            if connection.in_atomic_block:
                _forget_on_commit(connection, name)
            else:
                forget({name})
        if not connection.in_atomic_block:
            _outdated()
    return result


def install(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: watch the writes of every new connection."""
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(watch_writes)
