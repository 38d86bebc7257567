"""The demo's circle: the demo mentee and mentor with a few other mentors of running pairs,
gathered for a cohort debrief, with a meeting in two weeks and its agenda. Written through
the circles' domain functions, as a manager would on the pages."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rementor.circles import domain as circles
from rementor.circles.models import Circle
from rementor.matching.models import Pair, PairStatus
from rementor.programmes.models import Programme

CIRCLE_NAME = "Débriefing de cohorte"
AGENDA = "Tour de table : ce qui a marché, ce qui a coincé\nIdées à remonter à la direction"
OTHER_MENTORS = 4


def load_circle(*, programme: Programme, manager, logins: tuple[str, ...]) -> Circle | None:
    """The circle, once: ``logins`` (the demo accounts) and a few mentors of active pairs."""
    if Circle.objects.filter(programme=programme, name=CIRCLE_NAME).exists():
        return None
    circle = circles.create_circle(programme=programme, by=manager, name=CIRCLE_NAME)
    chosen = list(programme.enrollments.filter(person__user__email__in=logins, status="accepted"))
    mentors = (
        Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE)
        .exclude(mentor__in=chosen)
        .select_related("mentor")
        .order_by("pk")[:OTHER_MENTORS]
    )
    chosen += [pair.mentor for pair in mentors if pair.mentor.status == "accepted"]
    for enrollment in dict.fromkeys(chosen):
        circles.add_member(circle=circle, by=manager, enrollment=enrollment)
    day = timezone.localdate() + dt.timedelta(days=14)
    circles.plan_meeting(
        circle=circle,
        by=manager,
        starts_at=timezone.make_aware(dt.datetime.combine(day, dt.time(12, 30))),
        time_zone="Europe/Paris",
        duration_minutes=60,
        location="Salle Pasteur, 3e étage",
        agenda=AGENDA,
    )
    return circle
