"""Read-side querysets for programmes and enrolments."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from rementor.people.queries import name_order
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

# One definition of each head-count, used wherever a page counts a programme's people (the
# managers' home and programme list, the programme page, the results' funnel):
# * accepted — taking part: accepted, or done with the programme (the funnel's "Enrolled");
# * invited or applied — not decided yet: a mentee who has not answered the invitation, a
#   mentor candidate waiting for a decision;
# * declined or withdrawn people are listed on the programme page, never counted as taking part.
ACCEPTED = (EnrollmentStatus.ACCEPTED, EnrollmentStatus.COMPLETED)
UNDECIDED = (EnrollmentStatus.INVITED, EnrollmentStatus.APPLIED)
HEAD_COUNTS = {
    "accepted_mentees": (Role.MENTEE, ACCEPTED),
    "accepted_mentors": (Role.MENTOR, ACCEPTED),
    "undecided_mentees": (Role.MENTEE, UNDECIDED),
    "undecided_mentors": (Role.MENTOR, UNDECIDED),
}


def programmes_with_counts(programmes: QuerySet[Programme] | None = None) -> QuerySet[Programme]:
    """Programmes with each of :data:`HEAD_COUNTS` (one query whatever their number)."""
    programmes = Programme.objects.all() if programmes is None else programmes
    return programmes.annotate(
        **{
            name: Count(
                "enrollments",
                filter=Q(enrollments__role=role, enrollments__status__in=statuses),
            )
            for name, (role, statuses) in HEAD_COUNTS.items()
        }
    )


def head_counts(programme: Programme) -> dict[str, int]:
    """:data:`HEAD_COUNTS` of one programme (one query)."""
    return (
        programmes_with_counts(Programme.objects.filter(pk=programme.pk)).values(*HEAD_COUNTS).get()
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


def roster_counts(programme: Programme) -> dict[str, int]:
    """:data:`HEAD_COUNTS` of one programme, and everyone enrolled in each role, declined and
    withdrawn included (``listed_mentees``, ``listed_mentors``). One query."""
    listed = {
        f"listed_{role}s": Count("enrollments", filter=Q(enrollments__role=role))
        for role in (Role.MENTEE, Role.MENTOR)
    }
    return (
        programmes_with_counts(Programme.objects.filter(pk=programme.pk))
        .annotate(**listed)
        .values(*HEAD_COUNTS, *listed)
        .get()
    )


def programme_roster(programme: Programme) -> QuerySet[Enrollment]:
    """Everyone enrolled in ``programme``, by name, with their person and department; each
    carries ``needs_given_at``, when the person submitted their needs (None: not yet). A
    queryset, to filter and cut into pages: one query per page whatever the programme's size."""
    given = Assessment.objects.filter(
        enrollment=OuterRef("pk"), kind=AssessmentKind.BASELINE, submitted_at__isnull=False
    ).values("submitted_at")[:1]
    return (
        programme.enrollments.select_related("person", "person__department")
        .annotate(needs_given_at=Subquery(given))
        .order_by(*name_order("person"))
    )


def roster_page(roster: QuerySet[Enrollment], ids: list[int]) -> list[Enrollment]:
    """The rows of ``roster`` (from :func:`programme_roster`) with these ``ids``, in the
    order of ``ids``: a page is cut from the roster's ids alone (sorting every enrolment with
    its person and department, and looking up each one's needs, took most of the page's
    time), then only its rows are read whole (one query)."""
    rows = roster.in_bulk(ids)
    return [rows[pk] for pk in ids if pk in rows]


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
