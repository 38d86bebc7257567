"""Explanations: weighted terms and covered skills of a pair, reasons for unmatched mentees."""

from __future__ import annotations

import time
from typing import Any

import numpy as np

from .constraints import REASONS, Violation, pair_violation
from .problem import InvalidInstance, Problem
from .result import Pair, Result, Unmatched
from .scoring import (
    TERMS,
    UNITS,
    Compiled,
    block_units,
    compile_problem,
    feasible_block,
    pair_terms,
    side,
)


def _units_to_float(units: int) -> float:
    return round(int(units) / UNITS, 6)


def _covered(problem: Problem, cm: Compiled, i: np.ndarray, j: np.ndarray) -> list[tuple]:
    c = cm.cur[i].astype(np.int64)
    g = np.maximum(0, cm.tgt[i] - c)
    u = np.minimum(g, np.maximum(0, cm.mentors.lev[j] - c))
    weight = cm.pri[i] * u
    # every pair at once: by pair, most weighted first, then in the order of the skills
    rows, ks = np.nonzero(u > 0)
    order = np.lexsort((ks, -weight[rows, ks], rows))
    bounds = np.searchsorted(rows[order], np.arange(len(i) + 1)).tolist()
    names = [problem.skills[k] for k in ks[order].tolist()]
    return [tuple(names[bounds[r] : bounds[r + 1]]) for r in range(len(i))]


def _pairs(problem: Problem, cm: Compiled, i: np.ndarray, j: np.ndarray, pinned) -> list[Pair]:
    units = pair_terms(cm, i, j)
    # Integer units over 10^6 is the float nearest to the 6-decimal number (IEEE division
    # rounds correctly), i.e. exactly what _units_to_float gives, for every pair at once.
    terms = (units / UNITS).T.tolist()
    scores = (units.sum(axis=0) / UNITS).tolist()
    covered = _covered(problem, cm, i, j)
    mentees, mentors = problem.mentees, problem.mentors
    out = []
    for a, b, score, values, skills, pin in zip(
        i.tolist(), j.tolist(), scores, terms, covered, pinned, strict=True
    ):
        out.append(
            Pair(
                mentee=mentees[a].id,
                mentor=mentors[b].id,
                score=score,
                explanation=dict(zip(TERMS, values, strict=True)),
                covered_skills=skills,
                pinned=bool(pin),
            )
        )
    return out


def explain(problem: Problem, mentee_id: str, mentor_id: str) -> Pair:
    """Score, weighted terms and covered skills of one pair (feasible or not; see
    :func:`why_not` for the hard constraint a pair breaks)."""
    i, j = _indices(problem, mentee_id, mentor_id)
    cm = compile_problem(problem)
    pinned = (mentee_id, mentor_id) in set(problem.pinned)
    return _pairs(problem, cm, np.array([i]), np.array([j]), [pinned])[0]


def why_not(problem: Problem, mentee_id: str, mentor_id: str) -> Violation | None:
    """The hard constraint the pair breaks (a stable ``code`` and an English ``reason``), or
    None if it may be formed."""
    i, j = _indices(problem, mentee_id, mentor_id)
    return pair_violation(problem.mentees[i], problem.mentors[j], set(problem.forbidden))


def _indices(problem: Problem, mentee_id: str, mentor_id: str) -> tuple[int, int]:
    e = [k for k, p in enumerate(problem.mentees) if p.id == mentee_id]
    m = [k for k, p in enumerate(problem.mentors) if p.id == mentor_id]
    if not e:
        raise InvalidInstance(f"unknown mentee {mentee_id!r}", item=mentee_id)
    if not m:
        raise InvalidInstance(f"unknown mentor {mentor_id!r}", item=mentor_id)
    return e[0], m[0]


def _reasons(
    cm: Compiled, match: np.ndarray, pinned_load: np.ndarray
) -> tuple[dict[int, str], np.ndarray]:
    """Reason codes for unmatched mentees. A mentee left out while a compatible mentor
    still has room (possible only with an uncertified result) is given that mentor here,
    the best-scoring one, which can only raise both the count and the total."""
    unmatched = np.flatnonzero(match < 0)
    codes: dict[int, str] = {}
    if len(unmatched) == 0:
        return codes, match
    if cm.m == 0:
        return dict.fromkeys(unmatched.tolist(), "no_mentors"), match
    match = match.copy()
    load = np.bincount(match[match >= 0], minlength=cm.m)
    all_cols = side(cm, np.arange(cm.m))
    step = max(1, 2_000_000 // cm.m)
    for lo in range(0, len(unmatched), step):
        rows = unmatched[lo : lo + step]
        # Feasibility answers every row but those with a compatible mentor who has room
        # (none once the result is certified): only those need scores.
        feasible = feasible_block(cm, rows, all_cols)
        has_lang = feasible_block(cm, rows, all_cols, "l").any(axis=1)
        has_any = feasible.any(axis=1)
        for r, i in enumerate(rows.tolist()):
            if not has_lang[r]:
                codes[i] = "no_common_language"
            elif not has_any[r]:
                one = rows[r : r + 1]
                if not feasible_block(cm, one, all_cols, "lc").any():
                    codes[i] = "reporting_line"
                elif not feasible_block(cm, one, all_cols, "le").any():
                    codes[i] = "forbidden"
                else:
                    codes[i] = "reporting_line_or_forbidden"
            else:
                room = feasible[r] & (load < cm.capacity)
                if room.any():
                    units = block_units(cm, rows[r : r + 1], all_cols)[0][0]
                    j = int(np.argmax(np.where(room, units, -1)))
                    match[i] = j
                    load[j] += 1
                elif not (feasible[r] & (pinned_load < cm.capacity)).any():
                    codes[i] = "compatible_mentors_unavailable"
                else:
                    codes[i] = "compatible_mentors_full"
    return codes, match


def build_result(
    problem: Problem,
    cm: Compiled,
    match: np.ndarray,
    *,
    optimal: bool,
    solver: str,
    start: float,
    upper_units: int | None,
    matched_is_maximal: bool,
    stats: dict[str, Any],
) -> Result:
    """Turn a full assignment (mentee index -> mentor index or -1) into a Result."""
    pinned_set = set(problem.pinned)
    e_index = {p.id: i for i, p in enumerate(problem.mentees)}
    m_index = {p.id: j for j, p in enumerate(problem.mentors)}
    pinned_load = np.bincount(
        np.array([m_index[j] for _, j in problem.pinned], np.int64), minlength=cm.m
    )
    codes, match = _reasons(cm, match, pinned_load)
    i = np.flatnonzero(match >= 0)
    j = match[i]
    is_pinned = [
        (problem.mentees[a].id, problem.mentors[b].id) in pinned_set
        for a, b in zip(i.tolist(), j.tolist(), strict=True)
    ]
    pairs = _pairs(problem, cm, i, j, is_pinned)
    total_units = int(pair_terms(cm, i, j).sum()) if len(i) else 0
    unmatched = tuple(
        Unmatched(mentee=problem.mentees[k].id, code=c, reason=REASONS[c])
        for k, c in sorted(codes.items())
    )
    pinned_units = 0
    upper = None
    if optimal:
        upper = _units_to_float(total_units)
    elif upper_units is not None:
        pinned_rows = np.array([e_index[e] for e, _ in problem.pinned], np.int64)
        if len(pinned_rows):
            pinned_units = int(pair_terms(cm, pinned_rows, match[pinned_rows]).sum())
        upper = _units_to_float(max(upper_units + pinned_units, total_units))
    return Result(
        pairs=tuple(pairs),
        unmatched=unmatched,
        matched=len(pairs),
        total_score=_units_to_float(total_units),
        optimal=optimal,
        solver=solver,
        elapsed_s=round(time.perf_counter() - start, 3),
        upper_bound=upper,
        matched_is_maximal=matched_is_maximal,
        stats=stats,
    )
