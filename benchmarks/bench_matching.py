"""Benchmark the matching engine against two baselines on seeded random instances.

Two instance families, each at every size N (N mentees, N/2 mentors):
- ample: every mentor takes 2 mentees (places = mentees; ``testing.random_instance``);
- scarce: capacities drawn from {1, 1, 2, 2, 3}, about 0.9 places per mentee, three
  languages (``testing.scarce_instance``), the usual shape of reverse mentoring.

For each, time and peak resident memory of
- the engine (``matchengine.solve``),
- dense exact: the full score matrix (vectorised) + scipy ``linear_sum_assignment`` on the
  capacity-expanded matrix, infeasible pairs at -big-M and a bonus per matched pair,
- greedy: best remaining pair first among each mentee's 16 best mentors,
with the ratios and the engine's total relative to the exact optimum (dense) or, where dense
is out of reach, the gap to the engine's proven upper bound. Then the CLI end to end
(``python -m matchengine solve``: read, validate, solve, prove, write; median of --repeat
runs) against the dense baseline end to end (read JSON, score, assign) at --cli-sizes, and
a table of both families side by side.

Memory is the peak RSS of the process during each call (Linux: the high-water mark is
reset before the call), so it includes what OR-Tools allocates in C++ and the instance
already in memory; where the reset is unavailable it is the process peak so far.

    python benchmarks/bench_matching.py --sizes 2000 10000 --cli-sizes 5000
    python benchmarks/bench_matching.py --sizes 1000 --cli-sizes      # quick
    python benchmarks/bench_matching.py --sizes --cli-sizes 5000 10000 --repeat 3
    python benchmarks/bench_matching.py --sizes --cli-sizes 5000 10000 --repeat 5 \
        --before /tmp/before/src       # CLI runs paired with an earlier engine's src
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

SRC = Path(__file__).resolve().parents[1] / "src"
sys.path.insert(0, str(SRC))

from matchengine import load_instance, solve  # noqa: E402
from matchengine.io import read_instance  # noqa: E402
from matchengine.scoring import block_units, compile_problem, side  # noqa: E402
from matchengine.testing import random_instance, scarce_instance  # noqa: E402

FAMILIES = {
    "ample": lambda n, seed: random_instance(n, n // 2, seed=seed, capacity=2),
    "scarce": lambda n, seed: scarce_instance(n, n // 2, seed=seed),
}
FAMILY_NOTES = {"ample": "capacity 2", "scarce": "capacities 1-3, ~0.9 places per mentee"}


def _reset_peak_rss() -> bool:
    gc.collect()
    try:
        Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    except OSError:
        return False
    return True


def _peak_rss_mib(status: str = "/proc/self/status") -> float | None:
    """VmHWM of a process in MiB (this one by default: ru_maxrss when /proc is missing)."""
    try:
        for line in Path(status).read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 2**10
    except OSError:
        pass
    if status != "/proc/self/status":
        return None
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10


def measured(fn, *args, **kwargs) -> tuple[Any, float, float]:
    """(value, seconds, peak RSS MiB during the call, solver C++ memory included)."""
    _reset_peak_rss()
    t0 = time.perf_counter()
    value = fn(*args, **kwargs)
    seconds = time.perf_counter() - t0
    return value, seconds, _peak_rss_mib() or 0.0


def full_units(problem) -> np.ndarray:
    cm = compile_problem(problem)
    cols = side(cm, np.arange(cm.m))
    step = max(1, 2_000_000 // max(cm.m, 1))
    out = np.empty((cm.n, cm.m), np.int64)
    for lo in range(0, cm.n, step):
        rows = np.arange(lo, min(cm.n, lo + step))
        out[rows] = block_units(cm, rows, cols)[0]
    return out


def dense_baseline(problem) -> tuple[int, int]:
    units = full_units(problem)
    cm = compile_problem(problem)
    cols = np.repeat(np.arange(cm.m), cm.capacity)
    bonus = float(10**6 * (cm.n + 1))
    weights = np.where(units[:, cols] >= 0, bonus + units[:, cols], -1e15)
    del units
    # a private "stays unmatched" column per mentee keeps every row assignable
    weights = np.hstack([weights, np.where(np.eye(cm.n, dtype=bool), 0.0, -1e15)])
    rows, chosen = linear_sum_assignment(weights, maximize=True)
    real = chosen < len(cols)
    total = weights[rows[real], chosen[real]] - bonus
    return int(real.sum()), int(np.rint(total).sum())


def greedy_baseline(problem, k: int = 16) -> tuple[int, int]:
    cm = compile_problem(problem)
    cols = side(cm, np.arange(cm.m))
    step = max(1, 2_000_000 // max(cm.m, 1))
    parts = []
    for lo in range(0, cm.n, step):
        rows = np.arange(lo, min(cm.n, lo + step))
        units = block_units(cm, rows, cols)[0]
        kk = min(k, cm.m)
        pick = np.argpartition(-units, kk - 1, axis=1)[:, :kk]
        vals = np.take_along_axis(units, pick, axis=1)
        ok = vals >= 0
        parts.append((np.nonzero(ok)[0] + lo, pick[ok], vals[ok]))
    i = np.concatenate([p[0] for p in parts])
    j = np.concatenate([p[1] for p in parts])
    v = np.concatenate([p[2] for p in parts])
    load = np.zeros(cm.m, np.int64)
    taken = np.zeros(cm.n, bool)
    total = 0
    for idx in np.argsort(-v, kind="stable"):
        a, b = i[idx], j[idx]
        if not taken[a] and load[b] < cm.capacity[b]:
            taken[a] = True
            load[b] += 1
            total += int(v[idx])
    return int(taken.sum()), total


def bench_size(family: str, n: int, dense_max: int, greedy_max: int) -> dict[str, Any]:
    inst = FAMILIES[family](n, n)
    problem = load_instance(inst)
    result, t_e, m_e = measured(solve, problem)
    total = round(result.total_score * 1e6)
    print(
        f"\n== {family}: {n} mentees x {n // 2} mentors ({FAMILY_NOTES[family]}) ==  time, peak RSS"
    )
    print(
        f"engine   {t_e:8.2f} s {m_e:8.0f} MiB  matched {result.matched}  total "
        f"{result.total_score:.6f}  optimal={result.optimal}  [{result.solver}]"
    )
    phases = ", ".join(f"{k} {v:.2f} s" for k, v in result.stats.get("phases", {}).items())
    print(f"  engine phases: {phases}; candidates {result.stats.get('candidates')}")
    reference = None
    row: dict[str, Any] = {"engine": t_e, "optimal": result.optimal, "dense": None}
    if n <= dense_max:
        problem = load_instance(inst)  # fresh: no cached arrays
        (d_count, d_total), t_d, m_d = measured(dense_baseline, problem)
        reference = (d_count, d_total)
        row["dense"] = t_d
        print(f"dense    {t_d:8.2f} s {m_d:8.0f} MiB  matched {d_count}  total {d_total / 1e6:.6f}")
        print(f"  engine speed-up vs dense: {t_d / t_e:.1f}x, memory ratio {m_d / m_e:.1f}x")
    if n <= greedy_max:
        problem = load_instance(inst)
        (g_count, g_total), t_g, m_g = measured(greedy_baseline, problem)
        print(
            f"greedy   {t_g:8.2f} s {m_g:8.0f} MiB  matched {g_count}  total {g_total / 1e6:.6f}"
            f"  ({100 * g_total / max(total, 1):.2f} % of engine, time {t_g / t_e:.2f}x engine)"
        )
    if reference is not None:
        print(
            f"  engine vs exact optimum: matched {result.matched}/{reference[0]}, total "
            f"{100 * total / max(reference[1], 1):.4f} %"
        )
    elif result.upper_bound:
        gap = 100 * (1 - result.total_score / result.upper_bound)
        print(
            f"  engine vs proven upper bound {result.upper_bound:.6f}: gap {gap:.4f} % "
            f"(total {100 * result.total_score / result.upper_bound:.4f} % of the bound; "
            f"matched count proven maximal: {result.matched_is_maximal})"
        )
    return row


def _run_cli(path: Path, out: Path, src: Path = SRC) -> tuple[float, float, float]:
    """(seconds, peak RSS MiB, CPU seconds: user + system) of one ``python -m matchengine
    solve`` child process running the engine in ``src``. On a shared machine the CPU time
    is the steadier figure: waiting for a core counts in the seconds, not in it."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "matchengine", "solve", str(path), "-o", str(out)], env=env
    )
    # the child's own high-water mark (ru_maxrss of children also counts the parent's
    # pages at fork time), polled until it exits
    rss = 0.0
    while True:
        # wait4 rather than poll: it reaps the child with its own resource usage
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        rss = max(rss, _peak_rss_mib(f"/proc/{proc.pid}/status") or 0.0)
        time.sleep(0.02)
    seconds = time.perf_counter() - t0
    proc.returncode = code = os.waitstatus_to_exitcode(status)
    if code:
        raise SystemExit(f"CLI failed with exit code {code}")
    return seconds, rss, usage.ru_utime + usage.ru_stime


def bench_cli(
    family: str, n: int, repeat: int, dense_max: int, before: Path | None = None
) -> dict[str, Any]:
    inst = FAMILIES[family](n, n + 1)
    row: dict[str, Any] = {"dense": None, "before": None}
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "instance.json", Path(tmp) / "result.json"
        path.write_text(json.dumps(inst))
        del inst
        runs, old_runs = [], []
        for k in range(repeat):
            # paired runs, in alternating order, so a busy spell weighs on both engines
            if before is not None and k % 2 == 0:
                old_runs.append(_run_cli(path, Path(tmp) / "before.json", before))
            runs.append(_run_cli(path, out))
            if before is not None and k % 2 == 1:
                old_runs.append(_run_cli(path, Path(tmp) / "before.json", before))
        cli = json.loads(out.read_text())
        t_cli = statistics.median(r[0] for r in runs)
        rss_cli = max(r[1] for r in runs)
        cpu_cli = statistics.median(r[2] for r in runs)
        print(f"\n== CLI end to end, {family}: {n} x {n // 2} ({FAMILY_NOTES[family]}) ==")
        times = ", ".join(f"{r[0]:.2f}" for r in runs)
        cpus = ", ".join(f"{r[2]:.2f}" for r in runs)
        print(
            f"python -m matchengine solve: {t_cli:.2f} s (median of {times}), CPU "
            f"{cpu_cli:.2f} s (median of {cpus}), peak RSS {rss_cli:.0f} MiB (matched "
            f"{cli['matched']}, total {cli['total_score']:.6f}, optimal={cli['optimal']}, "
            f"{cli['solver']}); load average {os.getloadavg()[0]:.1f}"
        )
        row.update(cli=t_cli, rss=rss_cli, optimal=cli["optimal"], matched=cli["matched"])
        if old_runs:
            old = json.loads((Path(tmp) / "before.json").read_text())
            t_old = statistics.median(r[0] for r in old_runs)
            cpu_old = statistics.median(r[2] for r in old_runs)
            pairs = list(zip(old_runs, runs, strict=True))
            ratio = statistics.median(a[0] / b[0] for a, b in pairs)
            cpu_ratio = statistics.median(a[2] / b[2] for a, b in pairs)
            times = ", ".join(f"{r[0]:.2f}" for r in old_runs)
            cpus = ", ".join(f"{r[2]:.2f}" for r in old_runs)
            print(
                f"before ({before}): {t_old:.2f} s (median of {times}), CPU {cpu_old:.2f} s "
                f"(median of {cpus}), peak RSS {max(r[1] for r in old_runs):.0f} MiB; paired "
                f"ratio before/now: median {ratio:.2f}x, CPU {cpu_ratio:.2f}x (matched "
                f"{old['matched']}, total {old['total_score']:.6f}, optimal={old['optimal']})"
            )
            row["before"] = t_old
            if (old["matched"], old["total_score"]) != (cli["matched"], cli["total_score"]):
                raise SystemExit("the engine before gives another optimum")
        if n <= dense_max:
            t0 = time.perf_counter()
            d_count, d_total = dense_baseline(read_instance(path))
            t_dense = time.perf_counter() - t0
            row["dense"] = t_dense
            print(
                f"dense baseline (read + score + linear_sum_assignment): {t_dense:.2f} s "
                f"(matched {d_count}, total {d_total / 1e6:.6f})"
            )
            print(f"  CLI speed-up: {t_dense / t_cli:.1f}x")
            if (d_count, d_total) != (cli["matched"], round(cli["total_score"] * 1e6)):
                raise SystemExit("the CLI result differs from the dense optimum")
    return row


def _ratio(dense: float | None, engine: float) -> str:
    return "-" if dense is None else f"{dense:.2f} s ({dense / engine:.1f}x)"


def print_table(solves: dict, clis: dict) -> None:
    """Both families side by side: engine time, dense baseline and the ratio."""
    print("\n== summary (N mentees x N/2 mentors) ==")
    names = list(FAMILIES)
    head = " | ".join(f"{f} engine | {f} dense (ratio)" for f in names)
    print(f"| what | N | {head} |")
    for label, table, key in (("solve", solves, "engine"), ("CLI", clis, "cli")):
        for n in sorted({n for _, n in table}):
            cells = []
            for f in names:
                row = table.get((f, n))
                if row is None:
                    cells += ["-", "-"]
                    continue
                proof = "optimal" if row["optimal"] else "not proved"
                cells += [f"{row[key]:.2f} s {proof}", _ratio(row["dense"], row[key])]
            print(f"| {label} | {n:,} | {' | '.join(cells)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 10000, 100000])
    parser.add_argument("--families", nargs="*", default=list(FAMILIES), choices=FAMILIES)
    parser.add_argument("--dense-max", type=int, default=10000, help="largest N for dense")
    parser.add_argument("--greedy-max", type=int, default=10000, help="largest N for greedy")
    parser.add_argument(
        "--cli-sizes", type=int, nargs="*", default=[5000], help="CLI sizes (none: skip)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="CLI runs per size (median)")
    parser.add_argument(
        "--before",
        type=Path,
        default=None,
        help="src directory of an earlier engine: CLI runs alternate with it (paired)",
    )
    args = parser.parse_args()
    solves, clis = {}, {}
    for n in args.sizes:
        for family in args.families:
            solves[family, n] = bench_size(family, n, args.dense_max, args.greedy_max)
    for n in args.cli_sizes:
        for family in args.families:
            clis[family, n] = bench_cli(family, n, args.repeat, args.dense_max, args.before)
    print_table(solves, clis)
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10
    print(f"\nprocess peak RSS (all runs, incl. solver C++ memory): {peak_rss:.0f} MiB")


if __name__ == "__main__":
    main()
