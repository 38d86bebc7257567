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


def scan_blocks(
    cm: Compiled,
    rows: np.ndarray,
    cols: Side,
    block_pairs: int,
    *,
    exact: bool = True,
    fast: _Fast | None = None,
) -> Iterator[Scan]:
    """Yield row blocks rows[lo:hi] x cols, each of about ``block_pairs`` pairs at most."""
    mc = max(1, len(cols.idx))
    step = max(1, block_pairs // mc)
    if not exact and fast is None:
        fast = fast_operands(cm, cols)
    for lo in range(0, len(rows), step):
        hi = min(len(rows), lo + step)
        blk = rows[lo:hi]
        if exact:
            units, _ = block_units(cm, blk, cols)
            yield Scan(lo, hi, units, False, -0.5)
            continue
        assert fast is not None
        g = fast.a[blk] @ fast.b.T
        o = fast.x[blk] @ fast.y.T
        np.minimum(o, fast.cap, out=o)
        g += o
        r, c = code_positions(cm.excluded_codes, cm.m, blk, cols.idx)
        g[r, c] = -fast.penalty
        yield Scan(lo, hi, g, True, -fast.penalty / 2)
