"""Sessions' domain: planning with invitations, the window, logging, recording, notes."""

import datetime as dt
import smtplib

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse
from django.utils import translation

from rementor.matching.models import PairStatus
from rementor.mentoring import sessions
from rementor.mentoring.models import MentoringSession, PrivateNote, SessionStatus
from rementor.people.models import Person
from rementor.skills.models import Skill
from tests.rementor.mentoring.factories import (
    PARIS,
    formed_days_ago,
    local,
    make_pair,
    planned,
    sign_charter,
)

pytestmark = pytest.mark.django_db


def _plan(pair, by, **fields):
    values = {
        "starts_at": local(3),
        "time_zone": "Europe/Paris",
        "duration_minutes": 60,
        "location": "https://meet.example.org/x",
        "agenda": "Our first LinkedIn post",
        **fields,
    }
    return sessions.plan_session(pair=pair, by=by, base_url="https://rm.example", **values)


def _ics(message) -> icalendar.Calendar:
    (attachment,) = message.attachments
    return icalendar.Calendar.from_ical(attachment.content)


# --- planning ----------------------------------------------------------------------------------


def test_plan_session_invites_both_members_with_ics(django_capture_on_commit_callbacks):
    pair, mentee_user, mentor_user = make_pair()

    with django_capture_on_commit_callbacks(execute=True):
        session = _plan(pair, mentor_user)

    assert sorted(m.to[0] for m in mail.outbox) == sorted([mentee_user.email, mentor_user.email])
    for message in mail.outbox:
        calendar = _ics(message)
        assert calendar["method"] == "REQUEST"
        assert str(calendar.events[0]["uid"]) == f"{session.uid}@rementor"
        link = "https://rm.example" + reverse("mentoring:session", args=[session.pk])
        assert link in message.body
        assert "LinkedIn post" not in message.body


def test_session_invitations_skip_a_member_who_left():
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user)
    # The mentee's record says they left; their account is still open (defence in depth).
    Person.objects.filter(pk=mentee_user.person_id).update(is_active=False)
    messages = sessions.session_messages(session=session, kind="request")
    assert [m.to for m in messages] == [[mentor_user.email]]


def test_reschedule_session_sends_update_with_higher_sequence(django_capture_on_commit_callbacks):
    pair, _mentee_user, mentor_user = make_pair()
    session = _plan(pair, mentor_user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sessions.reschedule_session(
            session=session,
            by=mentor_user,
            starts_at=local(4, 17),
            time_zone="Europe/Paris",
            duration_minutes=30,
            mode="in_person",
            location="Room 4",
        )

    session.refresh_from_db()
    assert session.sequence == 1
    event = _ics(mail.outbox[0]).events[0]
    assert str(event["uid"]) == f"{session.uid}@rementor"
    assert event["sequence"] == 1
    assert event.start == local(4, 17)


def test_cancel_session_sends_cancel(django_capture_on_commit_callbacks):
    pair, mentee_user, _mentor_user = make_pair()
    session = _plan(pair, mentee_user)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sessions.cancel_session(session=session, by=mentee_user)

    assert len(mail.outbox) == 2
    calendar = _ics(mail.outbox[0])
    assert calendar["method"] == "CANCEL"
    assert calendar.events[0]["sequence"] == 1


def test_plan_session_refused_when_pair_ended():
    pair, mentee_user, _mentor_user = make_pair()
    pair.status = PairStatus.ENDED
    pair.save()

    with pytest.raises(ValidationError, match="arrêté avant terme"):
        _plan(pair, mentee_user)


def test_plan_session_refused_when_pair_paused():
    pair, mentee_user, _mentor_user = make_pair()
    pair.status = PairStatus.PAUSED
    pair.save()

    with pytest.raises(ValidationError, match="en pause"):
        _plan(pair, mentee_user)


def test_plan_session_refused_for_a_manager(manager):
    pair, _mentee_user, _mentor_user = make_pair()

    with pytest.raises(ValidationError):
        _plan(pair, manager)


class RefusingMailServer(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("connection lost")


def test_plan_session_in_year_9999_refused_and_nothing_saved(django_capture_on_commit_callbacks):
    pair, _mentee_user, mentor_user = make_pair()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ValidationError) as caught,
    ):
        _plan(pair, mentor_user, starts_at=dt.datetime(9999, 12, 31, 23, 30, tzinfo=PARIS))

    assert list(caught.value.message_dict) == ["starts_at"]
    assert not MentoringSession.objects.exists()
    assert mail.outbox == []


def test_plan_session_in_the_past_refused():
    pair, _mentee_user, mentor_user = make_pair()

    with pytest.raises(ValidationError, match="déjà passé"):
        _plan(pair, mentor_user, starts_at=local(-2))

    assert not MentoringSession.objects.exists()


def test_plan_session_when_invitations_cannot_be_sent_saves_nothing(
    settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingMailServer"
    pair, _mentee_user, mentor_user = make_pair()

    with (
        django_capture_on_commit_callbacks(execute=True),
        translation.override("en"),
        pytest.raises(ValidationError, match="could not be sent"),
    ):
        _plan(pair, mentor_user)

    assert not MentoringSession.objects.exists()


def test_reschedule_session_follows_the_window():
    pair, _mentee_user, mentor_user = make_pair()
    session = _plan(pair, mentor_user)

    for starts_at in (local(-1), dt.datetime(9999, 12, 31, 9, 0, tzinfo=PARIS)):
        with pytest.raises(ValidationError) as caught:
            sessions.reschedule_session(
                session=session,
                by=mentor_user,
                starts_at=starts_at,
                time_zone="Europe/Paris",
                duration_minutes=60,
                mode="remote",
            )
        assert "starts_at" in caught.value.message_dict

    session.refresh_from_db()
    assert (session.starts_at, session.sequence) == (local(3), 0)


# --- logging -----------------------------------------------------------------------------------


def test_log_session_refused_until_charter_signed():
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user, days=-1)

    with pytest.raises(ValidationError, match="charte"):
        sessions.log_session(session=session, by=mentee_user, status=SessionStatus.HELD)


def test_log_session_records_skills_shared_and_private_notes():
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    session = planned(pair, mentee_user, days=-1)
    skill = pair.programme.skills.get(code="linkedin")

    sessions.log_session(
        session=session,
        by=mentee_user,
        status=SessionStatus.HELD,
        skills=[skill],
        shared_notes="First post drafted",
        private_note="I felt shy",
    )

    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert list(session.skills.all()) == [skill]
    assert session.shared_notes == "First post drafted"
    assert session.logged_by == mentee_user
    assert PrivateNote.objects.get(session=session).author == mentee_user


def test_log_session_refuses_skills_outside_programme():
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    session = planned(pair, mentee_user, days=-1)
    other = Skill.objects.exclude(pk__in=pair.programme.skills.all()).first()

    with translation.override("en"), pytest.raises(ValidationError, match="not part of"):
        sessions.log_session(
            session=session, by=mentee_user, status=SessionStatus.HELD, skills=[other]
        )


def test_log_session_refuses_held_before_it_starts():
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    session = planned(pair, mentee_user, days=3)

    with pytest.raises(ValidationError, match="pas encore commencé"):
        sessions.log_session(session=session, by=mentee_user, status=SessionStatus.HELD)


def test_log_session_refused_when_pair_completed():
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    session = planned(pair, mentee_user, days=-1)
    pair.status = PairStatus.COMPLETED
    pair.save()

    with pytest.raises(ValidationError, match="terminé"):
        sessions.log_session(session=session, by=mentee_user, status=SessionStatus.HELD)


def test_log_planned_session_as_cancelled_sends_cancel(django_capture_on_commit_callbacks):
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    session = planned(pair, mentee_user, days=2)

    with django_capture_on_commit_callbacks(execute=True):
        sessions.log_session(session=session, by=mentee_user, status=SessionStatus.CANCELLED)

    assert _ics(mail.outbox[0])["method"] == "CANCEL"


def test_log_session_refuses_held_before_the_programme_started():
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    # A row from before the checks: planned on a day the programme had not started.
    session = MentoringSession.objects.create(
        pair=pair, starts_at=dt.datetime(2001, 1, 1, 9, 0, tzinfo=PARIS), created_by=mentee_user
    )

    with pytest.raises(ValidationError, match="commence le"):
        sessions.log_session(session=session, by=mentee_user, status=SessionStatus.HELD)

    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def _record(pair, by, **fields):
    values = {
        "starts_at": local(-3, 18),
        "time_zone": "Europe/Paris",
        "duration_minutes": 45,
        "location": "Café",
        "shared_notes": "We drafted a post",
        **fields,
    }
    return sessions.record_session(pair=pair, by=by, **values)


def test_record_session_is_held_at_once_and_invites_nobody(django_capture_on_commit_callbacks):
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    formed_days_ago(pair, 10)
    skill = pair.programme.skills.get(code="linkedin")

    with django_capture_on_commit_callbacks(execute=True):
        session = _record(pair, mentee_user, skills=[skill], private_note="Mine only")

    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert (session.logged_by, session.created_by) == (mentee_user, mentee_user)
    assert session.starts_at == local(-3, 18)
    assert list(session.skills.all()) == [skill]
    assert PrivateNote.objects.get(session=session).text == "Mine only"
    assert mail.outbox == []


def test_record_session_in_the_future_refused():
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)

    with pytest.raises(ValidationError, match="planifiez"):
        _record(pair, mentee_user, starts_at=local(2))

    assert not MentoringSession.objects.exists()


def test_record_session_before_the_pair_was_formed_refused():
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    formed_days_ago(pair, 1)

    with pytest.raises(ValidationError) as caught:
        _record(pair, mentee_user, starts_at=local(-5))

    assert list(caught.value.message_dict) == ["starts_at"]
    assert not MentoringSession.objects.exists()


def test_record_session_refused_until_charter_signed():
    pair, mentee_user, _mentor_user = make_pair()
    formed_days_ago(pair, 10)

    with pytest.raises(ValidationError, match="charte"):
        _record(pair, mentee_user)

    assert not MentoringSession.objects.exists()


def test_record_session_refused_for_a_manager(manager):
    pair, _mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    formed_days_ago(pair, 10)

    with pytest.raises(ValidationError):
        _record(pair, manager)


def test_private_note_emptied_is_deleted():
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user, days=-1)
    sessions.save_private_note(session=session, author=mentee_user, text="Mine")

    sessions.save_private_note(session=session, author=mentee_user, text="  ")

    assert not PrivateNote.objects.exists()
