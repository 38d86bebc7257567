"""CalDAV push against a real Radicale server: a session written, changed and removed in a
person's own calendar, without agenda or notes; wrong credentials and a server that is down
give a clear refusal."""

import datetime as dt

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone, translation

from rementor.audit.events import Departure
from rementor.core.sealed import unseal
from rementor.mentoring import booking, caldav_push, sessions
from rementor.mentoring.models import CalendarPush, MentoringSession, SessionStatus
from rementor.people.domain import deactivate_person
from tests.factories import client_for
from tests.rementor.mentoring import caldav_server
from tests.rementor.mentoring.factories import PARIS, make_pair, planned, session_with_notes

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    server, calendar = caldav_server.start(tmp_path_factory.mktemp("radicale"))
    yield calendar
    server.shutdown()


def _next_monday():
    today = timezone.localdate(timezone=PARIS)
    return today + dt.timedelta(days=7 - today.weekday())


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def _push(session, calendar, **account):
    values = {
        "calendar_url": calendar.calendar_url,
        "username": caldav_server.USER,
        "password": caldav_server.PASSWORD,
        **account,
    }
    caldav_push.push_session(
        session=session,
        person_id=session.pair.mentee.person_id,
        url="https://rm.example/s",
        **values,
    )


def test_a_session_is_written_changed_and_removed(radicale):
    session = session_with_notes()
    name = f"rementor-{session.uid}.ics"

    _push(session, radicale)
    (event,) = icalendar.Calendar.from_ical(radicale.events()[name]).events
    assert str(event["uid"]) == f"{session.uid}@rementor"
    assert event.start == session.starts_at
    assert session.pair.mentor.person.full_name in str(event["summary"])
    text = radicale.events()[name]
    assert "fear of LinkedIn" not in text and "first post" not in text
    assert "METHOD" not in text

    session.starts_at = session.starts_at.replace(hour=16)
    session.sequence += 1
    session.save()
    _push(session, radicale)
    (event,) = icalendar.Calendar.from_ical(radicale.events()[name]).events
    assert event.start.hour == 16 and event["sequence"] == 1

    session.status = SessionStatus.CANCELLED
    session.save()
    _push(session, radicale)
    assert name not in radicale.events()
    _push(session, radicale)  # removing it twice is fine


def test_check_calendar_accepts_the_right_account(radicale):
    caldav_push.check_calendar(
        calendar_url=radicale.calendar_url,
        username=caldav_server.USER,
        password=caldav_server.PASSWORD,
    )


def test_wrong_password_is_refused_without_writing(radicale):
    session = session_with_notes()
    with pytest.raises(caldav_push.PushFailed) as refused:
        _push(session, radicale, password="wrong")
    assert str(refused.value) == "The calendar refused the user name or password."
    with pytest.raises(caldav_push.PushFailed) as refused:
        caldav_push.check_calendar(
            calendar_url=radicale.calendar_url, username=caldav_server.USER, password="wrong"
        )
    assert "user name or password" in str(refused.value)
    assert f"rementor-{session.uid}.ics" not in radicale.events()


def test_a_server_that_is_down_is_a_clear_refusal():
    session = session_with_notes()
    with pytest.raises(caldav_push.PushFailed) as refused:
        caldav_push.check_calendar(
            calendar_url="http://127.0.0.1:9/cal/", username="ana", password="x"
        )
    assert "could not be reached" in str(refused.value)
    with pytest.raises(caldav_push.PushFailed):
        _push(session, caldav_server.CalDAVServer("http://127.0.0.1:9/", "http://127.0.0.1:9/c/"))


# --- a person's connected calendar ---------------------------------------------------------


@pytest.fixture
def loopback(settings):
    settings.RM_CALDAV_ALLOW_LOOPBACK = True


def _connect_page(user, radicale, password=caldav_server.PASSWORD, **data):
    values = {
        "calendar_url": radicale.calendar_url,
        "username": caldav_server.USER,
        "password": password,
        **data,
    }
    return client_for(user).post(reverse("calendar:caldav"), values, HTTP_ACCEPT_LANGUAGE="en")


def test_connecting_checks_the_calendar_and_seals_the_password(
    radicale, loopback, django_capture_on_commit_callbacks
):
    pair, mentee_user, mentor_user = make_pair()
    session = planned(pair, mentor_user, days=5)
    with django_capture_on_commit_callbacks(execute=True):
        response = _connect_page(mentee_user, radicale)
    assert response.status_code == 302
    push = CalendarPush.objects.get(user=mentee_user)
    assert caldav_server.PASSWORD not in push.password_sealed
    assert unseal(push.password_sealed) == caldav_server.PASSWORD
    # The session already planned is written at once.
    assert f"rementor-{session.uid}.ics" in radicale.events()
    page = client_for(mentee_user).get(reverse("calendar:caldav")).content.decode()
    assert caldav_server.PASSWORD not in page and push.password_sealed not in page


def test_a_wrong_password_or_an_http_address_connects_nothing(radicale, loopback, settings):
    _pair, mentee_user, _mentor_user = make_pair()
    response = _connect_page(mentee_user, radicale, password="wrong")
    assert response.status_code == 200
    assert "user name or password" in response.content.decode()
    settings.RM_CALDAV_ALLOW_LOOPBACK = False
    response = _connect_page(mentee_user, radicale)
    assert "starting with https://" in response.content.decode()
    assert not CalendarPush.objects.exists()


def test_planned_changed_and_cancelled_sessions_follow_in_the_calendar(
    radicale, loopback, django_capture_on_commit_callbacks
):
    pair, mentee_user, mentor_user = make_pair()
    caldav_push.connect_calendar(
        user=mentee_user,
        calendar_url=radicale.calendar_url,
        username=caldav_server.USER,
        password=caldav_server.PASSWORD,
    )
    with django_capture_on_commit_callbacks(execute=True):
        (session,) = booking.book_sessions(
            pair=pair, by=mentor_user, day=_next_monday(), slot=1, base_url="https://rm.example"
        )
    name = f"rementor-{session.uid}.ics"
    (event,) = icalendar.Calendar.from_ical(radicale.events()[name]).events
    assert event["sequence"] == 0 and event.start == session.starts_at
    with django_capture_on_commit_callbacks(execute=True):
        sessions.cancel_session(session=session, by=mentee_user)
    assert name not in radicale.events()
    assert CalendarPush.objects.get(user=mentee_user).last_pushed_at is not None


def test_a_calendar_that_is_down_never_undoes_the_session(
    loopback, django_capture_on_commit_callbacks
):
    pair, mentee_user, mentor_user = make_pair(language="en")
    CalendarPush.objects.create(
        user=mentee_user, calendar_url="http://127.0.0.1:9/c/", username="ana"
    )
    with django_capture_on_commit_callbacks(execute=True):
        (session,) = booking.book_sessions(pair=pair, by=mentor_user, day=_next_monday(), slot=1)
    assert MentoringSession.objects.filter(pk=session.pk).exists()
    assert "could not be reached" in CalendarPush.objects.get(user=mentee_user).last_error
    page = client_for(mentee_user).get(reverse("calendar:caldav"), HTTP_ACCEPT_LANGUAGE="en")
    assert 'data-testid="caldav-error"' in page.content.decode()


def test_stop_and_leaving_disconnect_the_calendar():
    _pair, mentee_user, mentor_user = make_pair()
    CalendarPush.objects.create(user=mentee_user, calendar_url="https://cal.example/c/")
    CalendarPush.objects.create(user=mentor_user, calendar_url="https://cal.example/d/")
    assert client_for(mentee_user).post(reverse("calendar:caldav_stop")).status_code == 302
    assert not CalendarPush.objects.filter(user=mentee_user).exists()
    deactivate_person(person=mentor_user.person, by=None, reason=Departure.DIRECTORY)
    assert not CalendarPush.objects.exists()


def test_no_job_is_queued_for_people_without_a_calendar(django_capture_on_commit_callbacks):
    pair, _mentee_user, mentor_user = make_pair()
    with django_capture_on_commit_callbacks() as callbacks:
        booking.book_sessions(pair=pair, by=mentor_user, day=_next_monday(), slot=1)
    # (the results cache forgets the figures of the tables written when they commit)
    assert [c for c in callbacks if not hasattr(c, "rm_table")] == []
