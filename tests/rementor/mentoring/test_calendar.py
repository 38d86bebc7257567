import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from rementor.mentoring.calendar import session_ics
from rementor.mentoring.models import MentoringSession, SessionStatus
from tests.rementor.mentoring.factories import make_pair

pytestmark = pytest.mark.django_db


def _session(**fields):
    pair, _mentee_user, mentor_user = make_pair(
        mentee_email="mentee@example.org", mentor_email="mentor@example.org"
    )
    values = {
        "pair": pair,
        "starts_at": dt.datetime(2026, 12, 3, 14, 30, tzinfo=ZoneInfo("America/Montreal")),
        "time_zone": "America/Montreal",
        "duration_minutes": 45,
        "location": "https://meet.example.org/abc",
        "agenda": "Talk about my fear of LinkedIn",
        "shared_notes": "We worked on a first post",
        "created_by": mentor_user,
        **fields,
    }
    return MentoringSession.objects.create(**values)


def _parse(data: bytes) -> tuple[icalendar.Calendar, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    (event,) = calendar.events
    return calendar, event


def test_session_ics_request_has_uid_sequence_and_local_time():
    session = _session(sequence=2)

    calendar, event = _parse(session_ics(session, url="https://rementor.example/s/1/"))

    assert calendar["method"] == "REQUEST"
    assert str(event["uid"]) == f"{session.uid}@rementor"
    assert event["sequence"] == 2
    assert event["dtstart"].params["TZID"] == "America/Montreal"
    assert event.start == dt.datetime(2026, 12, 3, 14, 30, tzinfo=ZoneInfo("America/Montreal"))
    assert event.end - event.start == dt.timedelta(minutes=45)
    assert str(event["location"]) == "https://meet.example.org/abc"
    assert "https://rementor.example/s/1/" in str(event["description"])


def test_session_ics_has_vtimezone_for_the_session_zone():
    session = _session()

    calendar, _event = _parse(session_ics(session))

    assert [str(tz["tzid"]) for tz in calendar.timezones] == ["America/Montreal"]


def test_session_ics_names_organizer_and_both_attendees():
    session = _session()

    _calendar, event = _parse(session_ics(session))

    assert str(event["organizer"]) == "mailto:mentor@example.org"
    attendees = {str(a) for a in event["attendee"]}
    assert attendees == {"mailto:mentee@example.org", "mailto:mentor@example.org"}


def test_session_ics_cancelled_is_method_cancel_with_same_uid():
    session = _session(status=SessionStatus.CANCELLED, sequence=3)

    calendar, event = _parse(session_ics(session))

    assert calendar["method"] == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == f"{session.uid}@rementor"
    assert event["sequence"] == 3


def test_session_ics_never_carries_agenda_or_notes():
    session = _session()

    data = session_ics(session).decode()

    assert "LinkedIn" not in data
    assert "first post" not in data


def test_session_ics_is_stable_for_the_same_session():
    session = _session()

    assert session_ics(session) == session_ics(session)
