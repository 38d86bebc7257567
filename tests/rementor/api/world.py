"""One programme with one pair, a session with both members' private notes, a concern, and
the outsiders: a participant of another pair, a sponsor and a manager."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from rementor.mentoring.models import Concern, MentoringSession, PrivateNote, SessionStatus
from tests.factories import UserFactory
from tests.rementor.mentoring.factories import make_pair


@dataclass
class World:
    pair: object
    mentee: object
    mentor: object
    other_pair: object
    outsider: object
    manager: object
    sponsor: object
    session: MentoringSession
    concern: Concern


def build_world() -> World:
    pair, mentee, mentor = make_pair()
    other_pair, outsider, _other_mentor = make_pair()
    session = MentoringSession.objects.create(
        pair=pair,
        starts_at=timezone.now() - dt.timedelta(days=2),
        status=SessionStatus.HELD,
        agenda="Agenda of the pair",
        location="Room 4",
        shared_notes="Shared between the two",
        created_by=mentor,
    )
    PrivateNote.objects.create(session=session, author=mentee, text="Mentee's secret")
    PrivateNote.objects.create(session=session, author=mentor, text="Mentor's secret")
    concern = Concern.objects.create(pair=pair, author=mentee, text="Worried about pace")
    return World(
        pair=pair,
        mentee=mentee,
        mentor=mentor,
        other_pair=other_pair,
        outsider=outsider,
        manager=UserFactory(is_programme_manager=True),
        sponsor=UserFactory(is_sponsor=True),
        session=session,
        concern=concern,
    )
