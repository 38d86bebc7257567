"""The import's messages: plural forms picked from the limit they state, in both languages,
and parameters that look like numbers but are not (an employee ID) kept as typed."""

from __future__ import annotations

import pytest
from django.utils import translation

from rementor.people.importing.issues import render


@pytest.mark.parametrize(
    ("language", "seconds", "expected"),
    [
        ("en", "1", "took more than 1 second:"),
        ("en", "20", "took more than 20 seconds:"),
        ("en", "2.5", "took more than 2.5 seconds:"),
        ("fr", "1", "a pris plus de 1 seconde :"),
        ("fr", "20", "a pris plus de 20 secondes :"),
    ],
)
def test_too_slow_message_agrees_with_its_seconds(language, seconds, expected):
    with translation.override(language):
        text = render({"code": "xlsx_too_slow", "params": {"seconds": seconds}})
    assert expected in text


@pytest.mark.parametrize(("limit", "expected"), [(1, "au plus 1 ligne,"), (2, "au plus 2 lignes,")])
def test_rows_limit_agrees_with_its_number(limit, expected):
    with translation.override("fr"):
        text = render({"code": "xlsx_too_many_rows", "params": {"row": 9, "limit": limit}})
    assert expected in text


def test_an_employee_id_of_digits_keeps_its_leading_zeros():
    with translation.override("en"):
        text = render({"code": "leading_zeros", "params": {"value": "007", "existing": "7"}})
    assert "“007”" in text


def test_a_stored_limit_that_is_not_a_number_still_renders():
    with translation.override("en"):
        text = render({"code": "xlsx_too_slow", "params": {"seconds": "?"}})
    assert "more than ? seconds" in text
