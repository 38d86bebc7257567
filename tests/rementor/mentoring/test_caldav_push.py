"""CalDAV push against a real Radicale server: a session written, changed and removed in a
person's own calendar, without agenda or notes; wrong credentials and a server that is down
give a clear refusal."""

import icalendar
import pytest
from django.utils import translation

from rementor.mentoring import caldav_push
from rementor.mentoring.models import SessionStatus
from tests.rementor.mentoring import caldav_server
from tests.rementor.mentoring.factories import session_with_notes

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def radicale(tmp_path_factory):
    server, calendar = caldav_server.start(tmp_path_factory.mktemp("radicale"))
    yield calendar
    server.shutdown()


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
