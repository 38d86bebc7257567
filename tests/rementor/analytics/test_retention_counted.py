"""Retention counted by the database for the people who never left nor came back: exactly the
figures of the former reading of every person (kept below as the reference), on companies
with histories of every kind, inactive people without history, moves before, within and after
the window, and groups of 4 and 5 people."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.analytics import suppression
from rementor.analytics.impact.retention import (
    COMPARISON,
    GROUPS,
    HORIZONS,
    Retention,
    RetentionLine,
    _again,
    _prefixed,
    _present,
    months_after,
    retention,
)
from rementor.analytics.impact.stat import EMPTY, Stat, State, count_stat, share
from rementor.people.models import MOVES, PRESENCE, ChangeKind, Person, PersonChange
from rementor.programmes.models import Enrollment, Programme, Role
from rementor.programmes.queries import ACCEPTED
from tests.factories import DepartmentFactory, EnrollmentFactory, ProgrammeFactory
from tests.rementor.analytics.test_retention import _change, _person

pytestmark = pytest.mark.django_db


def reference_retention(
    *,
    programme: Programme,
    people_q: Q,
    min_size: int | None,
    now: dt.datetime | None = None,
) -> Retention:
    """The figures; ``people_q`` filters people (dashboard filters), ``min_size`` is the
    sponsors' rule for the counts of volunteers (None: managers)."""
    today = timezone.localdate(now or timezone.now())
    start = programme.start_date
    due = {m: months_after(start, m) for m in HORIZONS}
    until = min(due[12], today)
    group_min = settings.RM_MIN_GROUP_SIZE

    taking_part = Enrollment.objects.filter(programme=programme, status__in=ACCEPTED).filter(
        _prefixed(people_q, "person__")
    )
    participants = list(
        taking_part.values_list("person_id", "role", "person__department_id", "person__is_active")
    )
    departments = {d for _p, _r, d, _a in participants if d is not None}
    enrolled = Enrollment.objects.filter(programme=programme, status__in=ACCEPTED)
    others_qs = (
        Person.objects.filter(people_q, department_id__in=taking_part.values("person__department"))
        .filter(created_at__date__lte=start)
        .exclude(pk__in=enrolled.values("person_id"))
    )
    others = list(others_qs.values_list("pk", "is_active"))
    members: dict[str, list[tuple[int, bool]]] = {g: [] for g in GROUPS}
    for person_id, role, _dept, active in participants:
        members[role].append((person_id, active))
    members[COMPARISON] = others

    presence: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    moved: set[int] = set()
    for person_id, on, kind in (
        PersonChange.objects.filter(
            Q(person_id__in=taking_part.values("person_id"))
            | Q(person_id__in=others_qs.values("pk"))
        )
        .filter(Q(kind__in=PRESENCE) | Q(kind__in=MOVES, on__gt=start, on__lte=until))
        .order_by("person_id", "on", "pk")
        .values_list("person_id", "on", "kind")
    ):
        if kind in PRESENCE:
            presence[person_id].append((on, kind))
        else:
            moved.add(person_id)

    groups = {}
    for key, people in members.items():
        there = [(pk, active) for pk, active in people if _present(presence[pk], active, start)]
        groups[key] = there
    small = suppression.too_small(
        {key: suppression.Cell(n=len(there), value=0) for key, there in groups.items()},
        min_size=group_min,
    )
    shown = not small
    labels = {
        Role.MENTOR.value: _("Mentors"),
        Role.MENTEE.value: _("Mentees"),
        COMPARISON: _("Rest of their departments"),
    }
    lines = []
    for key in GROUPS:
        there = groups[key]
        n = len(there)
        hidden = Stat(State.SMALL) if n else EMPTY
        retained = []
        for months, day in due.items():
            if not shown:
                stat = hidden
            elif day > today:
                stat = EMPTY
            else:
                stayed = sum(1 for pk, a in there if _present(presence[pk], a, day))
                stat = Stat(State.SHOWN, value=share(stayed, n), n=n, extra={"count": stayed})
            retained.append((months, day, stat))
        movers = sum(1 for pk, _a in there if pk in moved)
        lines.append(
            RetentionLine(
                key=key,
                label=labels[key],
                size=Stat(State.SHOWN, value=n, n=n) if shown else hidden,
                retained=tuple(retained),
                moved=Stat(State.SHOWN, value=share(movers, n), n=n, extra={"count": movers})
                if shown
                else hidden,
            )
        )
    mentees_again, mentors_again = _again(programme=programme, people_q=people_q)
    return Retention(
        start=start,
        due=due,
        lines=tuple(lines),
        shown=shown,
        departments=len(departments),
        mentees_again=count_stat(mentees_again, hidden=False, min_size=min_size),
        mentors_again=count_stat(mentors_again, hidden=False, min_size=min_size),
    )


KINDS = [
    (),
    ((30, ChangeKind.LEFT),),
    ((-10, ChangeKind.LEFT),),
    ((-10, ChangeKind.LEFT), (20, ChangeKind.RETURNED)),
    ((100, ChangeKind.LEFT), (250, ChangeKind.RETURNED), (300, ChangeKind.LEFT)),
    ((200, ChangeKind.RETURNED),),
    ((40, ChangeKind.JOB_TITLE),),
    ((-5, ChangeKind.DEPARTMENT),),
    ((380, ChangeKind.DEPARTMENT), (60, ChangeKind.LEFT)),
    ((0, ChangeKind.LEFT), (0, ChangeKind.RETURNED)),
]


def _history(person, index: int, *, inactive: bool) -> None:
    for days, kind in KINDS[index % len(KINDS)]:
        _change(person, days, kind, "A", "B")
    if inactive:
        Person.objects.filter(pk=person.pk).update(is_active=False)


@pytest.mark.parametrize(
    ("mentors", "mentees", "others", "days_ago"),
    [
        (0, 0, 0, 400),
        (4, 5, 5, 400),
        (5, 5, 4, 400),
        (5, 6, 12, 400),
        (7, 9, 23, 200),
        (6, 5, 11, 30),
        (12, 8, 30, 600),
    ],
)
def test_the_figures_of_the_former_reading(mentors, mentees, others, days_ago):
    start = timezone.localdate() - dt.timedelta(days=days_ago)
    programme = ProgrammeFactory(start_date=start, end_date=start + dt.timedelta(days=200))
    sales, it = DepartmentFactory(name="Sales"), DepartmentFactory(name="IT")
    index = 0
    for role, number in ((Role.MENTOR, mentors), (Role.MENTEE, mentees)):
        for _n in range(number):
            person = _person((sales, it)[index % 2], site=("Paris", "Lyon")[index % 3 == 0])
            EnrollmentFactory(programme=programme, person=person, role=role)
            _history(person, index, inactive=index % 7 == 3)
            index += 1
    for _n in range(others):
        person = _person((sales, it, None)[index % 3], site=("Paris", "Lyon")[index % 3 == 0])
        _history(person, index, inactive=index % 5 == 1)
        index += 1
    for people_q in (Q(), Q(department=sales), Q(site="Lyon")):
        for min_size in (None, 5):
            args = {"programme": programme, "people_q": people_q, "min_size": min_size}
            assert retention(**args) == reference_retention(**args), (people_q, min_size)
