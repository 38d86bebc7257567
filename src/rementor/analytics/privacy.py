"""Small-group suppression for every figure shown to sponsors.

Pure Python, no Django: the needs heat map, the sponsors' results page and their PDF report
all decide what to hide here (through :mod:`rementor.analytics.impact` and
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

A total computed from fewer than ``min_size`` people is not shown, so its line needs no
complementary suppression (and, rows being made of their cells, all its cells are hidden by
rule 1 anyway).

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

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

Key = tuple[Hashable, Hashable]
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Cell:
    """One aggregate: ``n`` people behind it and the ``value`` shown for them."""

    n: int
    value: float


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


def suppress(
    cells: Mapping[Key, Cell],
    *,
    min_size: int,
    row_totals: bool | Mapping[Hashable, int] = True,
    col_totals: bool | Mapping[Hashable, int] = True,
    rows_share_people: bool = False,
    cols_share_people: bool = False,
    hidden: Iterable[Key] = (),
) -> set[Key]:
    """The keys of ``cells`` that must not be shown, under the module's rule.

    ``row_totals`` / ``col_totals``: ``False`` when the table shows no such totals; ``True``
    when it shows them and each is the sum of its line's cells; or a mapping line -> people
    behind that total, when it is not (lines sharing people count each person once). A total
    for fewer than ``min_size`` people is taken as not shown. ``hidden``: cells already hidden
    for another reason; the result always contains them (and passing a previous result back
    returns it unchanged).
    """
    if min_size < 1:
        raise ValueError("min_size must be at least 1")
    order = {key: position for position, key in enumerate(cells)}
    result = {key for key in hidden if key in cells} | too_small(cells, min_size=min_size)

    lines: list[tuple[list[Key], bool]] = []
    for index, shown_totals, share in (
        (0, row_totals, rows_share_people),
        (1, col_totals, cols_share_people),
    ):
        if shown_totals is False:
            continue
        members: dict[Hashable, list[Key]] = {}
        for key in cells:
            members.setdefault(key[index], []).append(key)
        for line, keys in members.items():
            if isinstance(shown_totals, Mapping):
                size = shown_totals.get(line, 0)
            else:
                size = sum(cells[key].n for key in keys)
            if size >= min_size:
                lines.append((keys, share))

    changed = True
    while changed:
        changed = False
        for keys, share in lines:
            hidden_here = [cells[key].n for key in keys if key in result]
            if not hidden_here:
                continue
            covered = max(hidden_here) if share else sum(hidden_here)
            # A lone hidden cell in a line whose total is shown is its total minus the rest:
            # it must have company, or it could be recovered and then unlock another line.
            if covered >= min_size and len(hidden_here) >= 2:
                continue
            shown_here = [key for key in keys if key not in result]
            if not shown_here:
                # Everything in the line is hidden: the total alone reveals only a group of
                # at least ``min_size`` people.
                continue
            result.add(min(shown_here, key=lambda key: (cells[key].n, order[key])))
            changed = True
    return result


def difference(before: int | None, after: int | None, *, min_size: int | None) -> int | None:
    """``before - after`` (a drop-off) as it may be printed: only when both figures are shown
    (not None) and the difference is positive and, for sponsors (``min_size`` set), stands for
    at least ``min_size`` people."""
    if before is None or after is None or before <= after:
        return None
    drop = before - after
    return drop if min_size is None or drop >= min_size else None


def _bounds(n: int, hidden: bool, min_size: int) -> tuple[float, float]:
    """What a reader knows of a count from how it is shown."""
    if not hidden:
        return n, n
    if n >= min_size:
        return min_size, float("inf")  # "hidden*": a group large enough, hidden to protect one
    return (1 if n else 0), min_size - 1  # "fewer than min_size" (0 only when zeros are hidden)


def _pinned(parts: Sequence[tuple[float, float]], rest: float) -> bool:
    """Whether one of the hidden ``parts`` (bounds) adding up to ``rest`` has one value only."""
    for index, (lo, hi) in enumerate(parts):
        others = parts[:index] + parts[index + 1 :]
        smallest = max(lo, rest - sum(other_hi for _lo, other_hi in others))
        largest = min(hi, rest - sum(other_lo for other_lo, _hi in others))
        # One value left, or none (the bounds assumed were narrower than a reader's).
        if smallest >= largest:
            return True
    return False


def suppress_counts(
    counts: Mapping[K, int],
    *,
    min_size: int,
    sums: Mapping[K, Sequence[K]] | Iterable[tuple[K, Sequence[K]]] = (),
    differences: Iterable[tuple[K, K]] = (),
    hidden: Iterable[K] = (),
    labelled: bool = True,
) -> set[K]:
    """The keys of ``counts`` (people in disjoint groups) that must not be shown.

    ``sums``: total key -> the keys of its parts (disjoint groups adding up to it), as a
    mapping or as (total, parts) pairs (a total may be the sum of several sets of parts).
    ``differences``: pairs of keys a reader may subtract (the smaller count of a pair is
    hidden when they differ by 1 to ``min_size - 1``). ``hidden``: hidden for another reason
    (e.g. zero categories of a share); always in the result. ``labelled``: each hidden count
    is shown as "fewer than 5" or "hidden*", which bounds it; False when a reader only sees
    that a whole line is hidden.

    Until nothing changes: (1) a count of 1 to ``min_size - 1`` is hidden; (2) where a total
    is shown, its hidden parts are none, or at least two that together hold at least
    ``min_size`` people and none of which the bounds pin to one value; otherwise its smallest
    shown non-zero part is hidden too, or, when there is none, the total; where a total is
    hidden, its parts are not all shown (the total would be their sum): the smallest is hidden;
    (3) two shown counts of a difference differ by 0 or by ``min_size`` or more.
    """
    if min_size < 1:
        raise ValueError("min_size must be at least 1")
    order = {key: position for position, key in enumerate(counts)}
    result = {key for key in hidden if key in counts}
    result |= {key for key, n in counts.items() if 0 < n < min_size}
    lines = [
        (total, [key for key in parts if key in counts])
        for total, parts in (sums.items() if isinstance(sums, Mapping) else sums)
        if total in counts
    ]
    pairs = [(a, b) for a, b in differences if a in counts and b in counts]

    def smallest(keys: Iterable[K]) -> K | None:
        candidates = [key for key in keys if key not in result and counts[key]]
        return min(candidates, key=lambda key: (counts[key], order[key]), default=None)

    changed = True
    while changed:
        changed = False
        for total, parts in lines:
            hidden_parts = [key for key in parts if key in result]
            if total in result:
                if parts and not hidden_parts and (key := smallest(parts)) is not None:
                    result.add(key)
                    changed = True
                continue
            if not hidden_parts:
                continue
            rest = counts[total] - sum(counts[key] for key in parts if key not in result)
            bounds = [
                _bounds(counts[key], True, min_size) if labelled else (0, float("inf"))
                for key in hidden_parts
            ]
            if len(hidden_parts) >= 2 and rest >= min_size and not _pinned(bounds, rest):
                continue
            key = smallest(parts)
            result.add(total if key is None else key)
            changed = True
        for a, b in pairs:
            if a in result or b in result or not 0 < abs(counts[a] - counts[b]) < min_size:
                continue
            result.add(min((a, b), key=lambda key: (counts[key], order[key])))
            changed = True
    return result


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
