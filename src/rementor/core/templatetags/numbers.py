"""``{{ value|rounded:1 }}`` and ``{{ share|percent }}``: figures printed through the one
rounding rule of :mod:`rementor.core.numbers` (instead of ``floatformat`` or ``widthratio``)."""

from __future__ import annotations

from django import template

from rementor.core.numbers import format_number

register = template.Library()


def _number(value):
    if value is None or value == "":
        return None
    try:
        return value if isinstance(value, int | float) else float(value)
    except (TypeError, ValueError):
        return None


@register.filter
def rounded(value, digits: int = 0) -> str:
    """``value`` rounded half up to ``digits`` decimals, in the page's language; "" if it is
    not a number."""
    number = _number(value)
    return "" if number is None else format_number(number, int(digits))


@register.filter
def percent(value, digits: int = 0) -> str:
    """A share (0-1) as a percentage figure (without the sign), rounded half up."""
    number = _number(value)
    return "" if number is None else format_number(number, int(digits), scale=100)
