"""How a figure is rounded and printed: one rule for every page, chart and report.

Halves go away from zero on the decimal value a person reads (1.25 -> 1.3, 0.125 -> 0.13,
-2.5 -> -3). Not Python's ``round``, which sends halves to the even neighbour and works on the
binary value (``round(1.25, 1) == 1.2``, ``round(2.675, 2) == 2.67``), nor a mix of
``round`` in one place and ``floatformat`` in another: the dashboard said 1.3 where the PDF
report said 1.2 for the same average.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats


def _decimal(value: float | int | Decimal) -> Decimal:
    if isinstance(value, Decimal):
        return value
    # repr: the shortest decimal that reads back as this float (1.15, not 1.149999...).
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def round_half_up(value: float | int | Decimal, digits: int = 0, *, scale: int = 1) -> Decimal:
    """``value`` times ``scale`` (100 for a share shown as a percentage), rounded to
    ``digits`` decimals, halves away from zero (see the module)."""
    number = _decimal(value) * scale
    return number.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def rounded_float(value: float | int | Decimal | None, digits: int = 0, *, scale: int = 1):
    """:func:`round_half_up` as a float (for chart data), None kept."""
    if value is None:
        return None
    return float(round_half_up(value, digits, scale=scale))


def format_number(value: float | int | Decimal, digits: int = 0, *, scale: int = 1) -> str:
    """:func:`round_half_up`, printed in the active language's format ("1,3" in French)."""
    return formats.number_format(round_half_up(value, digits, scale=scale), digits)
