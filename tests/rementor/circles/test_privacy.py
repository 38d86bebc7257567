"""Circles in "my data", erasure and retention."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from rementor.circles import domain
from rementor.circles.models import Attendance, Circle, CircleMeeting, CircleMember
from rementor.privacy.erasure import anonymise_person
from rementor.privacy.models import ErasureCause
from rementor.privacy.my_data import collect
from rementor.programmes.models import Role
from tests.factories import EnrollmentFactory, UserFactory
from tests.rementor.circles.factories import make_circle, make_meeting


def _member(programme, email="mentor@example.org"):
    user = UserFactory(email=email)
    enrollment = EnrollmentFactory(programme=programme, person=user.person, role=Role.MENTOR)
    return user, enrollment


def test_my_data_holds_memberships_and_notes(programme):
    user, enrollment = _member(programme)
    circle = make_circle(programme, name="Debrief", members=[enrollment])
    meeting = make_meeting(circle)
    domain.save_note(meeting=meeting, by=user, text="Ce que j'ai noté")
    data = collect(user)
    assert [row["circle"] for row in data.sections["circles"]] == ["Debrief"]
    assert [row["note"] for row in data.sections["circle_notes"]] == ["Ce que j'ai noté"]


def test_erasure_removes_from_circles_and_anonymises_note_edits(programme):
    user, enrollment = _member(programme)
    _other, other_enrollment = _member(programme, "other@example.org")
    circle = make_circle(programme, members=[enrollment, other_enrollment])
    meeting = make_meeting(circle)
    domain.save_note(meeting=meeting, by=user, text="Bilan")
    domain.record_attendance(meeting=meeting, by=user, present=[enrollment, other_enrollment])
    anonymise_person(person=user.person, by=None, cause=ErasureCause.REQUEST)
    meeting.refresh_from_db()
    assert meeting.note_updated_by is None
    assert not CircleMember.objects.filter(enrollment=enrollment).exists()
    assert CircleMember.objects.filter(enrollment=other_enrollment).exists()
    assert list(Attendance.objects.values_list("enrollment", flat=True)) == [other_enrollment.pk]
    assert Attendance.objects.get().recorded_by is None


def test_retention_deletes_circles_of_programmes_past_it(programme, settings):
    from rementor.privacy.retention import _purge_programme

    _user, enrollment = _member(programme)
    circle = make_circle(programme, members=[enrollment])
    make_meeting(circle, starts_at=timezone.now() - dt.timedelta(hours=1))
    counts = _purge_programme(programme)
    assert counts["circles"] == 1
    assert not Circle.objects.exists()
    assert not CircleMeeting.objects.exists()
