"""The hard constraint a single pair breaks: a stable code for callers, an English reason."""

from __future__ import annotations

import pytest

from matchengine import load_instance, why_not
from matchengine.constraints import VIOLATIONS, Violation


def _problem(**extra) -> object:
    return load_instance(
        {
            "mentees": [
                {"id": "e1", "languages": ["fr"], "chain": ["m2"]},
                {"id": "e2", "languages": ["en"]},
            ],
            "mentors": [
                {"id": "m1", "languages": ["fr"]},
                {"id": "m2", "languages": ["fr"]},
            ],
            "forbidden": [["e1", "m1"]],
            **extra,
        }
    )


@pytest.mark.parametrize(
    ("mentee", "mentor", "code", "reason"),
    [
        ("e2", "m1", "no_common_language", "no common language"),
        ("e1", "m2", "reporting_line", "the mentor and the mentee are in the same reporting line"),
        ("e1", "m1", "forbidden", "the pair is forbidden"),
    ],
)
def test_why_not_gives_a_stable_code_and_an_english_reason(mentee, mentor, code, reason):
    assert why_not(_problem(), mentee, mentor) == Violation(code=code, reason=reason)


def test_why_not_none_for_an_allowed_pair():
    problem = load_instance(
        {
            "mentees": [{"id": "e1", "languages": ["fr"]}],
            "mentors": [{"id": "m1", "languages": ["fr"]}],
        }
    )
    assert why_not(problem, "e1", "m1") is None


def test_violation_codes_are_the_matching_reason_codes():
    # A caller translates both with one table of codes.
    from matchengine import REASONS

    assert set(VIOLATIONS) <= set(REASONS)
