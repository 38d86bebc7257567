"""Solving a stored run: the engine on the run's snapshot, the result saved on the run.

Called by the background task (``tasks.run_match``) and, in this process, by
``domain.create_run_now``; it never queues anything, so the task can import it while the
domain imports the task to queue it.
"""

from __future__ import annotations

import re
import time

from django.utils import timezone

import matchengine
from rementor.matching.instance import person_key
from rementor.matching.models import MatchRun, RunStatus
from rementor.people.models import Person


def execute_run(*, run: MatchRun) -> MatchRun:
    """Solve a queued run's snapshot and store the result (called by the background task)."""
    MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    started = time.perf_counter()
    try:
        problem = matchengine.load_instance(run.instance)
        result = matchengine.solve(problem)
    except matchengine.InvalidInstance as error:
        run.status, run.error = RunStatus.FAILED, _describe_invalid(run, error)
    else:
        data = matchengine.result_to_dict(result)
        run.status, run.result = RunStatus.DONE, data
        run.matched, run.unmatched = data["matched"], len(data["unmatched"])
        run.total_score, run.optimal = data["total_score"], data["optimal"]
    run.elapsed_s = round(time.perf_counter() - started, 3)
    run.finished_at = timezone.now()
    run.save()
    return run


def _describe_invalid(run: MatchRun, error: Exception) -> str:
    """The engine names items by instance id ("p42"); managers need names."""
    message = str(error)
    ids = {int(found) for found in re.findall(r"\bp(\d+)\b", message)}
    for pk, first, last in Person.objects.filter(pk__in=ids).values_list(
        "pk", "first_name", "last_name"
    ):
        message = re.sub(rf"\b{person_key(pk)}\b", f"{first} {last}", message)
    return message
