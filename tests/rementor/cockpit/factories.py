"""Builders of the cockpit tests: a programme at a given step, with the people, runs and pairs
whose counts the tracker and the transitions read."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rementor.matching.domain import create_pair
from rementor.matching.models import MatchRun, RunStatus
from rementor.programmes.models import EnrollmentStatus, ProgrammeStatusChange, Role
from tests.factories import EnrollmentFactory
from tests.rementor.matching.factories import matching_programme, mentee, mentor


def programme_at(status: str, **kwargs):
    """A programme in ``status`` with the three skills the matching factories use."""
    programme = matching_programme(**kwargs)
    programme.status = status
    programme.save(update_fields=["status"])
    return programme


def mentees_with_needs(programme, count: int) -> list:
    return [mentee(programme, needs={"linkedin": (1, 3, 3)}) for _ in range(count)]


def mentees_invited(programme, count: int) -> list:
    return [
        EnrollmentFactory(programme=programme, role=Role.MENTEE, status=EnrollmentStatus.INVITED)
        for _ in range(count)
    ]


def mentors_accepted(programme, count: int) -> list:
    return [mentor(programme, levels={"linkedin": 4}, capacity=2) for _ in range(count)]


def applications(programme, count: int) -> list:
    return [
        EnrollmentFactory(programme=programme, role=Role.MENTOR, status=EnrollmentStatus.APPLIED)
        for _ in range(count)
    ]


def published_run(programme, *, published: bool = True) -> MatchRun:
    number = programme.match_runs.count() + 1
    return MatchRun.objects.create(
        programme=programme,
        number=number,
        status=RunStatus.DONE,
        published_at=timezone.now() if published else None,
    )


def pairs(programme, count: int) -> list:
    """``count`` active pairs (one mentor each); the programme keeps its status."""
    return [
        create_pair(
            programme=programme,
            mentee=mentee(programme, needs={"linkedin": (1, 3, 3)}),
            mentor=mentor(programme, levels={"linkedin": 4}),
            by=None,
            notify=False,
        )
        for _ in range(count)
    ]


def closed_days_ago(programme, days: int, *, by=None) -> None:
    """Close ``programme`` as if a manager had closed it ``days`` days ago."""
    programme.status = "closed"
    programme.save(update_fields=["status"])
    change = ProgrammeStatusChange.objects.create(
        programme=programme, from_status="running", to_status="closed", changed_by=by
    )
    ProgrammeStatusChange.objects.filter(pk=change.pk).update(
        changed_at=timezone.now() - dt.timedelta(days=days)
    )
