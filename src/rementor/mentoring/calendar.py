"""Calendar files (.ics) of mentoring sessions: pure functions, sessions -> bytes.

``session_ics`` is the invitation e-mailed to both members; ``feed_ics`` is a person's
calendar feed (every session of theirs, read by their calendar app). Both describe a session
with the same event (``_event``): same UID, same SEQUENCE, so a calendar that got the
invitation and reads the feed updates one event. They carry when, where (the place, the video
call link) and who — never the agenda, any note or any pulse: calendars are often shared with
assistants, and invitations get forwarded.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Callable, Iterable

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.core.dates import in_range
from rementor.mentoring.models import MentoringSession, SessionMode, SessionStatus

PRODID = "-//Rementor//Mentoring sessions//EN"


def calendar_address(email: str, name: str, *, organizer: bool = False) -> icalendar.vCalAddress:
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


def _event(session: MentoringSession, *, summary: str, url: str) -> icalendar.Event:
    """The event of ``session``: UID, SEQUENCE, DTSTAMP, start and end in the session's zone,
    the place and video call link, the status. ``url`` is the session page, in the
    description when given."""
    pair = session.pair
    zone = display_zone(session)
    starts = session.starts_at.astimezone(zone)
    cancelled = session.status == SessionStatus.CANCELLED
    event = icalendar.Event()
    event.add("uid", f"{session.uid}@rementor")
    event.add("sequence", session.sequence)
    # Derived from the session, not from the clock, so the same session gives the same bytes.
    event.add("dtstamp", (session.updated_at or timezone.now()).astimezone(dt.UTC))
    event.add("dtstart", starts)
    event.add("dtend", _ends(starts, session.duration_minutes))
    event.add("summary", summary)
    link = session.meeting_link
    lines = [
        _("Reverse-mentoring session of the programme “%(programme)s”.")
        % {"programme": pair.programme.name}
    ]
    if link:
        lines.append(_("Video call: %(link)s") % {"link": link})
    if url:
        lines.append(_("Details: %(url)s") % {"url": url})
    event.add("description", "\n".join(lines))
    if session.location:
        event.add("location", session.location)
    elif link:
        event.add("location", link)
    elif session.mode == SessionMode.REMOTE:
        event.add("location", str(SessionMode.REMOTE.label))
    if link:
        event.add("url", link)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def add_zones(calendar: icalendar.Calendar, starts: list[dt.datetime]) -> None:
    """The VTIMEZONE of every zone used, with only the rules around the sessions (a year
    either side), not 70 years of daylight-saving history."""
    if not starts:
        return
    calendar.add_missing_timezones(
        first_date=(min(starts) - dt.timedelta(days=366)).date(),
        last_date=(max(starts) + dt.timedelta(days=366)).date(),
    )


def session_ics(session: MentoringSession, *, url: str = "") -> bytes:
    """The session as an iCalendar invitation: METHOD:REQUEST, or METHOD:CANCEL once the
    session is cancelled. Same UID for the session's whole life, SEQUENCE from the session
    (raised on every change sent), DTSTART/DTEND in the session's time zone with its
    VTIMEZONE. Summary and description are in the active language; ``url`` is the session
    page, added to the description when given."""
    pair = session.pair
    cancelled = session.status == SessionStatus.CANCELLED

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "REQUEST")

    event = _event(
        session,
        summary=_("Mentoring session: %(mentee)s & %(mentor)s")
        % {"mentee": pair.mentee.person.full_name, "mentor": pair.mentor.person.full_name},
        url=url,
    )
    members = [pair.mentee, pair.mentor]
    organizer = next(
        (m for m in members if session.created_by_id and _user_id(m) == session.created_by_id),
        pair.mentor,
    )
    email, name = member_address(organizer)
    if email:
        event.add("organizer", calendar_address(email, name, organizer=True))
    for member in members:
        email, name = member_address(member)
        if email:
            event.add("attendee", calendar_address(email, name))

    calendar.add_component(event)
    zone = display_zone(session)
    if zone is not dt.UTC:
        add_zones(calendar, [session.starts_at.astimezone(zone)])
    return calendar.to_ical()


# How often a calendar app should read the feed again (it may read less often: Google does).
FEED_REFRESH = dt.timedelta(hours=1)


def feed_ics(
    sessions: Iterable[MentoringSession], *, person_id: int, url_of: Callable[[int], str]
) -> bytes:
    """The calendar feed of the person ``person_id``: one event a session, as in the
    invitation (same UID and SEQUENCE; STATUS:CANCELLED for a cancelled one), titled with the
    partner's name and the programme, in the active language. No attendees: it is the
    person's own calendar, not an invitation to answer. ``url_of(pk)`` is a session's page."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _("Mentoring sessions (Rementor)"))
    calendar.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", FEED_REFRESH)
    starts = []
    for session in sessions:
        pair = session.pair
        partner = pair.mentor if pair.mentee.person_id == person_id else pair.mentee
        summary = _("Mentoring with %(partner)s (%(programme)s)") % {
            "partner": partner.person.full_name,
            "programme": pair.programme.name,
        }
        calendar.add_component(_event(session, summary=summary, url=url_of(session.pk)))
        zone = display_zone(session)
        if zone is not dt.UTC:
            starts.append(session.starts_at.astimezone(zone))
    add_zones(calendar, starts)
    return calendar.to_ical()


def calendar_object_ics(session: MentoringSession, *, person_id: int, url: str = "") -> bytes:
    """The session as one event of the person ``person_id``'s own CalDAV calendar: as in
    their feed (same UID, SEQUENCE, title, no attendees, never an agenda or note), without
    the METHOD a calendar resource may not carry (RFC 4791)."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    pair = session.pair
    partner = pair.mentor if pair.mentee.person_id == person_id else pair.mentee
    summary = _("Mentoring with %(partner)s (%(programme)s)") % {
        "partner": partner.person.full_name,
        "programme": pair.programme.name,
    }
    calendar.add_component(_event(session, summary=summary, url=url))
    zone = display_zone(session)
    if zone is not dt.UTC:
        add_zones(calendar, [session.starts_at.astimezone(zone)])
    return calendar.to_ical()


def _user_id(enrollment) -> int | None:
    user = getattr(enrollment.person, "user", None)
    return user.pk if user else None
