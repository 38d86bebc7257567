"""Background jobs of the matching app (Django's Tasks API, django-tasks backport).

``domain.start_match_run`` queues them once its transaction commits; their work lives in
``solving``, which imports neither, so the domain and its jobs do not import each other.
"""

from __future__ import annotations

from django_tasks import task

from rementor.matching.models import MatchRun
from rementor.matching.solving import execute_run


@task()
def run_match(run_id: int) -> int:
    """Solve one queued run; the page polls the run's status meanwhile."""
    run = MatchRun.objects.select_related("programme").get(pk=run_id)
    execute_run(run=run)
    return run.pk
