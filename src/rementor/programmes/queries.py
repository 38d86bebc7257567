"""Read-side querysets for programmes and enrolments."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from rementor.people.queries import name_order
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role

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
    rows = programme.enrollments.select_related("person", "person__department").order_by(
        *name_order("person")
    )
    roster: dict[str, list[Enrollment]] = {Role.MENTEE: [], Role.MENTOR: []}
    for enrollment in rows:
        roster[enrollment.role].append(enrollment)
    return roster
