"""Builders of the cockpit tests: programmes at each step of their life, with the people,
runs and pairs the tracker and the transitions count (``programme_at`` ...), and a company
with something waiting of every kind for the attention list (``build``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from rementor.audit.events import Departure
from rementor.matching.domain import create_pair
from rementor.matching.instance import person_key
from rementor.matching.models import MatchRun, Pair, PairStatus, RunStatus
from rementor.mentoring.models import Concern, ConcernStatus
from rementor.people.domain import deactivate_people
from rementor.privacy.models import ErasureRequest, ErasureStatus
from rementor.programmes.models import (
    EnrollmentStatus,
    ProgrammeStatus,
    ProgrammeStatusChange,
    Role,
)
from rementor.selection.models import MentorApplication
from rementor.training.models import Audience, TrainingCompletion, TrainingModule
from tests.factories import EnrollmentFactory, ProgrammeFactory, UserFactory
from tests.rementor.analytics.factories import enrol, held_with_pulses, pair_row
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


@dataclass
class World:
    running: object
    recruiting: object
    closed: object
    # What the attention list must count, per programme slug and item.
    expected: dict[str, dict[str, int]] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)


def _stale(pair: Pair, days: int = 40) -> Pair:
    Pair.objects.filter(pk=pair.pk).update(created_at=timezone.now() - dt.timedelta(days=days))
    return pair


def _healthy(programme) -> Pair:
    pair = _stale(pair_row(programme))
    held_with_pulses(pair, days_ago=3, pulses=[(4, 4), (4, 5)])
    return pair


def _concern(pair: Pair, *, status=ConcernStatus.OPEN) -> Concern:
    return Concern.objects.create(
        pair=pair, author=UserFactory(person=pair.mentee.person), text="Worried", status=status
    )


def build(scale: int = 1) -> World:
    """Every item of the attention list ``scale`` times in a running programme (latecomers,
    training, pairs at risk, a leaver, concerns) and a recruiting one (applications), plus as
    many things that must not count: healthy pairs, resolved concerns, decided applications,
    finished training, paired people and those the last run saw, a closed programme's
    stale pairs and applications, answered erasure requests."""
    start = timezone.localdate() - dt.timedelta(days=91)
    running = ProgrammeFactory(name="Running one", status=ProgrammeStatus.RUNNING, start_date=start)
    recruiting = ProgrammeFactory(name="Recruiting one", status=ProgrammeStatus.RECRUITING)
    closed = ProgrammeFactory(name="Closed one", status=ProgrammeStatus.CLOSED, start_date=start)
    world = World(running=running, recruiting=recruiting, closed=closed)
    module = TrainingModule.objects.create(
        programme=running, audience=Audience.MENTEE, title_fr="M", title_en="M", body_fr="x",
        body_en="x",
    )  # fmt: skip
    names: dict[str, list[str]] = {"at_risk": [], "leavers": [], "latecomers": [], "training": []}
    given = []
    for _n in range(scale):
        # Two pairs at risk, one of them because its mentor left; one open concern on the
        # first. Healthy pairs (trained mentees) and a resolved concern do not count.
        quiet = _stale(pair_row(running))
        _concern(quiet)
        names["at_risk"].append(quiet.mentee.person.last_name)
        left = _healthy(running)
        deactivate_people(people=[left.mentor.person], by=None, reason=Departure.DIRECTORY)
        names["at_risk"].append(left.mentee.person.last_name)
        names["leavers"].append(left.mentee.person.last_name)
        fine = _healthy(running)
        _concern(fine, status=ConcernStatus.RESOLVED)
        for pair in (quiet, left, fine):
            TrainingCompletion.objects.create(module=module, enrollment=pair.mentee)
        given += [pair.mentee.person_id for pair in (quiet, left, fine)]
        # Training not finished: one accepted mentee; not a declined one, nor one who left.
        behind = enrol(running, Role.MENTEE)
        names["training"].append(behind.person.last_name)
        enrol(running, Role.MENTEE, status=EnrollmentStatus.DECLINED)
        gone = enrol(running, Role.MENTEE)
        deactivate_people(people=[gone.person], by=None, reason=Departure.DIRECTORY)
        # The last published run saw ``behind`` (left unmatched): not a latecomer. A mentor
        # and a (trained) mentee accepted after it are.
        given.append(behind.person_id)
        late_mentor = enrol(running, Role.MENTOR)
        late_mentee = enrol(running, Role.MENTEE)
        TrainingCompletion.objects.create(module=module, enrollment=late_mentee)
        names["latecomers"] += [late_mentor.person.last_name, late_mentee.person.last_name]
        # Applications: one waiting, one decided; a closed programme's waiting one.
        for programme, status in (
            (recruiting, EnrollmentStatus.APPLIED),
            (recruiting, EnrollmentStatus.ACCEPTED),
            (closed, EnrollmentStatus.APPLIED),
        ):
            MentorApplication.objects.create(
                enrollment=enrol(programme, Role.MENTOR, status=status),
                motivation="Keen",
                submitted_at=timezone.now(),
            )
        # A closed programme: its stale pair is not counted, its open concern is.
        _concern(_stale(pair_row(closed)))
        ErasureRequest.objects.create(person=enrol(recruiting, Role.MENTEE).person)
        ErasureRequest.objects.create(
            person=enrol(recruiting, Role.MENTEE).person, status=ErasureStatus.DECLINED
        )
    # An older published run and a newer unpublished one: only the last published counts.
    MatchRun.objects.create(
        programme=running, number=1, status=RunStatus.DONE, published_at=timezone.now(),
        instance={"mentees": [], "mentors": []},
    )  # fmt: skip
    MatchRun.objects.create(
        programme=running, number=2, status=RunStatus.DONE,
        published_at=timezone.now() + dt.timedelta(minutes=1),
        instance={"mentees": [{"id": person_key(pid)} for pid in given], "mentors": []},
    )  # fmt: skip
    MatchRun.objects.create(
        programme=running, number=3, status=RunStatus.DONE, instance={"mentees": [], "mentors": []}
    )
    world.expected = {
        running.slug: {
            "concerns": scale,
            "at_risk": 2 * scale,
            "leavers": scale,
            "latecomers": 2 * scale,
            "training": scale,
        },
        recruiting.slug: {"applications": scale},
        closed.slug: {"concerns": scale},
    }
    world.names = names
    assert not Pair.objects.filter(status=PairStatus.PAUSED).exists()
    return world
