"""Read-side queries on skills and assessments."""

from __future__ import annotations

from django.db.models import F, IntegerField, QuerySet, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from rementor.programmes.models import EnrollmentStatus, Role
from rementor.skills.models import AssessmentItem, AssessmentKind, Skill


def programme_skills(programme) -> QuerySet[Skill]:
    return programme.skills.filter(is_active=True).select_related("category")


def baseline_items(programme) -> QuerySet[AssessmentItem]:
    """Submitted baseline items of the programme's mentees (withdrawn and declined excluded)."""
    return AssessmentItem.objects.filter(
        assessment__enrollment__programme=programme,
        assessment__enrollment__role=Role.MENTEE,
        assessment__kind=AssessmentKind.BASELINE,
        assessment__submitted_at__isnull=False,
    ).exclude(
        assessment__enrollment__status__in=[EnrollmentStatus.WITHDRAWN, EnrollmentStatus.DECLINED]
    )


def programme_needs(programme) -> dict[int, int]:
    """Total priority-weighted gap per skill id over the mentees' baseline assessments.

    This is what "the skills the programme needs most" means everywhere: mentor scoring uses
    it as weights, the needs heat map breaks it down by department.
    """
    rows = (
        baseline_items(programme)
        .annotate(
            weighted=F("priority")
            * Greatest(
                Coalesce("target", "level", output_field=IntegerField()) - F("level"),
                Value(0),
            )
        )
        .values("skill_id")
        .annotate(total=Sum("weighted"))
    )
    return {row["skill_id"]: int(row["total"] or 0) for row in rows}
