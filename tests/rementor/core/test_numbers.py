"""One rounding rule for every figure: decimal half up, in the page's language."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from rementor.core.numbers import format_number, round_half_up, rounded_float


@pytest.mark.parametrize(
    ("value", "digits", "expected"),
    [
        (1.25, 1, "1.3"),  # round(1.25, 1) == 1.2
        (1.15, 1, "1.2"),  # 1.15 is 1.1499999... in binary; people read 1.15
        (2.675, 2, "2.68"),  # round(2.675, 2) == 2.67
        (0.5, 0, "1"),  # round(0.5) == 0
        (2.5, 0, "3"),  # round(2.5) == 2
        (-2.5, 0, "-3"),  # away from zero
        (1.24, 1, "1.2"),
        (3, 1, "3.0"),
        (Decimal("4.45"), 1, "4.5"),
    ],
)
def test_halves_go_up_on_the_decimal_value(value, digits, expected):
    assert str(round_half_up(value, digits)) == expected


def test_a_share_is_scaled_before_rounding():
    # 0.145 * 100 is 14.499999999999998 in floats: scaled as a decimal, it is 14.5 -> 15.
    assert round_half_up(0.145, 0, scale=100) == 15
    assert rounded_float(0.145, 1, scale=100) == 14.5
    assert rounded_float(None, 1) is None


def test_printed_in_the_active_language():
    with translation.override("fr"):
        assert format_number(1.25, 1) == "1,3"
    with translation.override("en"):
        assert format_number(1.25, 1) == "1.3"


@pytest.mark.parametrize(
    ("template", "value", "expected"),
    [
        ("{{ v|rounded:1 }}", 1.25, "1,3"),
        ("{{ v|rounded }}", 2.5, "3"),
        ("{{ v|percent }}", 0.125, "13"),
        ("{{ v|rounded:1 }}", None, ""),
        ("{{ v|rounded:1 }}", "not a number", ""),
    ],
)
def test_the_template_filters(template, value, expected):
    with translation.override("fr"):
        rendered = Template("{% load numbers %}" + template).render(Context({"v": value}))
    assert rendered == expected
