"""Dates in the interface language: English day-month (never "Feb. 1, 2027"), French "1er"
for the first of a month, in Python code and through the ``date`` template filter alike."""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import translation

from rementor.core.formats import date_text

FIRST = dt.date(2027, 2, 1)
SECOND = dt.date(2027, 2, 2)
AT_NOON = dt.datetime(2027, 2, 1, 12, 30)


def _render(source: str, **context) -> str:
    return Template(source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "long", "short", "long_time"),
    [
        ("en", "1 February 2027", "01/02/2027", "1 February 2027, 12:30"),
        ("fr", "1er février 2027", "01/02/2027", "1er février 2027 à 12:30"),
    ],
)
def test_date_text_in_each_language(language, long, short, long_time):
    with translation.override(language):
        assert date_text(FIRST) == long
        assert date_text(FIRST, "SHORT_DATE_FORMAT") == short
        assert date_text(AT_NOON, "DATETIME_FORMAT") == long_time


def test_french_first_only_on_the_first_of_a_month():
    with translation.override("fr"):
        assert date_text(SECOND) == "2 février 2027"
        assert date_text(dt.date(2027, 3, 11)) == "11 mars 2027"
        assert date_text(FIRST, "j/m") == "1/02"  # no month name: no "er"


def test_date_filter_says_1er_in_french_and_day_month_in_english():
    source = '{{ day|date:"DATE_FORMAT" }}|{{ day|date }}|{{ other|date:"DATE_FORMAT" }}'
    with translation.override("fr"):
        assert _render(source, day=FIRST, other=SECOND) == (
            "1er février 2027|1er février 2027|2 février 2027"
        )
    with translation.override("en"):
        assert _render(source, day=FIRST, other=SECOND) == (
            "1 February 2027|1 February 2027|2 February 2027"
        )


def test_date_filter_keeps_django_behaviour_for_empty_values():
    with translation.override("fr"):
        assert _render('{{ missing|date:"DATE_FORMAT" }}') == ""
        assert _render('{{ text|date:"DATE_FORMAT" }}', text="not a date") == ""


def test_numbers_follow_the_interface_language():
    with translation.override("fr"):
        assert _render("{{ x|floatformat:1 }}", x=3.5) == "3,5"
    with translation.override("en"):
        assert _render("{{ x|floatformat:1 }}", x=3.5) == "3.5"


def test_no_template_hard_codes_a_date_format():
    """Templates name a format setting (DATE_FORMAT, SHORT_DATE_FORMAT...), never a pattern
    such as "d/m/Y" or "N j, Y" that would ignore the interface language."""
    root = Path(__file__).resolve().parents[3] / "src" / "rementor"
    offenders = []
    for path in root.rglob("templates/**/*"):
        if path.suffix not in {".html", ".txt"}:
            continue
        for match in re.finditer(r'\|date:(["\'])([^"\']*)\1', path.read_text()):
            # "l" alone is the weekday's name, which Django translates: it orders nothing.
            if not match.group(2).endswith("_FORMAT") and match.group(2) not in {"c", "l"}:
                offenders.append(f"{path.relative_to(root)}: {match.group(0)}")
    assert not offenders
