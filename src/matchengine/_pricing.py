"""Pricing with fast scans: pairs that could improve the result, and a proven bound.

Given dual potentials (u, v) of the candidate optimum, a pair improves the result only if
its reduced cost w_ij - u_i - v_j is positive. One pass over every pair (fast float32
scores, row tiles) flags the pairs whose approximate reduced cost is within the scan
tolerance of positive, keeps the most promising few per row, and re-checks those exactly in
integers. A row whose kept pairs all fail the exact check while more were flagged, and
whose last kept pair is within the tolerance of improving (so a cut pair might improve),
is re-scanned exactly, so "nothing to add" is a certificate, never a float32 artefact.
With a look-ahead ``margin`` the pass also returns pairs just short of improving.

The same pass gives, for each mentee, an upper bound on max_j (w_ij - v_j) over every
feasible pair, from which the caller builds a dual-feasible (u', v) and so an upper bound
on the optimum of the full problem.
"""

from __future__ import annotations

import numpy as np

from ._scan import Kernel, fast_tolerance
from .scoring import Compiled, block_units, pair_feasible, pair_units

# Approximate candidates kept per row and tile before the exact re-check.
KEEP_PER_ROW = 16


def _top_per_row(i, j, gain, k):
    order = np.lexsort((j, -gain, i))
    i, j, gain = i[order], j[order], gain[order]
    start = np.searchsorted(i, i)
    keep = np.arange(len(i)) - start < k
    return i[keep], j[keep], gain[keep]


def price_fast(
    cm: Compiled,
    rows: np.ndarray,
    kernel: Kernel,
    big: int,
    u: np.ndarray,
    v: np.ndarray,
    add_per_row: int,
    want_bound: bool,
    margin: int = 0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs whose reduced cost w_ij - u_i - v_j exceeds -``margin`` (local indices, at
    most ``add_per_row`` per row, best first: a row with an improving pair lists it first)
    and, when ``want_bound``, per-row upper bounds of max_j w_ij - v_j (0 for rows with no
    feasible pair), in integer units including ``big``."""
    n_r = len(rows)
    tol = fast_tolerance(cm)
    v64 = v.astype(np.float64)
    t = (u - big - margin).astype(np.float64)  # a pair is wanted iff s_ij - v_j > t_i
    penalty = kernel.fast.penalty
    # float32 keeps its ~0.1-unit precision only while v is narrow: shift it by its minimum
    # and fall back to float64 when its spread (e.g. big on some mentors) is too wide.
    off = float(v64.min()) if len(v64) else 0.0
    narrow = len(v64) == 0 or float(v64.max()) - off < penalty / 4
    # feasible pairs sit above sep after the shift, infeasible ones (about -penalty) below
    sep = -penalty / 2
    vs = (v64 - off).astype(np.float32 if narrow else np.float64)
    # r_ij = s_ij - (v_j - off), so a pair improves iff r_ij > t_i + off. When every mentor
    # has a price (scarce places: all of them full, off near big) the shift is as large as
    # big itself, and getting its sign wrong flags nearly every pair.
    t_shift = t + off
    row_best = np.zeros(n_r, np.int64)
    found_i, found_j = [], []
    crowded = []
    for loc, group, sel in kernel.tiles(rows):
        g = kernel.scores(rows[loc], group, keep=True)
        vsel = vs if sel is None else vs[sel]
        if narrow:
            r = np.subtract(g, vsel[None, :], out=kernel.spare(g.shape))
        else:
            r = np.where(g > kernel.floor, g.astype(np.float64) - vsel[None, :], -np.inf)
        if want_bound:
            best = r.max(axis=1).astype(np.float64)
            has = best > sep if narrow else np.isfinite(best)
            row_best[loc] = np.where(has, np.ceil(best - off + tol) + big, 0).astype(np.int64)
        thr = (t_shift[loc] - tol).astype(r.dtype)
        if narrow:
            thr = np.maximum(thr, np.float32(sep))
        flat = np.flatnonzero(r > thr[:, None])  # several times faster than a 2-d nonzero
        bi, bj = np.divmod(flat, r.shape[1])
        if not len(bi):
            continue
        gain = r[bi, bj].astype(np.float64) - t_shift[loc[bi]]
        count = np.bincount(bi, minlength=len(loc))
        bi, bj, gain = _top_per_row(bi, bj, gain, KEEP_PER_ROW)
        # a pair cut from its row scores no better than the last one kept (gain here is the
        # approximate reduced cost plus the margin): it can improve only if that one is
        # within the scan tolerance of improving
        cut = np.full(len(loc), np.inf)
        np.minimum.at(cut, bi, gain)
        crowded.append(loc[(count > KEEP_PER_ROW) & (cut - margin + tol > 0)])
        found_i.append(loc[bi])
        found_j.append(bj if sel is None else sel[bj])
    empty = np.zeros(0, np.int64)
    i = np.concatenate(found_i).astype(np.int64) if found_i else empty
    j = np.concatenate(found_j).astype(np.int64) if found_j else empty
    gi, gj = rows[i], kernel.cols.idx[j]
    ok = pair_feasible(cm, gi, gj)
    i, j, gi, gj = i[ok], j[ok], gi[ok], gj[ok]
    gain = big + pair_units(cm, gi, gj) - u[i] - v[j]
    pos = gain > -margin
    i, j, gain = i[pos], j[pos], gain[pos]
    # rows whose flagged pairs were cut to KEEP_PER_ROW and kept none that really improves:
    # a cut pair might still improve, so look at those rows exactly (all of their pairs)
    # (boolean row masks rather than np.setdiff1d / np.isin, which import numpy.ma)
    improving = np.zeros(n_r, bool)
    improving[i[gain > 0]] = True
    doubt = np.concatenate(crowded) if crowded else empty
    doubt = np.sort(doubt[~improving[doubt]])
    if len(doubt):
        in_doubt = np.zeros(n_r, bool)
        in_doubt[doubt] = True
        keep = ~in_doubt[i]
        i, j, gain = i[keep], j[keep], gain[keep]
        for lo in range(0, len(doubt), 256):
            part = doubt[lo : lo + 256]
            units, feasible = block_units(cm, rows[part], kernel.cols)
            exact_gain = big + units - u[part, None] - v[None, :]
            di, dj = np.nonzero(feasible & (exact_gain > -margin))
            i = np.concatenate([i, part[di]])
            j = np.concatenate([j, dj])
            gain = np.concatenate([gain, exact_gain[di, dj]])
    i, j, _ = _top_per_row(i, j, gain, add_per_row)
    return i, j, row_best
