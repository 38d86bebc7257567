"""The solver: candidates, exact sparse b-matching, dual certificate and pricing.

1. Pinned pairs are fixed first; their mentors keep the remaining capacity.
2. Candidate pairs: every feasible pair on small instances, otherwise each mentee's top-k
   mentors *and* each mentor's top-k mentees (two-sided, so no mentor is forgotten), chosen
   by thresholds on fast scans (``_candidates``) rather than by partitioning every row.
3. Maximum-weight b-matching on the candidates with weight BIG + score units, BIG larger
   than any total score: the optimum matches as many mentees as possible, then scores best.
4. Dual potentials (u, v) of that optimum; a scan over *all* pairs finds any pair with
   w_ij > u_i + v_j (a pair that could improve the result). Those are added and the
   problem re-solved; when none is left the duals certify optimality for the full problem.
   Above ``exact_limit`` pairs the loop stops after BOUNDED_ROUNDS pricing passes, or as
   soon as a solve's total is within BOUNDED_GAP of the upper bound an earlier pass proved,
   and reports that bound (``optimal`` stays False unless certified).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from . import _flow
from ._candidates import threshold_top_k
from ._pricing import price_fast
from ._scan import SCORE_CACHE_BYTES, Kernel, scan_blocks, tile_rows_for
from .explain import build_result
from .problem import Problem
from .result import Result
from .scoring import (
    UNITS,
    Compiled,
    Side,
    compile_problem,
    pair_feasible,
    pair_units,
    side,
    sorted_unique,
)

DEFAULT_TOP_K = 24
# Up to this many mentee x open-mentor pairs every feasible pair is a candidate: one solve.
ALL_PAIRS_LIMIT = 250_000
# Up to this many pairs the pricing loop runs until optimality is certified.
DEFAULT_EXACT_LIMIT = 500_000_000
# Pairs a pricing pass adds per mentee (the most improving first) in the bounded passes
# above exact_limit, and while certifying: more a pass there, as on 10,000 x 5,000 ample
# places 8 leave the second pass a few improving pairs, hence a third solve and scan, and
# 12 prove the optimum after two (the solves get about a quarter more pairs). The proof is
# the same check whatever the count.
ADD_PER_ROW = 8
ADD_PER_ROW_EXACT = 12
# Pricing adds pairs whose reduced cost is above -LOOK_AHEAD x (sum of weights) points.
LOOK_AHEAD = 0.05
# After a pricing pass, the next solve keeps the candidate pairs whose slack under the
# current duals is at most KEEP_SLACK x (sum of weights) points.
KEEP_SLACK = 0.05
# Above exact_limit: at most this many pricing passes (each scans every pair) ...
BOUNDED_ROUNDS = 2
# ... and none more once the total is within this share of the proven bound.
BOUNDED_GAP = 0.005
# Pairs per block of exact scans, and per row tile of fast scans (float32 buffers of about
# 32 MB: small enough to stay cheap, large enough for efficient matrix products).
EXACT_BLOCK_PAIRS = 1_000_000
FAST_TILE_PAIRS = 8_000_000
# Keys of the exact top-k: (_UNITS_TOP - units) << 32 | index; uint64 max marks no pair.
_UNITS_TOP = 2**31
_LOW = np.uint64(0xFFFFFFFF)
_NO_PAIR = np.iinfo(np.uint64).max


@dataclass
class _Sub:
    """The problem left once pinned pairs are fixed, in local indices."""

    rows: np.ndarray  # global mentee indices
    cols: Side  # open mentors
    cap: np.ndarray  # remaining capacity of the open mentors
    big: int


def _subproblem(cm: Compiled, pinned_match: np.ndarray) -> _Sub:
    load = np.bincount(pinned_match[pinned_match >= 0], minlength=cm.m)
    residual = cm.capacity - load
    rows = np.flatnonzero(pinned_match < 0)
    open_cols = np.flatnonzero(residual > 0)
    cap = residual[open_cols]
    max_pair = int(sum(np.rint(w * UNITS) for w in cm.weights)) + 4
    big = max_pair * max(1, min(len(rows), int(cap.sum()))) + 1
    return _Sub(rows=rows, cols=side(cm, open_cols), cap=cap, big=big)


def _all_feasible(cm: Compiled, sub: _Sub, block_pairs: int) -> tuple[np.ndarray, np.ndarray]:
    parts_i, parts_j = [], []
    for blk in scan_blocks(cm, sub.rows, sub.cols, block_pairs):
        bi, bj = np.nonzero(blk.values > blk.floor)
        parts_i.append(bi + blk.lo)
        parts_j.append(bj)
    return _concat(parts_i), _concat(parts_j)


def _concat(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, np.int64)


def _top_k_pairs(
    cm: Compiled, sub: _Sub, k: int, block_pairs: int
) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided top-k candidates on exact scores: each row's k best columns and each
    column's k best rows (mentee-side lists alone leave many mentors in nobody's list).
    Ties go to the lowest column (row): pairs are chosen by unique integer keys, never by
    the order a partition leaves equal values in, which differs between CPUs.
    Fast scans use ``_candidates.threshold_top_k`` instead, which avoids partitioning."""
    mc = len(sub.cols.idx)
    if not mc:
        return _concat([]), _concat([])
    col_keys = np.full((k, mc), _NO_PAIR, np.uint64)
    parts_i, parts_j = [], []
    for blk in scan_blocks(cm, sub.rows, sub.cols, block_pairs):
        # units are below 2^31 (weights sum to at most MAX_WEIGHT_SUM): rank in the high half
        feasible = blk.values > blk.floor
        units = np.maximum(blk.values, 0).astype(np.uint64)
        rank = (np.uint64(_UNITS_TOP) - units) << np.uint64(32)
        row_keys = np.where(feasible, rank | np.arange(mc, dtype=np.uint64), _NO_PAIR)
        best = np.partition(row_keys, min(k, mc) - 1, axis=1)[:, : min(k, mc)]
        ok = best != _NO_PAIR
        parts_i.append(np.nonzero(ok)[0] + blk.lo)
        parts_j.append((best[ok] & _LOW).astype(np.int64))
        global_rows = np.arange(blk.lo, blk.hi, dtype=np.uint64)[:, None]
        both = np.concatenate([col_keys, np.where(feasible, rank | global_rows, _NO_PAIR)])
        col_keys = np.partition(both, k - 1, axis=0)[:k]
    ok = col_keys != _NO_PAIR
    parts_i.append((col_keys[ok] & _LOW).astype(np.int64))
    parts_j.append(np.nonzero(ok)[1])
    return _concat(parts_i), _concat(parts_j)


def _unique_pairs(i: np.ndarray, j: np.ndarray, mc: int) -> tuple[np.ndarray, np.ndarray]:
    codes = sorted_unique(i * mc + j)
    return codes // mc, codes % mc


def _merge_pairs(old, new, mc: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Union of two lists of pairs (rows, columns, weights), sorted, without duplicates."""
    i, j, w = (np.concatenate([a, b]) for a, b in zip(old, new, strict=True))
    codes, first = np.unique(i * mc + j, return_index=True)
    return codes // mc, codes % mc, w[first]


def _may_stay_in_use(ei, ej, w, u, v, gain, add_i, n) -> np.ndarray:
    """Mask of the candidate pairs an optimum with the added pairs can still use.

    (u, v) is an optimal dual of the candidates: the optimum's total is sum(u) + sum(cap*v)
    and every pair has a slack u_i + v_j - w_ij >= 0. An assignment using pairs of slack
    s_1, s_2, ... and added pairs of gains g_1, g_2, ... (gain = -slack) totals at most
    sum(u) + sum(cap*v) - sum(s) + sum(g), since each mentee takes one pair and each mentor
    at most cap. To be as good as the current optimum, its slacks sum to at most its gains,
    which are at most G = the sum over mentees of their best added gain: a pair with more
    slack than G is in no optimum of the larger problem, and the next solve can leave it
    out (usually most pairs: the added gains are small). The pricing pass that follows
    still checks every pair, so nothing depends on this beyond the time it saves."""
    best = np.zeros(n, np.int64)
    np.maximum.at(best, add_i, gain)
    return u[ei] + v[ej] - w <= int(best.sum())


def _keep_best_per_row(i: np.ndarray, j: np.ndarray, gain: np.ndarray, k: int):
    order = np.lexsort((j, -gain, i))
    i, j = i[order], j[order]
    start = np.searchsorted(i, i)
    keep = np.arange(len(i)) - start < k
    return i[keep], j[keep]


def _price(
    cm: Compiled,
    sub: _Sub,
    u: np.ndarray,
    v: np.ndarray,
    block_pairs: int,
    want_bound: bool,
    margin: int = 0,
    add_per_row: int = ADD_PER_ROW,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pricing on exact scores (fast scans use ``_pricing.price_fast``): pairs with a
    reduced cost w_ij - u_i - v_j above -``margin`` (at most ``add_per_row`` per mentee, the
    most improving first) and, when ``want_bound``, max_j w_ij - v_j over each mentee's
    feasible pairs (0 when it has none)."""
    v64 = v.astype(np.float64)
    parts = []
    row_best = np.zeros(len(sub.rows), np.int64)
    for blk in scan_blocks(cm, sub.rows, sub.cols, block_pairs):
        feasible = blk.values > blk.floor
        # w_ij - v_j without the big constant, which float64 would blur
        r = blk.values.astype(np.float64) - v64[None, :]
        if want_bound:
            best = np.where(feasible, r, -np.inf).max(axis=1, initial=-np.inf)
            row_best[blk.lo : blk.hi] = np.where(
                np.isfinite(best), np.ceil(best) + sub.big, 0
            ).astype(np.int64)
        thr = (u[blk.lo : blk.hi] - sub.big - margin).astype(np.float64)
        bi, bj = np.nonzero((r > thr[:, None]) & feasible)
        parts.append((bi + blk.lo, bj))
    if not parts:
        empty = np.zeros(0, np.int64)
        return empty, empty, row_best
    i, j = _concat([p[0] for p in parts]), _concat([p[1] for p in parts])
    gain = sub.big + pair_units(cm, sub.rows[i], sub.cols.idx[j]) - u[i] - v[j]
    pos = gain > -margin
    i, j = _keep_best_per_row(i[pos], j[pos], gain[pos], add_per_row)
    return i, j, row_best


def _score_units(ei, ej, w, match, big) -> int:
    chosen = match[ei] == ej
    return int(w[chosen].sum()) - big * int(chosen.sum())


def _proved_close(upper: int | None, match, ei, ej, w, big: int) -> bool:
    """Whether a proven upper bound (from any earlier pricing pass: a bound holds whatever
    the candidates were) shows this matching's count maximal and its total within
    BOUNDED_GAP of the best possible: then another pricing pass, a scan of every pair, could
    gain at most that share. At 100,000 x 50,000 with scarce places the first pass's bound
    leaves 0.52 % before the solve with its pairs and 0.38 % after, so that solve ends the
    run instead of a second pass of about 20 s."""
    if upper is None:
        return False
    count = int((match >= 0).sum())
    if upper >= (count + 1) * big:
        return False  # the bound allows one more matched mentee
    left = upper - count * big
    return left - _score_units(ei, ej, w, match, big) <= BOUNDED_GAP * left


def solve(
    problem: Problem,
    *,
    top_k: int | None = None,
    exact_limit: int = DEFAULT_EXACT_LIMIT,
    backend: str | None = None,
    block_pairs: int | None = None,
    fast_scan: bool | None = None,
) -> Result:
    """Assign mentors to mentees: as many mentees as possible, then the best total score.

    ``top_k``: candidates per person for the sparse solve (None: every feasible pair when the
    instance is small, else DEFAULT_TOP_K). ``exact_limit``: up to this many mentee x mentor
    pairs the pricing loop runs until optimality is certified; above it at most
    BOUNDED_ROUNDS pricing passes give a proven upper bound. ``backend``: "ortools" or
    "scipy" (default: OR-Tools when installed). ``fast_scan``: score row tiles with float32
    matrix products, choose candidates by thresholds and re-check near decisions exactly
    (default: when the instance is not small). ``block_pairs``: pairs per scanned block
    (default EXACT_BLOCK_PAIRS, or FAST_TILE_PAIRS for fast scans). The result is
    deterministic for a given instance and backend.
    """
    start = time.perf_counter()
    phases: dict[str, float] = {}

    def lap(name: str) -> None:
        now = time.perf_counter()
        phases[name] = phases.get(name, 0.0) + now - lap.last  # type: ignore[attr-defined]
        lap.last = now  # type: ignore[attr-defined]

    lap.last = start  # type: ignore[attr-defined]
    backend = backend or _flow.default_backend()
    cm = compile_problem(problem)
    e_index = {p.id: i for i, p in enumerate(problem.mentees)}
    m_index = {p.id: j for j, p in enumerate(problem.mentors)}
    pinned_match = np.full(cm.n, -1, np.int64)
    for e, j in problem.pinned:
        pinned_match[e_index[e]] = m_index[j]
    sub = _subproblem(cm, pinned_match)
    n_a, m_a = len(sub.rows), len(sub.cols.idx)
    pairs_total = n_a * m_a
    certify = pairs_total <= exact_limit
    exact = not (pairs_total > ALL_PAIRS_LIMIT if fast_scan is None else fast_scan)
    kernel = None
    if not exact and n_a and m_a:
        tile = tile_rows_for(m_a, block_pairs or FAST_TILE_PAIRS)
        kernel = Kernel(cm, sub.cols, min(tile, n_a), cache_bytes=SCORE_CACHE_BYTES)
    block_pairs = block_pairs or EXACT_BLOCK_PAIRS
    lap("compile")

    if top_k is None and pairs_total <= ALL_PAIRS_LIMIT:
        ei, ej = _all_feasible(cm, sub, block_pairs)
        k_used = None
    else:
        k_used = top_k or DEFAULT_TOP_K
        if kernel is not None:
            ei, ej = threshold_top_k(cm, sub.rows, sub.cols, k_used, kernel)
        else:
            ei, ej = _top_k_pairs(cm, sub, k_used, block_pairs)
    ei, ej = _unique_pairs(ei, ej, max(m_a, 1))
    keep = pair_feasible(cm, sub.rows[ei], sub.cols.idx[ej])
    ei, ej = ei[keep], ej[keep]
    lap("candidates")

    # Pricing also adds pairs this close to improving: the next duals move by about the
    # gains found, and pairs just short of improving now are those that would improve then
    # (one round fewer, each round being a solve and a scan of every pair).
    look_ahead = int(LOOK_AHEAD * UNITS * cm.weights.sum())
    keep_slack = int(KEEP_SLACK * UNITS * cm.weights.sum())
    rounds = 0
    optimal = False
    final = False
    upper = None
    w = sub.big + pair_units(cm, sub.rows[ei], sub.cols.idx[ej])
    while True:
        rounds += 1
        match = _flow.solve_bmatching(n_a, m_a, ei, ej, w, sub.cap, backend)
        lap("flow")
        if k_used is None:
            # Every feasible pair is a candidate: the sparse optimum is the optimum.
            optimal = True
            break
        if final or _proved_close(upper, match, ei, ej, w, sub.big):
            break
        u, v = _flow.dual_potentials(n_a, m_a, ei, ej, w, sub.cap, match)
        lap("duals")
        margin = look_ahead if certify else 0
        add_per_row = ADD_PER_ROW_EXACT if certify else ADD_PER_ROW
        if kernel is None:
            add_i, add_j, row_best = _price(
                cm,
                sub,
                u,
                v,
                block_pairs,
                want_bound=not certify,
                margin=margin,
                add_per_row=add_per_row,
            )
        else:
            add_i, add_j, row_best = price_fast(
                cm, sub.rows, kernel, sub.big, u, v, add_per_row, not certify, margin
            )
        w_add = sub.big + pair_units(cm, sub.rows[add_i], sub.cols.idx[add_j])
        gain = w_add - u[add_i] - v[add_j]
        lap("pricing")
        if not certify:
            # (u', v) with u'_i = max(u_i, max_j w_ij - v_j) is dual feasible for every
            # pair, so its objective bounds the optimum whatever the candidates were.
            bound = int(np.maximum(u, row_best).sum() + (sub.cap * v).sum())
            if upper is None or bound < upper:
                upper = bound
        if not (gain > 0).any():
            # no pair improves: the duals prove the result optimal for the full problem
            optimal = True
            break
        # After BOUNDED_ROUNDS passes one more solve with the pairs added, then stop whatever
        # the gap (the next solve stops sooner if the bound proves its total close enough).
        final = not certify and rounds >= BOUNDED_ROUNDS
        # Pairs no better optimum can use go (exact), and so do pairs far from tight (a
        # bet: the pricing pass after the next solve brings back any that is needed).
        keep = _may_stay_in_use(ei, ej, w, u, v, gain, add_i, n_a)
        keep &= u[ei] + v[ej] - w <= keep_slack
        ei, ej, w = _merge_pairs((ei[keep], ej[keep], w[keep]), (add_i, add_j, w_add), max(m_a, 1))
        lap("pricing")

    full_match = pinned_match.copy()
    if m_a:
        full_match[sub.rows] = np.where(match >= 0, sub.cols.idx[np.maximum(match, 0)], -1)
    count = int((match >= 0).sum())
    solver = f"{backend}-{'mincostflow' if backend == 'ortools' else 'lapjvsp'}"
    if k_used is None:
        solver += "+all-feasible-pairs"
    else:
        solver += f"+top{k_used}-candidates+dual-pricing({rounds} rounds)"
    bound_score = None
    maximal = optimal or count >= min(n_a, int(sub.cap.sum()))
    if upper is not None:
        maximal = maximal or upper < (count + 1) * sub.big
        if maximal:
            # the optimum has this count, so its score is at most what the bound leaves
            bound_score = upper - count * sub.big
    result = build_result(
        problem,
        cm,
        full_match,
        optimal=optimal,
        solver=solver,
        start=start,
        upper_units=bound_score,
        matched_is_maximal=maximal or optimal,
        stats={"candidates": len(ei), "rounds": rounds, "big": sub.big, "phases": phases},
    )
    lap("result")
    return result
