"""Background jobs of the matching app (Django's Tasks API, django-tasks backport)."""

from __future__ import annotations

from django_tasks import task

from rementor.matching.models import MatchRun


@task()
def run_match(run_id: int) -> int:
    """Solve one queued run; the page polls the run's status meanwhile."""
    from rementor.matching.domain import execute_run

    run = MatchRun.objects.select_related("programme").get(pk=run_id)
    execute_run(run=run)
    return run.pk
