"""Figures of a load run, per page, per group and overall, and the verdict against the target.

    python benchmarks/load/report.py OUT_DIR [--users 200] [--p95 300]

Reads ``OUT_DIR/requests.csv`` (every request's time, written by the locustfile) for exact
percentiles per group, and Locust's ``OUT_DIR/locust_stats_history.csv`` for the number of
users reached. When the server sent ``Server-Timing`` (``RM_SERVER_TIMING=true``, which
run.sh sets), each page's CPU time (median and p95, ms) and number of queries are printed
beside its response times: the response time says how the machine coped, the CPU time what
the page costs whatever the machine's load.

The target (issue 15): 200 concurrent users, no error, p95 under 300 ms for the pages and the
API. Signing in is reported apart: its cost is the password hasher's, on purpose.
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import defaultdict
from pathlib import Path


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile (what Locust reports, without its rounding)."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(share * len(sorted_values)))
    return sorted_values[rank - 1]


def line(
    label: str,
    times: list[float],
    failures: int,
    seconds: float,
    cpu: list[float] | None = None,
    queries: list[float] | None = None,
) -> str:
    values = sorted(times)
    text = (
        f"{label:34} {len(values):7d} {failures:6d} {len(values) / seconds:7.1f} "
        f"{percentile(values, 0.50):8.0f} {percentile(values, 0.95):8.0f} "
        f"{percentile(values, 0.99):8.0f} {values[-1] if values else math.nan:8.0f}"
    )
    if cpu:
        costs = sorted(cpu)
        text += f" {percentile(costs, 0.50):8.1f} {percentile(costs, 0.95):8.1f}"
        if queries:
            text += f" {percentile(sorted(queries), 0.50):7.0f}"
    return text


def _figure(row: dict[str, str], key: str) -> float | None:
    value = row.get(key) or ""
    return float(value) if value else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--users", type=int, default=200, help="target: concurrent users")
    parser.add_argument("--p95", type=float, default=300, help="target: p95 in ms")
    args = parser.parse_args()

    rows = list(csv.DictReader((args.out / "requests.csv").open()))
    if not rows:
        print("no request recorded")
        return 1
    started = min(float(r["time"]) for r in rows)
    seconds = max(1.0, max(float(r["time"]) for r in rows) - started)
    by_name: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, list[float]] = defaultdict(list)
    failed: dict[str, int] = defaultdict(int)
    hosts: dict[str, int] = defaultdict(int)
    for row in rows:
        by_name[row["name"]].append(float(row["ms"]))
        failed[row["name"]] += row["ok"] != "1"
        if (value := _figure(row, "cpu_ms")) is not None:
            cpu[row["name"]].append(value)
        if (value := _figure(row, "queries")) is not None:
            queries[row["name"]].append(value)
        if row.get("host"):
            hosts[row["host"]] += 1

    users = 0
    history = args.out / "locust_stats_history.csv"
    if history.exists():
        users = max((int(r["User Count"]) for r in csv.DictReader(history.open())), default=0)

    columns = ("requests", "fails", "req/s", "median", "p95", "p99", "max")
    widths = (7, 6, 7, 8, 8, 8, 8)
    if cpu:
        columns += ("cpu med", "cpu p95", "queries")
        widths += (8, 8, 7)
    header = " ".join([" " * 34, *(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))])
    print(f"{len(rows)} requests in {seconds:.0f} s, {users} users at most (times in ms)")
    if len(hosts) > 1:
        print("spread over " + ", ".join(f"{h}: {n}" for h, n in sorted(hosts.items())))
    print(header)
    groups: dict[str, list[str]] = defaultdict(list)
    for name in sorted(by_name):
        groups[name.split(":")[0]].append(name)
    for group, names in groups.items():
        times = [t for n in names for t in by_name[n]]
        group_cpu = [t for n in names for t in cpu.get(n, [])]
        print(line(f"{group} (all)", times, sum(failed[n] for n in names), seconds, group_cpu))
        for name in names:
            print(
                line(
                    f"  {name.split(': ', 1)[-1]}",
                    by_name[name],
                    failed[name],
                    seconds,
                    cpu.get(name),
                    queries.get(name),
                )
            )
    every = [float(r["ms"]) for r in rows]
    failures = sum(failed.values())
    print(line("overall", every, failures, seconds))
    # Static files (fetched once per user) are many and fast: the target must also hold
    # without them and without the sign-in, on the pages and API reads alone.
    pages = [float(r["ms"]) for r in rows if not r["name"].startswith(("login", "static"))]
    page_failures = sum(
        r["ok"] != "1" for r in rows if not r["name"].startswith(("login", "static"))
    )
    print(line("overall, pages and API only", pages, page_failures, seconds))
    # Informative: the same once every user has signed in (each sign-in hashes a password,
    # about 0.2 s of CPU; 20 a second during the ramp-up is more than two cores hash).
    signed_in = max((float(r["time"]) for r in rows if r["name"] == "login: sign in"), default=0)
    steady = [
        r
        for r in rows
        if float(r["time"]) > signed_in and not r["name"].startswith(("login", "static"))
    ]
    end = started + seconds
    if steady and end - signed_in > 1:
        print(
            line(
                f"  after the last sign-in ({end - signed_in:.0f} s)",
                [float(r["ms"]) for r in steady],
                sum(r["ok"] != "1" for r in steady),
                end - signed_in,
            )
        )

    p95 = percentile(sorted(every), 0.95)
    p95_pages = percentile(sorted(pages), 0.95)
    target = f"target {args.p95:.0f} ms"
    checks = [
        (users >= args.users, f"users {users} / target {args.users}: {users / args.users:.2f}x"),
        (failures == 0, f"failures {failures} / target 0"),
        (
            p95_pages < args.p95,
            f"p95 pages and API {p95_pages:.0f} ms / {target}: {p95_pages / args.p95:.2f}x",
        ),
    ]
    for ok, text in checks:
        print(f"  {'met   ' if ok else 'MISSED'} {text}")
    # Apart, not in the verdict: a sign-in costs what the password hasher is made to cost.
    sign_ins = sorted(by_name.get("login: sign in", []))
    print(f"  info   p95 overall, sign-in and static files included: {p95:.0f} ms")
    if sign_ins:
        costs = sorted(cpu.get("login: sign in", []))
        cost = f", CPU median {percentile(costs, 0.5):.0f} ms" if costs else ""
        print(
            f"  info   sign-in (password hasher, see README): median "
            f"{percentile(sign_ins, 0.5):.0f} ms, p95 {percentile(sign_ins, 0.95):.0f} ms{cost}"
        )
    verdict = all(ok for ok, _text in checks)
    print(f"verdict: target {'MET' if verdict else 'MISSED'}")
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())
