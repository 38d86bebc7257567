"""Read-side querysets for programmes and enrolments."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from rementor.programmes.models import (
    REOPEN_DAYS,
    Enrollment,
    EnrollmentStatus,
    Programme,
    ProgrammeStatus,
    ProgrammeStatusChange,
    Role,
)
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


def last_closing(programme: Programme) -> ProgrammeStatusChange | None:
    """The recorded move that closed ``programme`` last (with who did it), or None."""
    return (
        ProgrammeStatusChange.objects.filter(programme=programme, to_status=ProgrammeStatus.CLOSED)
        .select_related("changed_by__person")
        .order_by("-changed_at", "-pk")
        .first()
    )


def closed_at(programme: Programme, closing: ProgrammeStatusChange | None = None) -> dt.datetime:
    """When ``programme`` closed: its last recorded closing, else the end of its end date (as
    the retention rule reads it)."""
    if closing is None:
        closing = last_closing(programme)
    if closing is not None:
        return closing.changed_at
    return dt.datetime.combine(
        programme.end_date, dt.time.max, tzinfo=timezone.get_current_timezone()
    )


def reopen_deadline(
    programme: Programme, closing: ProgrammeStatusChange | None = None
) -> dt.datetime:
    """Until when a manager may reopen the closed ``programme`` (REOPEN_DAYS after closing)."""
    return closed_at(programme, closing) + dt.timedelta(days=REOPEN_DAYS)
