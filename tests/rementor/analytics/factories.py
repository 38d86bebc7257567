"""Assessment factories for the analytics tests (the suite-wide ones live in tests/factories)."""

from __future__ import annotations

import factory
from django.utils import timezone

from rementor.programmes.models import Role
from rementor.skills.models import Assessment, AssessmentItem, AssessmentKind
from tests.factories import DepartmentFactory, EnrollmentFactory, PersonFactory


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    enrollment = factory.SubFactory(EnrollmentFactory, role=Role.MENTEE)
    kind = AssessmentKind.BASELINE
    submitted_at = factory.LazyFunction(timezone.now)


class AssessmentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentItem

    assessment = factory.SubFactory(AssessmentFactory)
    level = 1
    target = 3
    priority = 2


def mentee_with_baseline(
    *,
    programme,
    department: str | None,
    answers: dict,
    site: str = "Paris",
    submitted: bool = True,
    **enrollment,
) -> Assessment:
    """A mentee of ``department`` (a name; None: no department) at ``site`` whose baseline
    holds ``answers``: {skill: (level, target, priority)}."""
    person = PersonFactory(
        department=DepartmentFactory(name=department) if department else None, site=site
    )
    assessment = AssessmentFactory(
        enrollment=EnrollmentFactory(
            programme=programme, person=person, role=Role.MENTEE, **enrollment
        ),
        submitted_at=timezone.now() if submitted else None,
    )
    AssessmentItem.objects.bulk_create(
        AssessmentItem(assessment=assessment, skill=skill, level=level, target=target, priority=p)
        for skill, (level, target, p) in answers.items()
    )
    return assessment
