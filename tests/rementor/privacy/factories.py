"""Builders of the privacy tests: a pair with a bit of everything around a mentee with a
distinctive name (with traces of them elsewhere, for erasure); a programme closed long ago."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessLog
from django.utils import timezone

from rementor.audit.events import Event, record
from rementor.matching.models import Pair
from rementor.mentoring.models import (
    CheckIn,
    Concern,
    Idea,
    MentoringSession,
    Objective,
    PairCharter,
    PracticeTask,
    PrivateNote,
    Pulse,
)
from rementor.people.models import ImportBatch, User
from rementor.programmes.models import ProgrammeStatusChange
from rementor.selection.models import MentorApplication, MentorReview
from tests.rementor.mentoring.factories import make_pair

FIRST, LAST = "Zephyrine", "Quillardet"
EMAIL = "zephyrine.quillardet@example.org"
EMPLOYEE_ID = "ZQ-987654"


@dataclass
class World:
    pair: Pair
    mentee: User
    mentor: User
    session: MentoringSession


def build_world(*, programme=None, reviewer=None) -> World:
    """A pair with a bit of everything, around a mentee with a distinctive name."""
    pair, mentee_user, mentor_user = make_pair(programme=programme, mentee_email=EMAIL)
    person = mentee_user.person
    person.first_name, person.last_name, person.employee_id = FIRST, LAST, EMPLOYEE_ID
    person.job_title, person.site = "Directrice juridique Quillardet", "Lyon"
    person.save()
    mentee_enrollment, mentor_enrollment = pair.mentee, pair.mentor
    assessment = mentee_enrollment.assessments.get()
    assessment.wishes = "Zephyrine wants to master LinkedIn"
    assessment.save()

    session = MentoringSession.objects.create(
        pair=pair,
        starts_at=timezone.now() - dt.timedelta(days=3),
        status="held",
        duration_minutes=45,
        agenda="Agenda by Zephyrine",
        location="https://visio.example.org/zephyrine",
        meeting_url="https://visio.example.org/quillardet-call",
        shared_notes="Shared note written by Zephyrine Quillardet",
        logged_by=mentee_user,
        created_by=mentee_user,
    )
    PrivateNote.objects.create(session=session, author=mentee_user, text="MENTEE-PRIVATE secret")
    PrivateNote.objects.create(session=session, author=mentor_user, text="MENTOR-PRIVATE secret")
    Pulse.objects.create(
        session=session, author=mentee_enrollment, usefulness=5, comfort=4, comment="PULSE-MENTEE"
    )
    Pulse.objects.create(
        session=session, author=mentor_enrollment, usefulness=3, comfort=3, comment="PULSE-MENTOR"
    )
    CheckIn.objects.create(
        pair=pair,
        author=mentee_enrollment,
        kind="midterm",
        progress=4,
        relationship=5,
        pace=4,
        recommend=9,
        highlight="CHECKIN-HIGHLIGHT",
        improve="CHECKIN-IMPROVE",
    )
    PairCharter.objects.create(
        pair=pair,
        confidentiality="What is said stays here",
        mentee_commitments="MENTEE-COMMITMENT",
        mentor_commitments="MENTOR-COMMITMENT",
    )
    Objective.objects.create(
        pair=pair, owner="mentee", title="Zephyrine's LinkedIn profile", created_by=mentee_user
    )
    Objective.objects.create(
        pair=pair, owner="mentor", title="MENTOR-OBJECTIVE pedagogy", created_by=mentor_user
    )
    PracticeTask.objects.create(
        pair=pair, title="Post once", evidence_note="TASK-EVIDENCE", created_by=mentor_user
    )
    Idea.objects.create(pair=pair, author=mentee_user, title="IDEA-TITLE", description="IDEA-TEXT")
    Concern.objects.create(pair=pair, author=mentee_user, text="MENTEE-CONCERN")
    Concern.objects.create(pair=pair, author=mentor_user, text="MENTOR-CONCERN about Zephyrine")
    application = MentorApplication.objects.create(
        enrollment=mentor_enrollment, motivation="MENTOR-MOTIVATION"
    )
    MentorReview.objects.create(
        application=application,
        reviewer=reviewer,
        clarity=4,
        listening=4,
        adaptability=3,
        willingness=5,
        comment="REVIEW-COMMENT about the mentor",
    )
    return World(pair=pair, mentee=mentee_user, mentor=mentor_user, session=session)


def close_programme(programme, *, days_ago: int) -> None:
    """Close ``programme`` as if it had been closed ``days_ago`` days ago."""
    programme.status = "closed"
    programme.save(update_fields=["status"])
    change = ProgrammeStatusChange.objects.create(
        programme=programme, from_status="running", to_status="closed"
    )
    ProgrammeStatusChange.objects.filter(pk=change.pk).update(
        changed_at=timezone.now() - dt.timedelta(days=days_ago)
    )


def scrubbable_world(manager):
    """``build_world`` plus traces elsewhere: an audit event, an import batch, a login attempt."""
    world = build_world(reviewer=manager)
    record(event=Event.SENSITIVE_READ, actor=world.mentee, target=world.mentee.person)
    ImportBatch.objects.create(
        filename="hris.csv",
        sha256="0" * 64,
        status="applied",
        rows=[
            {
                "row": 2,
                "employee_id": EMPLOYEE_ID,
                "first_name": FIRST,
                "last_name": LAST,
                "email": EMAIL,
            },
            {
                "row": 3,
                "employee_id": "OTHER-1",
                "first_name": "Ann",
                "last_name": "Other",
                "email": "ann@example.org",
            },
        ],
        plan=[
            {"row": 2, "employee_id": EMPLOYEE_ID, "name": f"{FIRST} {LAST}", "action": "create"}
        ],
        table=[[2, [EMPLOYEE_ID, FIRST, LAST, EMAIL]]],
    )
    AccessLog.objects.create(
        username=EMAIL, ip_address="10.0.0.1", user_agent="x", http_accept="x", path_info="/"
    )
    return world
