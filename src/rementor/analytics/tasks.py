"""Background jobs of the analytics app (Django's Tasks API, django-tasks backport)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django_tasks import task

from rementor.analytics.results_refresh import QUEUED, QUEUED_SECONDS, refresh

logger = logging.getLogger(__name__)


@task()
def refresh_results() -> int:
    """The results pages showed, computed again where out of date (results_refresh)."""
    return refresh()


def queue_refresh(**_signal) -> None:
    """``figures_outdated`` receiver: one refresh job on the queue, unless one waits already."""
    if not settings.RM_RESULTS_REFRESH:
        return
    try:
        if not cache.add(QUEUED, True, timeout=QUEUED_SECONDS):
            return
    except DatabaseError:  # no cache table yet (the first migrate): nothing to refresh
        return
    try:
        refresh_results.enqueue()
    except Exception:  # a write must never fail because its figures could not be queued
        cache.delete(QUEUED)
        logger.exception("results refresh: could not queue the job")
