from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from rementor.circles import domain
from rementor.circles.models import Attendance, CircleMember, MeetingStatus
from rementor.circles.queries import circles_visible_to
from rementor.programmes.models import EnrollmentStatus, Role
from tests.factories import EnrollmentFactory, UserFactory
from tests.rementor.circles.factories import make_circle

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def members(programme):
    """Two mentors of ``programme`` with accounts: one reads French, the other English."""
    french = UserFactory(email="amelie@example.org", language="fr")
    english = UserFactory(email="bob@example.org", language="en")
    return [
        EnrollmentFactory(programme=programme, person=user.person, role=Role.MENTOR)
        for user in (french, english)
    ]


@pytest.fixture
def circle(programme, members):
    return make_circle(programme, members=members)


def _next_week(hour=10):
    day = timezone.localdate() + dt.timedelta(days=7)
    return dt.datetime.combine(day, dt.time(hour)).replace(tzinfo=PARIS)


def _plan(circle, manager, **fields):
    return domain.plan_meeting(
        circle=circle,
        by=manager,
        starts_at=fields.pop("starts_at", _next_week()),
        time_zone="Europe/Paris",
        duration_minutes=fields.pop("duration_minutes", 60),
        location=fields.pop("location", "Salle 3"),
        **fields,
    )


def test_create_circle_cleans_the_name_and_refuses_a_twin(programme, manager):
    circle = domain.create_circle(programme=programme, by=manager, name="  Mentors   d'avril ")
    assert circle.name == "Mentors d'avril"
    with pytest.raises(ValidationError) as error:
        domain.create_circle(programme=programme, by=manager, name="mentors D'AVRIL")
    assert "name" in error.value.message_dict


def test_create_circle_refuses_an_empty_name(programme, manager):
    with pytest.raises(ValidationError) as error:
        domain.create_circle(programme=programme, by=manager, name="   ")
    assert "name" in error.value.message_dict


def test_add_member_refuses_someone_of_another_programme(circle, manager):
    outsider = EnrollmentFactory(role=Role.MENTOR)
    with pytest.raises(ValidationError) as error:
        domain.add_member(circle=circle, by=manager, enrollment=outsider)
    assert "enrollment" in error.value.message_dict
    assert not CircleMember.objects.filter(enrollment=outsider).exists()


def test_add_member_refuses_someone_not_accepted(circle, programme, manager):
    invited = EnrollmentFactory(programme=programme, status=EnrollmentStatus.INVITED)
    with pytest.raises(ValidationError):
        domain.add_member(circle=circle, by=manager, enrollment=invited)


def test_add_member_twice_is_refused(circle, members, manager):
    with pytest.raises(ValidationError) as error:
        domain.add_member(circle=circle, by=manager, enrollment=members[0])
    assert "enrollment" in error.value.message_dict


def test_plan_meeting_invites_each_member_in_their_language(circle, manager):
    meeting = _plan(circle, manager, agenda="Bilan <script>alert(1)</script>")
    assert len(mail.outbox) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["amelie@example.org"].subject.startswith("Réunion de cercle")
    assert by_address["bob@example.org"].subject.startswith("Circle meeting")
    for message in mail.outbox:
        assert "script" not in message.body  # the agenda stays on the page
        name, body, mimetype = message.attachments[0]
        assert name == "meeting.ics"
        assert "method=REQUEST" in mimetype
        event = icalendar.Calendar.from_ical(body).walk("VEVENT")[0]
        assert str(event["uid"]) == f"circle-{meeting.uid}@rementor"
        assert event["sequence"] == 0
        assert event.decoded("dtstart") == _next_week()
        assert str(event["location"]) == "Salle 3"
        attendees = sorted(str(a) for a in event["attendee"])
        assert attendees == ["mailto:amelie@example.org", "mailto:bob@example.org"]
        assert "script" not in (body if isinstance(body, str) else body.decode())


def test_cancel_meeting_sends_cancelled_with_the_same_uid(circle, manager):
    meeting = _plan(circle, manager)
    mail.outbox.clear()
    domain.cancel_meeting(meeting=meeting, by=manager)
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.CANCELLED
    assert len(mail.outbox) == 2
    _name, body, mimetype = mail.outbox[0].attachments[0]
    assert "method=CANCEL" in mimetype
    calendar = icalendar.Calendar.from_ical(body)
    assert str(calendar["method"]) == "CANCEL"
    event = calendar.walk("VEVENT")[0]
    assert str(event["status"]) == "CANCELLED"
    assert event["sequence"] == 1
    assert str(event["uid"]) == f"circle-{meeting.uid}@rementor"


def test_a_member_who_withdrew_is_not_invited(circle, members, manager):
    members[1].status = EnrollmentStatus.WITHDRAWN
    members[1].save()
    _plan(circle, manager)
    assert [m.to for m in mail.outbox] == [["amelie@example.org"]]


@pytest.mark.parametrize(
    "starts_at",
    [
        dt.datetime(9999, 12, 31, 23, 0, tzinfo=PARIS),
        dt.datetime(1, 1, 1, 0, 30, tzinfo=PARIS),
        dt.datetime(2001, 1, 1, 10, tzinfo=PARIS),
    ],
)
def test_plan_meeting_refuses_absurd_dates(circle, manager, starts_at):
    with pytest.raises(ValidationError) as error:
        _plan(circle, manager, starts_at=starts_at)
    assert "starts_at" in error.value.message_dict
    assert not circle.meetings.exists()
    assert mail.outbox == []


def test_plan_meeting_refuses_a_script_link(circle, manager):
    with pytest.raises(ValidationError) as error:
        _plan(circle, manager, meeting_url="javascript:alert(1)")
    assert "meeting_url" in error.value.message_dict


def test_attendance_is_replaced_and_only_for_members(circle, members, manager):
    meeting = _plan(circle, manager)
    domain.record_attendance(meeting=meeting, by=manager, present=members)
    domain.record_attendance(meeting=meeting, by=manager, present=members[:1])
    assert list(Attendance.objects.values_list("enrollment_id", flat=True)) == [members[0].pk]
    outsider = EnrollmentFactory(role=Role.MENTOR)
    with pytest.raises(ValidationError):
        domain.record_attendance(meeting=meeting, by=manager, present=[outsider])


def test_circles_visible_to(circle, members, manager, sponsor, stranger):
    member_user = members[0].person.user
    assert list(circles_visible_to(member_user)) == [circle]
    assert list(circles_visible_to(manager)) == [circle]
    assert not circles_visible_to(sponsor).exists()
    assert not circles_visible_to(stranger).exists()
    members[0].status = EnrollmentStatus.WITHDRAWN
    members[0].save()
    assert not circles_visible_to(member_user).exists()


def test_delete_circle_cancels_meetings_to_come(circle, manager):
    _plan(circle, manager)
    mail.outbox.clear()
    domain.delete_circle(circle=circle, by=manager)
    assert len(mail.outbox) == 2
    assert "method=CANCEL" in mail.outbox[0].attachments[0][2]
    assert not CircleMember.objects.exists()
