"""Every write on circles: create, rename, members, delete; meetings planned and cancelled
(each e-mails the members an invitation, in their own language); the shared note; attendance.

Members come only from the programme's accepted participants. Invitations are built and sent
inside the write, last: if one cannot be sent, nothing is saved."""

from __future__ import annotations

import datetime as dt
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from rementor.audit.events import Event, acted_by, record
from rementor.circles.calendar import meeting_ics, meeting_zone
from rementor.circles.models import (
    NAME_MAX_LENGTH,
    Attendance,
    Circle,
    CircleMeeting,
    CircleMember,
    MeetingStatus,
)
from rementor.circles.queries import active_memberships
from rementor.core.dates import utc_instant
from rementor.core.formats import date_text
from rementor.mentoring.sessions import clean_meeting_url
from rementor.people.models import User
from rementor.people.queries import reachable_users
from rementor.programmes.models import Enrollment, EnrollmentStatus, Programme

# Meetings are planned ahead, at most two years (as sessions are); a day back is allowed
# for a meeting entered just after it started.
PLANNING_HORIZON = dt.timedelta(days=2 * 366)


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Give the circle a name.")})
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": _("Keep the name under %(max)s characters.") % {"max": NAME_MAX_LENGTH}}
        )
    return name


def _ensure_unique(programme: Programme, name: str, *, exclude: int | None = None) -> None:
    taken = Circle.objects.filter(programme=programme, name__iexact=name)
    if exclude is not None:
        taken = taken.exclude(pk=exclude)
    if taken.exists():
        raise ValidationError({"name": _("This programme already has a circle of that name.")})


@acted_by
@transaction.atomic
def create_circle(*, programme: Programme, by, name: str) -> Circle:
    """A new, empty circle of ``programme``."""
    name = _clean_name(name)
    _ensure_unique(programme, name)
    circle = Circle.objects.create(programme=programme, name=name, created_by=by)
    record(event=Event.CIRCLE_CREATED, actor=by, target=circle, details=_of(circle))
    return circle


def _of(circle: Circle) -> dict[str, int]:
    return {"circle": circle.pk, "programme": circle.programme_id}


@acted_by
@transaction.atomic
def rename_circle(*, circle: Circle, by, name: str) -> Circle:
    name = _clean_name(name)
    _ensure_unique(circle.programme, name, exclude=circle.pk)
    previous, circle.name = circle.name, name
    circle.save(update_fields=["name", "updated_at"])
    # A circle's name is a label its managers chose, not a participant's words.
    record(
        event=Event.CIRCLE_RENAMED,
        actor=by,
        target=circle,
        details={**_of(circle), "previous_name": previous},
    )
    return circle


@acted_by
@transaction.atomic
def delete_circle(*, circle: Circle, by) -> None:
    """The circle, its members, meetings, notes and attendance. Planned meetings still to
    come are cancelled in the members' calendars first."""
    upcoming = circle.meetings.filter(status=MeetingStatus.PLANNED, starts_at__gt=timezone.now())
    for meeting in upcoming:
        cancel_meeting(meeting=meeting, by=by)
    # Recorded first: the trail names the circle while it still exists.
    record(
        event=Event.CIRCLE_DELETED,
        actor=by,
        target=circle,
        details={**_of(circle), "members": circle.members.count()},
    )
    circle.delete()


@acted_by
@transaction.atomic
def add_member(*, circle: Circle, by, enrollment: Enrollment) -> CircleMember:
    """Add an accepted participant of the circle's programme; anyone else is refused."""
    if (
        enrollment.programme_id != circle.programme_id
        or enrollment.status != EnrollmentStatus.ACCEPTED
    ):
        raise ValidationError(
            {"enrollment": _("Only accepted participants of this programme can join a circle.")}
        )
    try:
        with transaction.atomic():
            member = CircleMember.objects.create(circle=circle, enrollment=enrollment)
    except IntegrityError:
        raise ValidationError({"enrollment": _("This person is already in the circle.")}) from None
    record(
        event=Event.CIRCLE_MEMBER_ADDED,
        actor=by,
        target=circle,
        details={**_of(circle), "enrollment": enrollment.pk},
    )
    return member


@acted_by
@transaction.atomic
def remove_member(*, circle: Circle, by, member: CircleMember) -> None:
    if member.circle_id != circle.pk:
        raise ValidationError(_("This person is not in the circle."))
    enrollment_id = member.enrollment_id
    member.delete()
    record(
        event=Event.CIRCLE_MEMBER_REMOVED,
        actor=by,
        target=circle,
        details={**_of(circle), "enrollment": enrollment_id},
    )


# --- meetings --------------------------------------------------------------------------------


def check_meeting_time(starts_at: dt.datetime, *, now: dt.datetime | None = None) -> None:
    """From a day ago to two years ahead; year 9999 and the like are refused by name."""
    try:
        utc = utc_instant(starts_at)
    except ValidationError as error:
        raise ValidationError({"starts_at": error.messages}) from None
    now = now or timezone.now()
    if not now - dt.timedelta(days=1) <= utc <= now + PLANNING_HORIZON:
        raise ValidationError(
            {"starts_at": _("Plan the meeting between today and two years from now.")}
        )


def _meeting_messages(meeting: CircleMeeting, kind: str, base_url: str) -> list[EmailMessage]:
    """The invitations (``kind``: request or cancel), one per reachable member, each in their
    own language and time formats, the .ics attached. Never the agenda or the note."""
    members = list(
        active_memberships()
        .filter(circle_id=meeting.circle_id)
        .select_related("enrollment__person__user")
    )
    enrollments = [m.enrollment for m in members]
    users = reachable_users(
        User.objects.filter(person_id__in=[e.person_id for e in enrollments])
    ).select_related("person")
    link = base_url + reverse("circles:meeting", args=[meeting.pk])
    zone = meeting_zone(meeting)
    starts_at = meeting.starts_at.astimezone(zone)
    method = "CANCEL" if kind == "cancel" else "REQUEST"
    template = f"circles/email/meeting_{kind}.txt"
    organizer = meeting.created_by
    messages = []
    for user in users:
        with (
            translation.override(user.language or settings.LANGUAGE_CODE),
            timezone.override(zone),
        ):
            subjects = {
                "request": _("Circle meeting: %(date)s, %(circle)s"),
                "cancel": _("Circle meeting cancelled: %(date)s, %(circle)s"),
            }
            subject = subjects[kind] % {
                "date": date_text(starts_at, "SHORT_DATETIME_FORMAT"),
                "circle": meeting.circle.name,
            }
            body = render_to_string(
                template,
                {"meeting": meeting, "starts_at": starts_at, "zone": str(zone), "link": link},
            )
            ics = meeting_ics(meeting, members=enrollments, organizer=organizer, url=link)
        message = EmailMessage(subject, body, None, [user.email])
        message.attach("meeting.ics", ics, f"text/calendar; charset=utf-8; method={method}")
        messages.append(message)
    return messages


def _send(meeting: CircleMeeting, kind: str, base_url: str) -> None:
    messages = _meeting_messages(meeting, kind, base_url)
    try:
        get_connection(fail_silently=False).send_messages(messages)
    except (OSError, smtplib.SMTPException) as error:
        raise ValidationError(
            _("The invitations could not be sent, so nothing was saved: try again in a moment."),
            code="not_sent",
        ) from error


@acted_by
@transaction.atomic
def plan_meeting(
    *,
    circle: Circle,
    by,
    starts_at: dt.datetime,
    time_zone: str,
    duration_minutes: int,
    location: str = "",
    meeting_url: str = "",
    agenda: str = "",
    base_url: str = "",
) -> CircleMeeting:
    """Plan a meeting of ``circle`` and invite its members (.ics, METHOD:REQUEST)."""
    check_meeting_time(starts_at)
    meeting = CircleMeeting(
        circle=circle,
        starts_at=starts_at,
        time_zone=time_zone,
        duration_minutes=duration_minutes,
        location=location.strip(),
        meeting_url=clean_meeting_url(meeting_url),
        agenda=agenda.strip(),
        created_by=by,
    )
    meeting.full_clean(exclude=["circle", "created_by", "note_updated_by"])
    meeting.save()
    record(event=Event.CIRCLE_MEETING_PLANNED, actor=by, target=meeting, details=_about(meeting))
    _send(meeting, "request", base_url)
    return meeting


def _about(meeting: CircleMeeting) -> dict[str, object]:
    """What the trail keeps of a meeting: its circle and time, never its agenda or note."""
    return {
        "circle": meeting.circle_id,
        "meeting": meeting.pk,
        "starts_at": meeting.starts_at.isoformat(),
    }


@acted_by
@transaction.atomic
def cancel_meeting(*, meeting: CircleMeeting, by, base_url: str = "") -> CircleMeeting:
    """Cancel a planned meeting; the members get a METHOD:CANCEL for the same UID."""
    meeting = CircleMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.PLANNED:
        raise ValidationError(_("This meeting is already cancelled."))
    meeting.status = MeetingStatus.CANCELLED
    meeting.sequence += 1
    meeting.save(update_fields=["status", "sequence", "updated_at"])
    record(event=Event.CIRCLE_MEETING_CANCELLED, actor=by, target=meeting, details=_about(meeting))
    _send(meeting, "cancel", base_url)
    return meeting


@acted_by
@transaction.atomic
def save_note(*, meeting: CircleMeeting, by, text: str) -> CircleMeeting:
    """The meeting's shared note, written by a member or a manager (who last wrote is kept)."""
    meeting.shared_note = (text or "").strip()
    meeting.note_updated_by = by
    meeting.note_updated_at = timezone.now()
    meeting.save(update_fields=["shared_note", "note_updated_by", "note_updated_at"])
    # That the note changed and who changed it: what it says stays on the meeting's page.
    record(event=Event.CIRCLE_NOTE_SAVED, actor=by, target=meeting, details=_about(meeting))
    return meeting


@acted_by
@transaction.atomic
def record_attendance(
    *, meeting: CircleMeeting, by, present: Iterable[Enrollment]
) -> list[Attendance]:
    """Who came: ``present`` replaces the list. Only the circle's active members can be
    marked present; anyone else is refused."""
    present = list(present)
    allowed = set(
        active_memberships()
        .filter(circle_id=meeting.circle_id)
        .values_list("enrollment_id", flat=True)
    )
    if any(e.pk not in allowed for e in present):
        raise ValidationError({"present": _("Only the circle's members can be marked present.")})
    meeting.attendance.exclude(enrollment__in=present).delete()
    kept = set(meeting.attendance.values_list("enrollment_id", flat=True))
    Attendance.objects.bulk_create(
        [
            Attendance(meeting=meeting, enrollment=e, recorded_by=by)
            for e in present
            if e.pk not in kept
        ]
    )
    record(
        event=Event.CIRCLE_ATTENDANCE,
        actor=by,
        target=meeting,
        details={**_about(meeting), "present": len(present)},
    )
    return list(meeting.attendance.all())
