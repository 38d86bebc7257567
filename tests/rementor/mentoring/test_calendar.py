"""The calendar invitation (.ics) of a session: what it carries and what it never does."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from rementor.mentoring.calendar import session_ics
from rementor.mentoring.models import SessionStatus
from rementor.mentoring.sessions import send_session_emails
from tests.rementor.mentoring.factories import PARIS, parse_ics, session_with_notes

pytestmark = pytest.mark.django_db


def test_session_ics_request_has_uid_sequence_and_local_time():
    session = session_with_notes(sequence=2)

    calendar, event = parse_ics(session_ics(session, url="https://rementor.example/s/1/"))

    assert calendar["method"] == "REQUEST"
    assert str(event["uid"]) == f"{session.uid}@rementor"
    assert event["sequence"] == 2
    assert event["dtstart"].params["TZID"] == "America/Montreal"
    assert event.start == dt.datetime(2026, 12, 3, 14, 30, tzinfo=ZoneInfo("America/Montreal"))
    assert event.end - event.start == dt.timedelta(minutes=45)
    assert str(event["location"]) == "https://meet.example.org/abc"
    assert "https://rementor.example/s/1/" in str(event["description"])


def test_session_ics_has_vtimezone_for_the_session_zone():
    session = session_with_notes()

    calendar, _event = parse_ics(session_ics(session))

    assert [str(tz["tzid"]) for tz in calendar.timezones] == ["America/Montreal"]


def test_session_ics_names_organizer_and_both_attendees():
    session = session_with_notes()

    _calendar, event = parse_ics(session_ics(session))

    assert str(event["organizer"]) == "mailto:mentor@example.org"
    attendees = {str(a) for a in event["attendee"]}
    assert attendees == {"mailto:mentee@example.org", "mailto:mentor@example.org"}


def test_session_ics_cancelled_is_method_cancel_with_same_uid():
    session = session_with_notes(status=SessionStatus.CANCELLED, sequence=3)

    calendar, event = parse_ics(session_ics(session))

    assert calendar["method"] == "CANCEL"
    assert str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == f"{session.uid}@rementor"
    assert event["sequence"] == 3


def test_session_ics_never_carries_agenda_or_notes():
    session = session_with_notes()

    data = session_ics(session).decode()

    assert "LinkedIn" not in data
    assert "first post" not in data


def test_session_ics_is_stable_for_the_same_session():
    session = session_with_notes()

    assert session_ics(session) == session_ics(session)


@pytest.mark.parametrize(
    "starts_at",
    [
        dt.datetime(9999, 12, 31, 23, 30, tzinfo=PARIS),
        dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.UTC),
    ],
)
def test_session_ics_of_a_row_at_the_ends_of_the_calendar_still_renders(starts_at):
    session = session_with_notes(starts_at=starts_at, time_zone="Europe/Paris")
    session.refresh_from_db()

    calendar, event = parse_ics(session_ics(session))

    assert event.start == starts_at
    assert event.end >= event.start
    assert list(calendar.timezones) == []


def test_session_emails_of_a_year_9999_row_are_sent():
    session = session_with_notes(
        starts_at=dt.datetime(9999, 12, 31, 23, 30, tzinfo=PARIS), time_zone="Europe/Paris"
    )

    send_session_emails(session=session, kind="cancel")

    assert len(mail.outbox) == 2
    assert "31/12/9999 22:30" in mail.outbox[0].subject  # shown in UTC, the only safe zone
    parse_ics(mail.outbox[0].attachments[0].content)
