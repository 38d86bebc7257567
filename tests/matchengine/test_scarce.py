"""Scarce places against brute force: fewer places than mentees, mentees nobody can take,
pins that use up a mentor's places and ties, on every solve path (all pairs, fast and
exact pricing, the scipy backend)."""

from __future__ import annotations

import numpy as np
from _reference import brute_force, check_result, pin_where_it_fits
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matchengine import load_instance, result_to_dict, solve
from matchengine.testing import scarce_instance

SKILLS = ["a", "b"]
# Forced on instances of a few people: candidates of one mentor per mentee, so the optimum
# comes from the pricing loop, with exact and with fast (float32) scans.
PATHS = ({}, {"top_k": 1}, {"top_k": 1, "fast_scan": True}, {"backend": "scipy"})


@st.composite
def scarce_instances(draw, max_mentees: int = 7, max_mentors: int = 3) -> dict:
    """Up to 7 mentees competing for fewer places; some mentees speak only German (no
    mentor does) or have every mentor in their chain; some are copies of another (ties)."""
    n = draw(st.integers(1, max_mentees))
    m = draw(st.integers(1, max_mentors))
    ids_e = [f"e{k}" for k in range(n)]
    ids_m = [f"m{k}" for k in range(m)]
    person = st.fixed_dictionaries(
        {
            "levels": st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 4)),
            "languages": st.sampled_from([["fr"], ["en"], ["fr", "en"]]),
            "slots": st.lists(st.integers(0, 3), max_size=3, unique=True),
            "preferences": st.dictionaries(
                st.sampled_from(["pace", "mode"]), st.sampled_from(["slow", "hybrid"])
            ),
            "department": st.sampled_from([None, "A", "B"]),
        }
    )
    mentees = []
    for k in range(n):
        if k and draw(st.integers(0, 3)) == 0:
            twin = dict(mentees[draw(st.integers(0, k - 1))])  # ties with an earlier one
        else:
            twin = {
                **draw(person),
                "targets": draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 4))),
                "priority": draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 3))),
            }
            rule = draw(st.integers(0, 5))
            if rule == 0:
                twin["languages"] = ["de"]  # nobody to talk to
            elif rule == 1:
                twin["chain"] = list(ids_m)  # every mentor is a manager of theirs
        mentees.append({**twin, "id": ids_e[k]})
    mentors = [
        {**draw(person), "id": ids_m[k], "capacity": draw(st.integers(0, 2))} for k in range(m)
    ]
    inst = {"skills": SKILLS, "mentees": mentees, "mentors": mentors, "forbidden": [], "pinned": []}
    inst["forbidden"] = draw(
        st.lists(st.tuples(st.sampled_from(ids_e), st.sampled_from(ids_m)).map(list), max_size=2)
    )
    # pins fill the first mentor they fit, often up to its capacity
    pin_where_it_fits(inst, lambda e: draw(st.booleans()))
    return inst


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scarce_instances())
def test_scarce_places_match_brute_force_on_every_path(inst):
    problem = load_instance(inst)
    expected = brute_force(inst)
    for kwargs in PATHS:
        result = solve(problem, **kwargs)
        assert (result.matched, check_result(inst, result)) == expected, kwargs
        assert result.optimal, kwargs


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scarce_instances())
def test_scarce_places_results_are_deterministic_with_ties(inst):
    for kwargs in PATHS:
        a = result_to_dict(solve(load_instance(inst), **kwargs))
        b = result_to_dict(solve(load_instance(inst), **kwargs))
        a.pop("elapsed_s"), b.pop("elapsed_s")
        assert a == b


def test_scarce_instance_has_the_documented_shape():
    inst = scarce_instance(2000, 1000, seed=3)
    assert inst == scarce_instance(2000, 1000, seed=3)
    caps = np.array([m["capacity"] for m in inst["mentors"]])
    assert set(caps.tolist()) == {1, 2, 3}
    assert 0.85 < caps.sum() / len(inst["mentees"]) < 0.95
    mentor_ids = {m["id"] for m in inst["mentors"]}
    chained = np.mean([bool(mentor_ids & set(e["chain"])) for e in inst["mentees"]])
    assert 0.17 < chained < 0.23
    slots = [len(p["slots"]) for p in inst["mentees"] + inst["mentors"]]
    assert min(slots) == 0 and max(slots) == 6
    profiles = {tuple(p["languages"]) for p in inst["mentees"]}
    assert profiles == {("fr",), ("en",), ("fr", "en"), ("de", "en")}
    small = scarce_instance(300, 150, seed=1)
    result = solve(load_instance(small))
    assert result.optimal
    assert result.unmatched
    assert result.matched == sum(m["capacity"] for m in small["mentors"])
