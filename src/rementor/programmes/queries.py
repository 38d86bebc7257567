"""Read-side querysets for programmes and enrolments."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role
from rementor.skills.models import Assessment, AssessmentKind

_ACTIVE = [
    EnrollmentStatus.INVITED,
    EnrollmentStatus.APPLIED,
    EnrollmentStatus.ACCEPTED,
    EnrollmentStatus.COMPLETED,
]


def programmes_with_counts() -> QuerySet[Programme]:
    """Programmes with their mentee and mentor counts (one query whatever their number)."""
    return Programme.objects.annotate(
        mentee_count=Count(
            "enrollments",
            filter=Q(enrollments__role=Role.MENTEE, enrollments__status__in=_ACTIVE),
        ),
        mentor_count=Count(
            "enrollments",
            filter=Q(enrollments__role=Role.MENTOR, enrollments__status__in=_ACTIVE),
        ),
        accepted_count=Count(
            "enrollments", filter=Q(enrollments__status=EnrollmentStatus.ACCEPTED)
        ),
    )


def enrollments_of(user) -> QuerySet[Enrollment]:
    """The signed-in participant's own enrolments, newest programme first."""
    if user.person_id is None:
        return Enrollment.objects.none()
    return (
        Enrollment.objects.filter(person_id=user.person_id)
        .select_related("programme")
        .order_by("-programme__start_date")
    )


def programme_roster(programme: Programme) -> dict[str, list[Enrollment]]:
    """Mentees and mentors of ``programme``; each carries ``needs_given_at``, when the person
    submitted their needs (None: not yet). One query."""
    given = Assessment.objects.filter(
        enrollment=OuterRef("pk"), kind=AssessmentKind.BASELINE, submitted_at__isnull=False
    ).values("submitted_at")[:1]
    rows = (
        programme.enrollments.select_related("person", "person__department")
        .annotate(needs_given_at=Subquery(given))
        .order_by("person__last_name", "person__first_name")
    )
    roster: dict[str, list[Enrollment]] = {Role.MENTEE: [], Role.MENTOR: []}
    for enrollment in rows:
        roster[enrollment.role].append(enrollment)
    return roster
