"""Small-group suppression for every figure shown to sponsors.

Pure Python, no Django: the needs heat map, the sponsors' results page and their PDF report
all decide what to hide here, and only here (through :mod:`rementor.analytics.impact` and
:mod:`rementor.analytics.heatmap`); managers' pages skip it.

The rule
--------
A table has cells keyed by ``(row, col)``, each a :class:`Cell` with ``n`` (the people behind
it) and ``value`` (the statistic shown). It may show a total per row and/or per column.

1. **Primary suppression.** A cell, total or row computed from fewer than ``min_size`` people
   is never shown.
2. **Complementary suppression.** A total is the sum of its line's cells, so with the total and
   every shown cell of a line, anyone can subtract and recover what the hidden cells hold
   together. So, in every row or column whose total is shown, the hidden cells must be none,
   or at least two that together cover at least ``min_size`` people (a lone hidden cell is
   the total minus the rest, and once recovered it could unlock a small group in its other
   line). When they do not, the smallest shown cell of
   that line is hidden too (ties broken by the order of ``cells``), and every line is checked
   again, until nothing changes. The loop ends: each pass hides one more cell or stops.

What "together cover" means depends on whether a person can appear in several cells of a line.
Along a line of disjoint groups (a skill's column: every person is in one department) the
hidden cells cover the sum of their ``n``. Along a line whose cells share people (a
department's row: the same mentees answer every skill), only the largest ``n`` is a safe lower
bound; pass ``rows_share_people=True`` (or ``cols_share_people``) for those.

A total computed from fewer than ``min_size`` people is hidden like a cell; :func:`suppress`
returns :class:`Total` markers for the totals to hide (a total that would be its only cell),
and works on counts through :func:`suppress_counts`, so the labels' bounds below apply to
tables too.

3. **Nothing worked out across lines.** A reader may combine lines: two rows and a column
   can pin a cell no single line pins. Every hidden count's bounds (its label; a shown total
   of a line sharing people bounds its cells from above) are tightened through every line
   and through every combination of the disjoint lines (their reduced row echelon form)
   until nothing changes; a hidden count left with one value gets a shown figure beside it
   hidden too; when everything is hidden already and the labels alone still pin a count,
   the result holds :data:`UNLABELLED`: the page then shows every hidden figure of that table
   with one neutral word. Not covered: combining the inequalities of lines sharing people with other
   lines (only a linear programme per count would, too slow for a page).
4. **Averages at an end of their scale** (``scale``): every person behind an average of 0 or
   of the scale's top gave that answer. Such a cell or total is hidden, and so is a further
   cell of a line whose hidden cells together (the total's average minus the rest, weighted
   by ``Cell.weight`` or ``n``) average at an end.

Counts, differences and shares
------------------------------
:func:`suppress_counts` applies the same rule to counts of disjoint groups tied by sums (a
funnel stage's mentees + mentors = everyone; promoters + passives + detractors = answers) and
by differences (two stages of the same column: anyone can subtract one from the other). On top
of the above, for every line whose total is shown, no hidden part may be worked out from the
bounds the page itself gives away ("fewer than 5" means 1 to 4, "hidden*" at least 5): if a
part can take only one value, another part is hidden too. Two shown figures of a difference
must differ by 0 or by at least ``min_size``. :func:`difference` is the drop-off a page may
print. A share (a category's part of the answers) is a count in disguise: callers hide zero
categories too (0 % or 100 % says what everyone answered) and show a line's shares only when
each of them is shown.

Stepping
--------
A figure computed on every response changes with each new one, so comparing the page before
and after one person answers gives that answer away. :func:`snapshot_size` says how many of
the responses, oldest first, sponsors' figures are computed on: the longest run that ends
where the responses since the previous step come from ``step`` different people. One new
response leaves the figures unchanged unless it completes such a step (for one response per
person: the oldest ``floor(n / 5) x 5``).

Functions here only decide *what* to hide; callers must then leave hidden values out of
everything they send (HTML, JSON, exports), not merely hide them visually.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal, TypeVar

Key = tuple[Hashable, Hashable]
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Cell:
    """One aggregate: ``n`` people behind it and the ``value`` shown for them; ``weight``: what
    ``value`` averages over when not the people (answers, objectives), for the averages of
    several cells together."""

    n: int
    value: float
    weight: float | None = None


def totals(cells: Mapping[Key, Cell], *, by: Literal["row", "col"]) -> dict[Hashable, Cell]:
    """Totals per row or per column of ``cells`` whose groups are disjoint along that line.

    ``n`` is the sum of the cells' ``n``; ``value`` is their mean weighted by ``n`` (so a
    total of per-cell averages is the average over everyone in the line). Lines whose cells
    share people need their totals computed from the raw data instead.
    """
    index = 0 if by == "row" else 1
    people: dict[Hashable, int] = {}
    weighted: dict[Hashable, float] = {}
    for key, cell in cells.items():
        line = key[index]
        people[line] = people.get(line, 0) + cell.n
        weighted[line] = weighted.get(line, 0.0) + cell.n * cell.value
    return {line: Cell(n=n, value=(weighted[line] / n) if n else 0.0) for line, n in people.items()}


def too_small(groups: Mapping[Hashable, Cell], *, min_size: int) -> set[Hashable]:
    """Keys of the cells or totals that stand for fewer than ``min_size`` people."""
    return {key for key, cell in groups.items() if cell.n < min_size}


@dataclass(frozen=True)
class Total:
    """A line's total, among the keys :func:`suppress` hides: ``axis`` "row" or "col" and the
    ``line``'s key, or ``axis`` "table" (``line`` None) for the whole table's total."""

    axis: Literal["row", "col", "table"]
    line: Hashable = None


GRAND = Total("table")
# In a result: show every hidden figure of the table with one neutral word, never "fewer than
# 5" or "hidden*". Added when everything is hidden already and those labels alone (1 to 4, at
# least 5) would still let a reader work a count out.
UNLABELLED = Total("labels")


def at_end(value: float | None, scale: tuple[float, float]) -> bool:
    """An average at an end of its ``scale``: every answer behind it is that end (None, no
    average, is at no end)."""
    return value is not None and (abs(value - scale[0]) < 1e-9 or abs(value - scale[1]) < 1e-9)


def suppress(
    cells: Mapping[Key, Cell],
    *,
    min_size: int,
    row_totals: bool | Mapping[Hashable, int] = True,
    col_totals: bool | Mapping[Hashable, int] = True,
    rows_share_people: bool = False,
    cols_share_people: bool = False,
    grand_total: int | None = None,
    scale: tuple[float, float] | None = None,
    hidden: Iterable[Hashable] = (),
) -> set[Hashable]:
    """The keys of ``cells`` that must not be shown, under the module's rule, and
    :class:`Total` markers for the totals that must not be shown either.

    ``row_totals`` / ``col_totals``: ``False`` when the table shows no such totals; ``True``
    when it shows them and each is the sum of its line's cells; or a mapping line -> people
    behind that total, when it is not (lines sharing people count each person once). A total
    for fewer than ``min_size`` people is hidden (and bounds its cells like any hidden count).
    ``grand_total``: the people behind the table's own total (:data:`GRAND`), when it shows
    one: the sum of the row totals and of the column totals (along lines sharing people, at
    most that sum). ``scale``: the ends of the scale of the averages (``value``) the cells
    show; a cell or total averaging at an end says what each of its people answered, so it
    is hidden, and so is a further cell of a line whose hidden cells, taken together, average
    at an end (their average is the total's minus the rest, weighted by ``Cell.weight``, or
    ``n``). ``hidden``: cells or totals already hidden for another reason; the result always
    contains them (and passing a previous result back returns it unchanged).

    The counts are suppressed by :func:`suppress_counts`: the rows' and columns' totals are
    sums of their cells (``*_share_people=False``) or cover them (``True``).
    """
    if min_size < 1:
        raise ValueError("min_size must be at least 1")
    counts: dict[Hashable, int] = {key: cell.n for key, cell in cells.items()}
    weights: dict[Hashable, float] = {}
    sums: dict[Hashable, float] = {}
    for key, cell in cells.items():
        weights[key] = cell.n if cell.weight is None else cell.weight
        sums[key] = weights[key] * cell.value
    lines: list[tuple[Total, list[Hashable], bool]] = []
    for axis, index, shown_totals, share in (
        ("row", 0, row_totals, rows_share_people),
        ("col", 1, col_totals, cols_share_people),
    ):
        if shown_totals is False:
            continue
        members: dict[Hashable, list[Hashable]] = {}
        for key in cells:
            members.setdefault(key[index], []).append(key)
        for line, keys in members.items():
            total = Total(axis, line)
            if isinstance(shown_totals, Mapping):
                counts[total] = shown_totals.get(line, 0)
            else:
                counts[total] = sum(cells[key].n for key in keys)
            weights[total] = sum(weights[key] for key in keys)
            sums[total] = sum(sums[key] for key in keys)
            lines.append((total, keys, share))
    if grand_total is not None:
        counts[GRAND] = grand_total
        weights[GRAND] = sums[GRAND] = 0
        for axis, share in (("row", cols_share_people), ("col", rows_share_people)):
            parts = [total for total, _keys, _share in lines if total.axis == axis]
            if parts:
                weights[GRAND] = sum(weights[key] for key in parts)
                sums[GRAND] = sum(sums[key] for key in parts)
                lines.append((GRAND, parts, share))

    def mean(keys: Iterable[Hashable]) -> float | None:
        weight = sum(weights[key] for key in keys)
        return sum(sums[key] for key in keys) / weight if weight else None

    # An empty cell shows nobody (a dash), whatever is hidden: it bounds nothing.
    empty = {key for key, cell in cells.items() if not cell.n}
    result = {key for key in hidden if key in counts and key not in empty}
    result |= {key for key in hidden if key == UNLABELLED}
    if scale is not None:
        result |= {
            key for key in counts if (value := mean([key])) is not None and at_end(value, scale)
        }
    disjoint = [(total, keys) for total, keys, share in lines if not share]
    shared = [(total, keys) for total, keys, share in lines if share]
    order = {key: position for position, key in enumerate(counts)}
    while True:
        result = suppress_counts(
            counts, min_size=min_size, sums=disjoint, shared=shared, hidden=result
        )
        if scale is None:
            return result | empty
        # The hidden cells of a line with a shown total, together, are the total minus the
        # rest: averaging at an end, they say what each of their people answered.
        added = False
        for total, keys, _share in lines:
            hidden_here = [key for key in keys if key in result]
            if total in result or not hidden_here:
                continue
            combined = mean(hidden_here)
            if combined is None or not at_end(combined, scale):
                continue
            shown = [key for key in keys if key not in result and counts[key]]
            result.add(min(shown, key=lambda k: (counts[k], order[k])) if shown else total)
            added = True
            break
        if not added:
            return result | empty


def suppress_groups(
    groups: Mapping[Key, int],
    *,
    min_size: int | None,
    row_totals: bool | Mapping[Hashable, int] = False,
    col_totals: bool | Mapping[Hashable, int] = False,
    rows_share_people: bool = False,
    cols_share_people: bool = False,
    grand_total: int | None = None,
    means: Mapping[Hashable, tuple[float, float]] | None = None,
    scale: tuple[float, float] | None = None,
    hidden: Iterable[Hashable] = (),
) -> set[Hashable]:
    """:func:`suppress` for a table given as people per cell (``groups``: key -> people):
    the keys and :class:`Total` markers to hide, or nothing when ``min_size`` is None (the
    programme team sees every figure). ``means``: key -> (average shown, what it averages
    over) when the cells show averages on ``scale``. Empty groups are left out: a 0 reveals
    nobody. Tables show no totals unless ``row_totals`` / ``col_totals`` say so."""
    if min_size is None:
        return set()
    means = means or {}
    cells = {key: Cell(n, *means.get(key, (0.0, None))) for key, n in groups.items() if n}
    return suppress(
        cells,
        min_size=min_size,
        row_totals=row_totals,
        col_totals=col_totals,
        rows_share_people=rows_share_people,
        cols_share_people=cols_share_people,
        grand_total=grand_total,
        scale=scale if means else None,
        hidden=hidden,
    )


def difference(before: int | None, after: int | None, *, min_size: int | None) -> int | None:
    """``before - after`` (a drop-off) as it may be printed: only when both figures are shown
    (not None) and the difference is positive and, for sponsors (``min_size`` set), stands for
    at least ``min_size`` people."""
    if before is None or after is None or before <= after:
        return None
    drop = before - after
    return drop if min_size is None or drop >= min_size else None


def _bounds(n: int, hidden: bool, min_size: int, most: float = float("inf")) -> tuple[float, float]:
    """What a reader knows of a count from how it is shown (``most``: the size of a shown
    total that covers it)."""
    if not hidden:
        return n, n
    if n >= min_size:
        return min_size, most  # "hidden*": a group large enough, hidden to protect one
    return (1 if n else 0), min(min_size - 1, most)  # "fewer than min_size" (0: zeros hidden)


def _pinned(parts: Sequence[tuple[float, float]], rest: float, *, covers: bool = False) -> bool:
    """Whether one of the hidden ``parts`` (bounds) adding up to ``rest`` (``covers``: adding
    up to at least ``rest``, the people shared) is narrowed to one value by that sum. A part
    its own bounds already pin (a "hidden*" of a total of 5) is known anyway, but narrows the
    others."""
    for index, (lo, hi) in enumerate(parts):
        if lo >= hi:
            continue
        others = parts[:index] + parts[index + 1 :]
        smallest = max(lo, rest - sum(other_hi for _lo, other_hi in others))
        largest = hi if covers else min(hi, rest - sum(other_lo for other_lo, _hi in others))
        # One value left, or none (the bounds assumed were narrower than a reader's).
        if smallest >= largest:
            return True
    return False


def suppress_counts(
    counts: Mapping[K, int],
    *,
    min_size: int,
    sums: Mapping[K, Sequence[K]] | Iterable[tuple[K, Sequence[K]]] = (),
    shared: Iterable[tuple[K, Sequence[K]]] = (),
    differences: Iterable[tuple[K, K]] = (),
    hidden: Iterable[K] = (),
    labelled: bool = True,
) -> set[K]:
    """The keys of ``counts`` (people in disjoint groups) that must not be shown.

    ``sums``: total key -> the keys of its parts (disjoint groups adding up to it), as a
    mapping or as (total, parts) pairs (a total may be the sum of several sets of parts).
    ``shared``: (total, parts) pairs whose parts share people (a department's mentees answer
    every skill): the total counts each person once, so it is at least the largest part, at
    most their sum. ``differences``: pairs of keys a reader may subtract (the smaller count
    of a pair is hidden when they differ by 1 to ``min_size - 1``). ``hidden``: hidden for
    another reason (e.g. zero categories of a share); always in the result. ``labelled``:
    each hidden count is shown as "fewer than 5" or "hidden*", which bounds it; False when a
    reader only sees that a whole line is hidden.

    Until nothing changes: (1) a count of 1 to ``min_size - 1`` is hidden; (2) where a total
    is shown, its hidden parts are none, or at least two that together hold at least
    ``min_size`` people (along shared parts: the largest of them does) and none of which the
    bounds pin to one value (a shown shared total also bounds each part from above);
    otherwise its smallest shown non-zero part is hidden too, or, when there is none, the
    total; where a total is hidden, its parts are not all shown (the total would be their
    sum, or, shared, their only non-zero part): the smallest is hidden; (3) two shown counts
    of a difference differ by 0 or by ``min_size`` or more.
    """
    if min_size < 1:
        raise ValueError("min_size must be at least 1")
    order = {key: position for position, key in enumerate(counts)}
    result = {key for key in hidden if key in counts or key == UNLABELLED}
    result |= {key for key, n in counts.items() if 0 < n < min_size}
    # Shared lines first: in a table, a department's row before the skills' columns.
    lines = [
        (total, [key for key in parts if key in counts], True)
        for total, parts in shared
        if total in counts
    ]
    lines += [
        (total, [key for key in parts if key in counts], False)
        for total, parts in (sums.items() if isinstance(sums, Mapping) else sums)
        if total in counts
    ]
    pairs = [(a, b) for a, b in differences if a in counts and b in counts]

    def smallest(keys: Iterable[K]) -> K | None:
        candidates = [key for key in keys if key not in result and counts[key]]
        return min(candidates, key=lambda key: (counts[key], order[key]), default=None)

    def most() -> dict[K, float]:
        """Upper bounds from shown totals of shared parts."""
        bound: dict[K, float] = {}
        for total, parts, share in lines:
            if share and total not in result:
                for key in parts:
                    bound[key] = min(bound.get(key, float("inf")), counts[total])
        return bound

    changed = True
    while changed:
        changed = False
        labelled = labelled and UNLABELLED not in result
        upper = most()
        for total, parts, share in lines:
            hidden_parts = [key for key in parts if key in result]
            if total in result:
                shown = [key for key in parts if key not in result and counts[key]]
                # Disjoint: the total is the sum of its parts. Shared: the total lies between
                # their largest and their sum, one value when only one part is not zero.
                revealed = not hidden_parts if not share else not hidden_parts and len(shown) == 1
                if parts and revealed and (key := smallest(parts)) is not None:
                    result.add(key)
                    changed = True
                continue
            if not hidden_parts:
                continue
            rest = counts[total] - sum(counts[key] for key in parts if key not in result)
            bounds = [
                _bounds(counts[key], True, min_size, upper.get(key, float("inf")))
                if labelled
                else (0, float("inf"))
                for key in hidden_parts
            ]
            covered = max(counts[key] for key in hidden_parts) if share else rest
            if (
                len(hidden_parts) >= 2
                and covered >= min_size
                and not _pinned(bounds, rest, covers=share)
            ):
                continue
            key = smallest(parts)
            result.add(total if key is None else key)
            changed = True
            upper = most()
        for a, b in pairs:
            if a in result or b in result or not 0 < abs(counts[a] - counts[b]) < min_size:
                continue
            result.add(min((a, b), key=lambda key: (counts[key], order[key])))
            changed = True
        if not changed and (key := _first_worked_out(counts, result, lines, min_size, labelled)):
            # Worked out across lines (a row's sum narrows a cell, then a column pins it):
            # hide the smallest figure shown beside it, or a total shown beside it.
            beside = [line for line in lines if key == line[0] or key in line[1]]
            shown = smallest(part for _total, parts, _share in beside for part in parts)
            if shown is None:
                shown = smallest(counts)
            if shown is None:
                shown = min(
                    (key for key in counts if key not in result),
                    key=lambda key: (key not in {line[0] for line in beside}, order[key]),
                    default=None,
                )
            if shown is None:
                if UNLABELLED in result:
                    break  # nothing is left to withhold
                # Everything is hidden already: the labels themselves give the count away, so
                # the page must not show them (the loop runs again, without labels).
                shown = UNLABELLED
            result.add(shown)
            changed = True
    return result


def _first_worked_out(
    counts: Mapping[K, int],
    hidden: set[K],
    lines: Sequence[tuple[K, Sequence[K], bool]],
    min_size: int,
    labelled: bool,
) -> K | None:
    """The first hidden count a reader can narrow to one value from everything shown.

    A reader has each hidden count's bounds (its label, or nothing when unlabelled), the
    disjoint lines (a total is the sum of its parts) and the shared ones (a total lies
    between the largest part and their sum). Sums combine: two rows and a column can pin a
    cell no single line pins. So the bounds are tightened through every line and through
    every combination of the disjoint lines (their reduced row echelon form) until nothing
    changes. A count its own label and a shown shared total already pin (a "hidden*" cell in
    a row of exactly ``min_size`` people) is known without the others and not reported, but
    it narrows them.
    """
    inf = float("inf")
    unknown = [key for key in counts if key in hidden]
    if not unknown:
        return None
    index = {key: position for position, key in enumerate(unknown)}
    bounds: list[list[float]] = [
        list(_bounds(counts[key], True, min_size)) if labelled else [0, inf] for key in unknown
    ]
    # (coefficients, right-hand side, equality?): sum(coefficient x count) = or <= rhs.
    constraints: list[tuple[dict[int, Fraction], Fraction, bool]] = []

    def add(terms: Iterable[tuple[K, int]], equal: bool) -> dict[int, Fraction] | None:
        coefficients: dict[int, Fraction] = {}
        rhs = Fraction(0)
        for key, sign in terms:
            if key in index:
                coefficients[index[key]] = coefficients.get(index[key], Fraction(0)) + sign
            else:
                rhs -= sign * counts[key]
        coefficients = {i: c for i, c in coefficients.items() if c}
        if coefficients:
            constraints.append((coefficients, rhs, equal))
        return coefficients

    for total, parts, share in lines:
        nonzero = [part for part in parts if counts[part] or part in index]
        if not share or len(nonzero) == 1:  # one part sharing people with nobody: the total
            add([(total, 1), *((part, -1) for part in parts)], True)
            continue
        add([(total, 1), *((part, -1) for part in parts)], False)  # total <= sum of parts
        for part in parts:
            add([(part, 1), (total, -1)], False)  # each part <= total
            if total not in index and part in index:
                bound = bounds[index[part]]
                bound[1] = min(bound[1], counts[total])
    known = {i for i, (lo, hi) in enumerate(bounds) if lo >= hi}
    constraints += [(row, rhs, True) for row, rhs in _echelon([c for c in constraints if c[2]])]

    for _round in range(50):
        changed = False
        for coefficients, rhs, equal in constraints:
            # The range of sum(coefficient x count), as finite part + number of infinite ends.
            low, high, low_inf, high_inf = Fraction(0), Fraction(0), 0, 0
            ends = {}
            for i, c in coefficients.items():
                lo, hi = bounds[i]
                a, b = (c * lo if lo != inf else None), (c * hi if hi != inf else None)
                if c < 0:
                    a, b = b, a
                ends[i] = (a, b)
                if a is None:
                    low_inf += 1
                else:
                    low += a
                if b is None:
                    high_inf += 1
                else:
                    high += b
            for i, c in coefficients.items():
                a, b = ends[i]
                others_low = None if low_inf - (a is None) else low - (a or 0)
                others_high = None if high_inf - (b is None) else high - (b or 0)
                # c x = rhs - others (equality), c x <= rhs - others_low (inequality).
                top = None if others_low is None else (rhs - others_low) / c
                bottom = None if (not equal or others_high is None) else (rhs - others_high) / c
                if c < 0:
                    top, bottom = (bottom, top) if equal else (None, top)
                lo, hi = bounds[i]
                if bottom is not None and math.ceil(bottom) > lo:
                    bounds[i][0] = lo = math.ceil(bottom)
                    changed = True
                if top is not None and math.floor(top) < hi:
                    bounds[i][1] = math.floor(top)
                    changed = True
        if not changed:
            break
    for i, key in enumerate(unknown):
        if i not in known and bounds[i][0] >= bounds[i][1]:
            return key
    if len(unknown) <= EXACT_CHECK_LIMIT:
        return _first_pinned_by_lp(unknown, bounds, constraints, known)
    return None


# Past this many hidden figures in one table, only the bound propagation above runs: the
# linear programmes below cost a few milliseconds each, two per hidden figure.
EXACT_CHECK_LIMIT = 40


def _first_pinned_by_lp(
    unknown: Sequence[K],
    bounds: Sequence[Sequence[float]],
    constraints: Sequence[tuple[dict[int, Fraction], Fraction, bool]],
    known: set[int],
) -> K | None:
    """The exact check: the smallest and largest value each hidden count can take under every
    constraint at once (a linear programme each way, HiGHS through scipy). Bound propagation
    misses what only a combination of inequalities implies; this does not."""
    from scipy.optimize import linprog  # imported here: only sponsors' pages need it

    size = len(unknown)
    eq, eq_rhs, ub, ub_rhs = [], [], [], []
    for coefficients, rhs, equal in constraints:
        row = [0.0] * size
        for i, c in coefficients.items():
            row[i] = float(c)
        (eq if equal else ub).append(row)
        (eq_rhs if equal else ub_rhs).append(float(rhs))
    options = {
        "A_eq": eq or None,
        "b_eq": eq_rhs or None,
        "A_ub": ub or None,
        "b_ub": ub_rhs or None,
        "bounds": [(lo, None if hi == float("inf") else hi) for lo, hi in bounds],
        "method": "highs",
    }
    for i, key in enumerate(unknown):
        if i in known:
            continue
        objective = [0.0] * size
        objective[i] = 1.0
        low = linprog(objective, **options)
        high = linprog([-c for c in objective], **options)
        if low.status != 0 or high.status != 0:
            continue  # unbounded above: not pinned (infeasible cannot happen: the truth fits)
        if math.floor(-high.fun + 1e-6) <= math.ceil(low.fun - 1e-6):
            return key
    return None


def _echelon(
    rows: Sequence[tuple[dict[int, Fraction], Fraction, bool]],
) -> list[tuple[dict[int, Fraction], Fraction]]:
    """The reduced row echelon form of the equalities ``rows`` (exact, in fractions): each of
    its rows is a combination of the lines a reader may add and subtract."""
    reduced: list[tuple[dict[int, Fraction], Fraction]] = []
    for coefficients, rhs, _equal in rows:
        row, value = dict(coefficients), rhs
        for pivot_row, pivot_value in reduced:
            pivot = next(iter(pivot_row))
            if row.get(pivot):
                factor = row[pivot]
                for i, c in pivot_row.items():
                    row[i] = row.get(i, Fraction(0)) - factor * c
                value -= factor * pivot_value
                row = {i: c for i, c in row.items() if c}
        if not row:
            continue
        pivot = min(row)
        factor = row[pivot]
        row = {i: c / factor for i, c in row.items()}
        value /= factor
        row = {pivot: row.pop(pivot), **row}  # the pivot first
        new_reduced = []
        for other_row, other_value in reduced:
            if other_row.get(pivot):
                factor = other_row[pivot]
                merged = dict(other_row)
                for i, c in row.items():
                    merged[i] = merged.get(i, Fraction(0)) - factor * c
                first = next(iter(other_row))
                merged = {first: merged.pop(first), **{i: c for i, c in merged.items() if c}}
                other_row, other_value = merged, other_value - factor * value
            new_reduced.append((other_row, other_value))
        reduced = [*new_reduced, (row, value)]
    return reduced


def suppress_shares(
    lines: Mapping[K, Mapping[Hashable, int]],
    *,
    min_size: int,
    total: K | None = None,
    hidden: Iterable[tuple[K, Hashable]] = (),
) -> set[K]:
    """The ``lines`` whose shares must not be shown (each line: category -> people, e.g.
    promoters, passives, detractors; its shares are each category over the line's sum).

    A share is a count in disguise (the line's size times the share), so a line is shown only
    when each of its categories stands for at least ``min_size`` people, a category nobody is
    in included ("0 % detractors" says what each person answered). ``total``: the line that
    is the sum of the others, category by category; a line hidden alone beside a shown total
    is the total minus the rest, so the counts are suppressed together
    (:func:`suppress_counts`). ``hidden``: (line, category) cells small for another reason
    (e.g. fewer people than answers).
    """
    counts: dict[tuple[K, Hashable], int] = {}
    sums: list[tuple[tuple[K, Hashable], list[tuple[K, Hashable]]]] = []
    categories: list[Hashable] = []
    for parts in lines.values():
        categories += [category for category in parts if category not in categories]
    size = object()  # the key of a line's sum (no category can be it)
    for line, parts in lines.items():
        for category in categories:
            counts[(line, category)] = parts.get(category, 0)
        counts[(line, size)] = sum(parts.values())
        sums.append(((line, size), [(line, category) for category in categories]))
    if total is not None and total in lines:
        others = [line for line in lines if line != total]
        for key in (*categories, size):
            sums.append(((total, key), [(line, key) for line in others]))
    zeros = {key for key, n in counts.items() if n == 0 and key[1] is not size}
    result = suppress_counts(
        counts, min_size=min_size, sums=sums, hidden=zeros | set(hidden), labelled=False
    )
    return {line for line, _key in result}


def snapshot_size(authors: Sequence[Hashable], *, step: int) -> int:
    """How many of the responses, oldest first (``authors``: who gave each), sponsors'
    figures use: the longest run that ends where the responses since the previous step come
    from at least ``step`` different people. So one more response changes the result only
    when it completes a step, and a step always brings the answers of ``step`` people."""
    if step < 1:
        raise ValueError("step must be at least 1")
    size = 0
    since: set[Hashable] = set()
    for position, author in enumerate(authors):
        since.add(author)
        if len(since) >= step:
            size = position + 1
            since = set()
    return size
