"""How the results pages print a figure: rounded half up, in the active language's format,
exactly as the verdict and the PDF report print it
(:func:`rementor.analytics.impact.stat.formatted`)."""

from __future__ import annotations

from django import template

from rementor.analytics.impact.stat import formatted
from rementor.analytics.impact.stat import percent as as_percent

register = template.Library()


@register.filter
def percent(value) -> str:
    """A share (0-1) as whole per cent: ``0.125|percent`` is "13 %"."""
    return "" if value is None else as_percent(value)


@register.filter
def figure(value, digits: int = 0) -> str:
    """A number rounded half up to ``digits`` decimals: ``2.25|figure:1`` is "2.3"."""
    return "" if value is None else formatted(value, int(digits))
