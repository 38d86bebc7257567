"""Block scans over mentee x mentor pairs with bounded memory.

Two layouts of the same scores:

- exact: integer score units from the component formula (``scoring.block_units``);
- fast: one float32 matrix product per block. Every term but the availability cap is
  linear in per-person vectors — skills numerator scaled by w/denominator, preference and
  language *profiles* as one-hot rows against a per-mentor column of the profile table,
  "different departments" as given_i*given_j - same_department — so the whole score is
  G = A_i . B_j + min(O_ij, w_a) with O the slot-overlap product. The result is within a
  small tolerance of the exact units; callers re-check exactly whatever is near a decision.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .scoring import UNITS, Compiled, Side, block_units, code_positions

# Fast-scan scores are off by at most this many units per unit of weight sum (float32
# products of at most a few hundred terms bounded by the weight sum); generous on purpose.
FAST_TOLERANCE_PER_WEIGHT = 200.0
# Group mentees by language profile (see Kernel) when there are at most this many profiles
# and a group skips at least this share of the mentors.
MAX_LANGUAGE_GROUPS = 8
MIN_GROUP_SAVING = 0.1


@dataclass(frozen=True)
class Scan:
    lo: int
    hi: int
    values: np.ndarray  # (b, c) units (exact int64, or float32 approximations)
    approximate: bool
    floor: float  # values <= floor are infeasible pairs


@dataclass(frozen=True)
class _Fast:
    a: np.ndarray  # (n, K) float32 mentee operand
    b: np.ndarray  # (c, K) float32 mentor operand
    x: np.ndarray  # (n, L) float32 slots scaled by w_a/3 in units
    y: np.ndarray  # (c, L) float32 slots
    cap: float  # w_a in units: the availability term's cap
    penalty: float


def fast_operands(cm: Compiled, cols: Side) -> _Fast:
    w = cm.weights * UNITS
    n, c = cm.n, len(cols.idx)
    penalty = float(4 * (w.sum() + UNITS))
    with np.errstate(divide="ignore"):
        scale = np.where(cm.den > 0, w[0] / np.maximum(cm.den, 1), 0.0)
    a_parts = [cm.anum * scale[:, None]]
    b_parts = [cols.bnum]
    # preferences: one-hot mentee profile x the table column of the mentor's profile
    a_parts.append(np.eye(cm.ptable.shape[0])[cm.pref])
    b_parts.append((w[2] * cm.ptable[:, cols.pref]).T)
    # cross-department: given_i*given_j - [dep_i == dep_j]
    n_dep = int(max(cm.dep.max(initial=-1), cols.dep.max(initial=-1))) + 1
    given_e, given_m = (cm.dep >= 0).astype(float), (cols.dep >= 0).astype(float)
    a_parts += [w[3] * given_e[:, None], -w[3] * _one_hot(cm.dep, n_dep)]
    b_parts += [given_m[:, None], _one_hot(cols.dep, n_dep)]
    # availability fallback: 0.5*w_a unless both gave slots
    has_e, has_m = cm.has_slots.astype(float), cols.has_slots.astype(float)
    a_parts += [np.ones((n, 1)), has_e[:, None]]
    b_parts += [np.full((c, 1), 0.5 * w[1]), -0.5 * w[1] * has_m[:, None]]
    # language: one-hot mentee profile x (0 or -penalty) column
    a_parts.append(np.eye(cm.ltable.shape[0])[cm.lang])
    b_parts.append(np.where(cm.ltable[:, cols.lang], 0.0, -penalty).T)
    return _Fast(
        a=np.ascontiguousarray(np.hstack(a_parts), np.float32),
        b=np.ascontiguousarray(np.hstack(b_parts), np.float32),
        x=np.ascontiguousarray(cm.slots * (w[1] / 3.0), np.float32),
        y=np.ascontiguousarray(cols.slots, np.float32),
        cap=float(w[1]),
        penalty=penalty,
    )


def _one_hot(ids: np.ndarray, size: int) -> np.ndarray:
    out = np.zeros((len(ids), max(size, 1)))
    ok = ids >= 0
    out[np.flatnonzero(ok), ids[ok]] = 1.0
    return out


def fast_tolerance(cm: Compiled) -> float:
    return FAST_TOLERANCE_PER_WEIGHT * max(1.0, float(cm.weights.sum()))


class Kernel:
    """Fast scores of row tiles against a fixed column set, into reused buffers.

    Large scans are bound by memory traffic, not arithmetic: a tile of a few hundred rows
    keeps the score buffer in cache-friendly sizes, and reusing the buffers avoids paying
    page faults on every block. ``scores`` returns a view that the next call overwrites.

    When mentees have few language profiles, :meth:`tiles` groups them by profile and each
    tile is scored only against the mentors sharing one of its languages (about a third
    fewer pairs on a French/English programme), at the cost of one copy of the mentor
    operands per group.
    """

    def __init__(self, cm: Compiled, cols: Side, tile_rows: int, fast: _Fast | None = None):
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
        # mentee language profile -> (local columns sharing a language, operands on them)
        self._groups: dict[int, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        profiles = np.unique(cm.lang)
        if len(profiles) <= MAX_LANGUAGE_GROUPS:
            for prof in profiles.tolist():
                sel = np.flatnonzero(cm.ltable[prof, cols.lang])
                if len(sel) <= (1 - MIN_GROUP_SAVING) * c:
                    bt = np.ascontiguousarray(self.bt[:, sel])
                    self._groups[prof] = (sel, bt, np.ascontiguousarray(self.yt[:, sel]))

    def tiles(self, rows: np.ndarray) -> Iterator[tuple[np.ndarray, int, np.ndarray | None]]:
        """Row tiles of the sorted global mentee indices ``rows``: (local positions, in
        increasing order; group for :meth:`scores`; local columns scored, None for all).
        Rows whose language group shares a language with no mentor are skipped."""
        lang = self.cm.lang[rows]
        key = np.where(np.isin(lang, list(self._groups)), lang, -1)
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

    def scores(self, rows: np.ndarray, group: int = -1) -> np.ndarray:
        """float32 scores (in units) of the sorted global mentee indices ``rows`` (at most
        ``tile_rows``) x the columns of ``group`` (all for -1); infeasible pairs are at
        about -penalty."""
        if group >= 0:
            sel, bt, yt = self._groups[group]
            col_idx = self.cols.idx[sel]
        else:
            bt, yt, col_idx = self.bt, self.yt, self.cols.idx
        b, w = len(rows), len(col_idx)
        g = self._g[: b * w].reshape(b, w)
        o = self._o[: b * w].reshape(b, w)
        np.matmul(self.fast.a[rows], bt, out=g)
        np.matmul(self.fast.x[rows], yt, out=o)
        np.minimum(o, self.fast.cap, out=o)
        g += o
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
