"""Small, hand-checkable programme results: pairs, sessions, pulses, check-ins, assessments.

Rows are created directly (not through the domain functions) so that each test states the
exact figures it checks, whatever the dates.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rementor.matching.models import Pair, PairStatus
from rementor.mentoring.models import (
    CheckIn,
    Idea,
    MentoringSession,
    Objective,
    ObjectiveOwner,
    Pulse,
    SessionStatus,
)
from rementor.programmes.models import EnrollmentStatus, Role
from rementor.skills.models import Assessment, AssessmentItem, AssessmentKind
from tests.factories import DepartmentFactory, EnrollmentFactory, PersonFactory


def person(department: str | None = "Finance", site: str = "Paris", **names):
    return PersonFactory(
        department=DepartmentFactory(name=department) if department else None, site=site, **names
    )


def enrol(programme, role, *, status=EnrollmentStatus.ACCEPTED, **person_kwargs):
    return EnrollmentFactory(
        programme=programme, person=person(**person_kwargs), role=role, status=status
    )


def make_pair(
    programme,
    *,
    status=PairStatus.ACTIVE,
    mentee: dict | None = None,
    mentor: dict | None = None,
) -> Pair:
    return Pair.objects.create(
        programme=programme,
        mentee=enrol(programme, Role.MENTEE, **(mentee or {})),
        mentor=enrol(programme, Role.MENTOR, **(mentor or {})),
        place=1,
        mentor_capacity=1,
        status=status,
    )


def held(pair, *, days_ago: int = 3, minutes: int = 60, pulses=()) -> MentoringSession:
    """A held session; ``pulses``: (usefulness, comfort) of the mentee, then of the mentor."""
    session = MentoringSession.objects.create(
        pair=pair,
        starts_at=timezone.now() - dt.timedelta(days=days_ago),
        duration_minutes=minutes,
        status=SessionStatus.HELD,
    )
    for author, (usefulness, comfort) in zip((pair.mentee, pair.mentor), pulses, strict=False):
        Pulse.objects.create(session=session, author=author, usefulness=usefulness, comfort=comfort)
    return session


def check_in(pair, *, kind="final", mentee: int | None = None, mentor: int | None = None):
    for author, recommend in ((pair.mentee, mentee), (pair.mentor, mentor)):
        if recommend is not None:
            CheckIn.objects.create(
                pair=pair,
                author=author,
                kind=kind,
                progress=3,
                relationship=4,
                pace=3,
                recommend=recommend,
            )


def assess(enrollment, kind, answers: dict) -> Assessment:
    """``answers``: {skill: (level, target, priority)}."""
    assessment = Assessment.objects.create(
        enrollment=enrollment, kind=kind, submitted_at=timezone.now()
    )
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=assessment, skill=skill, level=lv, target=t, priority=p)
        for skill, (lv, t, p) in answers.items()
    )
    return assessment


def baseline_and_final(pair, baseline: dict, final: dict) -> None:
    assess(pair.mentee, AssessmentKind.BASELINE, baseline)
    assess(pair.mentee, AssessmentKind.FINAL, final)


def mentor_objective(pair, *, area="leadership", progress=50, status="in_progress"):
    return Objective.objects.create(
        pair=pair,
        owner=ObjectiveOwner.MENTOR,
        title="Animer une réunion",
        area=area,
        progress=progress,
        status=status,
    )


def idea(pair, department: str | None):
    return Idea.objects.create(
        pair=pair,
        title="Idée",
        description="Une idée",
        department=DepartmentFactory(name=department) if department else None,
    )


def seven_mentees(programme, skill) -> list[Pair]:
    """Small groups a sponsor must not see: seven pairs whose mentees answered the final
    check-in (the two oldest answers 3 out of 10, detractors; then five 10s) with their final
    self-assessment, and two mentees invited who declined (9 invited, 7 enrolled: "(−2)")."""
    pairs = []
    for index in range(7):
        pair = make_pair(
            programme, mentee={"department": "Finance"}, mentor={"department": "Finance"}
        )
        held(pair, days_ago=3, pulses=[(4, 5), (5, 4)])
        assess(pair.mentee, AssessmentKind.BASELINE, {skill: (1, 3, 2)})
        assess(pair.mentee, AssessmentKind.FINAL, {skill: (1 + index % 3, 3, 2)})
        check_in(pair, mentee=3 if index < 2 else 10)
        pairs.append(pair)
    for _ in range(2):
        enrol(programme, Role.MENTEE, status=EnrollmentStatus.DECLINED)
    return pairs


def answered_pairs(programme, skill, *, count: int = 11, answered: int = 10) -> list[Pair]:
    """``count`` pairs; the first ``answered`` gave the final check-in (mentees half 10s, then
    half 8s; mentors half 5s, then half 9s) and the mentee's final self-assessment."""
    pairs = []
    for index in range(count):
        pair = make_pair(
            programme, mentee={"department": "Finance"}, mentor={"department": "Finance"}
        )
        held(pair, days_ago=3, pulses=[(4, 5), (5, 4)])
        assess(pair.mentee, AssessmentKind.BASELINE, {skill: (1, 3, 2)})
        if index < answered:
            first_half = index < answered // 2
            assess(pair.mentee, AssessmentKind.FINAL, {skill: (1 + index % 3, 3, 2)})
            check_in(pair, mentee=10 if first_half else 8, mentor=5 if first_half else 9)
        pairs.append(pair)
    return pairs
