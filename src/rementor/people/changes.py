"""The history of people's moves: a job title or department that changed, recorded by every
write that brings it (the HRIS import, SCIM). Leaving and coming back are recorded by
``people.domain.deactivate_people`` / ``reactivate_people``, the one place where they happen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from rementor.people.models import ChangeKind, Person, PersonChange


def snapshot(person: Person) -> tuple[str, str]:
    """What a move is read from: the job title and the department's name."""
    department = person.department.name if person.department_id else ""
    return (person.job_title or "", department)


def move_rows(*, person: Person, before: tuple[str, str], on: dt.date | None = None) -> list:
    """The unsaved changes between ``before`` (a :func:`snapshot`) and ``person`` now."""
    on = on or timezone.localdate()
    rows = []
    for kind, old, new in zip(
        (ChangeKind.JOB_TITLE, ChangeKind.DEPARTMENT), before, snapshot(person), strict=True
    ):
        if old != new:
            rows.append(PersonChange(person=person, on=on, kind=kind, old_value=old, new_value=new))
    return rows


def record_moves(*, moves: Iterable[tuple[Person, tuple[str, str]]]) -> int:
    """Record every person's move since their ``before`` snapshot, in one insert; returns
    how many changes were recorded (nothing when nothing changed)."""
    rows = [row for person, before in moves for row in move_rows(person=person, before=before)]
    PersonChange.objects.bulk_create(rows)
    return len(rows)


def record_presence(*, person_ids: Iterable[int], kind: ChangeKind) -> None:
    """Record that these people left or came back today."""
    today = timezone.localdate()
    PersonChange.objects.bulk_create(
        PersonChange(person_id=pk, on=today, kind=kind) for pk in person_ids
    )
