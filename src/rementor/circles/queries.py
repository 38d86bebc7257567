"""Who sees which circles, written once for the pages, the API and "my data".

A circle is seen by the programme's managers and by its members while they take part in the
programme (accepted or completed enrolment, still with the company). Sponsors see none."""

from __future__ import annotations

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet

from rementor.circles.models import Circle, CircleMeeting, CircleMember
from rementor.people.queries import name_order
from rementor.programmes.models import Enrollment, EnrollmentStatus

# A member who withdraws (or was declined) keeps their row but loses access.
TAKING_PART = (EnrollmentStatus.ACCEPTED, EnrollmentStatus.COMPLETED)


def _is_manager(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_programme_manager)


def active_memberships() -> QuerySet[CircleMember]:
    return CircleMember.objects.filter(
        enrollment__status__in=TAKING_PART, enrollment__person__is_active=True
    )


def circles_visible_to(user) -> QuerySet[Circle]:
    """The circles ``user`` may open: every circle for a programme manager, else those they
    are an active member of."""
    if not (user.is_authenticated and user.is_active):
        return Circle.objects.none()
    if _is_manager(user):
        return Circle.objects.all()
    if user.person_id is None:
        return Circle.objects.none()
    return Circle.objects.filter(
        pk__in=active_memberships().filter(enrollment__person_id=user.person_id).values("circle_id")
    )


def is_active_member(user, circle: Circle) -> bool:
    if not (user.is_authenticated and user.is_active and user.person_id):
        return False
    return active_memberships().filter(circle=circle, enrollment__person_id=user.person_id).exists()


def meetings_visible_to(user) -> QuerySet[CircleMeeting]:
    return CircleMeeting.objects.filter(circle__in=circles_visible_to(user))


def programme_circles(programme) -> QuerySet[Circle]:
    """A programme's circles for its managers' list, with head-counts: one query."""
    return programme.circles.annotate(
        member_count=Count("members", distinct=True),
        meeting_count=Count("meetings", distinct=True),
    ).order_by("name", "pk")


def members_of(circle: Circle) -> QuerySet[CircleMember]:
    """The circle's members, by name, with whether they still take part."""
    return (
        circle.members.select_related("enrollment__person")
        .annotate(
            taking_part=ExpressionWrapper(
                Q(enrollment__status__in=TAKING_PART) & Q(enrollment__person__is_active=True),
                output_field=BooleanField(),
            )
        )
        .order_by(*name_order("enrollment__person"), "pk")
    )


def candidates_for(circle: Circle) -> QuerySet[Enrollment]:
    """The programme's accepted participants not yet in the circle, by name."""
    return (
        Enrollment.objects.filter(
            programme_id=circle.programme_id,
            status=EnrollmentStatus.ACCEPTED,
            person__is_active=True,
        )
        .exclude(circle_memberships__circle=circle)
        .select_related("person")
        .order_by(*name_order("person"), "pk")
    )


def circles_of_person(person_id: int) -> QuerySet[Circle]:
    """The circles someone is an active member of (their home page)."""
    return (
        Circle.objects.filter(
            pk__in=active_memberships().filter(enrollment__person_id=person_id).values("circle_id")
        )
        .select_related("programme")
        .order_by("programme__name", "name", "pk")
    )
