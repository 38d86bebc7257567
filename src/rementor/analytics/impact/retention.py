"""Retention and internal moves of the programme's mentors and mentees, against the rest of
their departments, read from the people's history (``people.PersonChange``: left, came
back, job title or department changed, as the HRIS import and SCIM brought them).

Who is counted: the programme's accepted (or completed) mentors and mentees, and the
comparison group — everyone else of the departments those participants belong to today,
whom Rementor knew on the programme's start date. Each group holds the people in the
company on the start date. Retained after 6 (12) months: in the company on that date, once
it has come. A move: a job title or department change after the start, up to 12 months
after it (the HRIS import has no grade or level, so promotions are not told apart). Someone
inactive with no history left before Rementor kept one: not counted. Erased people keep no
history: not counted.

Figures are shown to anyone only when every group (mentors, mentees, comparison) holds at
least the minimum group size (:func:`rementor.analytics.suppression.too_small`); counts of
people who volunteer again follow the sponsors' rule for counts. Never a name: counts and
shares only. Seven queries whatever the size.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.analytics import suppression
from rementor.analytics.impact.stat import EMPTY, Stat, State, count_stat, share
from rementor.people.models import MOVES, PRESENCE, ChangeKind, Person, PersonChange
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme, Role
from rementor.programmes.queries import ACCEPTED

COMPARISON = "comparison"
GROUPS = (Role.MENTOR.value, Role.MENTEE.value, COMPARISON)
HORIZONS = (6, 12)
# Volunteering again counts whoever said yes to a later programme, decided or not.
VOLUNTEERED = (*ACCEPTED, EnrollmentStatus.APPLIED)


def months_after(day: dt.date, months: int) -> dt.date:
    """``day`` moved ``months`` on, the last day of a shorter month when needed."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class RetentionLine:
    key: str  # "mentor", "mentee" or "comparison"
    label: str
    size: Stat  # people in the company at the start
    # (months, the date it can be read, share still in the company; n = the group)
    retained: tuple[tuple[int, dt.date, Stat], ...]
    moved: Stat  # share with a job title or department change (n = the group)


@dataclass(frozen=True)
class Retention:
    start: dt.date
    due: dict[int, dt.date]  # months -> the date the figure can be read
    lines: tuple[RetentionLine, ...]
    shown: bool  # every group holds at least the minimum size
    departments: int  # departments the comparison group is drawn from
    mentees_again: Stat  # value = mentees enrolled in a later programme (either role)
    mentors_again: Stat  # value = mentors enrolled as mentors in a later programme


def _present(events: list[tuple[dt.date, str]], active: bool, day: dt.date) -> bool:
    """Whether someone with these presence ``events`` (date order) was in the company on
    ``day``: the last event up to that day says; before the first, its opposite; with no
    event at all, whether they are active now."""
    if not events:
        return active
    before = [kind for on, kind in events if on <= day]
    if before:
        return before[-1] == ChangeKind.RETURNED
    return events[0][1] == ChangeKind.LEFT


def retention(
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
    enrolled = Enrollment.objects.filter(programme=programme, status__in=ACCEPTED)
    others_qs = (
        Person.objects.filter(people_q, department_id__in=taking_part.values("person__department"))
        # Known on the start date, in the current time zone: compared with the first instant
        # after it, not by a date cast of every row (a Python function per row on SQLite).
        .filter(created_at__lt=_day_after(start))
        .exclude(pk__in=enrolled.values("person_id"))
    )

    # Most people never left nor came back: in the company on every day if active now. They
    # are counted by the database; only the others' histories are read.
    def flags(person: str) -> dict:
        return {
            "history": _changed(person, Q(kind__in=PRESENCE)),
            "moved": _changed(person, Q(kind__in=MOVES, on__gt=start, on__lte=until)),
        }

    steady = Q(history=False, is_active=True)
    plain: dict[str, list[int]] = {g: [0, 0] for g in GROUPS}  # group -> [people, movers]
    departments: set[int] = set()
    for row in (
        taking_part.alias(**flags("person_id"))
        .order_by()
        .values("role", "person__department_id")
        .annotate(
            n=Count("pk", filter=Q(history=False, person__is_active=True)),
            movers=Count("pk", filter=Q(history=False, person__is_active=True, moved=True)),
        )
    ):
        plain[row["role"]][0] += row["n"]
        plain[row["role"]][1] += row["movers"]
        if row["person__department_id"] is not None:
            departments.add(row["person__department_id"])
    row = others_qs.alias(**flags("pk")).aggregate(
        n=Count("pk", filter=steady), movers=Count("pk", filter=steady & Q(moved=True))
    )
    plain[COMPARISON] = [row["n"], row["movers"]]

    with_history = taking_part.alias(history=_changed("person_id", Q(kind__in=PRESENCE))).filter(
        history=True
    )
    others_with_history = others_qs.alias(history=_changed("pk", Q(kind__in=PRESENCE))).filter(
        history=True
    )
    members: dict[str, list[tuple[int, bool]]] = {g: [] for g in GROUPS}
    for person_id, role, active in with_history.values_list(
        "person_id", "role", "person__is_active"
    ):
        members[role].append((person_id, active))
    members[COMPARISON] = list(others_with_history.values_list("pk", "is_active"))

    presence: dict[int, list[tuple[dt.date, str]]] = defaultdict(list)
    moved: set[int] = set()
    for person_id, on, kind in (
        PersonChange.objects.filter(
            Q(person_id__in=with_history.values("person_id"))
            | Q(person_id__in=others_with_history.values("pk"))
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
    size = {key: len(there) + plain[key][0] for key, there in groups.items()}
    small = suppression.too_small(
        {key: suppression.Cell(n=n, value=0) for key, n in size.items()},
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
        n = size[key]
        hidden = Stat(State.SMALL) if n else EMPTY
        retained = []
        for months, day in due.items():
            if not shown:
                stat = hidden
            elif day > today:
                stat = EMPTY
            else:
                stayed = plain[key][0] + sum(1 for pk, a in there if _present(presence[pk], a, day))
                stat = Stat(State.SHOWN, value=share(stayed, n), n=n, extra={"count": stayed})
            retained.append((months, day, stat))
        movers = plain[key][1] + sum(1 for pk, _a in there if pk in moved)
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


def _day_after(day: dt.date) -> dt.datetime:
    """The first instant after ``day`` in the current time zone."""
    return timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))


def _changed(person: str, changes: Q) -> Exists:
    """The person (``person``: the path to their id) has a change matching ``changes``."""
    return Exists(PersonChange.objects.filter(changes, person_id=OuterRef(person)))


def _again(*, programme: Programme, people_q: Q) -> tuple[int, int]:
    """Mentees of the programme enrolled (as mentee or mentor) in a later one, and mentors
    enrolled as mentors in a later one: one query."""
    later = Enrollment.objects.filter(
        programme__start_date__gt=programme.start_date, status__in=VOLUNTEERED
    )
    rows = list(
        Enrollment.objects.filter(programme=programme, status__in=ACCEPTED)
        .filter(_prefixed(people_q, "person__"))
        .filter(person_id__in=later.values("person_id"))
        .values_list("person_id", "role")
    )
    mentor_later = set(
        later.filter(
            role=Role.MENTOR, person_id__in=[p for p, r in rows if r == Role.MENTOR]
        ).values_list("person_id", flat=True)
    )
    mentees = sum(1 for _p, role in rows if role == Role.MENTEE)
    mentors = sum(1 for p, role in rows if role == Role.MENTOR and p in mentor_later)
    return mentees, mentors


def _prefixed(q: Q, prefix: str) -> Q:
    """``q`` (on people) reached through ``prefix``."""
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_prefixed(child, prefix))
        else:
            out.children.append((f"{prefix}{child[0]}", child[1]))
    return out
