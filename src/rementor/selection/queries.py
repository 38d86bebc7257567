"""Read-side queries of mentor selection."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery

from rementor.programmes.models import (
    Enrollment,
    MentorApplications,
    Programme,
    ProgrammeStatus,
    Role,
)
from rementor.selection.models import MentorApplication
from rementor.selection.scoring import CANDIDATE_STATUSES
from rementor.skills.levels import Level
from rementor.skills.models import AssessmentItem, AssessmentKind, Skill

_http_url = URLValidator(schemes=["http", "https"])


def open_programmes_for(user) -> QuerySet[Programme]:
    """Recruiting programmes the signed-in employee may apply to or has applied to: the ones
    with an open call, and the invitation-only ones where they were invited as a mentor (or
    applied). The same rule as the ``selection.apply`` permission.

    Each carries ``my_status``: the status of the user's mentor enrolment, or None. Programmes
    where they are a mentee are left out (one role per programme). One query.
    """
    if not user.is_authenticated or user.person_id is None:
        return Programme.objects.none()
    mine = Enrollment.objects.filter(programme=OuterRef("pk"), person_id=user.person_id)
    return (
        Programme.objects.filter(status=ProgrammeStatus.RECRUITING)
        .filter(~Exists(mine.filter(role=Role.MENTEE)))
        .filter(
            Q(mentor_applications=MentorApplications.OPEN) | Exists(mine.filter(role=Role.MENTOR))
        )
        .annotate(my_status=Subquery(mine.filter(role=Role.MENTOR).values("status")[:1]))
        .order_by("start_date", "name")
    )


def enrollment_of(user, programme: Programme) -> Enrollment | None:
    if not user.is_authenticated or user.person_id is None:
        return None
    return (
        Enrollment.objects.filter(programme=programme, person_id=user.person_id)
        .select_related("programme", "person")
        .first()
    )


def application_of(enrollment: Enrollment | None) -> MentorApplication | None:
    if enrollment is None or enrollment.role != Role.MENTOR:
        return None
    return MentorApplication.objects.filter(enrollment=enrollment).first()


def mentor_levels(enrollment: Enrollment | None) -> dict[int, AssessmentItem]:
    """The candidate's stated proficiency per skill id (empty before they apply)."""
    if enrollment is None:
        return {}
    items = AssessmentItem.objects.filter(
        assessment__enrollment=enrollment, assessment__kind=AssessmentKind.MENTOR
    )
    return {item.skill_id: item for item in items}


def safe_link(evidence: str) -> str | None:
    """The evidence as a link when it is a plain http(s) address, else None (shown as text)."""
    text = (evidence or "").strip()
    if " " in text or urlsplit(text).scheme.lower() not in {"http", "https"}:
        return None
    try:
        _http_url(text)
    except ValidationError:
        return None
    return text


@dataclass(frozen=True)
class SkillEvidence:
    skill: Skill
    level: int
    level_label: str
    evidence: str
    link: str | None


def application_skills(enrollment: Enrollment) -> list[SkillEvidence]:
    """The candidate's rated skills with their evidence, links made safe to render."""
    items = (
        AssessmentItem.objects.filter(
            assessment__enrollment=enrollment, assessment__kind=AssessmentKind.MENTOR
        )
        .select_related("skill__category")
        .order_by("-level", "skill__category__position", "skill__position")
    )
    return [
        SkillEvidence(
            skill=item.skill,
            level=item.level,
            level_label=Level(item.level).label,
            evidence=item.evidence,
            link=safe_link(item.evidence),
        )
        for item in items
    ]


def candidate_in(programme: Programme, pk: int) -> MentorApplication | None:
    """A candidate of the pool (withdrawn ones do not exist for managers)."""
    return (
        MentorApplication.objects.filter(
            pk=pk,
            enrollment__programme=programme,
            enrollment__role=Role.MENTOR,
            enrollment__status__in=CANDIDATE_STATUSES,
        )
        .select_related("enrollment__person__department", "enrollment__programme", "decided_by")
        .first()
    )
