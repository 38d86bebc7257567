"""Small-group and complementary suppression (rementor.analytics.privacy)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rementor.analytics.privacy import Cell, suppress, too_small, totals

MIN = 5

tables = st.dictionaries(
    st.tuples(st.sampled_from("ABCDE"), st.sampled_from("vwxyz")),
    st.builds(Cell, n=st.integers(0, 14), value=st.integers(0, 12).map(float)),
    max_size=25,
)


def _lines(cells, index):
    lines: dict = {}
    for key in cells:
        lines.setdefault(key[index], []).append(key)
    return lines


def _recoverable(cells, hidden, *, index, sizes=None, share=False):
    """Lines with a shown total whose hidden cells cover fewer than MIN people."""
    bad = []
    for line, keys in _lines(cells, index).items():
        size = sizes[line] if sizes is not None else sum(cells[k].n for k in keys)
        if size < MIN:
            continue
        hidden_n = [cells[k].n for k in keys if k in hidden]
        if not hidden_n or all(k in hidden for k in keys):
            continue
        if (max(hidden_n) if share else sum(hidden_n)) < MIN:
            bad.append(line)
    return bad


@given(tables)
def test_suppress_shows_no_cell_below_min_size(cells):
    hidden = suppress(cells, min_size=MIN)
    assert all(cell.n >= MIN for key, cell in cells.items() if key not in hidden)


@given(tables)
def test_suppress_leaves_nothing_recoverable_from_totals(cells):
    hidden = suppress(cells, min_size=MIN)
    assert _recoverable(cells, hidden, index=0) == []
    assert _recoverable(cells, hidden, index=1) == []


@given(tables)
def test_suppress_is_idempotent(cells):
    hidden = suppress(cells, min_size=MIN)
    assert suppress(cells, min_size=MIN, hidden=hidden) == hidden


@given(tables)
def test_suppress_only_hides_known_cells_and_keeps_given_ones(cells):
    given_hidden = set(list(cells)[:2]) | {("nowhere", "nothing")}
    hidden = suppress(cells, min_size=MIN, hidden=given_hidden)
    assert hidden <= set(cells)
    assert given_hidden & set(cells) <= hidden


@given(tables.map(lambda cells: {k: Cell(n=c.n % MIN, value=c.value) for k, c in cells.items()}))
def test_suppress_shows_nothing_when_everything_is_small(cells):
    assert suppress(cells, min_size=MIN) == set(cells)


@given(tables)
def test_suppress_without_totals_hides_only_small_cells(cells):
    hidden = suppress(cells, min_size=MIN, row_totals=False, col_totals=False)
    assert hidden == too_small(cells, min_size=MIN)


@given(tables, st.integers(0, 6))
def test_suppress_with_rows_sharing_people(cells, extra):
    # A department's row: the same people answer every skill, so the row's size is at least
    # its largest cell, not the sum of its cells.
    sizes = {line: max(cells[k].n for k in keys) + extra for line, keys in _lines(cells, 0).items()}
    hidden = suppress(
        cells, min_size=MIN, row_totals=sizes, col_totals=True, rows_share_people=True
    )
    assert all(cell.n >= MIN for key, cell in cells.items() if key not in hidden)
    assert _recoverable(cells, hidden, index=0, sizes=sizes, share=True) == []
    assert _recoverable(cells, hidden, index=1) == []
    assert (
        suppress(
            cells,
            min_size=MIN,
            row_totals=sizes,
            col_totals=True,
            rows_share_people=True,
            hidden=hidden,
        )
        == hidden
    )


def _grid(rows: dict[str, dict[str, int]]) -> dict:
    return {(r, c): Cell(n=n, value=1.0) for r, cols in rows.items() for c, n in cols.items()}


def test_suppress_hides_the_next_smallest_cell_of_row_and_column():
    cells = _grid(
        {
            "A": {"x": 3, "y": 10, "z": 12},
            "B": {"x": 8, "y": 6, "z": 20},
            "C": {"x": 9, "y": 15, "z": 7},
        }
    )
    # (A, x) is small; row A would give it away through (A, y), column x through (B, x).
    # (A, y) alone in column y would be its total minus the rest, and then row A would give
    # (A, x) away again: column y needs a second hidden cell, (B, y).
    assert suppress(cells, min_size=MIN) == {("A", "x"), ("A", "y"), ("B", "x"), ("B", "y")}


def test_suppress_needs_no_complement_when_small_cells_cover_enough_together():
    cells = _grid({"A": {"x": 2, "y": 3, "z": 9}, "B": {"x": 7, "y": 8, "z": 9}})
    # Row A: 2 + 3 hidden people = 5; but columns x and y each hide only 2 or 3 people.
    assert suppress(cells, min_size=MIN) == {("A", "x"), ("A", "y"), ("B", "x"), ("B", "y")}


def test_suppress_ignores_lines_whose_total_is_not_shown():
    cells = _grid({"A": {"x": 2, "y": 2}, "B": {"x": 9, "y": 9}})
    # Row A stands for 4 people: its total is hidden, so it constrains nothing; the columns do.
    assert suppress(cells, min_size=MIN, col_totals=False) == {("A", "x"), ("A", "y")}
    assert suppress(cells, min_size=MIN) == set(cells)


def test_suppress_credits_shared_rows_with_their_largest_cell_only():
    # Six people in the row; only three answered y. Hidden y and z would "cover" 3 + 3 = 6 if
    # the groups were disjoint, but they are the same three people.
    cells = _grid({"A": {"x": 6, "y": 3, "z": 3}})
    disjoint = suppress(cells, min_size=MIN, row_totals={"A": 6}, col_totals=False)
    shared = suppress(
        cells, min_size=MIN, row_totals={"A": 6}, col_totals=False, rows_share_people=True
    )
    assert disjoint == {("A", "y"), ("A", "z")}
    assert shared == set(cells)


def test_suppress_breaks_ties_in_table_order():
    cells = _grid({"A": {"x": 1, "y": 6, "z": 6}})
    assert suppress(cells, min_size=MIN, col_totals=False) == {("A", "x"), ("A", "y")}


def test_suppress_rejects_a_minimum_below_one():
    with pytest.raises(ValueError, match="min_size"):
        suppress({}, min_size=0)


def test_totals_add_people_and_weight_means_by_them():
    cells = {
        ("A", "x"): Cell(n=2, value=4.0),
        ("B", "x"): Cell(n=6, value=2.0),
        ("A", "y"): Cell(n=0, value=0.0),
    }
    assert totals(cells, by="col") == {"x": Cell(n=8, value=2.5), "y": Cell(n=0, value=0.0)}
    assert totals(cells, by="row") == {"A": Cell(n=2, value=4.0), "B": Cell(n=6, value=2.0)}


@given(tables)
def test_suppress_never_leaves_a_lone_hidden_cell_in_a_line_with_a_total(cells):
    hidden = suppress(cells, min_size=MIN)
    for index in (0, 1):
        lines: dict = {}
        for key in cells:
            lines.setdefault(key[index], []).append(key)
        for keys in lines.values():
            shown_total = sum(cells[k].n for k in keys) >= MIN
            lone = sum(k in hidden for k in keys) == 1
            assert not (shown_total and lone and any(k not in hidden for k in keys))
