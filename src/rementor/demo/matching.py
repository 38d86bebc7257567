"""Demo data for the matching step: adjustments, a run, and its publication."""

from __future__ import annotations

from rementor.matching.domain import create_run_now, publish_run, set_override
from rementor.matching.models import OverrideKind
from rementor.programmes.domain import change_programme_status
from rementor.programmes.models import ProgrammeStatus, Role


def publish_demo_pairs(*, programme, manager) -> int:
    """Close recruitment, pin the demo mentor to the demo mentee, run, publish, start."""
    change_programme_status(programme=programme, to=ProgrammeStatus.MATCHING, by=manager)
    enrollments = programme.enrollments.filter(
        person__user__email__in=["mentee@example.com", "mentor@example.com"]
    ).select_related("person")
    by_role = {e.role: e for e in enrollments}
    set_override(
        programme=programme,
        mentee=by_role[Role.MENTEE],
        mentor=by_role[Role.MENTOR],
        kind=OverrideKind.PIN,
        by=manager,
    )
    run = create_run_now(programme=programme, by=manager)
    report = publish_run(run=run, by=manager, start_programme=True)
    return len(report.created)
