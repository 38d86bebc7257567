"""Every change to a circle is in the audit trail, by whom: created, renamed, deleted, members
added and removed, meetings planned and cancelled, the shared note saved (never its text),
attendance. A refused change records nothing."""

from __future__ import annotations

import datetime as dt
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from rementor.audit.events import Event
from rementor.circles import domain
from rementor.circles.models import CircleMember
from rementor.programmes.models import EnrollmentStatus, Role
from tests.factories import EnrollmentFactory, UserFactory, client_for
from tests.rementor.audit.helpers import events, everything_stored, the_event

pytestmark = pytest.mark.django_db

NOTE = "Bruno parle de son départ en mars"
AGENDA = "Ordre du jour confidentiel"


@pytest.fixture
def people(programme):
    return [
        EnrollmentFactory(
            programme=programme,
            person=UserFactory(email=f"m{n}@example.org").person,
            role=Role.MENTOR,
        )
        for n in range(2)
    ]


def _next_week():
    day = timezone.localdate() + dt.timedelta(days=7)
    return dt.datetime.combine(day, dt.time(10)).replace(tzinfo=ZoneInfo("Europe/Paris"))


def test_a_circle_s_life_is_recorded_with_its_actor(programme, manager, people):
    circle = domain.create_circle(programme=programme, by=manager, name="Mentors")
    circle_pk = str(circle.pk)
    domain.rename_circle(circle=circle, by=manager, name="Mentors d'avril")
    for enrollment in people:
        domain.add_member(circle=circle, by=manager, enrollment=enrollment)
    domain.remove_member(
        circle=circle, by=manager, member=CircleMember.objects.get(enrollment=people[1])
    )
    meeting = domain.plan_meeting(
        circle=circle,
        by=manager,
        starts_at=_next_week(),
        time_zone="Europe/Paris",
        duration_minutes=60,
        agenda=AGENDA,
    )
    domain.save_note(meeting=meeting, by=manager, text=NOTE)
    domain.record_attendance(meeting=meeting, by=manager, present=[people[0]])
    domain.cancel_meeting(meeting=meeting, by=manager)
    domain.delete_circle(circle=circle, by=manager)

    created = the_event(Event.CIRCLE_CREATED)
    assert created.actor == manager and created.object_pk == circle_pk
    assert created.additional_data["programme"] == programme.pk
    renamed = the_event(Event.CIRCLE_RENAMED)
    assert renamed.additional_data["previous_name"] == "Mentors"
    assert [e.additional_data["enrollment"] for e in events(Event.CIRCLE_MEMBER_ADDED)] == [
        p.pk for p in people
    ]
    assert the_event(Event.CIRCLE_MEMBER_REMOVED).additional_data["enrollment"] == people[1].pk
    planned = the_event(Event.CIRCLE_MEETING_PLANNED)
    assert planned.object_pk == str(meeting.pk) and planned.actor == manager
    assert the_event(Event.CIRCLE_NOTE_SAVED).actor == manager
    assert the_event(Event.CIRCLE_ATTENDANCE).additional_data["present"] == 1
    assert the_event(Event.CIRCLE_MEETING_CANCELLED).object_pk == str(meeting.pk)
    deleted = the_event(Event.CIRCLE_DELETED)
    assert deleted.object_pk == circle_pk and deleted.additional_data["members"] == 1
    # Neither the shared note nor the agenda is ever in the trail.
    stored = everything_stored()
    assert NOTE not in stored and AGENDA not in stored


def test_refused_circle_changes_record_nothing(programme, manager, people):
    circle = domain.create_circle(programme=programme, by=manager, name="Mentors")
    with pytest.raises(ValidationError):
        domain.create_circle(programme=programme, by=manager, name="mentors")
    with pytest.raises(ValidationError):
        domain.rename_circle(circle=circle, by=manager, name="   ")
    outsider = EnrollmentFactory(programme=programme, status=EnrollmentStatus.APPLIED)
    with pytest.raises(ValidationError):
        domain.add_member(circle=circle, by=manager, enrollment=outsider)
    with pytest.raises(ValidationError):
        domain.record_attendance(
            meeting=circle.meetings.create(starts_at=_next_week()), by=manager, present=[outsider]
        )
    assert len(events(Event.CIRCLE_CREATED)) == 1
    for code in (Event.CIRCLE_RENAMED, Event.CIRCLE_MEMBER_ADDED, Event.CIRCLE_ATTENDANCE):
        assert events(code) == []


def test_invitations_that_cannot_be_sent_leave_no_planned_meeting_in_the_trail(
    programme, manager, people
):
    circle = domain.create_circle(programme=programme, by=manager, name="Mentors")
    domain.add_member(circle=circle, by=manager, enrollment=people[0])
    with (
        mock.patch("rementor.circles.domain.get_connection") as connection,
        pytest.raises(ValidationError),
    ):
        connection.return_value.send_messages.side_effect = OSError("down")
        domain.plan_meeting(
            circle=circle,
            by=manager,
            starts_at=_next_week(),
            time_zone="Europe/Paris",
            duration_minutes=60,
        )
    assert events(Event.CIRCLE_MEETING_PLANNED) == []


def test_the_trail_page_names_circle_events_in_french(programme, manager):
    domain.create_circle(programme=programme, by=manager, name="Mentors")
    page = client_for(manager).get(
        reverse("audit:trail"), {"event": "circle_created"}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert "Cercle créé" in page.content.decode()
