"""Fast scans: scores bit-identical whatever the BLAS kernel, the CPU or the tile shape, and
within the documented tolerance of the exact units; candidates whose ties do not depend on
how a partition orders equal values."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from matchengine import _candidates, _scan, load_instance, result_to_dict, solve
from matchengine.scoring import block_units, compile_problem, side
from matchengine.testing import random_instance, scarce_instance

SRC = Path(__file__).resolve().parents[2] / "src"

# Run in a child process: the BLAS kernel and numpy's SIMD code are chosen at import time.
# It prints digests of the fast scores (whole matrix, row tiles and a column subset), of
# the threshold candidates, and of the results of the fast and exact top-k solve paths (on
# a scarce-places instance too).
CHILD = """
import hashlib, json
import numpy as np
from matchengine import _candidates, load_instance, result_to_dict, solve
from matchengine.testing import random_instance, scarce_instance
from matchengine.scoring import compile_problem, side

def digest(*arrays):
    h = hashlib.sha256()
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
    return h.hexdigest()

_candidates.SAMPLE, _candidates.MERGE_AT = 40, 200
out = {}
for seed in (1, 2):
    problem = load_instance(random_instance(300, 150, seed=seed, pinned=3))
    cm = compile_problem(problem)
    rows, cols = np.arange(cm.n), side(cm, np.arange(cm.m))
    whole = _candidates.Kernel(cm, cols, cm.n).scores(rows).copy()
    kernel = _candidates.Kernel(cm, cols, 30)
    tiles = [kernel.scores(rows[loc], group).copy() for loc, group, _ in kernel.tiles(rows)]
    some = side(cm, np.arange(0, cm.m, 7))
    part = _candidates.Kernel(cm, some, cm.n).scores(rows)
    i, j = _candidates.threshold_top_k(cm, rows, cols, 5, kernel)
    codes = np.unique(i * cm.m + j)
    fast = result_to_dict(solve(problem, top_k=3, fast_scan=True, block_pairs=4500))
    exact = result_to_dict(solve(problem, top_k=2, fast_scan=False))
    fast.pop("elapsed_s"), exact.pop("elapsed_s")
    out[seed] = {
        "scores": digest(whole),
        "tiles": digest(*tiles),
        "columns": digest(part),
        "candidates": digest(codes),
        "fast solve": json.dumps(fast, sort_keys=True),
        "exact top-k solve": json.dumps(exact, sort_keys=True),
    }
# scarce places: every mentor full and priced near the big constant
problem = load_instance(scarce_instance(300, 150, seed=2))
fast = result_to_dict(solve(problem, top_k=8, fast_scan=True, block_pairs=4500))
fast.pop("elapsed_s")
out["scarce"] = {"fast solve": json.dumps(fast, sort_keys=True)}
print(json.dumps(out))
"""


def _numpy_simd_off() -> str:
    """NPY_DISABLE_CPU_FEATURES value turning off every SIMD level numpy dispatches to
    above its baseline on this machine (as on an older or a different vendor's CPU)."""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    return " ".join(f for f in __cpu_dispatch__ if __cpu_features__.get(f))


def _child_digests(extra_env: dict[str, str]) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE",)}
    env.update(extra_env)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), env.get("PYTHONPATH", "")])
    done = subprocess.run(
        [sys.executable, "-c", CHILD], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_fast_scores_and_candidates_are_identical_under_every_blas_kernel_and_cpu():
    # Haswell and Zen kernels (AMD EPYC) once kept a different top 5 from Sandybridge's;
    # Prescott is the generic kernel; the last run has numpy's SIMD dispatch turned off,
    # which changes how its partitions order equal values.
    runs = {
        ct: _child_digests({"OPENBLAS_CORETYPE": ct})
        for ct in ("Haswell", "Sandybridge", "Zen", "Prescott")
    }
    runs["numpy baseline SIMD"] = _child_digests(
        {"OPENBLAS_CORETYPE": "Haswell", "NPY_DISABLE_CPU_FEATURES": _numpy_simd_off()}
    )
    reference = runs["Sandybridge"]
    for name, digests in runs.items():
        for seed, values in digests.items():
            for what, value in values.items():
                assert value == reference[seed][what], f"{what} (seed {seed}) differs on {name}"


@pytest.mark.parametrize("groups", [8, 0])
def test_fast_scores_do_not_depend_on_the_tile_or_the_columns_scored(monkeypatch, groups):
    monkeypatch.setattr(_scan, "MAX_LANGUAGE_GROUPS", groups)
    cm = compile_problem(load_instance(random_instance(300, 150, seed=1, pinned=3)))
    rows, cols = np.arange(cm.n), side(cm, np.arange(cm.m))
    whole = _candidates.Kernel(cm, cols, cm.n).scores(rows).copy()
    kernel = _candidates.Kernel(cm, cols, 30)
    assert bool(kernel._groups) == bool(groups)
    for loc, group, sel in kernel.tiles(rows):
        tile = kernel.scores(rows[loc], group)
        expected = whole[loc] if sel is None else whole[loc][:, sel]
        assert tile.tobytes() == np.ascontiguousarray(expected).tobytes()
    some = np.arange(3, cm.m, 7)
    part = _candidates.Kernel(cm, side(cm, some), 17)
    for lo in range(0, cm.n, 17):
        got = part.scores(rows[lo : lo + 17])
        assert got.tobytes() == np.ascontiguousarray(whole[lo : lo + 17, some]).tobytes()


@pytest.mark.parametrize("room_tiles", [0, 3, 1000])
def test_kept_tiles_are_the_scores_a_new_product_gives(room_tiles):
    cm = compile_problem(load_instance(random_instance(300, 150, seed=2, pinned=3)))
    rows, cols = np.arange(cm.n), side(cm, np.arange(cm.m))
    fresh = _candidates.Kernel(cm, cols, 30)
    budget = room_tiles * 30 * cm.m * 4
    kept = _candidates.Kernel(cm, cols, 30, cache_bytes=budget)
    for _ in range(2):  # the second pass reads the kept tiles
        for loc, group, _sel in kept.tiles(rows):
            tile = kept.scores(rows[loc], group, keep=True)
            assert tile.tobytes() == fresh.scores(rows[loc], group).tobytes()
            kept.spare(tile.shape)[:] = -1.0  # the spare buffer is never a kept tile
            assert tile.tobytes() == fresh.scores(rows[loc], group).tobytes()
    held = sum(g.nbytes for _, g in kept._kept.values())
    assert held <= budget
    assert all(not g.flags.writeable for _, g in kept._kept.values())
    assert (held > 0) == (room_tiles > 0)


def test_solve_gives_the_same_result_with_and_without_kept_scores(monkeypatch):
    problem = load_instance(scarce_instance(400, 200, seed=4, pinned=6))
    kept = result_to_dict(solve(problem, top_k=2, fast_scan=True, block_pairs=3000))
    monkeypatch.setattr(sys.modules["matchengine.solve"], "SCORE_CACHE_BYTES", 0)
    fresh = result_to_dict(solve(problem, top_k=2, fast_scan=True, block_pairs=3000))
    kept.pop("elapsed_s"), fresh.pop("elapsed_s")
    assert kept == fresh
    assert kept["optimal"]


@pytest.mark.parametrize(
    ("weights", "skills", "wide_gaps", "quantum"),
    [
        (None, 20, False, 1.0),
        ({"skills": 40, "availability": 30, "preferences": 20, "cross_department": 10}, 20, 0, 64),
        ({"skills": 0.01, "availability": 0.3, "preferences": 0, "cross_department": 0.2}, 8, 0, 1),
        (None, 200, True, 1.0),  # 800 thresholds a mentee: rounding beyond the float allowance
    ],
)
def test_fast_scores_are_whole_quanta_within_tolerance_of_the_exact_units(
    weights, skills, wide_gaps, quantum
):
    inst = random_instance(120, 80, seed=skills, n_skills=skills, n_slots=60)
    if weights is not None:
        inst["weights"] = weights
    if wide_gaps:
        for e in inst["mentees"]:
            e["levels"], e["targets"] = {}, dict.fromkeys(inst["skills"], 4)
            e["priority"] = {s: 1 + k % 3 for k, s in enumerate(inst["skills"])}
    cm = compile_problem(load_instance(inst))
    cols = side(cm, np.arange(cm.m))
    assert _scan.fast_scale(cm).quantum == quantum
    kernel = _candidates.Kernel(cm, cols, cm.n)
    fast = kernel.scores(np.arange(cm.n)).astype(np.float64)
    units, feasible = block_units(cm, np.arange(cm.n), cols)
    assert feasible.any() and (~feasible).any()
    assert (np.mod(fast, quantum) == 0).all()
    assert (fast[feasible] > kernel.floor).all() and (fast[~feasible] <= kernel.floor).all()
    allowance = _scan.FAST_TOLERANCE_PER_WEIGHT * max(1.0, float(cm.weights.sum()))
    assert np.abs(fast - units)[feasible].max() <= _scan.fast_tolerance(cm) - allowance


def _identical_people(n: int, m: int) -> dict:
    person = {"languages": ["fr"], "slots": [1, 2], "preferences": {"pace": "slow"}}
    return {
        "skills": ["a", "b"],
        "mentees": [
            {"id": f"e{k}", "levels": {"a": 1}, "targets": {"a": 3}, **person} for k in range(n)
        ],
        "mentors": [{"id": f"m{k}", "levels": {"a": 4}, "capacity": 1, **person} for k in range(m)],
    }


@pytest.mark.parametrize(("n", "m", "k"), [(120, 90, 5), (40, 300, 3)])
def test_threshold_candidates_break_ties_by_the_lowest_index(monkeypatch, n, m, k):
    # every pair ties: each row keeps its k lowest columns, each column its k first rows
    monkeypatch.setattr(_candidates, "SAMPLE", 20)
    monkeypatch.setattr(_candidates, "MERGE_AT", 50)
    cm = compile_problem(load_instance(_identical_people(n, m)))
    rows, cols = np.arange(cm.n), side(cm, np.arange(cm.m))
    i, j = _candidates.threshold_top_k(cm, rows, cols, k, _candidates.Kernel(cm, cols, 7))
    got = set(zip(i.tolist(), j.tolist(), strict=True))
    expected = {(r, c) for r in range(n) for c in range(m) if r < k or c < k}
    assert got == expected


def test_exact_top_k_candidates_break_ties_by_the_lowest_index():
    problem = load_instance(_identical_people(60, 50))
    solve_mod = sys.modules["matchengine.solve"]
    cm = compile_problem(problem)
    sub = solve_mod._subproblem(cm, np.full(cm.n, -1, np.int64))
    i, j = solve_mod._top_k_pairs(cm, sub, 4, 7 * 50)
    got = set(zip(i.tolist(), j.tolist(), strict=True))
    assert got == {(r, c) for r in range(60) for c in range(50) if r < 4 or c < 4}


def test_exact_top_k_path_keeps_the_optimum_and_is_reproducible():
    problem = load_instance(random_instance(150, 70, seed=11, pinned=2))
    exact = solve(problem)
    a = result_to_dict(solve(problem, top_k=2, fast_scan=False))
    b = result_to_dict(solve(problem, top_k=2, fast_scan=False))
    a.pop("elapsed_s"), b.pop("elapsed_s")
    assert a == b
    assert (a["matched"], a["total_score"]) == (exact.matched, exact.total_score)
