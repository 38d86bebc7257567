"""When a session may start: the one rule shared by the plan, change and record forms, the
API, the log and the demo (through the domain functions in ``sessions``).

- **Planned** (invitations are sent): from now on (a few minutes' grace for "right now"),
  not before the programme's start date, no later than 90 days after its end date (a closing
  session) and never more than two years ahead. A change (reschedule) follows the same rule.
- **Recorded** (a session that already took place, entered afterwards; no invitation): it
  started already, not before the programme's start date nor before the pair was formed.
- **Logged** as held or no-show (a planned session): it started already, not before the
  programme's start date.
- Every session lasts between 15 minutes and 8 hours, in a known time zone.

Days (programme start and end, pair formation) are read in the session's own time zone.
Errors name the field they are about: ``starts_at``, ``time_zone`` or ``duration_minutes``.
"""

from __future__ import annotations

import datetime as dt
import enum
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from rementor.core.dates import EARLIEST, LATEST, utc_instant
from rementor.core.formats import date_text
from rementor.people.models import validate_time_zone

GRACE = dt.timedelta(minutes=5)
MAX_AHEAD = dt.timedelta(days=730)
AFTER_PROGRAMME_END = dt.timedelta(days=90)
MIN_MINUTES, MAX_MINUTES = 15, 480


class Timing(enum.Enum):
    PLANNED = "planned"
    RECORDED = "recorded"
    LOGGED = "logged"


def _day(value: dt.date) -> str:
    return date_text(value)


def _starts_at_errors(
    *, pair, starts_at: dt.datetime, zone: ZoneInfo, timing: Timing, now: dt.datetime
) -> list[str]:
    try:
        utc = utc_instant(starts_at)
    except ValidationError:
        # Beyond what calendars hold (year 1, year 9999): far past one end of the window, so
        # the message names that end.
        utc = LATEST if starts_at.year > now.year else EARLIEST
    day = utc.astimezone(zone).date()
    programme = pair.programme
    if timing is Timing.PLANNED:
        if utc < now - GRACE:
            return [
                _(
                    "This time has already passed: plan a session from now on, or use "
                    "“Record a session that already took place”."
                )
            ]
        latest = timezone.localtime(now + MAX_AHEAD, zone).date()
        after_end = programme.end_date + AFTER_PROGRAMME_END
        # Name the limit that binds first, so that the date the message gives is one the
        # person can really choose.
        if day > latest and latest < after_end:
            return [
                _("A session is planned at most two years ahead: by %(date)s at the latest.")
                % {"date": _day(latest)}
            ]
        if day > after_end:
            return [
                _(
                    "The programme ends on %(end)s: plan the session by %(date)s at the "
                    "latest (90 days after its end)."
                )
                % {"end": _day(programme.end_date), "date": _day(after_end)}
            ]
    elif utc > now:
        if timing is Timing.LOGGED:
            return [_("This session has not started yet: log it once it took place.")]
        return [_("This time has not come yet: plan the session instead.")]
    if day < programme.start_date:
        return [
            _("The programme starts on %(date)s: a session cannot start before that day.")
            % {"date": _day(programme.start_date)}
        ]
    if timing is Timing.RECORDED:
        formed = timezone.localtime(pair.created_at, zone).date()
        if day < formed:
            return [
                _("The pair was formed on %(date)s: a session cannot start before that day.")
                % {"date": _day(formed)}
            ]
    return []


def check_session_time(
    *,
    pair,
    starts_at: dt.datetime,
    time_zone: str,
    duration_minutes: int,
    timing: Timing,
    now: dt.datetime | None = None,
) -> None:
    """Raise a ValidationError naming each wrong field when the session's start, time zone
    or duration breaks the rule for ``timing`` (see the module's docstring)."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    zone = dt.UTC
    try:
        validate_time_zone(time_zone)
    except ValidationError as error:
        errors["time_zone"] = error.messages
    else:
        zone = ZoneInfo(time_zone)
    if (
        isinstance(duration_minutes, bool)
        or not isinstance(duration_minutes, int)
        or not MIN_MINUTES <= duration_minutes <= MAX_MINUTES
    ):
        errors["duration_minutes"] = [_("A session lasts between 15 minutes and 8 hours.")]
    if timezone.is_naive(starts_at):
        errors["starts_at"] = [_("The start time needs a time zone.")]
    elif found := _starts_at_errors(
        pair=pair, starts_at=starts_at, zone=zone, timing=timing, now=now
    ):
        errors["starts_at"] = found
    if errors:
        raise ValidationError(errors)
