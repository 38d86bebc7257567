import datetime as dt
import smtplib
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from rementor.matching.models import Pair, PairStatus
from rementor.mentoring import sessions
from rementor.mentoring.models import MentoringSession, PairCharter, PrivateNote, SessionStatus
from rementor.people.models import Person
from rementor.skills.models import Skill
from tests.conftest import client_for
from tests.factories import UserFactory
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


def sign_charter(pair) -> PairCharter:
    now = timezone.now()
    return PairCharter.objects.create(
        pair=pair,
        confidentiality="What we say stays between us.",
        mentee_accepted_at=now,
        mentor_accepted_at=now,
    )


def planned(pair, by, *, days: int = 7, **fields) -> MentoringSession:
    """A session planned ``days`` from now (negative: in the past), without e-mails."""
    return MentoringSession.objects.create(
        pair=pair, starts_at=timezone.now() + dt.timedelta(days=days), created_by=by, **fields
    )


def held(pair, by, *, days: int = -2) -> MentoringSession:
    return planned(pair, by, days=days, status=SessionStatus.HELD, logged_at=timezone.now())


def local(days: int, hour: int = 9, minute: int = 0, zone=PARIS) -> dt.datetime:
    """``hour``:``minute`` in ``zone``, ``days`` from today (negative: in the past)."""
    day = timezone.localdate(timezone=zone) + dt.timedelta(days=days)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


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


def test_plan_view_in_year_9999_shows_the_error_next_to_the_date():
    pair, _mentee_user, mentor_user = make_pair()
    data = {
        "date": "9999-12-31",
        "time": "23:30",
        "time_zone": "Europe/Paris",
        "duration_minutes": "60",
        "mode": "remote",
        "location": "",
        "agenda": "Kept",
    }

    response = client_for(mentor_user).post(
        reverse("mentoring:plan_session", args=[pair.pk]), data, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "90 days after its end" in " ".join(form.errors["date"])
    assert form["agenda"].value() == "Kept"
    assert not MentoringSession.objects.exists()


def test_plan_view_year_1_east_of_greenwich_is_an_error_not_a_crash():
    pair, _mentee_user, mentor_user = make_pair()

    response = client_for(mentor_user).post(
        reverse("mentoring:plan_session", args=[pair.pk]),
        {
            "date": "0001-01-01",
            "time": "00:00",
            "time_zone": "Asia/Tokyo",
            "duration_minutes": "60",
            "mode": "remote",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "date" in response.context["form"].errors
    assert not MentoringSession.objects.exists()


def test_plan_view_defaults_to_mentee_time_zone_and_programme_length():
    pair, mentee_user, mentor_user = make_pair()
    mentee_user.person.time_zone = "America/Montreal"
    mentee_user.person.save()
    pair.programme.session_minutes = 45
    pair.programme.save()

    response = client_for(mentor_user).get(reverse("mentoring:plan_session", args=[pair.pk]))

    form = response.context["form"]
    assert form["time_zone"].value() == "America/Montreal"
    assert form["duration_minutes"].value() == 45


def test_plan_view_reads_time_in_chosen_zone(django_capture_on_commit_callbacks):
    pair, _mentee_user, mentor_user = make_pair()
    montreal = ZoneInfo("America/Montreal")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(mentor_user).post(
            reverse("mentoring:plan_session", args=[pair.pk]),
            {
                "date": local(3, zone=montreal).date().isoformat(),
                "time": "09:30",
                "time_zone": "America/Montreal",
                "duration_minutes": "60",
                "mode": "remote",
                "location": "",
                "agenda": "",
            },
        )

    session = MentoringSession.objects.get()
    assert response.url == reverse("mentoring:session", args=[session.pk])
    assert session.starts_at == local(3, 9, 30, zone=montreal)
    assert len(mail.outbox) == 2


def test_plan_view_keeps_input_and_names_missing_place():
    pair, _mentee_user, mentor_user = make_pair()

    response = client_for(mentor_user).post(
        reverse("mentoring:plan_session", args=[pair.pk]),
        {
            "date": local(3).date().isoformat(),
            "time": "09:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "60",
            "mode": "in_person",
            "location": "",
            "agenda": "Our plan",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "location" in response.context["form"].errors
    assert response.context["form"]["agenda"].value() == "Our plan"
    assert not MentoringSession.objects.exists()


def test_session_ics_download_for_members_parses():
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user)

    response = client_for(mentee_user).get(reverse("mentoring:session_ics", args=[session.pk]))

    assert response["Content-Type"] == "text/calendar"
    event = icalendar.Calendar.from_ical(response.content).events[0]
    assert str(event["uid"]) == f"{session.uid}@rementor"


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


def test_log_view_on_closed_pair_says_so():
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user, days=-1)
    pair.status = PairStatus.ENDED
    pair.save()

    response = client_for(mentee_user).get(
        reverse("mentoring:log_session", args=[session.pk]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert "ended early" in response.content.decode()


def test_log_view_without_charter_keeps_input():
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user, days=-1)

    response = client_for(mentee_user).post(
        reverse("mentoring:log_session", args=[session.pk]),
        {"status": "held", "shared_notes": "Notes typed", "private_note": "Mine"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert "charter" in " ".join(response.context["form"].non_field_errors())
    assert response.context["form"]["shared_notes"].value() == "Notes typed"


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


def test_home_page_with_a_year_9999_session_still_answers():
    pair, mentee_user, _mentor_user = make_pair()
    # Saved before the checks, in a zone west of Paris: 23:30 UTC, past Paris's last day.
    MentoringSession.objects.create(
        pair=pair,
        starts_at=dt.datetime(9999, 12, 31, 22, 30, tzinfo=ZoneInfo("Atlantic/Azores")),
        time_zone="Atlantic/Azores",
        created_by=mentee_user,
    )

    response = client_for(mentee_user).get(reverse("home"))

    assert response.status_code == 200
    assert "9999" in response.content.decode()


# --- recording a session that already took place -----------------------------------------------


def _formed_days_ago(pair, days: int) -> None:
    Pair.objects.filter(pk=pair.pk).update(created_at=timezone.now() - dt.timedelta(days=days))


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
    _formed_days_ago(pair, 10)
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
    _formed_days_ago(pair, 1)

    with pytest.raises(ValidationError) as caught:
        _record(pair, mentee_user, starts_at=local(-5))

    assert list(caught.value.message_dict) == ["starts_at"]
    assert not MentoringSession.objects.exists()


def test_record_session_refused_until_charter_signed():
    pair, mentee_user, _mentor_user = make_pair()
    _formed_days_ago(pair, 10)

    with pytest.raises(ValidationError, match="charte"):
        _record(pair, mentee_user)

    assert not MentoringSession.objects.exists()


def test_record_session_refused_for_a_manager(manager):
    pair, _mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    _formed_days_ago(pair, 10)

    with pytest.raises(ValidationError):
        _record(pair, manager)


def test_record_view_records_held_and_sends_nothing(django_capture_on_commit_callbacks):
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    _formed_days_ago(pair, 10)
    skill = pair.programme.skills.get(code="slack")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(mentee_user).post(
            reverse("mentoring:record_session", args=[pair.pk]),
            {
                "date": local(-2).date().isoformat(),
                "time": "12:30",
                "time_zone": "Europe/Paris",
                "duration_minutes": "30",
                "mode": "in_person",
                "location": "Canteen",
                "skills": [skill.pk],
                "shared_notes": "Slack channels tidied",
            },
        )

    session = MentoringSession.objects.get()
    assert response.url == reverse("mentoring:session", args=[session.pk])
    assert session.status == SessionStatus.HELD
    assert session.starts_at == local(-2, 12, 30)
    assert list(session.skills.all()) == [skill]
    assert mail.outbox == []


def test_record_view_future_date_keeps_input_and_names_the_date():
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)

    response = client_for(mentee_user).post(
        reverse("mentoring:record_session", args=[pair.pk]),
        {
            "date": local(5).date().isoformat(),
            "time": "12:30",
            "time_zone": "Europe/Paris",
            "duration_minutes": "30",
            "mode": "remote",
            "shared_notes": "Typed notes",
        },
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    form = response.context["form"]
    assert "plan the session instead" in " ".join(form.errors["date"])
    assert form["shared_notes"].value() == "Typed notes"
    assert not MentoringSession.objects.exists()


# --- private notes -----------------------------------------------------------------------------


def test_private_note_never_shown_to_the_other_member():
    pair, mentee_user, mentor_user = make_pair()
    sign_charter(pair)
    session = planned(pair, mentee_user, days=-1)
    sessions.log_session(
        session=session,
        by=mentee_user,
        status=SessionStatus.HELD,
        shared_notes="Shared text",
        private_note="Secret of the mentee",
    )
    note = PrivateNote.objects.get()
    mentor = client_for(mentor_user)

    page = mentor.get(reverse("mentoring:session", args=[session.pk])).content.decode()
    log = mentor.get(reverse("mentoring:log_session", args=[session.pk])).content.decode()
    pair_page = mentor.get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert "Shared text" in page
    for html in (page, log, pair_page):
        assert "Secret of the mentee" not in html
    assert mentor.get(reverse("mentoring:private_note", args=[note.pk])).status_code == 404


def test_private_note_author_reads_and_edits_it():
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user, days=-1)
    note = sessions.save_private_note(session=session, author=mentee_user, text="Mine")
    client = client_for(mentee_user)

    assert "Mine" in client.get(reverse("mentoring:session", args=[session.pk])).content.decode()
    client.post(reverse("mentoring:private_note", args=[note.pk]), {"text": "Changed"})

    note.refresh_from_db()
    assert note.text == "Changed"


def test_private_note_hidden_from_manager(manager):
    pair, mentee_user, _mentor_user = make_pair()
    sign_charter(pair)
    session = planned(pair, mentee_user, days=-1)
    sessions.log_session(
        session=session,
        by=mentee_user,
        status=SessionStatus.HELD,
        shared_notes="Shared text",
        private_note="Secret of the mentee",
    )
    client = client_for(manager)

    pair_page = client.get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert "Secret of the mentee" not in pair_page
    assert "Shared text" not in pair_page
    assert client.get(reverse("mentoring:session", args=[session.pk])).status_code == 403
    note = PrivateNote.objects.get()
    assert client.get(reverse("mentoring:private_note", args=[note.pk])).status_code == 404


def test_private_note_emptied_is_deleted():
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user, days=-1)
    sessions.save_private_note(session=session, author=mentee_user, text="Mine")

    sessions.save_private_note(session=session, author=mentee_user, text="  ")

    assert not PrivateNote.objects.exists()


# --- the pair page section ---------------------------------------------------------------------


def test_sessions_section_shows_next_session_and_plan_button():
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user, days=5)

    html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert 'data-testid="next-session"' in html
    assert reverse("mentoring:session_ics", args=[session.pk]) in html
    assert 'data-testid="plan-session"' in html


def test_sessions_section_offers_recording_a_past_session_to_members_only(manager):
    pair, mentee_user, _mentor_user = make_pair()
    url = reverse("mentoring:record_session", args=[pair.pk])

    member_html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk]))
    manager_html = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk]))

    assert 'data-testid="record-session"' in member_html.content.decode()
    assert url in member_html.content.decode()
    assert url not in manager_html.content.decode()


def test_sessions_section_lists_pulse_to_answer_for_the_viewer():
    pair, mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)

    html = client_for(mentee_user).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert f'data-testid="pulse-due-{session.pk}"' in html


def test_sessions_section_for_manager_shows_numbers_only(manager):
    pair, _mentee_user, mentor_user = make_pair()
    session = held(pair, mentor_user)
    session.agenda = "Agenda words"
    session.shared_notes = "Shared words"
    session.save()

    html = client_for(manager).get(reverse("mentoring:pair", args=[pair.pk])).content.decode()

    assert 'data-testid="sessions-held"' in html
    assert "Agenda words" not in html and "Shared words" not in html
    assert 'data-testid="plan-session"' not in html


def _section_queries(client, pair) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("mentoring:pair", args=[pair.pk]))
    return len(queries)


@pytest.mark.parametrize("viewer", ["member", "manager"])
def test_sessions_section_queries_do_not_grow_with_sessions(viewer, manager):
    pair, mentee_user, mentor_user = make_pair()
    client = client_for(mentee_user if viewer == "member" else manager)
    held(pair, mentor_user, days=-10)
    _section_queries(client, pair)  # warm-up: the first request loads the session etc.
    one = _section_queries(client, pair)
    held(pair, mentor_user, days=-5)
    planned(pair, mentor_user, days=4)
    three = _section_queries(client, pair)

    assert one == three


def test_session_page_is_for_members_only(stranger):
    pair, mentee_user, _mentor_user = make_pair()
    session = planned(pair, mentee_user)

    assert (
        client_for(stranger).get(reverse("mentoring:session", args=[session.pk])).status_code == 404
    )
    assert (
        client_for(UserFactory())
        .get(reverse("mentoring:session_ics", args=[session.pk]))
        .status_code
        == 404
    )
