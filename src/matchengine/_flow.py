"""Maximum-weight b-matching on a sparse bipartite graph, and its dual potentials.

Primal: maximise sum w_e x_e with each mentee in at most one edge and mentor j in at most
cap_j edges. Weights are positive int64 (a big constant plus the score units), so the
optimum first matches as many mentees as possible, then maximises the score.

Two independent primal solvers: OR-Tools' min-cost flow (capacities as arc capacities, fast
at scale) and scipy's LAPJVsp on the capacity-expanded graph (used when OR-Tools is absent,
and by the tests as a cross-check). Neither returns duals, so ``dual_potentials`` recovers
them from the primal with a longest-path computation; they certify optimality on the
candidate graph and price the pairs left out of it.
"""

from __future__ import annotations

import numpy as np

try:  # OR-Tools is optional: it earns its place on instances of 10^5 people.
    from ortools.graph.python import min_cost_flow as _ortools_mcf
except ImportError:  # pragma: no cover - exercised only where OR-Tools is missing
    _ortools_mcf = None


class NotOptimal(RuntimeError):
    """Dual recovery found the primal is not optimal (a solver bug, never expected)."""


def default_backend() -> str:
    return "ortools" if _ortools_mcf is not None else "scipy"


def solve_bmatching(
    n: int,
    m: int,
    ei: np.ndarray,
    ej: np.ndarray,
    w: np.ndarray,
    cap: np.ndarray,
    backend: str,
) -> np.ndarray:
    """Optimal b-matching; returns for each mentee the mentor index or -1."""
    match = np.full(n, -1, np.int64)
    if n == 0 or len(ei) == 0:
        return match
    if backend == "ortools":
        return _solve_ortools(n, m, ei, ej, w, cap)
    if backend == "scipy":
        return _solve_scipy(n, m, ei, ej, w, cap)
    raise ValueError(f"unknown backend {backend!r}")


def _solve_ortools(n, m, ei, ej, w, cap) -> np.ndarray:
    # Max flow first, then the least cost among maximum flows: the same optimum as the big
    # constant in w asks for (as many mentees as possible, then the best score), but the
    # costs only span the score units. Cost scaling runs one phase per factor of 5 in the
    # cost range, so leaving the big constant out of the costs halves the solve. Shifting
    # every pair arc by the same constant changes no maximum flow's ranking.
    flow = _ortools_mcf.SimpleMinCostFlow()
    source, sink = n + m, n + m + 1
    e = len(ei)
    tails = np.concatenate([np.full(n, source), ei, n + np.arange(m)])
    heads = np.concatenate([np.arange(n), n + ej, np.full(m, sink)])
    caps = np.concatenate([np.ones(n + e, np.int64), cap])
    costs = np.concatenate([np.zeros(n, np.int64), w.min() - w, np.zeros(m, np.int64)])
    arcs = flow.add_arcs_with_capacity_and_unit_cost(
        tails.astype(np.int64), heads.astype(np.int64), caps.astype(np.int64), costs
    )
    supplies = np.zeros(n + m + 2, np.int64)
    supplies[source], supplies[sink] = n, -n
    flow.set_nodes_supplies(np.arange(n + m + 2), supplies)
    status = flow.solve_max_flow_with_min_cost()
    if status != flow.OPTIMAL:
        raise RuntimeError(f"min-cost flow failed: {status}")
    used = flow.flows(arcs[n : n + e]) > 0
    match = np.full(n, -1, np.int64)
    match[ei[used]] = ej[used]
    return match


def _solve_scipy(n, m, ei, ej, w, cap) -> np.ndarray:
    # Imported here: scipy.sparse costs about 0.4 s to import, a good share of a CLI run,
    # and only this fallback needs it.
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    # Each mentor becomes min(cap, degree) identical columns; each mentee also gets a private
    # "unmatched" column, so a full matching always exists.
    deg = np.bincount(ej, minlength=m)
    copies = np.minimum(cap, deg)
    first = np.concatenate([[0], np.cumsum(copies)])
    rep = copies[ej]
    keep = rep > 0
    ei, ej, w, rep = ei[keep], ej[keep], w[keep], rep[keep]
    rows = np.repeat(ei, rep)
    offsets = np.arange(rep.sum()) - np.repeat(np.cumsum(rep) - rep, rep)
    cols = np.repeat(first[ej], rep) + offsets
    top = int(w.max(initial=0)) + 1
    weights = np.concatenate([top - np.repeat(w, rep), np.full(n, top)]).astype(np.float64)
    total_cols = int(first[-1]) + n
    rows = np.concatenate([rows, np.arange(n)])
    cols = np.concatenate([cols, first[-1] + np.arange(n)])
    graph = csr_matrix((weights, (rows, cols)), shape=(n, total_cols))
    row_ind, col_ind = min_weight_full_bipartite_matching(graph)
    owner = np.searchsorted(first, col_ind, side="right") - 1
    match = np.full(n, -1, np.int64)
    real = col_ind < first[-1]
    match[row_ind[real]] = owner[real]
    return match


def dual_potentials(
    n: int,
    m: int,
    ei: np.ndarray,
    ej: np.ndarray,
    w: np.ndarray,
    cap: np.ndarray,
    match: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Dual solution (u, v) >= 0 with u_i + v_j >= w_ij on every edge, complementary to
    ``match``; raises NotOptimal when none exists (the primal is then not optimal).

    With u_i = w_{i,p(i)} - v_{p(i)} for a matched mentee (0 otherwise) the constraints
    become v_j >= v_{p(i)} + w_ij - w_{i,p(i)} and v_j >= w_ij for unmatched i: the least
    v is a longest-path labelling over mentors, computed by frontier Bellman-Ford in numpy.
    """
    v = np.zeros(m, np.int64)
    if len(ei) == 0:
        return np.zeros(n, np.int64), v
    partner = match[ei]
    matched_edge = partner == ej
    w_match = np.zeros(n, np.int64)
    w_match[ei[matched_edge]] = w[matched_edge]
    free = partner < 0
    np.maximum.at(v, ej[free], w[free])
    other = (~free) & (~matched_edge)
    src, dst = partner[other], ej[other]
    gain = w[other] - w_match[ei[other]]
    order = np.argsort(src, kind="stable")
    src, dst, gain = src[order], dst[order], gain[order]
    indptr = np.searchsorted(src, np.arange(m + 1))
    frontier = np.arange(m)
    for _ in range(m + 2):
        starts, ends = indptr[frontier], indptr[frontier + 1]
        lengths = ends - starts
        if lengths.sum() == 0:
            break
        idx = np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())
        cand = v[src[idx]] + gain[idx]
        better = cand > v[dst[idx]]
        if not better.any():
            break
        before = v.copy()
        np.maximum.at(v, dst[idx[better]], cand[better])
        frontier = np.flatnonzero(v != before)
    else:
        raise NotOptimal("positive cycle in the residual graph")
    u = np.where(match >= 0, w_match - v[np.maximum(match, 0)], 0)
    load = np.bincount(match[match >= 0], minlength=m)
    if (u < 0).any() or (v[load < cap] != 0).any():
        raise NotOptimal("no complementary dual solution")
    return u, v
