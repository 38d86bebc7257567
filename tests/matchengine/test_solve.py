"""Solver properties: hard constraints, capacities, pins, exact optimality, determinism."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from _reference import brute_force, check_result, feasible, pin_where_it_fits, units
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy.optimize import linear_sum_assignment

from matchengine import load_instance, result_to_dict, solve
from matchengine.io import result_to_json
from matchengine.testing import random_instance, scarce_instance

DATA = Path(__file__).parent / "data"
SKILLS = ["a", "b", "c"]


@st.composite
def instances(draw, max_mentees: int = 4, max_mentors: int = 3) -> dict:
    n = draw(st.integers(0, max_mentees))
    m = draw(st.integers(0, max_mentors))
    level = st.integers(0, 4)
    langs = st.lists(st.sampled_from(["fr", "en"]), max_size=2, unique=True)
    slots = st.lists(st.integers(0, 5), max_size=4, unique=True)
    prefs = st.dictionaries(
        st.sampled_from(["pace", "style", "mode"]), st.sampled_from(["slow", "hybrid", "x"])
    )
    dep = st.sampled_from([None, "A", "B"])
    ids_e = [f"e{k}" for k in range(n)]
    ids_m = [f"m{k}" for k in range(m)]
    chain = st.lists(st.sampled_from([*ids_e, *ids_m, "boss"]), max_size=2)
    mentees = [
        {
            "id": ids_e[k],
            "levels": draw(st.dictionaries(st.sampled_from(SKILLS), level)),
            "targets": draw(st.dictionaries(st.sampled_from(SKILLS), level)),
            "priority": draw(st.dictionaries(st.sampled_from(SKILLS), st.integers(0, 3))),
            "languages": draw(langs),
            "slots": draw(slots),
            "preferences": draw(prefs),
            "department": draw(dep),
            "chain": draw(chain),
        }
        for k in range(n)
    ]
    mentors = [
        {
            "id": ids_m[k],
            "levels": draw(st.dictionaries(st.sampled_from(SKILLS), level)),
            "capacity": draw(st.integers(0, 2)),
            "languages": draw(langs),
            "slots": draw(slots),
            "preferences": draw(prefs),
            "department": draw(dep),
            "chain": draw(chain),
        }
        for k in range(m)
    ]
    inst = {"skills": SKILLS, "mentees": mentees, "mentors": mentors, "forbidden": [], "pinned": []}
    if n and m:
        inst["forbidden"] = draw(
            st.lists(
                st.tuples(st.sampled_from(ids_e), st.sampled_from(ids_m)).map(list), max_size=2
            )
        )
        # pins drawn among feasible pairs, respecting capacities and one pin per mentee
        pin_where_it_fits(inst, lambda e: draw(st.booleans()) and draw(st.booleans()))
    return inst


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_solve_matches_brute_force_optimum(inst):
    result = solve(load_instance(inst))
    total = check_result(inst, result)
    assert (result.matched, total) == brute_force(inst)
    assert result.optimal


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_mentees=6, max_mentors=4))
def test_solve_pricing_path_matches_all_pairs_path(inst):
    problem = load_instance(inst)
    full = solve(problem)
    for kwargs in ({"top_k": 1}, {"top_k": 1, "fast_scan": True}, {"backend": "scipy"}):
        other = solve(problem, **kwargs)
        assert (other.matched, other.total_score) == (full.matched, full.total_score)
        assert other.optimal
        check_result(inst, other)


@settings(max_examples=30, deadline=None)
@given(instances())
def test_solve_deterministic(inst):
    a = result_to_dict(solve(load_instance(inst)))
    b = result_to_dict(solve(load_instance(json.loads(json.dumps(inst)))))
    a.pop("elapsed_s"), b.pop("elapsed_s")
    assert a == b


def dense_optimum(inst: dict) -> tuple[int, int]:
    """Independent dense formulation: linear_sum_assignment on the capacity-expanded
    matrix, big-M penalty for infeasible pairs and a bonus constant for matching."""
    mentees, mentors = inst["mentees"], inst["mentors"]
    cols = [k for k, m in enumerate(mentors) for _ in range(m.get("capacity", 1))]
    n = len(mentees)
    bonus = 10**6 * (n + 1)
    forbidden_m = -(10**15)
    weights = np.zeros((n, len(cols) + n))
    score = np.zeros((n, len(mentors)), np.int64)
    ok = np.zeros((n, len(mentors)), bool)
    for i, e in enumerate(mentees):
        for k, m in enumerate(mentors):
            ok[i, k] = feasible(inst, e, m)
            score[i, k] = units(inst, e, m)
    weights[:, : len(cols)] = np.where(ok[:, cols], bonus + score[:, cols], forbidden_m)
    weights[:, len(cols) :] = np.where(np.eye(n, dtype=bool), 0, forbidden_m)
    ids_m = [m["id"] for m in mentors]
    for e, m in inst.get("pinned", []):
        i = next(k for k, x in enumerate(mentees) if x["id"] == e)
        keep = np.array(cols) == ids_m.index(m)
        weights[i, : len(cols)] = np.where(keep, weights[i, : len(cols)], forbidden_m)
        weights[i, len(cols) :] = forbidden_m
    rows, chosen = linear_sum_assignment(weights, maximize=True)
    real = chosen < len(cols)
    return int(real.sum()), int(score[rows[real], np.array(cols)[chosen[real]]].sum())


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_solve_equals_dense_assignment_on_random_instances(seed):
    inst = random_instance(240, 100, seed=seed, capacity=2)
    result = solve(load_instance(inst))
    total = check_result(inst, result)
    assert (result.matched, total) == dense_optimum(inst)
    assert result.optimal


@pytest.mark.parametrize(
    "kwargs", [{"top_k": 4, "fast_scan": True}, {"top_k": 2, "fast_scan": False}]
)
def test_solve_sparse_pricing_path_equals_dense(kwargs):
    inst = random_instance(300, 120, seed=7, capacity=2, pinned=5)
    problem = load_instance(inst)
    result = solve(problem, **kwargs)
    assert result.optimal
    assert "dual-pricing" in result.solver
    total = check_result(inst, result)
    assert (result.matched, total) == (
        solve(problem).matched,
        round(solve(problem).total_score * 1e6),
    )


def test_solve_bounded_mode_reports_bound():
    inst = random_instance(400, 200, seed=5, capacity=2)
    problem = load_instance(inst)
    exact = solve(problem)
    bounded = solve(problem, top_k=2, fast_scan=True, exact_limit=0)
    check_result(inst, bounded)
    assert bounded.matched == exact.matched
    assert bounded.upper_bound is not None
    assert bounded.total_score <= exact.total_score <= bounded.upper_bound + 1e-9
    assert bounded.optimal == (bounded.total_score == bounded.upper_bound) or bounded.optimal


def test_solve_unmatched_reasons():
    inst = {
        "skills": ["a"],
        "mentees": [
            {"id": "lonely", "languages": ["de"]},
            {"id": "boss_child", "languages": ["fr"], "chain": ["m1"]},
            {"id": "blocked", "languages": ["en"]},
            {"id": "keen", "languages": ["fr"], "targets": {"a": 2}, "priority": {"a": 3}},
            {"id": "late", "languages": ["fr"]},
            {"id": "pinned", "languages": ["es"]},
        ],
        "mentors": [
            {"id": "m1", "languages": ["fr"], "levels": {"a": 4}},
            {"id": "m2", "languages": ["en"]},
            {"id": "m3", "languages": ["es"]},
        ],
        "forbidden": [["blocked", "m2"]],
        "pinned": [["pinned", "m3"]],
    }
    result = solve(load_instance(inst))
    codes = {u.mentee: u.code for u in result.unmatched}
    assert codes == {
        "lonely": "no_common_language",
        "boss_child": "reporting_line",
        "blocked": "forbidden",
        "late": "compatible_mentors_full",
    }
    assert {(p.mentee, p.mentor) for p in result.pairs} == {("keen", "m1"), ("pinned", "m3")}
    reasons = {u.mentee: u.reason for u in result.unmatched}
    assert reasons["lonely"] == "no mentor shares a language"


def test_solve_unmatched_when_only_pinned_capacity():
    inst = {
        "skills": [],
        "mentees": [{"id": "e1", "languages": ["fr"]}, {"id": "e2", "languages": ["fr"]}],
        "mentors": [
            {"id": "m1", "languages": ["fr"]},
            {"id": "m0", "languages": ["fr"], "capacity": 0},
        ],
        "pinned": [["e1", "m1"]],
    }
    result = solve(load_instance(inst))
    assert [(u.mentee, u.code) for u in result.unmatched] == [
        ("e2", "compatible_mentors_unavailable")
    ]


def test_solve_empty_instance():
    result = solve(load_instance({"skills": [], "mentees": [], "mentors": []}))
    assert result.matched == 0 and result.total_score == 0 and result.optimal
    result = solve(load_instance({"skills": [], "mentees": [{"id": "e"}], "mentors": []}))
    assert [u.code for u in result.unmatched] == ["no_mentors"]


def test_regression_instances():
    for path in sorted(DATA.glob("*.instance.json")):
        inst = json.loads(path.read_text())
        expected = json.loads(
            path.with_name(path.name.replace(".instance", ".expected")).read_text()
        )
        result = result_to_dict(solve(load_instance(inst)))
        assert (result["matched"], result["total_score"]) == (
            expected["matched"],
            expected["total_score"],
        )
        assert result["optimal"]


def test_result_json_is_stable():
    inst = random_instance(30, 15, seed=3)
    a = json.loads(result_to_json(solve(load_instance(inst))))
    b = json.loads(result_to_json(solve(load_instance(inst))))
    a.pop("elapsed_s"), b.pop("elapsed_s")
    assert a == b
    assert set(a) == {
        "pairs",
        "unmatched",
        "matched",
        "total_score",
        "optimal",
        "solver",
        "elapsed_s",
    } - {"elapsed_s"}


@pytest.mark.parametrize(
    "inst",
    [
        random_instance(60, 25, seed=2, pinned=4),
        scarce_instance(300, 150, seed=1),  # pairs that cover no skill, unmatched mentees
        {"skills": [], "mentees": [], "mentors": []},
        {  # a pair covering no skill, an unmatched mentee, characters JSON escapes
            "skills": [],
            "mentees": [{"id": 'é "quoted" \\ ✓', "languages": ["fr"]}, {"id": "alone"}],
            "mentors": [{"id": "m", "languages": ["fr"]}],
        },
    ],
)
def test_result_json_is_the_standard_encoding(inst):
    result = solve(load_instance(inst))
    standard = json.dumps(result_to_dict(result), indent=1, ensure_ascii=False) + "\n"
    assert result_to_json(result) == standard


def test_unmatched_mentee_gets_the_best_compatible_mentor_with_room():
    # an uncertified assignment may leave a mentee out while a compatible mentor has room:
    # the reasons step hands it that mentor, the best-scoring one, in mentee order
    inst = {
        "skills": ["a"],
        "mentees": [
            {"id": "e0", "languages": ["fr"], "targets": {"a": 3}, "priority": {"a": 2}},
            {"id": "e1", "languages": ["fr"], "targets": {"a": 2}, "priority": {"a": 1}},
            {"id": "e2", "languages": ["fr"], "chain": ["m0", "m1", "m2"]},
            {"id": "e3", "languages": ["fr"]},
        ],
        "mentors": [
            {"id": "m0", "languages": ["fr"], "levels": {"a": 1}},
            {"id": "m1", "languages": ["fr"], "levels": {"a": 4}},
            {"id": "m2", "languages": ["de", "fr"], "capacity": 0},
        ],
    }
    explain_module = sys.modules["matchengine.explain"]
    cm = explain_module.compile_problem(load_instance(inst))
    e, m = inst["mentees"], inst["mentors"]
    assert units(inst, e[0], m[1]) > units(inst, e[0], m[0])
    codes, match = explain_module._reasons(cm, np.full(4, -1), np.zeros(3, np.int64))
    assert match.tolist() == [1, 0, -1, -1]
    assert codes == {2: "reporting_line", 3: "compatible_mentors_full"}
