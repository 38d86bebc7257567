"""What every export dataset is made of: a :class:`Table`, and the helpers that turn the
values read from the database into cells (names, local times, bilingual names)."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import get_language


@dataclass(frozen=True)
class Table:
    """One dataset: ``name`` is its key in ``DATASETS``, ``title`` its localised name."""

    name: str
    title: str
    header: list[str]
    rows: list[list[object]]


MENTEE = "mentee__person__"
MENTOR = "mentor__person__"


def full_name(first: str, last: str) -> str:
    return f"{first} {last}".strip()


def local(moment: dt.datetime | None, zone: str | None = None) -> dt.datetime | None:
    """``moment`` as a naive local time (spreadsheets know no time zones), in ``zone`` or
    the site's time zone."""
    if moment is None:
        return None
    try:
        tz = zoneinfo.ZoneInfo(zone) if zone else timezone.get_current_timezone()
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        tz = timezone.get_current_timezone()
    return timezone.localtime(moment, tz).replace(tzinfo=None, second=0, microsecond=0)


def local_date(moment: dt.datetime | None) -> dt.date | None:
    """The local day of ``moment`` (None stays None)."""
    value = local(moment)
    return value.date() if value else None


def name_in_language(name_fr: str | None, name_en: str | None) -> str:
    """A bilingual name read from ``values_list`` (what ``core.i18n.localized`` does on
    objects)."""
    first, second = (
        (name_en, name_fr) if (get_language() or "fr")[:2] == "en" else (name_fr, name_en)
    )
    return first or second or ""
