"""Dates in the interface language, one way everywhere.

``settings.FORMAT_MODULE_PATH`` points here: ``en/formats.py`` gives English pages day-month
dates ("1 February 2027", "01/02/2027"), never the American order; ``fr/formats.py`` pins the
French ones. On top of the formats, French writes the first day of a month "1er" ("1er février
2027"), which no format character can say: :func:`date_text` does, and the ``date`` template
filter goes through it (``core/templatetags/long_dates.py``, a template builtin), so every
page, e-mail and message shows a long date the same way.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import formats
from django.utils.translation import get_language

# A day of the month ("j") followed by a month's name, not escaped by a backslash.
_DAY_BEFORE_MONTH = re.compile(r"(?<!\\)j(?= [FNE])")


def first_of_month_format(value: object, format_name: str | None = None) -> str | None:
    """``format_name`` (a format setting such as "DATE_FORMAT", or a format string) with
    "1er" for the first day of a month on a French page; the format unchanged otherwise."""
    if not (get_language() or "").startswith("fr"):
        return format_name
    if not isinstance(value, dt.date) or value.day != 1:
        return format_name
    pattern = str(formats.get_format(format_name or "DATE_FORMAT"))
    return _DAY_BEFORE_MONTH.sub(r"j\\e\\r", pattern)


def date_text(value: dt.date, format_name: str = "DATE_FORMAT") -> str:
    """``value`` formatted for the active language: ``formats.date_format`` with French
    "1er". Use it wherever Python code puts a date in a sentence."""
    return formats.date_format(value, first_of_month_format(value, format_name))
