"""Builders of the API tests: clients holding a personal token, and the world they read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.utils import timezone
from rest_framework.test import APIClient

from rementor.api.tokens import create_token
from rementor.mentoring.models import Concern, MentoringSession, PrivateNote, SessionStatus
from tests.factories import UserFactory
from tests.rementor.mentoring.factories import make_pair

# The schema as committed, which the code must generate unchanged.
SCHEMA_FILE = Path(__file__).resolve().parents[3] / "docs" / "api" / "openapi.yaml"


def bearer_client(secret: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def token_client(user) -> APIClient:
    _token, secret = create_token(user=user, name="tests")
    return bearer_client(secret)


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
    """One programme with one pair, a session with both members' private notes, a concern,
    and the outsiders: a participant of another pair, a sponsor and a manager."""
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
