"""Programme results computed again in the background, so that the next page finds them ready.

Computing a programme's results takes up to half a second at 50,000 people, and the cache
(:mod:`rementor.analytics.results_cache`) forgets them whenever their data changes, or after
``RM_RESULTS_CACHE_SECONDS`` for the figures that follow the clock: without this, the first
manager or sponsor to look after a pulse pays the computation. So:

- the cache remembers, for an hour, the results pages showed (programme, manager or sponsor,
  filter, language);
- when a transaction that wrote their data commits, or when a page finds figures that follow
  the clock past half their life, :func:`rementor.analytics.tasks.queue_refresh` puts one
  :func:`refresh` job on the task queue (one at a time: a burst of writes makes one job);
- the job computes each remembered result again: only the groups of figures whose data
  changed, and those that follow the clock and are past half their life.

A page shown before the job has run computes what is out of date itself, as it would without
it: figures are never served out of date. ``RM_RESULTS_REFRESH`` off (the tests) queues
nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from rementor.analytics import results_cache
from rementor.analytics.impact.results import programme_results
from rementor.programmes.models import Programme

# Set while a refresh job waits on the queue (rementor.analytics.tasks.queue_refresh); a job
# that never ran (no worker) stops holding the queue after QUEUED_SECONDS.
QUEUED = "rm:results:refresh-queued"
QUEUED_SECONDS = 10 * 60


def refresh() -> int:
    """Compute again every remembered result that is out of date; how many were looked at."""
    # From now on, a change queues another job (this one may have read before it).
    cache.delete(QUEUED)
    wanted = results_cache.remembered()
    programmes = Programme.objects.in_bulk({parts[1] for _language, parts in wanted})
    done = 0
    for language, (_kind, programme_id, for_sponsor, department_id, site) in wanted:
        programme = programmes.get(programme_id)
        if programme is None:  # deleted since
            continue
        with (
            translation.override(language),
            results_cache.renewing(older_than=settings.RM_RESULTS_CACHE_SECONDS / 2),
        ):
            programme_results(
                programme=programme, for_sponsor=for_sponsor, department_id=department_id, site=site
            )
        done += 1
    return done
