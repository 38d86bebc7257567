"""The pair's life cycle: pause, resume, complete, end early."""

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from rementor.matching.models import PairStatus
from rementor.mentoring import lifecycle
from rementor.mentoring.models import SessionStatus
from tests.rementor.mentoring.factories import make_pair, planned

pytestmark = pytest.mark.django_db


def test_pause_pair_needs_a_reason():
    pair, mentee_user, _mentor_user = make_pair()

    with pytest.raises(ValidationError):
        lifecycle.pause_pair(pair=pair, by=mentee_user, reason="  ")

    pair.refresh_from_db()
    assert pair.status == PairStatus.ACTIVE


def test_pause_then_resume_pair():
    pair, mentee_user, _mentor_user = make_pair()

    lifecycle.pause_pair(pair=pair, by=mentee_user, reason="Budget season")
    pair.refresh_from_db()
    assert (pair.status, pair.status_reason) == (PairStatus.PAUSED, "Budget season")

    lifecycle.resume_pair(pair=pair, by=mentee_user)
    pair.refresh_from_db()
    assert (pair.status, pair.status_reason) == (PairStatus.ACTIVE, "")


def test_resume_refused_for_active_pair():
    pair, mentee_user, _mentor_user = make_pair()

    with pytest.raises(ValidationError):
        lifecycle.resume_pair(pair=pair, by=mentee_user)


def test_end_pair_records_reason_and_tells_both(django_capture_on_commit_callbacks, manager):
    pair, mentee_user, mentor_user = make_pair()

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.end_pair(pair=pair, by=manager, reason="Mentor left the company (private)")

    pair.refresh_from_db()
    assert pair.status == PairStatus.ENDED
    assert pair.status_reason == "Mentor left the company (private)"
    assert pair.ended_at is not None
    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee_user.email, mentor_user.email])
    assert all("private" not in m.body for m in mail.outbox)


def test_end_pair_needs_a_reason(manager):
    pair, _mentee_user, _mentor_user = make_pair()

    with pytest.raises(ValidationError):
        lifecycle.end_pair(pair=pair, by=manager, reason="")


def test_complete_pair_cancels_planned_sessions(django_capture_on_commit_callbacks):
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user, days=5)

    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.complete_pair(pair=pair, by=mentee_user)

    session.refresh_from_db()
    assert session.status == SessionStatus.CANCELLED
    assert session.sequence == 1
    cancels = [m for m in mail.outbox if m.attachments]
    assert len(cancels) == 2
    assert icalendar.Calendar.from_ical(cancels[0].attachments[0].content)["method"] == "CANCEL"


def test_closed_pair_cannot_change_again(manager):
    pair, _mentee_user, _mentor_user = make_pair()
    pair = lifecycle.complete_pair(pair=pair, by=manager)

    with pytest.raises(ValidationError):
        lifecycle.end_pair(pair=pair, by=manager, reason="Too late")
    assert lifecycle.allowed_moves(pair) == []
