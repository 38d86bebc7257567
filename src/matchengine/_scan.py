"""Block scans over mentee x mentor pairs with bounded memory.

Two layouts of the same scores:

- exact: integer score units from the component formula (``scoring.block_units``);
- fast: one float32 matrix product per block. Every term but the availability cap is
  linear in per-person vectors — skills thresholds scaled by w/denominator, preference and
  language *profiles* as one-hot rows against a per-mentor column of the profile table,
  "different departments" as given_i*given_j - same_department — so the whole score is
  G = A_i . B_j + min(O_ij, cap) with O the slot-overlap product.

Fast scores are bit-identical on every CPU. A float32 matrix product sums its terms in an
order (and with fused multiply-adds) chosen by the BLAS kernel for the CPU and the matrix
shape, so non-integer operands give last bits that change from one machine, or one tile
size, to the next — and with them which of two close pairs is kept. Here every operand is
an integer number of *quanta* (``fast_scale``: a power of two of score units, 1 for weights
summing to at most about 2) and every partial sum stays below 2^24, so each product and
each partial sum is an exact float32 integer whatever the summation order: the result is
the same exact integer on every kernel. The per-row scaling of the skills term is folded
into its integer operand (each threshold's weight rounded to a quantum), so the fast score
differs from the exact units by a bounded rounding (``fast_tolerance``); callers re-check
exactly whatever is near a decision.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .scoring import UNITS, Compiled, Side, block_units, code_positions, side, sorted_unique

# Allowance for the float32 arithmetic callers do on fast scores (subtracting dual prices):
# this many units per unit of weight sum, generous on purpose; the quantisation of the
# operands is added on top (fast_tolerance).
FAST_TOLERANCE_PER_WEIGHT = 200.0
# float32 represents every integer up to 2^24 exactly: operands and partial sums of the fast
# products stay within it, so their results do not depend on the order of summation.
FLOAT32_EXACT = 2**24
# Group mentees by language profile (see Kernel) when there are at most this many profiles
# and a group skips at least this share of the mentors.
MAX_LANGUAGE_GROUPS = 8
MIN_GROUP_SAVING = 0.1
# Fast scores of whole scans are kept (float32) up to this many bytes, so the pricing passes
# after the candidate scan subtract prices instead of redoing the matrix products: every
# scan of a 10,000 x 5,000 instance fits, a 100,000 x 50,000 one keeps its first tiles.
SCORE_CACHE_BYTES = 256 * 2**20


@dataclass(frozen=True)
class Scan:
    lo: int
    hi: int
    values: np.ndarray  # (b, c) units (exact int64, or float32 approximations)
    approximate: bool
    floor: float  # values <= floor are infeasible pairs


@dataclass(frozen=True)
class _Fast:
    a: np.ndarray  # (n, K) float32 mentee operand, integer quanta
    b: np.ndarray  # (c, K) float32 mentor operand, integer quanta
    x: np.ndarray  # (n, L) float32 slots (0/1) times the availability step in quanta
    y: np.ndarray  # (c, L) float32 slots (0/1)
    cap: float  # the availability term's cap in quanta (3 steps)
    quantum: float  # score units per quantum (a power of two, at least 1)
    penalty: float  # in units, a whole number of quanta


@dataclass(frozen=True)
class FastScale:
    quantum: float  # score units per quantum
    penalty: float  # units added (negatively) to pairs sharing no language
    max_thresholds: int  # most skill thresholds (nonzero skills operands) of a mentee


def fast_scale(cm: Compiled) -> FastScale:
    """The quantum of the fast scores: the least power of two (at least one unit) for which
    every partial sum of the fast products, in quanta, is bounded by 2^24.

    Bounds, in units, for a quantum q (each rounded operand is off by at most q/2):
    - A . B: the skills thresholds of a mentee sum to w_skills (plus q/2 per threshold, at
      most 4 x skills of them); preference w_p; departments 2 w_x; availability fallback
      w_a; language penalty 4 (sum w + 1);
    - slot overlap: (slots of a mentee) x w_a/3, and the cap w_a added to A . B.
    """
    w = cm.weights * UNITS
    total = float(w.sum())
    max_thresholds = int((cm.anum > 0).sum(axis=1).max(initial=0))
    max_slots = int(cm.slots.sum(axis=1).max(initial=0))
    q = 1.0
    while True:
        penalty = q * np.ceil(4 * (total + UNITS) / q)
        ab = (w[0] + w[2] + 2 * w[3] + w[1] + penalty) / q + 0.5 * max_thresholds + 4
        slots = max_slots * (w[1] / 3 / q + 0.5)
        if max(ab + w[1] / q + 1.5, slots) < FLOAT32_EXACT:
            return FastScale(q, float(penalty), max_thresholds)
        q *= 2


def fast_operands(cm: Compiled, cols: Side) -> _Fast:
    """Integer-valued float32 operands (in quanta) of the fast scores on ``cols``.

    Every value is rounded to a whole number of quanta here, in float64 and elementwise, so
    the matrix products that follow are exact (see the module docstring)."""
    scale = fast_scale(cm)
    q = scale.quantum
    w = cm.weights * UNITS
    n, c = cm.n, len(cols.idx)
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.where(cm.den > 0, (w[0] / q) / np.maximum(cm.den, 1), 0.0)
    a_parts = [np.rint(cm.anum * step[:, None])]
    b_parts = [cols.bnum]
    # preferences: one-hot mentee profile x the table column of the mentor's profile
    a_parts.append(np.eye(cm.ptable.shape[0])[cm.pref])
    b_parts.append(np.rint((w[2] / q) * cm.ptable[:, cols.pref]).T)
    # cross-department: given_i*given_j - [dep_i == dep_j]
    cross = np.rint(w[3] / q)
    n_dep = int(max(cm.dep.max(initial=-1), cols.dep.max(initial=-1))) + 1
    given_e, given_m = (cm.dep >= 0).astype(float), (cols.dep >= 0).astype(float)
    a_parts += [given_e[:, None], _one_hot(cm.dep, n_dep)]
    b_parts += [cross * given_m[:, None], -cross * _one_hot(cols.dep, n_dep)]
    # availability fallback: 0.5*w_a unless both gave slots
    half = np.rint(0.5 * w[1] / q)
    has_e, has_m = cm.has_slots.astype(float), cols.has_slots.astype(float)
    a_parts += [np.ones((n, 1)), has_e[:, None]]
    b_parts += [np.full((c, 1), half), -half * has_m[:, None]]
    # language: one-hot mentee profile x (0 or -penalty) column
    a_parts.append(np.eye(cm.ltable.shape[0])[cm.lang])
    b_parts.append(np.where(cm.ltable[:, cols.lang], 0.0, -scale.penalty / q).T)
    # + 0.0: no negative zeros, whose sign in a sum of zeros could depend on the order
    a, b = _fewer_columns(np.hstack(a_parts) + 0.0, np.hstack(b_parts) + 0.0)
    third = np.rint(w[1] / 3 / q)
    # the bound fast_scale promises, checked on the operands themselves
    reach = np.abs(a) @ np.abs(b).max(axis=0, initial=0.0) + 3 * third
    slot_reach = cm.slots.sum(axis=1) * third
    assert max(reach.max(initial=0.0), slot_reach.max(initial=0.0)) < FLOAT32_EXACT
    return _Fast(
        a=np.ascontiguousarray(a, np.float32),
        b=np.ascontiguousarray(b, np.float32),
        x=np.ascontiguousarray(cm.slots * third, np.float32),
        y=np.ascontiguousarray(cols.slots, np.float32),
        cap=float(3 * third),
        quantum=q,
        penalty=scale.penalty,
    )


def _fewer_columns(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The same products a @ b.T with fewer columns: columns zero on either side go, and
    mentor columns that are equal are kept once with the sum of their mentee columns
    (thresholds every mentor passes, e.g. levels 1 and 2 when all know a skill at 2 or
    more). Every operand stays a whole number of quanta and no partial sum grows (|x + y|
    <= |x| + |y|), so the products stay exact: the scans cost less, the scores are the same.
    """
    used = (a != 0).any(axis=0) & (b != 0).any(axis=0)
    a, b = a[:, used], b[:, used]
    if not b.shape[1]:
        return np.zeros((len(a), 1)), np.zeros((len(b), 1))
    columns = np.ascontiguousarray(b.T)
    seen: dict[bytes, int] = {}
    group = np.array([seen.setdefault(c.tobytes(), len(seen)) for c in columns], np.int64)
    first = np.r_[True, group[1:] > np.maximum.accumulate(group)[:-1]]
    # whole numbers far below 2^53: the product's sums are exact in any order
    merged = a @ np.eye(len(seen))[group]
    return merged + 0.0, np.ascontiguousarray(columns[first].T)


def _one_hot(ids: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros((len(ids), max(size, 1)))
    ok = ids >= 0
    out[np.flatnonzero(ok), ids[ok]] = 1.0
    return out


def fast_tolerance(cm: Compiled) -> float:
    """Most units a fast score, or a float32 quantity computed from it, can differ from the
    exact units: the float32 allowance plus the rounding of the operands to quanta (q/2 per
    skill threshold, per preference, department and fallback term and per slot step; 1/2
    per rounded exact term)."""
    scale = fast_scale(cm)
    rounding = scale.quantum * (0.5 * scale.max_thresholds + 3.0) + 2.0
    return FAST_TOLERANCE_PER_WEIGHT * max(1.0, float(cm.weights.sum())) + rounding


class Kernel:
    """Fast scores of row tiles against a fixed column set, into reused buffers.

    Large scans are bound by memory traffic, not arithmetic: a tile of a few hundred rows
    keeps the score buffer in cache-friendly sizes, and reusing the buffers avoids paying
    page faults on every block. ``scores`` returns a view that the next call overwrites.

    When mentees have few language profiles, :meth:`tiles` groups them by profile and each
    tile is scored only against the mentors sharing one of its languages (about a third
    fewer pairs on a French/English programme), at the cost of one copy of the mentor
    operands per group.

    Tiles scored with ``keep=True`` are kept while they fit in ``cache_bytes`` and returned
    (read-only) when the same rows are asked again: the scores are exact integers, so a kept
    tile is the one a new product would give.
    """

    def __init__(
        self,
        cm: Compiled,
        cols: Side,
        tile_rows: int,
        fast: _Fast | None = None,
        cache_bytes: int = 0,
    ):
        self.cm = cm
        self.cols = cols
        self.fast = fast if fast is not None else fast_operands(cm, cols)
        self.bt = np.ascontiguousarray(self.fast.b.T)
        self.yt = np.ascontiguousarray(self.fast.y.T)
        self.tile_rows = max(1, tile_rows)
        c = len(cols.idx)
        self._g = np.empty(self.tile_rows * c, np.float32)
        self._o = np.empty(self.tile_rows * c, np.float32)
        self.floor = -self.fast.penalty / 2
        self._kept: dict[tuple[int, int, int], tuple[np.ndarray, np.ndarray]] = {}
        self._room = cache_bytes
        # mentee language profile -> (local columns sharing a language, operands on them)
        self._groups: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        profiles = sorted_unique(cm.lang)
        if len(profiles) <= MAX_LANGUAGE_GROUPS:
            for prof in profiles.tolist():
                sel = np.flatnonzero(cm.ltable[prof, cols.lang])
                if len(sel) <= (1 - MIN_GROUP_SAVING) * c:
                    bt = np.ascontiguousarray(self.bt[:, sel])
                    self._groups[prof] = (sel, bt, np.ascontiguousarray(self.yt[:, sel]))

    def on_columns(self, local: np.ndarray, tile_rows: int) -> Kernel:
        """A kernel over the columns ``local`` (positions in this kernel's columns) sharing
        this kernel's operands: the same scores on those columns, without recomputing the
        operands."""
        f = self.fast
        fast = _Fast(
            a=f.a,
            b=np.ascontiguousarray(f.b[local]),
            x=f.x,
            y=np.ascontiguousarray(f.y[local]),
            cap=f.cap,
            quantum=f.quantum,
            penalty=f.penalty,
        )
        return Kernel(self.cm, side(self.cm, self.cols.idx[local]), tile_rows, fast)

    def tiles(self, rows: np.ndarray) -> Iterator[tuple[np.ndarray, int, np.ndarray | None]]:
        """Row tiles of the sorted global mentee indices ``rows``: (local positions, in
        increasing order; group for :meth:`scores`; local columns scored, None for all).
        Rows whose language group shares a language with no mentor are skipped."""
        lang = self.cm.lang[rows]
        grouped = np.zeros(self.cm.ltable.shape[0], bool)
        grouped[list(self._groups)] = True
        key = np.where(grouped[lang], lang, -1)
        order = np.argsort(key, kind="stable")
        keys = key[order]
        starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else []
        ends = [*starts[1:], len(keys)]
        for start, end in zip(starts, ends, strict=True):
            group = int(keys[start])
            sel = self._groups[group][0] if group >= 0 else None
            if sel is not None and not len(sel):
                continue
            for lo in range(start, end, self.tile_rows):
                yield order[lo : min(end, lo + self.tile_rows)], group, sel

    def spare(self, shape: tuple[int, int]) -> np.ndarray:
        """A float32 buffer of ``shape`` (at most a tile) that :meth:`scores` does not return
        and that the next call may overwrite."""
        return self._o[: shape[0] * shape[1]].reshape(shape)

    def scores(self, rows: np.ndarray, group: int = -1, keep: bool = False) -> np.ndarray:
        """float32 scores (in units) of the sorted global mentee indices ``rows`` (at most
        ``tile_rows``) x the columns of ``group`` (all for -1); infeasible pairs are at
        about -penalty. With ``keep`` the tile is kept (see the class) and must not be
        written to; otherwise the result is a buffer the next call overwrites."""
        key = (group, int(rows[0]), len(rows)) if keep and len(rows) else None
        kept = self._kept.get(key) if key is not None else None
        if kept is not None and np.array_equal(kept[0], rows):
            return kept[1]
        width = len(self.cols.idx) if group < 0 else len(self._groups[group][0])
        size = len(rows) * width * 4
        if key is None or size > self._room:
            return self._score(rows, group, self._g)
        # scored straight into the kept array: no copy of the buffer
        self._room -= size
        g = self._score(rows, group, np.empty(len(rows) * width, np.float32))
        g.flags.writeable = False
        self._kept[key] = (rows.copy(), g)
        return g

    def _score(self, rows: np.ndarray, group: int, out: np.ndarray) -> np.ndarray:
        if group >= 0:
            sel, bt, yt = self._groups[group]
            col_idx = self.cols.idx[sel]
        else:
            bt, yt, col_idx = self.bt, self.yt, self.cols.idx
        b, w = len(rows), len(col_idx)
        g = out[: b * w].reshape(b, w)
        o = self._o[: b * w].reshape(b, w)
        np.matmul(self.fast.a[rows], bt, out=g)
        np.matmul(self.fast.x[rows], yt, out=o)
        np.minimum(o, self.fast.cap, out=o)
        g += o
        if self.fast.quantum != 1.0:
            g *= self.fast.quantum  # a power of two: exact
        r, c = code_positions(self.cm.excluded_codes, self.cm.m, rows, col_idx)
        g[r, c] = -self.fast.penalty
        return g


def tile_rows_for(cols: int, block_pairs: int) -> int:
    return max(1, block_pairs // max(1, cols))


def scan_blocks(cm: Compiled, rows: np.ndarray, cols: Side, block_pairs: int) -> Iterator[Scan]:
    """Yield exact row blocks rows[lo:hi] x cols, each of about ``block_pairs`` pairs at most
    (fast scans go through :class:`Kernel`, tile by tile)."""
    step = max(1, block_pairs // max(1, len(cols.idx)))
    for lo in range(0, len(rows), step):
        hi = min(len(rows), lo + step)
        units, _ = block_units(cm, rows[lo:hi], cols)
        yield Scan(lo, hi, units, False, -0.5)
