"""The paths built for very large instances, forced on instances of a few hundred people:
threshold candidates, fast pricing (narrow and wide dual spreads) and the bounded mode."""

from __future__ import annotations

import numpy as np
import pytest
from _reference import check_result

from matchengine import _candidates, _pricing, _scan, load_instance, result_to_dict, solve
from matchengine.scoring import block_units, compile_problem, side
from matchengine.testing import random_instance, scarce_instance

SMALL_TILES = 30 * 150  # row tiles of about 30 rows: many tiles, merges and thresholds


@pytest.fixture
def small_samples(monkeypatch):
    """Samples smaller than the instance and frequent merges, as on 10^5 people."""
    monkeypatch.setattr(_candidates, "SAMPLE", 40)
    monkeypatch.setattr(_candidates, "MERGE_AT", 200)


def _fast_scores(cm, cols, rows):
    kernel = _candidates.Kernel(cm, cols, len(rows))
    return kernel.scores(rows).copy(), kernel.floor


@pytest.mark.parametrize("seed", [1, 2])
def test_threshold_candidates_hold_every_row_and_column_top_k(small_samples, seed):
    cm = compile_problem(load_instance(random_instance(300, 150, seed=seed, pinned=3)))
    rows, cols = np.arange(cm.n), side(cm, np.arange(cm.m))
    k = 5
    kernel = _candidates.Kernel(cm, cols, 30)
    assert kernel._groups  # French-only and English-only mentees skip some mentors
    i, j = _candidates.threshold_top_k(cm, rows, cols, k, kernel)
    g, floor = _fast_scores(cm, cols, rows)
    chosen = np.zeros(g.shape, bool)
    chosen[i, j] = True
    assert (g[chosen] > floor).all()
    for axis in (1, 0):
        feasible = (g > floor).sum(axis=axis)
        kth = -np.sort(-np.where(g > floor, g, -np.inf), axis=axis).take(k - 1, axis=axis)
        ge = np.expand_dims(kth, axis)
        # at least min(k, feasible) chosen pairs as good as the k-th best, per row/column
        good = (chosen & (g >= ge)).sum(axis=axis)
        assert (good >= np.minimum(k, feasible)).all()


def test_threshold_candidates_are_deterministic(small_samples):
    problem = load_instance(random_instance(200, 90, seed=4))
    a = result_to_dict(solve(problem, top_k=3, fast_scan=True, block_pairs=SMALL_TILES))
    b = result_to_dict(solve(problem, top_k=3, fast_scan=True, block_pairs=SMALL_TILES))
    a.pop("elapsed_s"), b.pop("elapsed_s")
    assert a == b


@pytest.mark.parametrize(("keep", "groups"), [(1, 8), (16, 8), (16, 0)])
def test_threshold_path_certifies_the_exact_optimum(small_samples, monkeypatch, keep, groups):
    # KEEP_PER_ROW = 1 crowds rows, so the exact re-scan of doubtful rows is exercised;
    # MAX_LANGUAGE_GROUPS = 0 scores every tile against every mentor
    monkeypatch.setattr(_pricing, "KEEP_PER_ROW", keep)
    monkeypatch.setattr(_scan, "MAX_LANGUAGE_GROUPS", groups)
    inst = random_instance(300, 120, seed=7, capacity=2, pinned=5)
    problem = load_instance(inst)
    exact = solve(problem)
    fast = solve(problem, top_k=2, fast_scan=True, block_pairs=SMALL_TILES)
    assert fast.optimal
    assert "dual-pricing" in fast.solver
    assert round(fast.total_score * 1e6) == check_result(inst, fast)
    assert (fast.matched, fast.total_score) == (exact.matched, exact.total_score)


@pytest.mark.parametrize(
    ("n", "m", "capacity"),
    # balanced, scarce mentors (duals spread by big), scarce places (every mentor full)
    [(400, 200, 2), (300, 60, 1), (300, 150, None)],
)
def test_bounded_path_reports_a_valid_bound(small_samples, n, m, capacity):
    if capacity is None:
        inst = scarce_instance(n, m, seed=2)
    else:
        inst = random_instance(n, m, seed=n + m, capacity=capacity)
    problem = load_instance(inst)
    exact = solve(problem)
    assert exact.optimal
    bounded = solve(problem, top_k=2, fast_scan=True, exact_limit=0, block_pairs=SMALL_TILES)
    check_result(inst, bounded)
    assert bounded.matched == exact.matched
    assert bounded.matched_is_maximal
    assert bounded.upper_bound is not None
    assert bounded.total_score <= exact.total_score <= bounded.upper_bound
    assert bounded.stats["rounds"] <= 1 + 2  # at most BOUNDED_ROUNDS pricing passes


@pytest.mark.parametrize("gap", [0.5, 0.0])
def test_bounded_path_stops_once_an_earlier_bound_proves_the_total_close(monkeypatch, gap):
    """The first pass's bound still holds after the solve with its pairs: when that solve's
    total is within BOUNDED_GAP of it, no second pass is run, and the gap claimed is real."""
    solve_mod = __import__("sys").modules["matchengine.solve"]
    monkeypatch.setattr(solve_mod, "BOUNDED_GAP", gap)
    inst = scarce_instance(300, 150, seed=2)
    problem = load_instance(inst)
    exact = solve(problem)
    bounded = solve(problem, top_k=4, fast_scan=True, exact_limit=0, block_pairs=SMALL_TILES)
    check_result(inst, bounded)
    assert not bounded.optimal  # top-4 candidates leave improving pairs for the pricing
    assert bounded.matched == exact.matched and bounded.matched_is_maximal
    assert bounded.total_score <= exact.total_score <= bounded.upper_bound
    if gap:
        # one pricing pass, one more solve: the first pass's bound proved it close enough
        assert bounded.stats["rounds"] == 2
        assert bounded.upper_bound - bounded.total_score <= gap * bounded.upper_bound
    else:
        # no total is within 0 % of a bound above it: every allowed pass runs
        assert bounded.stats["rounds"] == 1 + 2


@pytest.mark.parametrize(
    ("family", "m", "k"),
    [
        ("ample", 150, 1),
        ("one place", 50, 1),
        # every mentor full and priced near big: the dual shift is as large as big itself
        ("scarce", 150, 8),
    ],
)
def test_fast_pricing_bounds_every_row_and_finds_improving_pairs(monkeypatch, family, m, k):
    solve_mod = __import__("sys").modules["matchengine.solve"]
    flow = solve_mod._flow
    if family == "scarce":
        inst = scarce_instance(300, m, seed=2)
    else:
        inst = random_instance(300, m, seed=m, capacity=2 if family == "ample" else 1)
    cm = compile_problem(load_instance(inst))
    sub = solve_mod._subproblem(cm, np.full(cm.n, -1, np.int64))
    n_a, m_a = len(sub.rows), len(sub.cols.idx)
    kernel = _candidates.Kernel(cm, sub.cols, 40)
    ei, ej = _candidates.threshold_top_k(cm, sub.rows, sub.cols, k, kernel)
    ei, ej = solve_mod._unique_pairs(ei, ej, m_a)
    w = sub.big + solve_mod.pair_units(cm, sub.rows[ei], sub.cols.idx[ej])
    match = flow.solve_bmatching(n_a, m_a, ei, ej, w, sub.cap, "ortools")
    u, v = flow.dual_potentials(n_a, m_a, ei, ej, w, sub.cap, match)
    if family == "scarce":
        assert v.min() > sub.big
    flagged = []
    top_per_row = _pricing._top_per_row

    def counting(i, j, gain, keep):
        if keep == _pricing.KEEP_PER_ROW:
            flagged.append(len(i))
        return top_per_row(i, j, gain, keep)

    monkeypatch.setattr(_pricing, "_top_per_row", counting)
    add_i, add_j, row_best = _pricing.price_fast(cm, sub.rows, kernel, sub.big, u, v, 8, True)

    units, feasible = block_units(cm, sub.rows, sub.cols)
    reduced = np.where(feasible, sub.big + units - v[None, :], np.iinfo(np.int64).min)
    exact_best = np.where(feasible.any(axis=1), reduced.max(axis=1), 0)
    tol = _pricing.fast_tolerance(cm)
    assert (row_best >= exact_best).all()
    assert (row_best <= exact_best + 2 * tol + 1).all()
    gain = sub.big + units - u[:, None] - v[None, :]
    assert (gain[add_i, add_j] > 0).all() and feasible[add_i, add_j].all()
    improvable = (feasible & (gain > 0)).any(axis=1)
    assert set(np.unique(add_i)) == set(np.flatnonzero(improvable))
    # only pairs within the scan tolerance of improving are flagged at all
    assert sum(flagged) <= (feasible & (gain > -2 * tol)).sum()
    # with a look-ahead margin: pairs close to improving too, a row's improving ones first
    margin = 30_000
    near_i, near_j, _ = _pricing.price_fast(cm, sub.rows, kernel, sub.big, u, v, 3, False, margin)
    near = gain[near_i, near_j]
    assert (near > -margin).all() and feasible[near_i, near_j].all()
    assert set(np.unique(near_i)) == set(np.flatnonzero((feasible & (gain > -margin)).any(1)))
    first = np.r_[True, near_i[1:] != near_i[:-1]]
    assert set(near_i[first & (near > 0)]) == set(np.flatnonzero(improvable))


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("family", ["ample", "scarce"])
def test_resolve_without_pairs_of_large_slack_keeps_the_optimum(family, seed):
    solve_mod = __import__("sys").modules["matchengine.solve"]
    flow = solve_mod._flow
    make = scarce_instance if family == "scarce" else random_instance
    cm = compile_problem(load_instance(make(120, 60, seed=seed)))
    sub = solve_mod._subproblem(cm, np.full(cm.n, -1, np.int64))
    n_a, m_a = len(sub.rows), len(sub.cols.idx)
    ei, ej = solve_mod._top_k_pairs(cm, sub, 4, 10_000)
    ei, ej = solve_mod._unique_pairs(ei, ej, m_a)
    ok = solve_mod.pair_feasible(cm, sub.rows[ei], sub.cols.idx[ej])
    ei, ej = ei[ok], ej[ok]

    def weights(i, j):
        return sub.big + solve_mod.pair_units(cm, sub.rows[i], sub.cols.idx[j])

    def optimum(i, j, w):
        match = flow.solve_bmatching(n_a, m_a, i, j, w, sub.cap, "ortools")
        return solve_mod._score_units(i, j, w, match, 0)

    w = weights(ei, ej)
    match = flow.solve_bmatching(n_a, m_a, ei, ej, w, sub.cap, "ortools")
    u, v = flow.dual_potentials(n_a, m_a, ei, ej, w, sub.cap, match)
    add_i, add_j, _ = solve_mod._price(cm, sub, u, v, 10_000, want_bound=False)
    gain = weights(add_i, add_j) - u[add_i] - v[add_j]
    # every improving pair the pass found, then only the best one (a small total gain)
    for chosen in (np.arange(len(add_i)), np.argsort(-gain, kind="stable")[:1]):
        ai, aj = add_i[chosen], add_j[chosen]
        w_add = weights(ai, aj)
        keep = solve_mod._may_stay_in_use(ei, ej, w, u, v, w_add - u[ai] - v[aj], ai, n_a)
        if len(chosen) == 1:
            assert not keep.all()
        union = solve_mod._merge_pairs((ei, ej, w), (ai, aj, w_add), m_a)
        reduced = solve_mod._merge_pairs((ei[keep], ej[keep], w[keep]), (ai, aj, w_add), m_a)
        assert optimum(*reduced) == optimum(*union) >= solve_mod._score_units(ei, ej, w, match, 0)
