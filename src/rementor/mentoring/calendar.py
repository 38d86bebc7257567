"""Calendar invitations (.ics) for mentoring sessions: a pure function, session -> bytes.

The invitation carries when, where and who — never the agenda or any note: calendars are often
shared with assistants, and invitations get forwarded.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.core.dates import in_range
from rementor.mentoring.models import MentoringSession, SessionMode, SessionStatus

PRODID = "-//Rementor//Mentoring sessions//EN"


def _address(email: str, name: str, *, organizer: bool = False) -> icalendar.vCalAddress:
    address = icalendar.vCalAddress(f"mailto:{email}")
    address.params["cn"] = name
    if not organizer:
        address.params["role"] = "REQ-PARTICIPANT"
        address.params["partstat"] = "NEEDS-ACTION"
        address.params["rsvp"] = "TRUE"
    return address


def member_address(enrollment) -> tuple[str, str]:
    """(e-mail, name) of a pair member: their login address, else their work address."""
    person = enrollment.person
    user = getattr(person, "user", None)
    return ((user.email if user else person.email) or "", person.full_name)


def display_zone(session: MentoringSession) -> dt.tzinfo:
    """The zone to show the session in: its own, or UTC for a row whose start or zone no
    calendar can hold (saved before the date checks, e.g. in year 9999), so that rendering it
    never overflows."""
    if in_range(session.starts_at):
        try:
            return zoneinfo.ZoneInfo(session.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            pass
    return dt.UTC


def _ends(starts: dt.datetime, minutes: int) -> dt.datetime:
    try:
        return starts + dt.timedelta(minutes=minutes)
    except OverflowError:  # only for such old rows: a zero-length event rather than none
        return starts


def session_ics(session: MentoringSession, *, url: str = "") -> bytes:
    """The session as an iCalendar invitation: METHOD:REQUEST, or METHOD:CANCEL once the
    session is cancelled. Same UID for the session's whole life, SEQUENCE from the session
    (raised on every change sent), DTSTART/DTEND in the session's time zone with its
    VTIMEZONE. Summary and description are in the active language; ``url`` is the session
    page, added to the description when given."""
    pair = session.pair
    zone = display_zone(session)
    starts = session.starts_at.astimezone(zone)
    ends = _ends(starts, session.duration_minutes)
    cancelled = session.status == SessionStatus.CANCELLED

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    event = icalendar.Event()
    event.add("uid", f"{session.uid}@rementor")
    event.add("sequence", session.sequence)
    # Derived from the session, not from the clock, so the same session gives the same bytes.
    event.add("dtstamp", (session.updated_at or timezone.now()).astimezone(dt.UTC))
    event.add("dtstart", starts)
    event.add("dtend", ends)
    event.add(
        "summary",
        _("Mentoring session: %(mentee)s & %(mentor)s")
        % {"mentee": pair.mentee.person.full_name, "mentor": pair.mentor.person.full_name},
    )
    lines = [
        _("Reverse-mentoring session of the programme “%(programme)s”.")
        % {"programme": pair.programme.name}
    ]
    if url:
        lines.append(_("Details: %(url)s") % {"url": url})
    event.add("description", "\n".join(lines))
    if session.location:
        event.add("location", session.location)
    elif session.mode == SessionMode.REMOTE:
        event.add("location", str(SessionMode.REMOTE.label))
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")

    members = [pair.mentee, pair.mentor]
    organizer = next(
        (m for m in members if session.created_by_id and _user_id(m) == session.created_by_id),
        pair.mentor,
    )
    email, name = member_address(organizer)
    if email:
        event.add("organizer", _address(email, name, organizer=True))
    for member in members:
        email, name = member_address(member)
        if email:
            event.add("attendee", _address(email, name))

    calendar.add_component(event)
    if zone is not dt.UTC:
        # Only the rules around the session, not 70 years of daylight-saving history.
        calendar.add_missing_timezones(
            first_date=(starts - dt.timedelta(days=366)).date(),
            last_date=(starts + dt.timedelta(days=366)).date(),
        )
    return calendar.to_ical()


def _user_id(enrollment) -> int | None:
    user = getattr(enrollment.person, "user", None)
    return user.pk if user else None
