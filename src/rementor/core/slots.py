"""Weekly availability slots: five working days x four periods, numbered 0-19.

The number is what the matching engine compares (``day * 4 + period``); labels are for
people ("Tuesday, late morning").
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DAYS = [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday")]
PERIODS = [
    pgettext_lazy("time of day", "8–10 am"),
    pgettext_lazy("time of day", "10 am–12 pm"),
    pgettext_lazy("time of day", "2–4 pm"),
    pgettext_lazy("time of day", "4–6 pm"),
]
SLOT_COUNT = len(DAYS) * len(PERIODS)
# When each period starts and ends (hour, minute), as its label says: wall-clock times in the
# person's own time zone, so a weekly slot stays at 8 am through daylight-saving changes.
PERIOD_TIMES = [((8, 0), (10, 0)), ((10, 0), (12, 0)), ((14, 0), (16, 0)), ((16, 0), (18, 0))]


def slot_weekday(slot: int) -> int:
    """The slot's day, as ``date.weekday()`` counts (Monday 0)."""
    return slot // len(PERIODS)


def slot_times(slot: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """The slot's start and end as (hour, minute) wall-clock pairs."""
    return PERIOD_TIMES[slot % len(PERIODS)]


def slot_at(weekday: int, hour: int, minute: int) -> int | None:
    """The slot holding a wall-clock time on a weekday (Monday 0), or None outside them all."""
    if not 0 <= weekday < len(DAYS):
        return None
    for period, (start, end) in enumerate(PERIOD_TIMES):
        if start <= (hour, minute) < end:
            return weekday * len(PERIODS) + period
    return None


def slot_label(slot: int) -> str:
    day, period = divmod(slot, len(PERIODS))
    return f"{DAYS[day]} {PERIODS[period]}"


def slot_choices() -> list[tuple[int, str]]:
    return [(slot, slot_label(slot)) for slot in range(SLOT_COUNT)]


def validate_slots(value: object) -> None:
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or not all(
        isinstance(s, int) and 0 <= s < SLOT_COUNT for s in value
    ):
        raise ValidationError(_("Availability must be a list of weekly slot numbers."))
