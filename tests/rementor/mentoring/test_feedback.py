"""Feedback's domain: pulses after held sessions, mid-term and final check-ins."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from rementor.mentoring import feedback
from rementor.mentoring.models import CheckIn, CheckInKind, Pulse
from tests.rementor.mentoring.factories import (
    check_in_answers,
    held,
    in_last_month,
    make_pair,
    planned,
)

pytestmark = pytest.mark.django_db


# --- pulses ------------------------------------------------------------------------------------


def test_submit_pulse_on_held_session_once_per_member():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    feedback.submit_pulse(session=session, by=mentee_user, usefulness=4, comfort=5)
    feedback.submit_pulse(session=session, by=mentor_user, usefulness=3, comfort=4, comment="ok")

    assert {(p.author_id, p.usefulness) for p in Pulse.objects.all()} == {
        (pair.mentee_id, 4),
        (pair.mentor_id, 3),
    }
    with pytest.raises(ValidationError):
        feedback.submit_pulse(session=session, by=mentee_user, usefulness=1, comfort=1)


def test_submit_pulse_refused_before_session_is_held():
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user, days=-1)

    with translation.override("en"), pytest.raises(ValidationError, match="held"):
        feedback.submit_pulse(session=session, by=mentee_user, usefulness=4, comfort=4)


def test_submit_pulse_refused_for_manager(manager):
    pair, _mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    with pytest.raises(ValidationError):
        feedback.submit_pulse(session=session, by=manager, usefulness=4, comfort=4)


def test_submit_pulse_refuses_scores_out_of_range():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    with pytest.raises(ValidationError):
        feedback.submit_pulse(session=session, by=mentee_user, usefulness=6, comfort=4)
    assert not Pulse.objects.exists()


def test_submit_pulse_comment_is_private_unless_shared():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    feedback.submit_pulse(session=session, by=mentee_user, usefulness=4, comfort=4, comment="a")
    feedback.submit_pulse(
        session=session, by=mentor_user, usefulness=4, comfort=4, comment="", comment_shared=True
    )
    # Nothing to share without a sentence: the flag always describes a comment.
    assert dict(Pulse.objects.values_list("author", "comment_shared")) == {
        pair.mentee_id: False,
        pair.mentor_id: False,
    }


# --- check-ins ---------------------------------------------------------------------------------


def test_check_in_not_due_before_half_way():
    pair, mentee_user, _mentor_user = make_pair()
    today = timezone.localdate()
    pair.programme.start_date = today - dt.timedelta(days=10)
    pair.programme.end_date = today + dt.timedelta(days=170)
    pair.programme.save()

    assert not feedback.check_in_due(pair, CheckInKind.MIDTERM)
    with pytest.raises(ValidationError):
        feedback.submit_check_in(
            pair=pair, by=mentee_user, kind=CheckInKind.MIDTERM, **check_in_answers()
        )


def test_check_in_midterm_due_after_half_way_final_in_last_month():
    pair, _mentee_user, _mentor_user = make_pair()
    today = timezone.localdate()
    pair.programme.start_date = today - dt.timedelta(days=100)
    pair.programme.end_date = today + dt.timedelta(days=80)

    assert feedback.check_in_due(pair, CheckInKind.MIDTERM)
    assert not feedback.check_in_due(pair, CheckInKind.FINAL)
    assert feedback.check_in_due(pair, CheckInKind.FINAL, today=today + dt.timedelta(days=60))


def test_submit_midterm_check_in_once_per_member():
    pair, _mentee_user, mentor_user = make_pair()
    in_last_month(pair)

    feedback.submit_check_in(
        pair=pair, by=mentor_user, kind=CheckInKind.MIDTERM, **check_in_answers()
    )

    assert CheckIn.objects.get().author_id == pair.mentor_id
    with pytest.raises(ValidationError):
        feedback.submit_check_in(
            pair=pair, by=mentor_user, kind=CheckInKind.MIDTERM, **check_in_answers()
        )


def test_submit_final_check_in_mentee_needs_final_assessment():
    pair, mentee_user, _mentor_user = make_pair()
    in_last_month(pair)

    with pytest.raises(ValidationError):
        feedback.submit_check_in(
            pair=pair, by=mentee_user, kind=CheckInKind.FINAL, **check_in_answers()
        )
    assert not CheckIn.objects.exists()
