"""Two-sided top-k candidates on very large instances, without sorting every pair.

Partitioning every row of a 10^5 x 5*10^4 score matrix costs minutes; comparing it with a
threshold costs a fraction of a nanosecond a pair. So each pair is kept only when it beats
a per-row or a per-column threshold, and the exact top-k is taken among the few survivors:

- row thresholds: the r-th best score of each row on a strided sample of the columns, with
  r chosen so that about ``OVERSAMPLE * k`` pairs of a row survive. A row that ends with
  fewer than k survivors (an unlucky sample) is partitioned in full: its scores are at hand.
- column thresholds: the k-th best score of each column on a strided sample of the rows (a
  lower bound of the column's true k-th best, so no top-k pair is lost), raised as the scan
  goes to the k-th best seen so far.

The result is exactly each row's and each column's k best pairs by the fast (float32)
scores, which are bit-identical on every CPU (``_scan``). Ties never depend on how a
partition happens to order equal values (numpy picks its partition code by CPU features):
within a row they go to the lowest column, within a column to the row scanned first (a
stable sort in scan order), so the candidates are the same on every machine.
"""

from __future__ import annotations

import numpy as np

from ._scan import Kernel
from .scoring import Compiled, Side, sorted_unique

OVERSAMPLE = 4
SAMPLE = 1024
# Column survivors are merged into the running top-k whenever this many are pending.
MERGE_AT = 500_000
# A row with more than ROW_CAP * k survivors (many ties) is partitioned in full.
ROW_CAP = 8 * OVERSAMPLE


def _strided(count: int, size: int) -> np.ndarray:
    return sorted_unique(np.linspace(0, count - 1, min(count, size)).astype(np.int64))


def _kth_best(values: np.ndarray, k: int, axis: int) -> np.ndarray:
    size = values.shape[axis]
    k = min(k, size)
    return np.partition(values, size - k, axis=axis).take(size - k, axis=axis)


def _descending_key(val: np.ndarray) -> np.ndarray:
    """uint32 keys whose ascending order is the descending order of float32 ``val``."""
    bits = (val.astype(np.float32) + np.float32(0)).view(np.uint32)  # -0.0 -> 0.0
    asc = np.where(bits >> 31, ~bits, bits | np.uint32(1 << 31))
    return ~asc


_LOW = np.uint64(0xFFFFFFFF)
_NO_PAIR = np.iinfo(np.uint64).max


def _pair_key(val: np.ndarray, col: np.ndarray) -> np.ndarray:
    """uint64 keys, unique within a row, ascending = best score first, then lowest column:
    a partition of them selects the same pairs whatever order it leaves equal values in."""
    return (_descending_key(val).astype(np.uint64) << np.uint64(32)) | col.astype(np.uint64)


def _k_smallest(keys: np.ndarray, k: int) -> np.ndarray:
    """The k smallest keys of each row (in no particular order)."""
    return np.partition(keys, k - 1, axis=1)[:, :k]


def _best_per_group(group, other, val, k):
    """The k best entries of each group by value (ties in a fixed order): one stable sort
    of a single int64 key, much cheaper than a three-key lexsort."""
    key = (group.astype(np.int64) << 32) | _descending_key(val).astype(np.int64)
    order = np.argsort(key, kind="stable")
    group, other, val = group[order], other[order], val[order]
    start = np.searchsorted(group, group)
    keep = np.arange(len(group)) - start < k
    return group[keep], other[keep], val[keep]


def _rank_in_row(rows: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Position of each entry among the entries of its row (``rows`` sorted)."""
    return np.arange(len(rows)) - (np.cumsum(counts) - counts)[rows]


def _row_top_k(g, bi, bj, val, thr, k, floor):
    """Each row's k best columns from the survivors (bi, bj, val) of a tile ``g``.

    Rows with a usual number of survivors go through one padded partition; rows with too
    few (an unlucky sample) or very many (ties) are partitioned in full, from ``g``.
    """
    b, mc = g.shape
    cap = ROW_CAP * k
    on_row = val >= thr[bi]
    bi, bj, val = bi[on_row], bj[on_row], val[on_row]
    # Scores are discrete, so many pairs can tie with a row's threshold: pad the pairs
    # strictly above it first, then as many tied ones as fit (any of them is as good).
    above = val > thr[bi]
    n_above = np.bincount(bi[above], minlength=b)
    n_tied = np.bincount(bi[~above], minlength=b)
    pos = np.empty(len(bi), np.int64)
    pos[above] = _rank_in_row(bi[above], n_above)
    pos[~above] = n_above[bi[~above]] + _rank_in_row(bi[~above], n_tied)
    count = n_above + n_tied
    usual = (count >= k) & (n_above <= cap)
    sel = usual[bi] & (pos < cap)
    bi, bj, val, pos = bi[sel], bj[sel], val[sel], pos[sel]
    width = int(np.minimum(np.where(usual, count, 0), cap).max(initial=0))
    parts_i, parts_j = [], []
    rows = np.flatnonzero(usual)
    if len(rows):
        # tied pairs kept above are those of the lowest columns (flat order), so the k
        # smallest keys are the row's k best pairs, ties to the lowest column
        pad = np.full((b, width), _NO_PAIR, np.uint64)
        pad[bi, pos] = _pair_key(val, bj)
        parts_i.append(np.repeat(rows, k))
        parts_j.append((_k_smallest(pad[rows], k) & _LOW).astype(np.int64).ravel())
    other = np.flatnonzero(~usual)
    if len(other):
        kk = min(k, mc)
        keys = _pair_key(g[other], np.broadcast_to(np.arange(mc), (len(other), mc)))
        pick = (_k_smallest(keys, kk) & _LOW).astype(np.int64)
        ok = np.take_along_axis(g[other], pick, axis=1) > floor
        parts_i.append(np.repeat(other, kk)[ok.ravel()])
        parts_j.append(pick[ok])
    if not parts_i:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(parts_i), np.concatenate(parts_j)


def threshold_top_k(
    cm: Compiled, rows: np.ndarray, cols: Side, k: int, kernel: Kernel
) -> tuple[np.ndarray, np.ndarray]:
    """Local (row, column) indices of each row's and each column's k best feasible pairs."""
    n_r, mc = len(rows), len(cols.idx)
    floor = np.float32(kernel.floor)
    tile = kernel.tile_rows

    # Row thresholds from a column sample (a small kernel over the sampled columns).
    cs = _strided(mc, SAMPLE)
    r = int(np.clip(round(OVERSAMPLE * k * len(cs) / mc), 1, len(cs)))
    sample_kernel = kernel.on_columns(cs, max(tile, 4096))
    row_thr = np.empty(n_r, np.float32)
    for lo in range(0, n_r, sample_kernel.tile_rows):
        hi = min(n_r, lo + sample_kernel.tile_rows)
        row_thr[lo:hi] = _kth_best(sample_kernel.scores(rows[lo:hi]), r, axis=1)
    del sample_kernel
    row_thr = np.maximum(row_thr, floor)

    # Column thresholds from a row sample: its k-th best never exceeds the column's.
    rs = _strided(n_r, SAMPLE)
    col_thr = np.full(mc, floor, np.float32)
    best = None
    for lo in range(0, len(rs), tile):
        g = kernel.scores(rows[rs[lo : lo + tile]])
        both = g if best is None else np.concatenate([best, g])
        if len(both) > k:
            both = np.partition(both, len(both) - k, axis=0)[len(both) - k :]
        best = both.copy()  # g is the kernel's buffer
    if best is not None and len(best) >= k:
        col_thr = np.maximum(col_thr, best.min(axis=0))

    parts_i, parts_j = [], []
    pending: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    n_pending = 0
    kept = (np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.float32))

    def merge(kept, pending):
        """Fold pending column survivors into each column's k best; raise thresholds."""
        ci, cj, cv = (np.concatenate([kept[x], *(p[x] for p in pending)]) for x in range(3))
        cj, ci, cv = _best_per_group(cj, ci, cv, k)
        # a column with k kept pairs needs nothing below its k-th best from now on
        last = np.flatnonzero(np.r_[cj[1:] != cj[:-1], len(cj) > 0])
        first = np.searchsorted(cj, cj[last])
        full = last[last - first + 1 >= k]
        col_thr[cj[full]] = np.maximum(col_thr[cj[full]], cv[full])
        return ci, cj, cv

    for loc, group, sel in kernel.tiles(rows):
        g = kernel.scores(rows[loc], group, keep=True)
        ct = col_thr if sel is None else col_thr[sel]
        mask = g >= row_thr[loc, None]
        mask |= g >= ct[None, :]
        # flat indices: several times faster than a 2-d nonzero
        flat = np.flatnonzero(mask)
        bi, bj = np.divmod(flat, g.shape[1])
        val = g.ravel()[flat]
        ri, rj = _row_top_k(g, bi, bj, val, row_thr[loc], k, floor)
        parts_i.append(loc[ri])
        parts_j.append(rj if sel is None else sel[rj])
        # columns: everything above the running threshold, merged now and then
        on_col = val >= ct[bj]
        cj = bj[on_col]
        pending.append((loc[bi[on_col]], cj if sel is None else sel[cj], val[on_col]))
        n_pending += len(cj)
        if n_pending >= MERGE_AT:
            kept = merge(kept, pending)
            pending, n_pending = [], 0
    kept = merge(kept, pending)
    parts_i.append(kept[0])
    parts_j.append(kept[1])
    return np.concatenate(parts_i).astype(np.int64), np.concatenate(parts_j).astype(np.int64)
