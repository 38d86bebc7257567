"""A small programme ready for matching: mentees with needs, mentors with proficiency."""

from __future__ import annotations

from rementor.programmes.models import EnrollmentStatus, Role
from rementor.skills.domain import ItemInput, save_assessment, submit_baseline
from rementor.skills.models import AssessmentKind, Skill
from tests.factories import EnrollmentFactory, PersonFactory, ProgrammeFactory


def matching_programme(**kwargs):
    programme = ProgrammeFactory(status="matching", languages=["fr", "en"], **kwargs)
    programme.skills.set(Skill.objects.filter(code__in=["linkedin", "web_analytics", "slack"]))
    return programme


def mentee(programme, *, needs: dict[str, tuple[int, int, int]], slots=(1, 2, 3), **person):
    enrollment = EnrollmentFactory(
        programme=programme,
        person=PersonFactory(**person),
        role=Role.MENTEE,
        status=EnrollmentStatus.ACCEPTED,
    )
    skills = {s.code: s for s in programme.skills.all()}
    submit_baseline(
        enrollment=enrollment,
        items=[
            ItemInput(skill_id=skills[code].pk, level=c, target=t, priority=p)
            for code, (c, t, p) in needs.items()
        ],
        wishes="",
        slots=list(slots),
        languages=enrollment.person.languages,
    )
    return enrollment


def mentor(programme, *, levels: dict[str, int], capacity=None, slots=(1, 2, 3), **person):
    enrollment = EnrollmentFactory(
        programme=programme,
        person=PersonFactory(**person),
        role=Role.MENTOR,
        status=EnrollmentStatus.ACCEPTED,
        capacity=capacity,
        slots=list(slots),
    )
    skills = {s.code: s for s in programme.skills.all()}
    save_assessment(
        enrollment=enrollment,
        kind=AssessmentKind.MENTOR,
        items=[ItemInput(skill_id=skills[c].pk, level=lv) for c, lv in levels.items()],
    )
    return enrollment
