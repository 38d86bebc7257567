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
