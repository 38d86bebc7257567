"""Factories of mentor selection: candidates with their application, reviews and proficiency."""

from __future__ import annotations

import factory
from django.utils import timezone

from rementor.programmes.models import EnrollmentStatus, MentorApplications, ProgrammeStatus, Role
from rementor.selection.models import Commitment, MentorApplication, MentorReview
from rementor.skills.models import Assessment, AssessmentItem, AssessmentKind
from tests.factories import EnrollmentFactory, ProgrammeFactory, SkillFactory, UserFactory


class RecruitingProgrammeFactory(ProgrammeFactory):
    """Recruiting, with its call open to every employee (the invitation-only call is tested
    where it matters)."""

    status = ProgrammeStatus.RECRUITING
    mentor_applications = MentorApplications.OPEN


class MentorEnrollmentFactory(EnrollmentFactory):
    role = Role.MENTOR
    status = EnrollmentStatus.APPLIED


class MentorApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorApplication

    enrollment = factory.SubFactory(MentorEnrollmentFactory)
    motivation = "J'aime transmettre."
    commitment = Commitment.SOME_EXTRA
    submitted_at = factory.LazyFunction(timezone.now)


class MentorReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorReview

    application = factory.SubFactory(MentorApplicationFactory)
    reviewer = factory.SubFactory(UserFactory, is_programme_manager=True)
    clarity = 4
    listening = 4
    adaptability = 4
    willingness = 4


def recruiting_with_one_skill(programme, *, call=MentorApplications.OPEN):
    """``programme`` open to mentor applications (from everyone, unless ``call`` says invited
    people only), with one skill to claim."""
    programme.status = "recruiting"
    programme.mentor_applications = call
    programme.save()
    skill = SkillFactory(name_fr="Tableaux de bord", name_en="Dashboards")
    programme.skills.set([skill])
    return programme


def give_levels(enrollment, levels: dict, kind: str = AssessmentKind.MENTOR) -> Assessment:
    """Store an assessment of ``kind`` with ``{skill: level}`` (or ``{skill: (level, target,
    priority)}`` for a mentee baseline)."""
    assessment, _ = Assessment.objects.get_or_create(
        enrollment=enrollment, kind=kind, defaults={"submitted_at": timezone.now()}
    )
    for skill, value in levels.items():
        level, target, priority = value if isinstance(value, tuple) else (value, None, 0)
        AssessmentItem.objects.create(
            assessment=assessment,
            skill=skill,
            level=level,
            target=target,
            priority=priority,
            evidence="https://example.org/proof" if kind == AssessmentKind.MENTOR else "",
        )
    return assessment


def candidate(programme, *, levels=None, status=EnrollmentStatus.APPLIED, user=None, **kwargs):
    """An application in ``programme`` (optionally with a user account and proficiency)."""
    person = user.person if user is not None else None
    enrollment = MentorEnrollmentFactory(
        programme=programme, status=status, **({"person": person} if person else {})
    )
    application = MentorApplicationFactory(enrollment=enrollment, **kwargs)
    if levels:
        give_levels(enrollment, levels)
    return application
