"""The .ics invitation of a circle meeting, built as the sessions' are
(``rementor.mentoring.calendar``): a stable UID, SEQUENCE from the meeting, METHOD:CANCEL and
STATUS:CANCELLED once cancelled, the time in the meeting's zone with its VTIMEZONE. It carries
when, where and who — never the agenda or the shared note (invitations get forwarded)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.circles.models import CircleMeeting, MeetingStatus
from rementor.core.dates import in_range
from rementor.mentoring.calendar import PRODID, add_zones, calendar_address, member_address


def meeting_zone(meeting: CircleMeeting) -> dt.tzinfo:
    if in_range(meeting.starts_at):
        try:
            return zoneinfo.ZoneInfo(meeting.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return dt.UTC


def meeting_ics(
    meeting: CircleMeeting, *, members: Iterable, organizer=None, url: str = ""
) -> bytes:
    """The invitation of ``meeting`` to ``members`` (enrolments), in the active language."""
    cancelled = meeting.status == MeetingStatus.CANCELLED
    zone = meeting_zone(meeting)
    starts = meeting.starts_at.astimezone(zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    event = icalendar.Event()
    event.add("uid", f"circle-{meeting.uid}@rementor")
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", (meeting.updated_at or timezone.now()).astimezone(dt.UTC))
    event.add("dtstart", starts)
    event.add("dtend", starts + dt.timedelta(minutes=meeting.duration_minutes))
    circle = meeting.circle
    event.add(
        "summary",
        _("Circle meeting: %(circle)s (%(programme)s)")
        % {"circle": circle.name, "programme": circle.programme.name},
    )
    lines = [_("Debrief of the circle “%(circle)s”.") % {"circle": circle.name}]
    if meeting.meeting_url:
        lines.append(_("Video call: %(link)s") % {"link": meeting.meeting_url})
    if url:
        lines.append(_("Details: %(url)s") % {"url": url})
    event.add("description", "\n".join(lines))
    if meeting.location:
        event.add("location", meeting.location)
    elif meeting.meeting_url:
        event.add("location", meeting.meeting_url)
    if meeting.meeting_url:
        event.add("url", meeting.meeting_url)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    if organizer is not None and organizer.email:
        name = organizer.person.full_name if organizer.person_id else organizer.email
        event.add("organizer", calendar_address(organizer.email, name, organizer=True))
    for member in members:
        email, name = member_address(member)
        if email:
            event.add("attendee", calendar_address(email, name))
    calendar.add_component(event)
    if zone is not dt.UTC:
        add_zones(calendar, [starts])
    return calendar.to_ical()
