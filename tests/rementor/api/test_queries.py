"""List endpoints guard against N+1 queries: the same count at 1 and at 3 items."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rementor.mentoring.models import (
    Concern,
    Idea,
    MentoringSession,
    Objective,
    PrivateNote,
    Pulse,
    SessionStatus,
)
from rementor.selection.models import MentorApplication
from rementor.skills.models import Skill
from tests.factories import UserFactory
from tests.rementor.api.factories import token_client
from tests.rementor.mentoring.factories import make_pair

LISTS = [
    "/api/v1/programmes/",
    "/api/v1/enrollments/",
    "/api/v1/assessments/",
    "/api/v1/mentor-applications/",
    "/api/v1/pairs/",
    "/api/v1/sessions/",
    "/api/v1/objectives/",
    "/api/v1/pulses/",
    "/api/v1/ideas/",
    "/api/v1/concerns/",
    "/api/v1/people/",
    "/api/v1/match-runs/",
]


def _add_pair_with_life():
    pair, mentee_user, mentor_user = make_pair()
    session = MentoringSession.objects.create(
        pair=pair,
        starts_at=timezone.now() - dt.timedelta(days=1),
        status=SessionStatus.HELD,
        created_by=mentor_user,
    )
    session.skills.set(Skill.objects.filter(code="linkedin"))
    PrivateNote.objects.create(session=session, author=mentee_user, text="mine")
    Pulse.objects.create(session=session, author=pair.mentee, usefulness=4, comfort=4)
    Objective.objects.create(pair=pair, owner="mentor", title="Explain", area="pedagogy")
    Idea.objects.create(pair=pair, author=mentee_user, title="Idea", description="More")
    Concern.objects.create(pair=pair, author=mentee_user, text="Worry")
    MentorApplication.objects.create(enrollment=pair.mentor, motivation="Share")
    from rementor.matching.domain import create_run_now

    create_run_now(programme=pair.programme, by=None)
    return pair


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(queries)


@pytest.mark.parametrize("url", LISTS)
def test_list_query_count_constant_at_1_and_3_items(db, url):
    manager = UserFactory(is_programme_manager=True)
    client = token_client(manager)
    _add_pair_with_life()
    client.get(url)  # warm caches (content types, sessions)
    one = _count(client, url)
    _add_pair_with_life()
    _add_pair_with_life()
    assert _count(client, url) == one


@pytest.mark.parametrize("url", ["/api/v1/sessions/", "/api/v1/concerns/", "/api/v1/pulses/"])
def test_list_query_count_constant_for_a_member(db, url):
    pair = _add_pair_with_life()
    mentee_user = pair.mentee.person.user
    client = token_client(mentee_user)
    client.get(url)
    one = _count(client, url)
    for _ in range(2):
        session = MentoringSession.objects.create(
            pair=pair, starts_at=timezone.now(), status=SessionStatus.HELD
        )
        Pulse.objects.create(session=session, author=pair.mentee, usefulness=3, comfort=3)
        Concern.objects.create(pair=pair, author=mentee_user, text="Again")
    assert _count(client, url) == one
