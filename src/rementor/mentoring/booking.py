"""Booking from availability: the free times of a pair, and booking one of them or a whole
series at the programme's cadence, all or nothing.

A **free time** is an occurrence of one of the mentor's weekly slots (``core.slots``, read as
wall-clock times in the mentor's own time zone, so daylight saving never moves it) that
also falls in one of the mentee's weekly slots (in the mentee's zone: the same slot number
when both live in the same zone), starts after now and on or before the programme's end
date, and overlaps no other Rementor session of either member (planned or held, in any of
their open pairs). A booked session is kept in the mentor's time zone.

Either member may book; the page says who the programme expects to (``leading``). Each
booked session's agenda is prefilled from the pair's session plan (``plan``).
``free_times`` is pure (tests feed it plain values); ``free_times_for`` reads the database;
``book_sessions`` writes, with the usual invitations (``sessions.invite_all``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from rementor.audit.events import acted_by
from rementor.core.dates import FIRST_DAY, LAST_DAY
from rementor.core.formats import date_text
from rementor.core.slots import SLOT_COUNT, slot_at, slot_times, slot_weekday
from rementor.matching.models import CLOSED, Pair, PairStatus
from rementor.mentoring.models import MentoringSession, SessionMode, SessionStatus
from rementor.mentoring.phases import current_phase
from rementor.mentoring.plan import agendas_for_booking
from rementor.mentoring.session_window import Timing, check_session_time
from rementor.mentoring.sessions import invite_all, locked_pair, set_video
from rementor.people.models import Person
from rementor.programmes.models import ProgrammeStatus

# How far ahead the booking page and the API list free times.
HORIZON_DAYS = 28
# The programme has no number of sessions per pair: a series defaults to this many.
SERIES_DEFAULT = 6
# At most one session a week for a year: a bigger series is a typing mistake.
SERIES_MAX = 52
# Sessions that can still take a member's time (a cancelled one frees it).
_BUSY = (SessionStatus.PLANNED, SessionStatus.HELD)
# The longest session (session_window.MAX_MINUTES): how far back a busy session may start
# and still overlap.
_LONGEST = dt.timedelta(hours=8)


@dataclass(frozen=True)
class Busy:
    """A member's other session: when, and whose time it takes (a person id)."""

    person_id: int
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True)
class FreeTime:
    day: dt.date  # in the mentor's zone
    slot: int
    starts_at: dt.datetime  # aware, in the mentor's zone
    ends_at: dt.datetime

    @property
    def key(self) -> str:
        """What a form posts and the API shows: ``2027-03-08:4`` (day, weekly slot)."""
        return f"{self.day.isoformat()}:{self.slot}"


def parse_key(key: str) -> tuple[dt.date, int] | None:
    """(day, slot) from a free time's ``key``, or None for anything else."""
    day_text, _sep, slot_text = (key or "").partition(":")
    try:
        day = dt.date.fromisoformat(day_text)
        slot = int(slot_text)
    except ValueError:
        return None
    if not 0 <= slot < SLOT_COUNT or not FIRST_DAY <= day <= LAST_DAY:
        return None
    return day, slot


def slot_start(*, day: dt.date, slot: int, zone: dt.tzinfo) -> dt.datetime:
    """The slot's wall-clock start on ``day`` in ``zone`` (never a UTC offset carried over
    from another week: the slot keeps its local time across daylight-saving changes)."""
    (hour, minute), _end = slot_times(slot)
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def in_slots(instant: dt.datetime, *, slots: Iterable[int], zone: dt.tzinfo) -> bool:
    """Whether ``instant`` falls in one of the weekly ``slots`` read in ``zone``."""
    local = instant.astimezone(zone)
    return slot_at(local.weekday(), local.hour, local.minute) in set(slots)


def clashes(starts_at: dt.datetime, ends_at: dt.datetime, busy: Iterable[Busy]) -> list[Busy]:
    """The busy times overlapping [starts_at, ends_at)."""
    return [b for b in busy if b.starts_at < ends_at and starts_at < b.ends_at]


def free_times(
    *,
    mentor_slots: Sequence[int],
    mentee_slots: Sequence[int],
    mentor_zone: dt.tzinfo,
    mentee_zone: dt.tzinfo,
    minutes: int,
    busy: Sequence[Busy],
    first_day: dt.date,
    last_day: dt.date,
    now: dt.datetime,
) -> list[FreeTime]:
    """Every free time from ``first_day`` to ``last_day`` (days in the mentor's zone),
    in order. Pure: see the module's docstring for what makes a time free."""
    length = dt.timedelta(minutes=minutes)
    found = []
    mentor_slots = sorted(set(mentor_slots))
    day = first_day
    while day <= last_day:
        for slot in mentor_slots:
            if slot_weekday(slot) != day.weekday():
                continue
            starts_at = slot_start(day=day, slot=slot, zone=mentor_zone)
            if (
                starts_at > now
                and in_slots(starts_at, slots=mentee_slots, zone=mentee_zone)
                and not clashes(starts_at, starts_at + length, busy)
            ):
                found.append(FreeTime(day, slot, starts_at, starts_at + length))
        day += dt.timedelta(days=1)
    return found


# --- the database --------------------------------------------------------------------------


def _zone(person: Person) -> ZoneInfo:
    return ZoneInfo(person.time_zone)


def busy_times(*, person_ids: Sequence[int], since: dt.datetime, until: dt.datetime) -> list[Busy]:
    """The sessions of these people (in any open pair of theirs) that may overlap
    [since, until), one row per person whose time they take."""
    rows = (
        MentoringSession.objects.filter(
            Q(pair__mentee__person_id__in=person_ids) | Q(pair__mentor__person_id__in=person_ids),
            status__in=_BUSY,
            starts_at__lt=until,
            starts_at__gt=since - _LONGEST,
        )
        .exclude(pair__status__in=CLOSED)
        .values_list(
            "starts_at", "duration_minutes", "pair__mentee__person_id", "pair__mentor__person_id"
        )
    )
    busy = []
    for starts_at, minutes, *members in rows:
        ends_at = starts_at + dt.timedelta(minutes=minutes)
        busy += [Busy(p, starts_at, ends_at) for p in set(members) if p in person_ids]
    return busy


def booking_refusal(pair: Pair) -> str | None:
    """Why ``pair`` cannot book now (a sentence), or None when it can."""
    if pair.status in CLOSED:
        return _("This pair has finished: no session can be booked any more.")
    if pair.status == PairStatus.PAUSED:
        return _("This pair is paused: resume it before booking a session.")
    if pair.programme.status != ProgrammeStatus.RUNNING:
        return _("The programme is not running: sessions cannot be booked.")
    return None


def free_times_for(
    *, pair: Pair, now: dt.datetime | None = None, days: int = HORIZON_DAYS
) -> list[FreeTime]:
    """The pair's free times over the next ``days`` days (none when it cannot book)."""
    if booking_refusal(pair) is not None:
        return []
    now = now or timezone.now()
    mentor, mentee = pair.mentor, pair.mentee
    zone = _zone(mentor.person)
    first_day = now.astimezone(zone).date()
    last_day = min(first_day + dt.timedelta(days=days), pair.programme.end_date)
    if last_day < first_day:
        return []
    people = [mentor.person_id, mentee.person_id]
    until = slot_start(day=last_day, slot=SLOT_COUNT - 1, zone=zone) + dt.timedelta(days=1)
    return free_times(
        mentor_slots=mentor.slots or [],
        mentee_slots=mentee.slots or [],
        mentor_zone=zone,
        mentee_zone=_zone(mentee.person),
        minutes=pair.programme.session_minutes,
        busy=busy_times(person_ids=people, since=now, until=until),
        first_day=first_day,
        last_day=last_day,
        now=now,
    )


def _check_count(count: object) -> int:
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= SERIES_MAX:
        raise ValidationError(
            {"count": _("Book between 1 and %(max)s sessions at once.") % {"max": SERIES_MAX}}
        )
    return count


def _series_days(*, pair: Pair, day: dt.date, count: int) -> list[dt.date]:
    """The days of a series starting on ``day``, every ``cadence_weeks`` weeks; refused
    (naming the first day too late) when one falls after the programme's end."""
    programme = pair.programme
    step = dt.timedelta(weeks=programme.cadence_weeks)
    days = []
    for index in range(count):
        current = day + index * step
        if current > programme.end_date:
            fit = index
            if fit == 0:
                message = _(
                    "The programme ends on %(end)s: choose a time on or before that day."
                ) % {"end": date_text(programme.end_date)}
            else:
                message = ngettext(
                    "Session %(number)s would fall on %(date)s, after the programme ends "
                    "(%(end)s): book at most %(fit)s session from this date.",
                    "Session %(number)s would fall on %(date)s, after the programme ends "
                    "(%(end)s): book at most %(fit)s sessions from this date.",
                    fit,
                ) % {
                    "number": index + 1,
                    "date": date_text(current),
                    "end": date_text(programme.end_date),
                    "fit": fit,
                }
            raise ValidationError({"count" if index else "free_time": message})
        days.append(current)
    return days


def _clash_message(*, when: dt.datetime, person_ids: set[int], pair: Pair, by) -> str:
    date = date_text(when, "DATETIME_FORMAT")
    if len(person_ids) > 1:
        return _("%(date)s: you both already have a Rementor session at that time.") % {
            "date": date
        }
    if by.person_id in person_ids:
        return _("%(date)s: you already have another Rementor session at that time.") % {
            "date": date
        }
    other = pair.mentor if pair.mentor.person_id in person_ids else pair.mentee
    return _("%(date)s: %(name)s already has another Rementor session at that time.") % {
        "date": date,
        "name": other.person.full_name,
    }


@acted_by
@transaction.atomic
def book_sessions(
    *,
    pair: Pair,
    by,
    day: dt.date,
    slot: int,
    count: int = 1,
    mode: str = SessionMode.REMOTE,
    location: str = "",
    base_url: str = "",
    now: dt.datetime | None = None,
) -> list[MentoringSession]:
    """Book the free time (``day``, ``slot``) and, when ``count`` > 1, the same weekday and
    time every ``cadence_weeks`` weeks after it: ``count`` sessions in all, each sent to both
    members as an invitation, its agenda the pair's next step of its plan. All or nothing: a
    time in the past, after the programme's end, outside either member's weekly slots or
    overlapping another session of either member refuses the whole series, naming each date
    that clashes (ValidationError on ``free_time`` or ``count``)."""
    pair = locked_pair(pair, by)
    if refusal := booking_refusal(pair):
        raise ValidationError(refusal)
    # Bookings touching the same person wait for each other: two pairs of one mentor cannot
    # both take the same hour.
    people = [pair.mentor.person_id, pair.mentee.person_id]
    list(Person.objects.select_for_update().filter(pk__in=people).order_by("pk"))
    count = _check_count(count)
    if mode not in SessionMode.values:
        raise ValidationError({"mode": _("Say whether you meet by video call or in person.")})
    not_offered = ValidationError(
        {"free_time": _("This time is not one of your free times: choose one in the list.")}
    )
    if (
        isinstance(slot, bool)
        or not isinstance(slot, int)
        or slot not in (pair.mentor.slots or [])
        or not isinstance(day, dt.date)
        or not FIRST_DAY <= day <= LAST_DAY
        or day.weekday() != slot_weekday(slot)
    ):
        raise not_offered
    now = now or timezone.now()
    days = _series_days(pair=pair, day=day, count=count)
    zone = _zone(pair.mentor.person)
    mentee_zone = _zone(pair.mentee.person)
    minutes = pair.programme.session_minutes
    length = dt.timedelta(minutes=minutes)
    starts = [slot_start(day=d, slot=slot, zone=zone) for d in days]
    if starts[0] <= now:
        raise ValidationError(
            {"free_time": _("This time has already passed: choose one in the list.")}
        )
    busy = busy_times(person_ids=people, since=starts[0], until=starts[-1] + length)
    problems = []
    for starts_at in starts:
        if not in_slots(starts_at, slots=pair.mentee.slots or [], zone=mentee_zone):
            problems.append(
                _("%(date)s: this time is not in both your weekly availabilities.")
                % {"date": date_text(starts_at, "DATETIME_FORMAT")}
            )
        if taken := {b.person_id for b in clashes(starts_at, starts_at + length, busy)}:
            problems.append(_clash_message(when=starts_at, person_ids=taken, pair=pair, by=by))
    if problems:
        raise ValidationError({"free_time": problems})
    agendas = agendas_for_booking(pair, len(starts))
    booked = []
    phase = current_phase(pair)
    for starts_at, agenda in zip(starts, agendas, strict=True):
        check_session_time(
            pair=pair,
            starts_at=starts_at,
            time_zone=str(zone),
            duration_minutes=minutes,
            timing=Timing.PLANNED,
            now=now,
        )
        session = MentoringSession(
            pair=pair,
            starts_at=starts_at,
            time_zone=str(zone),
            duration_minutes=minutes,
            mode=mode,
            location=location.strip(),
            phase=phase,
            agenda=agenda,
            created_by=by,
        )
        set_video(session, tool=pair.programme.video_tool, meeting_url="")
        session.save()
        booked.append(session)
    invite_all(sessions=booked, kind="request", base_url=base_url)
    return booked
