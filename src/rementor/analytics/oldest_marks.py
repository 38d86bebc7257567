"""Where the last step of sponsors' oldest responses ended, kept so that the next page reads
only the responses given since.

:func:`rementor.analytics.queries.oldest_responses` walks a programme's responses, oldest
first, to find where its last step of five people ends. Walking every pulse of a large
programme takes longer than all its other figures, yet responses are only ever added at the
end: a step that ended once ends there for ever, and the walk can go on from it. A
:class:`Mark` is that end, and the largest id read then (a response added later with a
time before the mark would have a larger id: it is found and the walk starts over).

A mark holds for the same candidate rows only. So it is kept under the query that reads them
and the versions (:mod:`rementor.analytics.results_cache`) of every table that query reads
other than the responses' own: a person moving department, say, changes which pulses a
filtered page counts. Of the responses' own table it keeps only the version renewed by
updates and deletes (an erasure, a moved time), not by the inserts it follows by itself.
A mark holds ids only, never who answered or what.
"""

from __future__ import annotations

import hashlib
from typing import NamedTuple

from django.core.cache import cache
from django.db.models import QuerySet

from rementor.analytics import results_cache

PREFIX = "rm:oldest:"
# As long as the figures that read no clock (results_cache.CLOCK_FREE_SECONDS): a mark lost
# only costs one walk over every response.
TIMEOUT = results_cache.CLOCK_FREE_SECONDS


class Mark(NamedTuple):
    """The last step ends with the response ``last`` (its id); ``seen`` is the largest id
    read when the mark was made."""

    last: object
    seen: object


def key_of(ordered: QuerySet, *, step: int) -> str:
    """The cache key of the mark of ``ordered`` (the candidate rows, in the walk's order):
    its SQL, the step, and the versions it depends on (see the module's docstring)."""
    sql, params = ordered.query.sql_with_params()
    own = ordered.model._meta.db_table
    names = results_cache.tables_named(sql) - {own}
    versions = results_cache.versions_of(names | {own + results_cache.REWRITTEN})
    text = repr((sql, tuple(params), step, sorted(versions.items())))
    return PREFIX + hashlib.sha256(text.encode()).hexdigest()


def read(key: str) -> Mark | None:
    found = cache.get(key)
    return Mark(*found) if found is not None else None


def keep(key: str, mark: Mark) -> None:
    cache.set(key, tuple(mark), timeout=TIMEOUT)
