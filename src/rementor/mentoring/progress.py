"""A participant's own progress in one programme ("my progress"): read-only, for that person.

A mentee sees their starting point against their final self-assessment skill by skill, their
learning objectives and the sessions of their pair; a mentor sees their own objectives in
communication, pedagogy and leadership, the sessions of their pairs and the proficiency they
stated when they applied. Nothing here is new to its reader: each figure is already on their
pair page or their needs form, gathered in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from rementor.matching.models import Pair
from rementor.mentoring.feedback import check_in_opens
from rementor.mentoring.models import (
    CheckInKind,
    MentorGoalArea,
    Objective,
    ObjectiveOwner,
    ObjectiveStatus,
    SessionStatus,
)
from rementor.programmes.models import Enrollment, Role
from rementor.skills.levels import Level
from rementor.skills.models import Assessment, AssessmentItem, AssessmentKind, Skill


@dataclass(frozen=True)
class SkillProgress:
    """One skill of a mentee: where they started, where they aimed, where they are now."""

    skill: Skill
    baseline: int | None
    target: int | None
    final: int | None
    priority: int = 0

    @staticmethod
    def _label(value: int | None) -> str:
        return "" if value is None else f"{value} — {Level(value).label}"

    @property
    def baseline_label(self) -> str:
        return self._label(self.baseline)

    @property
    def target_label(self) -> str:
        return self._label(self.target)

    @property
    def final_label(self) -> str:
        return self._label(self.final)

    @property
    def change(self) -> int | None:
        """Levels gained (negative when lower), None until both measures exist."""
        if self.baseline is None or self.final is None:
            return None
        return self.final - self.baseline

    @property
    def wanted(self) -> bool:
        """The mentee set out to grow in it (a priority, or a target above the start)."""
        return self.priority > 0 or (
            self.target is not None and self.baseline is not None and self.target > self.baseline
        )

    @property
    def target_reached(self) -> bool:
        """Only for a skill they wanted to grow: "reached" a target equal to the start would
        claim progress nobody made."""
        return (
            self.wanted
            and self.final is not None
            and self.target is not None
            and self.final >= self.target
        )


@dataclass(frozen=True)
class PairSessions:
    """The sessions of one pair of the participant: held, and planned from now on."""

    pair: Pair
    partner: str
    held: int
    planned: int


@dataclass(frozen=True)
class AreaObjectives:
    """A mentor's own objectives in one of the brief's three areas."""

    area: MentorGoalArea
    objectives: list[Objective]


@dataclass
class Progress:
    enrollment: Enrollment
    pairs: list[PairSessions] = field(default_factory=list)
    objectives: list[Objective] = field(default_factory=list)
    # Mentee
    skills: list[SkillProgress] = field(default_factory=list)
    has_baseline: bool = False
    has_final: bool = False
    final_opens: dt.date | None = None  # when the final check-in opens, until answered
    # Mentor
    areas: list[AreaObjectives] = field(default_factory=list)
    other_objectives: list[Objective] = field(default_factory=list)
    proficiency: list[AssessmentItem] = field(default_factory=list)

    @property
    def wanted_skills(self) -> list[SkillProgress]:
        """Highest priority first (a stable sort keeps the taxonomy's order within one)."""
        return sorted((row for row in self.skills if row.wanted), key=lambda row: -row.priority)

    @property
    def other_skills(self) -> list[SkillProgress]:
        return [row for row in self.skills if not row.wanted]

    @property
    def is_mentee(self) -> bool:
        return self.enrollment.role == Role.MENTEE

    @property
    def sessions_held(self) -> int:
        return sum(p.held for p in self.pairs)

    @property
    def sessions_planned(self) -> int:
        return sum(p.planned for p in self.pairs)

    @property
    def achieved(self) -> int:
        return sum(1 for o in self.objectives if o.status == ObjectiveStatus.ACHIEVED)

    @property
    def to_reach(self) -> int:
        """Objectives neither achieved nor dropped (in progress or not started yet)."""
        return sum(
            1
            for o in self.objectives
            if o.status in (ObjectiveStatus.IN_PROGRESS, ObjectiveStatus.NOT_STARTED)
        )


def own_enrollment(programme, user) -> Enrollment | None:
    """``user``'s own enrolment in ``programme`` (None for anyone not enrolled in it)."""
    if not user.is_authenticated or user.person_id is None:
        return None
    return (
        programme.enrollments.select_related("programme", "person")
        .filter(person_id=user.person_id)
        .first()
    )


def _pair_sessions(enrollment: Enrollment) -> list[PairSessions]:
    side, other = ("mentee", "mentor") if enrollment.role == Role.MENTEE else ("mentor", "mentee")
    now = timezone.now()
    pairs = (
        Pair.objects.filter(**{side: enrollment})
        .select_related("programme", f"{other}__person")
        .annotate(
            held=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD)),
            planned=Count(
                "sessions",
                filter=Q(sessions__status=SessionStatus.PLANNED, sessions__starts_at__gte=now),
            ),
        )
        .order_by("created_at", "pk")
    )
    return [
        PairSessions(
            pair=pair,
            partner=getattr(pair, other).person.full_name,
            held=pair.held,
            planned=pair.planned,
        )
        for pair in pairs
    ]


def _items(enrollment: Enrollment, kind: str) -> dict[int, AssessmentItem] | None:
    """The items of ``enrollment``'s assessment of ``kind`` by skill id; None without one (a
    baseline counts once submitted)."""
    assessment = Assessment.objects.filter(enrollment=enrollment, kind=kind).first()
    if assessment is None or (kind == AssessmentKind.BASELINE and not assessment.submitted_at):
        return None
    return {
        item.skill_id: item
        for item in assessment.items.select_related("skill__category").order_by(
            "skill__category__position", "skill__position", "skill__code"
        )
    }


def _mentee_skills(enrollment: Enrollment) -> tuple[list[SkillProgress], bool, bool]:
    baseline = _items(enrollment, AssessmentKind.BASELINE)
    final = _items(enrollment, AssessmentKind.FINAL)
    skills: dict[int, Skill] = {}
    for items in (baseline or {}, final or {}):
        for skill_id, item in items.items():
            skills.setdefault(skill_id, item.skill)
    ordered = sorted(
        skills.values(), key=lambda s: (s.category.position, s.category_id, s.position, s.code)
    )
    rows = []
    for skill in ordered:
        start = (baseline or {}).get(skill.pk)
        end = (final or {}).get(skill.pk)
        rows.append(
            SkillProgress(
                skill=skill,
                baseline=start.level if start else None,
                target=start.target if start else None,
                final=end.level if end else None,
                priority=start.priority if start else 0,
            )
        )
    return rows, baseline is not None, final is not None


def progress_of(enrollment: Enrollment) -> Progress:
    """Everything "my progress" shows to ``enrollment``'s own person (a few queries)."""
    pairs = _pair_sessions(enrollment)
    owner = ObjectiveOwner.MENTEE if enrollment.role == Role.MENTEE else ObjectiveOwner.MENTOR
    objectives = list(
        Objective.objects.filter(pair__in=[p.pair for p in pairs], owner=owner)
        .select_related("skill")
        .order_by("target_date", "pk")
    )
    progress = Progress(enrollment=enrollment, pairs=pairs, objectives=objectives)
    if enrollment.role == Role.MENTEE:
        progress.skills, progress.has_baseline, progress.has_final = _mentee_skills(enrollment)
        if pairs and not progress.has_final:
            progress.final_opens = check_in_opens(pairs[-1].pair, CheckInKind.FINAL)
    else:
        progress.areas = [
            AreaObjectives(area=area, objectives=[o for o in objectives if o.area == area])
            for area in MentorGoalArea
        ]
        progress.other_objectives = [o for o in objectives if not o.area]
        stated = _items(enrollment, AssessmentKind.MENTOR) or {}
        progress.proficiency = list(stated.values())
    return progress
