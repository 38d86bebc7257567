"""The demo company's HRIS history since the first programme started, so its results can show
retention after 6 and 12 months and internal moves, for mentors and mentees against the rest
of their departments.

The company has been in Rementor for two years (its first import predates the programme).
Since the programme started, some people who never took part have left (deactivated as a
full-sync HRIS import does), and some people changed jobs (recorded as the import records a
move). Each change is then dated when it happened: the demo replays a year in one load.
"""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from rementor.audit.events import Departure
from rementor.people.changes import move_rows, snapshot
from rementor.people.domain import deactivate_people
from rementor.people.models import ChangeKind, Person, PersonChange
from rementor.programmes.models import Enrollment, Programme, Role
from rementor.programmes.queries import ACCEPTED

# When the demo company's first HRIS import happened, before the programme started.
KNOWN_SINCE_DAYS = 730
# Outside any programme, in the participants' departments: how many left, how many moved.
LEAVERS, OTHER_MOVERS = 12, 10
# Among the participants, how many changed jobs (juniors grow fastest).
MENTOR_MOVERS, MENTEE_MOVERS = 5, 2
NEW_TITLE = {
    Role.MENTOR.value: "Chargé(e) de projet confirmé(e)",
    Role.MENTEE.value: "Directeur(trice) de programme",
}


def load_history(*, programme: Programme, keep_out: set[str], rng: random.Random) -> int:
    """Record the year's leavers and moves once; returns how many changes were recorded
    (0 when the history is already there)."""
    if PersonChange.objects.exists():
        return 0
    start = programme.start_date
    today = timezone.localdate()
    known = timezone.now() - dt.timedelta(days=KNOWN_SINCE_DAYS)
    Person.objects.filter(created_at__gt=known).update(created_at=known)

    def some_day(first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=rng.randint(0, (last - first).days))

    within_year = min(today, start + dt.timedelta(days=360))
    taking_part = list(
        Enrollment.objects.filter(programme=programme, status__in=ACCEPTED)
        .exclude(person__user__email__in=keep_out)
        .select_related("person__department")
        .order_by("person__employee_id")
    )
    departments = {e.person.department_id for e in taking_part}
    others = list(
        Person.objects.filter(department_id__in=departments, is_active=True, user__isnull=True)
        .exclude(pk__in=Enrollment.objects.values("person_id"))
        .select_related("department")
        .order_by("employee_id")
    )
    picked = rng.sample(others, LEAVERS + OTHER_MOVERS)
    leavers, other_movers = picked[:LEAVERS], picked[LEAVERS:]

    movers = [(p, "") for p in other_movers]
    for role, count in ((Role.MENTOR.value, MENTOR_MOVERS), (Role.MENTEE.value, MENTEE_MOVERS)):
        group = [e.person for e in taking_part if e.role == role]
        movers += [(p, NEW_TITLE[role]) for p in rng.sample(group, count)]
    rows = []
    for person, title in movers:
        before = snapshot(person)
        person.job_title = title or f"{person.job_title} (responsable d'équipe)"[:200]
        person.save(update_fields=["job_title", "updated_at"])
        rows += move_rows(person=person, before=before, on=some_day(start, within_year))
    PersonChange.objects.bulk_create(rows)

    deactivate_people(people=leavers, by=None, reason=Departure.HRIS_SYNC)
    for change in PersonChange.objects.filter(person__in=leavers, kind=ChangeKind.LEFT).order_by(
        "person__employee_id"
    ):
        change.on = some_day(start, today)
        change.save(update_fields=["on"])
    return len(rows) + len(leavers)
