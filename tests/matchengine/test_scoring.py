"""Worked examples for every scoring term; the numbers are worked out by hand in comments."""

from __future__ import annotations

import pytest

from matchengine import explain, load_instance


def _pair(mentee: dict, mentor: dict, **extra) -> dict:
    inst = {
        "skills": ["linkedin", "slack", "excel"],
        "mentees": [{"id": "e1", "languages": ["fr"], **mentee}],
        "mentors": [{"id": "m1", "languages": ["fr"], **mentor}],
        **extra,
    }
    return explain(load_instance(inst), "e1", "m1").explanation


def test_skills_term_weighted_share_of_gap():
    # linkedin: c=1 t=3 p=3 -> g=2; q=2 -> u=min(2, 1)=1; p*u=3, p*g=6
    # slack: c=0 t=2 p=1 -> g=2; q=4 -> u=2; p*u=2, p*g=2
    # excel: c=2, no target -> t=c, g=0
    # F = (3+2)/(6+2) = 0.625; weighted 0.6*0.625 = 0.375
    e = {
        "levels": {"linkedin": 1, "excel": 2},
        "targets": {"linkedin": 3, "slack": 2},
        "priority": {"linkedin": 3, "slack": 1, "excel": 3},
    }
    m = {"levels": {"linkedin": 2, "slack": 4, "excel": 4}}
    assert _pair(e, m)["skills"] == 0.375


def test_skills_term_zero_without_weighted_gap():
    # the gap on slack has priority 0, so sum p*g = 0 and F = 0 by definition
    e = {"targets": {"slack": 3}}
    assert _pair(e, {"levels": {"slack": 4}})["skills"] == 0.0


def test_skills_term_mentor_below_mentee_teaches_nothing():
    # c=2, t=4, q=1: max(0, q-c)=0 -> u=0 -> F=0
    e = {"levels": {"excel": 2}, "targets": {"excel": 4}, "priority": {"excel": 2}}
    assert _pair(e, {"levels": {"excel": 1}})["skills"] == 0.0


@pytest.mark.parametrize(
    ("slots_e", "slots_m", "expected"),
    [
        ([1, 2, 3, 4], [2, 3, 4, 5], 0.2),  # overlap 3 -> min(1, 3/3)=1 -> 0.2*1
        ([1, 2], [2, 9], 0.066667),  # overlap 1 -> 1/3 -> 0.2/3 = 0.0666666.. -> 0.066667
        ([1], [2], 0.0),  # no overlap -> 0
        ([], [2], 0.1),  # mentee gave no slots -> 0.5 -> 0.2*0.5
        ([], [], 0.1),  # neither gave slots -> still 0.5
    ],
)
def test_availability_term_examples(slots_e, slots_m, expected):
    assert _pair({"slots": slots_e}, {"slots": slots_m})["availability"] == expected


@pytest.mark.parametrize(
    ("pref_e", "pref_m", "expected"),
    [
        ({"pace": "fast", "style": "theory"}, {"pace": "fast", "style": "hands_on"}, 0.05),
        # 1 of 2 shared keys agree -> 0.5 -> 0.1*0.5
        ({"mode": "hybrid"}, {"mode": "remote"}, 0.1),  # hybrid agrees with any mode -> 1
        ({"mode": "onsite"}, {"mode": "remote"}, 0.0),  # disagree -> 0
        ({"pace": "slow"}, {"style": "theory"}, 0.05),  # no shared key -> 0.5
        (
            {"pace": "slow", "style": "mixed", "mode": "remote"},
            {"pace": "slow", "style": "theory", "mode": "hybrid"},
            0.066667,
        ),  # 2 of 3 agree -> 0.1*2/3 = 0.0666.. -> 0.066667
    ],
)
def test_preferences_term_examples(pref_e, pref_m, expected):
    assert _pair({"preferences": pref_e}, {"preferences": pref_m})["preferences"] == expected


@pytest.mark.parametrize(
    ("dep_e", "dep_m", "expected"),
    [("Finance", "Marketing", 0.1), ("Finance", "Finance", 0.0), (None, "Finance", 0.0)],
)
def test_cross_department_term_examples(dep_e, dep_m, expected):
    assert _pair({"department": dep_e}, {"department": dep_m})["cross_department"] == expected


def test_score_is_sum_of_terms_and_weights_apply():
    # custom weights: skills 1, availability 0 (missing keys keep their defaults: 0.1, 0.1)
    # F = 1 (c=0 t=1 p=1 q=4 -> u=g=1); P: no key -> 0.5; C: 0
    # S = 1*1 + 0*0.5 + 0.1*0.5 + 0.1*0 = 1.05
    inst = {
        "skills": ["a"],
        "weights": {"skills": 1, "availability": 0},
        "mentees": [{"id": "e", "languages": ["en"], "targets": {"a": 1}, "priority": {"a": 1}}],
        "mentors": [{"id": "m", "languages": ["en"], "levels": {"a": 4}}],
    }
    pair = explain(load_instance(inst), "e", "m")
    assert pair.explanation == {
        "skills": 1.0,
        "availability": 0.0,
        "preferences": 0.05,
        "cross_department": 0.0,
    }
    assert pair.score == 1.05
    assert pair.covered_skills == ("a",)


def test_covered_skills_ordered_by_weight():
    # linkedin p*u = 1*1 = 1, slack p*u = 3*2 = 6 -> slack first; excel has no gap
    e = {"targets": {"linkedin": 1, "slack": 2}, "priority": {"linkedin": 1, "slack": 3}}
    m = {"levels": {"linkedin": 4, "slack": 4, "excel": 4}}
    inst = {
        "skills": ["linkedin", "slack", "excel"],
        "mentees": [{"id": "e1", "languages": ["fr"], **e}],
        "mentors": [{"id": "m1", "languages": ["fr"], **m}],
    }
    assert explain(load_instance(inst), "e1", "m1").covered_skills == ("slack", "linkedin")
