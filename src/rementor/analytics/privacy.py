"""Small-group suppression for aggregate tables shown to sponsors.

Pure Python, no Django: the needs heat map uses it today, the sponsor dashboards and reports
will reuse it.

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

Functions here only decide *what* to hide; callers must then leave hidden values out of
everything they send (HTML, JSON, exports), not merely hide them visually.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

Key = tuple[Hashable, Hashable]


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
