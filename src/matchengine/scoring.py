"""Vectorised scoring: the documented formula as integer "score units" (1e-6 of a point).

Every score the engine reports or optimises is an integer number of units: each weighted
term is rounded to the nearest unit and the pair score is the sum of the four rounded terms,
so the explanation adds up to the score exactly and the optimiser works in exact integer
arithmetic. The same float64 expression is evaluated in two layouts — a dense block of pairs
(matrix products, for scans) and a list of pairs (gathers, for candidates and single pairs) —
and both give bit-identical units because the inputs to the final expression are the same
small integers.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain

import numpy as np

from .problem import MAX_LEVEL, PREFERENCE_KEYS, Problem

UNITS = 1_000_000
TERMS: tuple[str, ...] = ("skills", "availability", "preferences", "cross_department")


@dataclass(frozen=True)
class Side:
    """Mentor-side arrays restricted to a set of columns (all mentors, or the open ones)."""

    idx: np.ndarray  # mentor indices of the columns
    bnum: np.ndarray  # (c, 4S) float64: [level >= l]
    lev: np.ndarray  # (c, S) int16
    slots: np.ndarray  # (c, L) float64 binary
    has_slots: np.ndarray  # (c,) bool
    pref: np.ndarray  # (c,) preference profile ids
    lang: np.ndarray  # (c,) language profile ids
    dep: np.ndarray  # (c,) department ids, -1 when not given


@dataclass(frozen=True)
class Compiled:
    """Numeric form of a problem, built once (``compile_problem``)."""

    n: int
    m: int
    weights: np.ndarray  # (4,) float64
    cur: np.ndarray  # (n, S) int16
    tgt: np.ndarray  # (n, S) int16, already max(target, current)
    pri: np.ndarray  # (n, S) int16
    den: np.ndarray  # (n,) int64: sum_s p*g
    anum: np.ndarray  # (n, 4S) float64: p * [c < l <= t]
    slots: np.ndarray  # (n, L) float64 binary
    has_slots: np.ndarray  # (n,) bool
    pref: np.ndarray  # (n,) preference profile ids
    ptable: np.ndarray  # (mentee profiles, mentor profiles) float64: P
    lang: np.ndarray  # (n,) language profile ids
    ltable: np.ndarray  # (mentee profiles, mentor profiles) bool: share a language
    dep: np.ndarray  # (n,) department ids
    capacity: np.ndarray  # (m,) int64
    chain_codes: np.ndarray  # sorted i*m+j of pairs in a reporting line
    forbidden_codes: np.ndarray  # sorted i*m+j of forbidden pairs
    excluded_codes: np.ndarray  # union of the two
    mentors: Side


def _profiles(keys_e: list, keys_m: list) -> tuple[np.ndarray, np.ndarray, list, list]:
    """Map hashable per-person keys to dense ids, separately per side."""
    ue: dict = {}
    um: dict = {}
    ie = np.fromiter((ue.setdefault(k, len(ue)) for k in keys_e), np.int64, len(keys_e))
    im = np.fromiter((um.setdefault(k, len(um)) for k in keys_m), np.int64, len(keys_m))
    return ie, im, list(ue), list(um)


def preference_agreement(pe: dict, pm: dict) -> float:
    """P for two preference dicts: share of the keys both gave on which they agree."""
    shared = [k for k in PREFERENCE_KEYS if k in pe and k in pm]
    if not shared:
        return 0.5
    agree = 0
    for k in shared:
        if pe[k] == pm[k] or (k == "mode" and "hybrid" in (pe[k], pm[k])):
            agree += 1
    return agree / len(shared)


def _scatter(lists, index: dict, width: int, values, dtype) -> np.ndarray:
    """A (len(lists), width) matrix with ``values`` at (row, index[key]) for each key of
    each row's list (or mapping): one scatter of flat arrays built by C-level iteration,
    since assigning element by element costs a microsecond each."""
    counts = np.fromiter(map(len, lists), np.int64, len(lists))
    total = int(counts.sum())
    cols = np.fromiter(map(index.__getitem__, chain.from_iterable(lists)), np.int64, total)
    out = np.zeros((len(lists), width), dtype)
    out[np.repeat(np.arange(len(lists)), counts), cols] = values
    return out


def _level_matrix(people, skill_index: dict[str, int], attr: str) -> np.ndarray:
    maps = [getattr(person, attr) for person in people]
    total = sum(map(len, maps))
    levels = np.fromiter(chain.from_iterable(m.values() for m in maps), np.int64, total)
    return _scatter(maps, skill_index, len(skill_index), levels, np.int16)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """``np.unique`` of an int array by one sort: numpy 2's hash-based ``np.unique`` is
    ten times slower on the few hundred thousand pair codes a solve handles."""
    out = np.sort(np.asarray(values).ravel())
    if len(out) > 1:
        out = out[np.r_[True, out[1:] != out[:-1]]]
    return out


def _codes(problem: Problem, pairs) -> np.ndarray:
    e_index = {p.id: i for i, p in enumerate(problem.mentees)}
    m_index = {p.id: j for j, p in enumerate(problem.mentors)}
    m = len(problem.mentors)
    codes = [e_index[e] * m + m_index[j] for e, j in pairs if e in e_index and j in m_index]
    return sorted_unique(np.asarray(codes, np.int64))


def compile_problem(problem: Problem) -> Compiled:
    """Numeric arrays for ``problem`` (cached on the problem; it is immutable)."""
    cached = problem._cache.get("compiled")
    if cached is not None:
        return cached
    mentees, mentors = problem.mentees, problem.mentors
    n, m, s = len(mentees), len(mentors), len(problem.skills)
    skill_index = {k: i for i, k in enumerate(problem.skills)}

    cur = _level_matrix(mentees, skill_index, "levels")
    targets = [person.targets for person in mentees]
    has_target = _scatter(targets, skill_index, s, True, bool)
    tgt = np.where(has_target, _level_matrix(mentees, skill_index, "targets"), cur)
    pri = _level_matrix(mentees, skill_index, "priority")
    gap = np.maximum(0, tgt - cur).astype(np.int64)
    den = (pri.astype(np.int64) * gap).sum(axis=1)
    mlev = _level_matrix(mentors, skill_index, "levels")

    # Levels are 0..4, so u = min(g, max(0, q - c)) counts thresholds l in 1..4 with
    # c < l <= t and l <= q: the numerator sum_s p*u is one matrix product.
    thresholds = np.arange(1, MAX_LEVEL + 1, dtype=np.int16)
    anum = (
        (pri[:, :, None] * ((cur[:, :, None] < thresholds) & (thresholds <= tgt[:, :, None])))
        .reshape(n, s * MAX_LEVEL)
        .astype(np.float64)
    )
    bnum = (mlev[:, :, None] >= thresholds).reshape(m, s * MAX_LEVEL).astype(np.float64)

    slot_values = sorted({x for p in (*mentees, *mentors) for x in p.slots})
    slot_index = {x: i for i, x in enumerate(slot_values)}

    def slot_matrix(people) -> np.ndarray:
        return _scatter([p.slots for p in people], slot_index, len(slot_values), 1.0, np.float64)

    pref_e, pref_m, keys_pe, keys_pm = _profiles(
        [tuple(sorted(p.preferences.items())) for p in mentees],
        [tuple(sorted(p.preferences.items())) for p in mentors],
    )
    ptable = np.array(
        [[preference_agreement(dict(a), dict(b)) for b in keys_pm] for a in keys_pe],
        np.float64,
    ).reshape(len(keys_pe), len(keys_pm))
    lang_e, lang_m, keys_le, keys_lm = _profiles(
        [frozenset(p.languages) for p in mentees], [frozenset(p.languages) for p in mentors]
    )
    ltable = np.array([[not a.isdisjoint(b) for b in keys_lm] for a in keys_le], bool).reshape(
        len(keys_le), len(keys_lm)
    )
    departments: dict[str, int] = {}
    dep_e = np.array(
        [
            -1 if p.department is None else departments.setdefault(p.department, len(departments))
            for p in mentees
        ],
        np.int64,
    )
    dep_m = np.array(
        [
            -1 if p.department is None else departments.setdefault(p.department, len(departments))
            for p in mentors
        ],
        np.int64,
    )

    e_ids = {p.id for p in mentees}
    m_ids = {p.id for p in mentors}
    chain_pairs = [(e.id, c) for e in mentees for c in e.chain if c in m_ids]
    chain_pairs += [(c, j.id) for j in mentors for c in j.chain if c in e_ids]
    chain_codes = _codes(problem, chain_pairs)
    forbidden_codes = _codes(problem, problem.forbidden)
    w = problem.weights
    ms = slot_matrix(mentors)
    compiled = Compiled(
        n=n,
        m=m,
        weights=np.array([w.skills, w.availability, w.preferences, w.cross_department]),
        cur=cur,
        tgt=tgt,
        pri=pri,
        den=den,
        anum=anum,
        slots=slot_matrix(mentees),
        has_slots=np.array([bool(p.slots) for p in mentees], bool),
        pref=pref_e,
        ptable=ptable,
        lang=lang_e,
        ltable=ltable,
        dep=dep_e,
        capacity=np.array([p.capacity for p in mentors], np.int64),
        chain_codes=chain_codes,
        forbidden_codes=forbidden_codes,
        excluded_codes=sorted_unique(np.concatenate([chain_codes, forbidden_codes])),
        mentors=Side(
            idx=np.arange(m),
            bnum=bnum,
            lev=mlev,
            slots=ms,
            has_slots=np.array([bool(p.slots) for p in mentors], bool),
            pref=pref_m,
            lang=lang_m,
            dep=dep_m,
        ),
    )
    problem._cache["compiled"] = compiled
    return compiled


def side(cm: Compiled, cols: np.ndarray) -> Side:
    """Mentor arrays restricted to ``cols`` (kept contiguous for the matrix products)."""
    s = cm.mentors
    return Side(
        idx=np.asarray(cols, np.int64),
        bnum=np.ascontiguousarray(s.bnum[cols]),
        lev=s.lev[cols],
        slots=np.ascontiguousarray(s.slots[cols]),
        has_slots=s.has_slots[cols],
        pref=s.pref[cols],
        lang=s.lang[cols],
        dep=s.dep[cols],
    )


def _term_units(cm: Compiled, num, den, ov, has_both, pval, cross) -> np.ndarray:
    """The documented formula on component arrays (any broadcastable shapes).

    Returns the four weighted terms in units, stacked on a new first axis.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        f = np.where(den > 0, num / np.maximum(den, 1), 0.0)
    a = np.where(has_both, np.minimum(ov, 3) / 3.0, 0.5)
    w = cm.weights
    scale = float(UNITS)
    return np.stack(
        [
            np.rint(w[0] * f * scale),
            np.rint(w[1] * a * scale),
            np.rint(w[2] * pval * scale),
            np.rint(w[3] * cross.astype(np.float64) * scale),
        ]
    ).astype(np.int64)


def block_units(cm: Compiled, rows: np.ndarray, cols: Side) -> tuple[np.ndarray, np.ndarray]:
    """Exact units and feasibility for every pair in ``rows`` x ``cols``.

    Returns (units (b, c) int64 with -1 where infeasible, feasible (b, c) bool).
    """
    num = cm.anum[rows] @ cols.bnum.T  # small integers: exact in float64
    ov = cm.slots[rows] @ cols.slots.T
    has_both = cm.has_slots[rows, None] & cols.has_slots[None, :]
    pval = cm.ptable[cm.pref[rows][:, None], cols.pref[None, :]]
    de = cm.dep[rows][:, None]
    cross = (de >= 0) & (cols.dep[None, :] >= 0) & (de != cols.dep[None, :])
    units = _term_units(cm, num, cm.den[rows][:, None], ov, has_both, pval, cross).sum(axis=0)
    feasible = feasible_block(cm, rows, cols)
    units[~feasible] = -1
    return units, feasible


def feasible_block(cm: Compiled, rows: np.ndarray, cols: Side, kinds: str = "lce") -> np.ndarray:
    """Hard-constraint mask for ``rows`` x ``cols``: l = language, c = chain, e = forbidden."""
    mask = np.ones((len(rows), len(cols.idx)), bool)
    if "l" in kinds:
        mask &= cm.ltable[cm.lang[rows][:, None], cols.lang[None, :]]
    for kind, codes in (("c", cm.chain_codes), ("e", cm.forbidden_codes)):
        if kind in kinds and len(codes):
            _clear_codes(mask, codes, cm.m, rows, cols.idx)
    return mask


def _clear_codes(mask: np.ndarray, codes: np.ndarray, m: int, rows, cols) -> None:
    """Set mask[r, c] = False for every (rows[r], cols[c]) whose code i*m+j is in codes."""
    r, c = code_positions(codes, m, rows, cols)
    mask[r, c] = False


def code_positions(codes: np.ndarray, m: int, rows, cols) -> tuple[np.ndarray, np.ndarray]:
    """Block positions (r, c) of the pairs (rows[r], cols[c]) listed in sorted ``codes``
    (code = mentee index * m + mentor index); ``rows`` must be sorted."""
    rows = np.asarray(rows)
    empty = np.zeros(0, np.int64)
    if not len(codes) or not len(rows):
        return empty, empty
    lo, hi = np.searchsorted(codes, [rows.min() * m, (rows.max() + 1) * m])
    sel = codes[lo:hi]
    if not len(sel):
        return empty, empty
    i, j = np.divmod(sel, m)
    r = np.minimum(np.searchsorted(rows, i), len(rows) - 1)
    col_pos = np.full(m, -1, np.int64)
    col_pos[cols] = np.arange(len(cols))
    c = col_pos[j]
    ok = (rows[r] == i) & (c >= 0)
    return r[ok], c[ok]


def pair_feasible(cm: Compiled, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Hard constraints for the pairs (i[k], j[k])."""
    ok = cm.ltable[cm.lang[i], cm.mentors.lang[j]]
    if len(cm.excluded_codes):
        codes = i * cm.m + j
        pos = np.minimum(np.searchsorted(cm.excluded_codes, codes), len(cm.excluded_codes) - 1)
        ok &= cm.excluded_codes[pos] != codes
    return ok


def pair_terms(cm: Compiled, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Units of the four weighted terms for the pairs (i[k], j[k]); shape (4, len(i))."""
    out = np.empty((4, len(i)), np.int64)
    s = cm.mentors
    step = 65536
    for lo in range(0, len(i), step):
        ii, jj = i[lo : lo + step], j[lo : lo + step]
        c = cm.cur[ii]
        g = np.maximum(0, cm.tgt[ii] - c)
        u = np.minimum(g, np.maximum(0, s.lev[jj] - c))
        num = (cm.pri[ii].astype(np.int64) * u).sum(axis=1).astype(np.float64)
        ov = np.einsum("kl,kl->k", cm.slots[ii], s.slots[jj])
        has_both = cm.has_slots[ii] & s.has_slots[jj]
        pval = cm.ptable[cm.pref[ii], s.pref[jj]]
        de, dm = cm.dep[ii], s.dep[jj]
        cross = (de >= 0) & (dm >= 0) & (de != dm)
        out[:, lo : lo + step] = _term_units(cm, num, cm.den[ii], ov, has_both, pval, cross)
    return out


def pair_units(cm: Compiled, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Total units for the pairs (i[k], j[k])."""
    return pair_terms(cm, i, j).sum(axis=0)
