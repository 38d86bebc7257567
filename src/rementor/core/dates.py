"""Dates and instants typed by people or sent by scripts: only within a range every database,
calendar and time-zone conversion can hold.

Python's dates stop at the years 1 and 9999: an instant near either end overflows as soon as
it is converted to another time zone or moved by a few minutes (SQLite and PostgreSQL
convert to UTC on every comparison and write). Inputs are checked against a plain range
first, so an absurd value is a clear "out of range" (400, or a message on the form) and
never an ``OverflowError`` (500) further down.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rementor.core.formats import date_text

FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2999, 12, 31)
EARLIEST = dt.datetime.combine(FIRST_DAY, dt.time.min, tzinfo=dt.UTC)
LATEST = dt.datetime.combine(LAST_DAY, dt.time.max, tzinfo=dt.UTC)

OUT_OF_RANGE = _("Give a date between the years %(first)s and %(last)s.")


def _out_of_range() -> ValidationError:
    return ValidationError(
        OUT_OF_RANGE,
        code="out_of_range",
        params={"first": FIRST_DAY.year, "last": LAST_DAY.year},
    )


def validate_day(value: dt.date) -> None:
    """A validator for date fields: the day lies within the supported range."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise _out_of_range()


DAY_OUTSIDE = _("%(field)s: give a date between %(first)s and %(last)s.")


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (28 February for a 29th with no leap year); clipped to
    the supported range."""
    year = min(day.year + years, LAST_DAY.year)
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February
        return day.replace(year=year, day=28)


def check_day(
    value: dt.date, *, field: str, first: dt.date | None = None, last: dt.date | None = None
) -> None:
    """The one check of a day someone typed: a ValidationError naming ``field`` (its label)
    unless ``value`` lies between ``first`` and ``last``, both included. Either bound, or
    none, may be given: the supported range (``FIRST_DAY`` to ``LAST_DAY``) always applies,
    so year 1 or 9999 never reaches date arithmetic or the database."""
    low = max(first or FIRST_DAY, FIRST_DAY)
    high = min(last or LAST_DAY, LAST_DAY)
    if not low <= value <= high:
        raise ValidationError(
            DAY_OUTSIDE,
            code="out_of_range",
            params={
                "field": field,
                "first": date_text(low),
                "last": date_text(high),
            },
        )


def utc_instant(value: dt.datetime) -> dt.datetime:
    """``value`` (aware) in UTC, or a ValidationError when it lies outside the supported
    range — including any offset that would push it past year 1 or 9999."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(_("The time needs a time zone."), code="naive")
    try:
        utc = value.astimezone(dt.UTC)
    except (OverflowError, ValueError):
        raise _out_of_range() from None
    if not EARLIEST <= utc <= LATEST:
        raise _out_of_range()
    return utc


def in_range(value: dt.datetime) -> bool:
    """Whether an aware instant lies within the supported range (for rendering old rows)."""
    try:
        utc_instant(value)
    except ValidationError:
        return False
    return True


def localtime_or_utc(value: dt.datetime) -> dt.datetime:
    """``value`` in the active time zone, or in UTC for an instant outside the supported range
    (a row saved before the checks), whose conversion could overflow."""
    return timezone.localtime(value) if in_range(value) else value.astimezone(dt.UTC)
