"""Small-group and complementary suppression (rementor.analytics.suppression)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rementor.analytics.suppression import (
    GRAND,
    UNLABELLED,
    Cell,
    Total,
    _first_worked_out,
    at_end,
    difference,
    snapshot_size,
    suppress,
    suppress_counts,
    suppress_groups,
    suppress_shares,
    too_small,
    totals,
)

MIN = 5
# Every minimum group size a setting could hold, not only the default 5.
min_sizes = st.integers(1, 8)

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


def _cells(hidden):
    return {key for key in hidden if not isinstance(key, Total)}


def _shown_cells(cells, hidden):
    return {key: cell for key, cell in cells.items() if key not in hidden and cell.n}


def _table(cells, *, row_sizes=None, col_sizes=None, grand=None, shared_rows=False):
    """A table as a reader sees it: every count (cells and totals) and how they are tied.
    Rows share people when ``shared_rows`` (a department's mentees answer every skill)."""
    counts = {key: cell.n for key, cell in cells.items()}
    disjoint, shared = [], []
    for axis, index, sizes, share in (
        ("row", 0, row_sizes, shared_rows),
        ("col", 1, col_sizes, False),
    ):
        for line, keys in _lines(cells, index).items():
            total = Total(axis, line)
            counts[total] = sizes[line] if sizes else sum(cells[k].n for k in keys)
            (shared if share else disjoint).append((total, keys))
    if grand is not None:
        counts[GRAND] = grand
        disjoint.append((GRAND, [t for t in counts if isinstance(t, Total) and t.axis == "row"]))
        (shared if shared_rows else disjoint).append(
            (GRAND, [t for t in counts if isinstance(t, Total) and t.axis == "col"])
        )
    return counts, disjoint, shared


def _worked_out(counts, disjoint, shared, hidden):
    """The hidden counts a reader can work out exactly: from the shown counts, the labels
    ("fewer than 5": 1 to 4, "hidden*": at least 5), the sums of disjoint lines and, along
    lines sharing people, each part at most the total (a linear programme per count: one
    whole number left in its range means worked out). Not modelled: that the parts of a
    shared line together cover its total, which :func:`suppress` checks line by line only. A
    "hidden*" count that a shown total of exactly 5 people covers is known from that total
    alone (the group, not its figure), and is left out."""
    from scipy.optimize import linprog

    unknown = [key for key in counts if key in hidden and counts[key]]
    if not unknown:
        return []
    index = {key: i for i, key in enumerate(unknown)}

    def row_of(terms):
        row, known = [0.0] * len(unknown), 0.0
        for key, sign in terms:
            if key in index:
                row[index[key]] += sign
            else:
                known -= sign * counts[key]
        return row, known

    eq, eq_rhs, ub, ub_rhs = [], [], [], []
    for total, parts in disjoint:
        row, known = row_of([(total, 1), *((p, -1) for p in parts)])
        if any(row):
            eq.append(row)
            eq_rhs.append(known)
    upper = {}
    for total, parts in shared:
        if len([p for p in parts if counts[p]]) == 1:
            # One non-zero part: the total is that part.
            row, known = row_of([(total, 1), *((p, -1) for p in parts)])
            eq.append(row)
            eq_rhs.append(known)
        for part in parts:
            row, known = row_of([(part, 1), (total, -1)])
            if any(row):
                ub.append(row)
                ub_rhs.append(known)
            if total not in hidden:
                upper[part] = min(upper.get(part, math.inf), counts[total])
    labelled = UNLABELLED not in hidden
    if labelled:
        limits = [(MIN, None) if counts[key] >= MIN else (1, MIN - 1) for key in unknown]
    else:  # one neutral word for every hidden figure: only that it holds somebody
        limits = [(1, None)] * len(unknown)
    options = {
        "A_eq": eq or None,
        "b_eq": eq_rhs or None,
        "A_ub": ub or None,
        "b_ub": ub_rhs or None,
        "bounds": limits,
    }
    pinned = []
    for key in unknown:
        if labelled and counts[key] >= MIN and upper.get(key) == MIN:
            continue
        objective = [0.0] * len(unknown)
        objective[index[key]] = 1.0
        low = linprog(objective, **options)
        high = linprog([-c for c in objective], **options)
        assert low.status == 0, (key, low.message)  # the true counts are a solution
        if high.status == 0 and math.floor(-high.fun + 1e-6) <= math.ceil(low.fun - 1e-6):
            pinned.append(key)
    return pinned


@settings(deadline=None)
@given(tables)
def test_suppress_shows_no_cell_below_min_size(cells):
    hidden = suppress(cells, min_size=MIN)
    assert all(cell.n >= MIN for cell in _shown_cells(cells, hidden).values())
    for axis, index in (("row", 0), ("col", 1)):
        for line, keys in _lines(cells, index).items():
            size = sum(cells[k].n for k in keys)
            assert Total(axis, line) in hidden or size == 0 or size >= MIN


@settings(deadline=None, max_examples=150)
@given(tables)
def test_suppress_leaves_no_hidden_count_recoverable(cells):
    hidden = suppress(cells, min_size=MIN)
    counts, disjoint, shared = _table(cells)
    assert _worked_out(counts, disjoint, shared, hidden) == []


@settings(deadline=None, max_examples=150)
@given(tables, st.integers(0, 6))
def test_suppress_with_rows_sharing_people_leaves_no_count_recoverable(cells, extra):
    # A department's row: the same people answer every skill, so the row's size is at least
    # its largest cell, not the sum of its cells (at most that sum: everyone answered one).
    sizes = {
        line: min(max(cells[k].n for k in keys) + extra, sum(cells[k].n for k in keys))
        for line, keys in _lines(cells, 0).items()
    }
    options = {"row_totals": sizes, "col_totals": True, "rows_share_people": True}
    hidden = suppress(cells, min_size=MIN, **options)
    assert all(cell.n >= MIN for cell in _shown_cells(cells, hidden).values())
    counts, disjoint, shared = _table(cells, row_sizes=sizes, shared_rows=True)
    assert _worked_out(counts, disjoint, shared, hidden) == []
    # Along a shared row, the hidden cells together still stand for 5 people at least.
    for line, keys in _lines(cells, 0).items():
        hidden_n = [cells[k].n for k in keys if k in hidden and cells[k].n]
        if hidden_n and Total("row", line) not in hidden and len(hidden_n) < len(keys):
            assert len(hidden_n) >= 2 and max(hidden_n) >= MIN
    assert suppress(cells, min_size=MIN, hidden=hidden, **options) == hidden


@settings(deadline=None)
@given(tables)
def test_suppress_is_idempotent(cells):
    hidden = suppress(cells, min_size=MIN)
    assert suppress(cells, min_size=MIN, hidden=hidden) == hidden


@settings(deadline=None)
@given(tables)
def test_suppress_only_hides_known_cells_and_keeps_given_ones(cells):
    given_hidden = {key for key in list(cells)[:2] if cells[key].n} | {("nowhere", "nothing")}
    hidden = suppress(cells, min_size=MIN, hidden=given_hidden)
    assert _cells(hidden) <= set(cells)
    assert given_hidden & set(cells) <= hidden


@settings(deadline=None)
@given(tables.map(lambda cells: {k: Cell(n=c.n % MIN, value=c.value) for k, c in cells.items()}))
def test_suppress_shows_nothing_when_everything_is_small(cells):
    assert _cells(suppress(cells, min_size=MIN)) == set(cells)


@given(tables)
def test_suppress_without_totals_hides_only_small_cells(cells):
    hidden = suppress(cells, min_size=MIN, row_totals=False, col_totals=False)
    assert hidden == too_small(cells, min_size=MIN)


averages = st.dictionaries(
    st.tuples(st.sampled_from("ABCD"), st.sampled_from("xyz")),
    st.builds(Cell, n=st.integers(1, 12), value=st.sampled_from([0.0, 0.0, 1.5, 3.0, 4.0, 4.0])),
    max_size=12,
)


@settings(deadline=None)
@given(averages)
def test_suppress_hides_averages_that_tell_each_answer(cells):
    # On a 0-4 scale, an average of 0 or 4 says what every person behind it answered; so
    # does the average of the hidden cells of a line, which is the total's minus the rest.
    hidden = suppress(
        cells, min_size=MIN, grand_total=sum(c.n for c in cells.values()), scale=(0, 4)
    )
    for key, cell in _shown_cells(cells, hidden).items():
        assert cell.value not in (0.0, 4.0), key
    lines = [
        (Total(axis, line), keys)
        for axis, index in (("row", 0), ("col", 1))
        for line, keys in _lines(cells, index).items()
    ]
    if cells:
        lines.append((GRAND, list(cells)))
    for total, keys in lines:
        everyone = sum(cells[k].n * cells[k].value for k in keys) / sum(cells[k].n for k in keys)
        if total in hidden:
            continue
        assert everyone not in (0.0, 4.0), total
        hidden_keys = [k for k in keys if k in hidden]
        if hidden_keys:
            n = sum(cells[k].n for k in hidden_keys)
            together = sum(cells[k].n * cells[k].value for k in hidden_keys) / n
            assert together not in (0.0, 4.0), (total, hidden_keys)
    assert (
        suppress(
            cells,
            min_size=MIN,
            grand_total=sum(c.n for c in cells.values()),
            scale=(0, 4),
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


def test_suppress_hides_a_cell_its_label_would_pin():
    # Column x: 6 people, one "fewer than 5" and one "hidden*": 1 + 5 is the only way.
    cells = _grid({"A": {"x": 1, "y": 9}, "B": {"x": 5, "y": 9}, "C": {"y": 9}})
    hidden = suppress(cells, min_size=MIN, row_totals=False)
    assert Total("col", "x") in hidden
    # Before: the labels were taken as "some hidden people", and the total gave both away.
    assert {("A", "x"), ("B", "x")} <= hidden


def test_suppress_withholds_the_labels_when_they_alone_tell_the_counts():
    # Everything is hidden, yet "hidden*" on C's row (at least 5) with "fewer than 5" on every
    # cell and column would pin each count: C has 2 + 3, and the columns 4 and 4.
    cells = _grid({"A": {"v": 1, "w": 1}, "B": {"v": 1}, "C": {"v": 2, "w": 3}})

    hidden = suppress(cells, min_size=MIN)

    assert _cells(hidden) == set(cells)
    assert UNLABELLED in hidden
    counts, disjoint, shared = _table(cells)
    assert _worked_out(counts, disjoint, shared, hidden) == []


def test_suppress_hides_more_where_only_inequalities_together_pin_a_count():
    # Found by the property test: bound propagation alone left D's and E's small cells
    # pinned; the exact check (a linear programme per hidden count) does not.
    order = [("E", "x", 5), ("D", "z", 1), ("E", "y", 1), ("D", "y", 10), ("B", "w", 2)]
    order += [("E", "w", 1), ("A", "y", 9), ("B", "z", 10), ("C", "w", 5), ("C", "z", 13)]
    order += [("B", "y", 13), ("A", "z", 14)]
    cells = {(row, col): Cell(n=n, value=0.0) for row, col, n in order}

    hidden = suppress(cells, min_size=MIN)

    counts, disjoint, shared = _table(cells)
    assert _worked_out(counts, disjoint, shared, hidden) == []


def test_suppress_keeps_the_labels_when_they_tell_nothing():
    cells = _grid({"A": {"v": 7, "w": 2}, "B": {"v": 6, "w": 8}})

    assert UNLABELLED not in suppress(cells, min_size=MIN)


def test_suppress_hides_a_small_line_total_and_bounds_by_it():
    cells = _grid({"A": {"x": 2, "y": 2}, "B": {"x": 9, "y": 9}})
    # Row A stands for 4 people: its total is hidden; the columns hide a cell beside A's.
    assert suppress(cells, min_size=MIN, col_totals=False) == {
        ("A", "x"),
        ("A", "y"),
        Total("row", "A"),
    }
    assert _cells(suppress(cells, min_size=MIN)) == set(cells)


def test_suppress_credits_shared_rows_with_their_largest_cell_only():
    # Six people in the row; only three answered y. Hidden y and z would "cover" 3 + 3 = 6 if
    # the groups were disjoint, but they are the same three people.
    cells = _grid({"A": {"x": 6, "y": 3, "z": 3}})
    disjoint = suppress(cells, min_size=MIN, row_totals={"A": 12}, col_totals=False)
    shared = suppress(
        cells, min_size=MIN, row_totals={"A": 6}, col_totals=False, rows_share_people=True
    )
    assert disjoint == {("A", "y"), ("A", "z")}
    # Every cell hidden, and the total of 6 with them: one non-zero cell would be its total.
    assert _cells(shared) == set(cells)


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


@settings(deadline=None)
@given(tables)
def test_suppress_never_leaves_a_lone_hidden_cell_in_a_line_with_a_total(cells):
    hidden = suppress(cells, min_size=MIN)
    for axis, index in (("row", 0), ("col", 1)):
        for line, keys in _lines(cells, index).items():
            if Total(axis, line) in hidden:
                continue
            lone = sum(k in hidden for k in keys if cells[k].n) == 1
            assert not lone


@settings(deadline=None)
@given(tables, min_sizes)
def test_suppress_shows_no_figure_for_one_to_min_size_minus_one_people(cells, min_size):
    grand = sum(cell.n for cell in cells.values())
    hidden = suppress(cells, min_size=min_size, grand_total=grand)
    assert all(cell.n >= min_size for cell in _shown_cells(cells, hidden).values())
    for axis, index in (("row", 0), ("col", 1)):
        for line, keys in _lines(cells, index).items():
            size = sum(cells[k].n for k in keys)
            assert Total(axis, line) in hidden or not 0 < size < min_size
    assert GRAND in hidden or not 0 < grand < min_size


@settings(deadline=None)
@given(tables, st.data())
def test_suppress_only_adds_to_what_is_given_hidden_and_stops_there(cells, data):
    # Hiding is monotone: a figure given hidden stays hidden, and the result given back is
    # returned unchanged (nothing shown beside it gives a hidden figure away any more).
    keys = sorted(key for key, cell in cells.items() if cell.n)
    given_hidden = set(data.draw(st.lists(st.sampled_from(keys), max_size=4))) if keys else set()
    hidden = suppress(cells, min_size=MIN, hidden=given_hidden)
    assert given_hidden <= hidden
    assert suppress(cells, min_size=MIN, hidden=hidden) == hidden


def _shared_row_sizes(cells, extra):
    """Rows sharing people: each row's size between its largest cell and its cells' sum."""
    return {
        line: min(max(cells[k].n for k in keys) + extra, sum(cells[k].n for k in keys))
        for line, keys in _lines(cells, 0).items()
    }


def _nothing_left_to_pin(counts, lines, hidden, min_size):
    """The module's own exact check (bounds through every line and their combinations, then
    a linear programme per hidden count) pins no hidden count; or everything is hidden
    already, with one neutral word, and nothing is left to withhold."""
    pinned = _first_worked_out(counts, hidden, lines, min_size, UNLABELLED not in hidden)
    return pinned is None or (set(counts) <= hidden and UNLABELLED in hidden)


@settings(deadline=None, max_examples=150)
@given(tables, min_sizes, st.integers(0, 6), st.booleans())
def test_suppress_counts_leaves_nothing_its_own_exact_check_can_pin(cells, min_size, extra, share):
    sizes = _shared_row_sizes(cells, extra) if share else None
    counts, disjoint, shared = _table(cells, row_sizes=sizes, shared_rows=share)
    hidden = suppress_counts(counts, min_size=min_size, sums=disjoint, shared=shared)
    lines = [(total, keys, True) for total, keys in shared]
    lines += [(total, keys, False) for total, keys in disjoint]
    assert _nothing_left_to_pin(counts, lines, hidden, min_size)


@settings(deadline=None)
@given(tables, min_sizes)
def test_suppress_groups_is_suppress_on_the_groups_of_somebody(cells, min_size):
    groups = {key: cell.n for key, cell in cells.items()}
    table = {"row_totals": True, "col_totals": True}
    # The programme team sees every figure.
    assert suppress_groups(groups, min_size=None, **table) == set()
    hidden = suppress_groups(groups, min_size=min_size, **table)
    present = {key: Cell(n=n, value=0.0) for key, n in groups.items() if n}
    assert hidden == suppress(present, min_size=min_size, **table)
    assert all(n >= min_size for key, n in groups.items() if n and key not in hidden)


def test_at_end_is_either_end_of_the_scale_and_never_no_average():
    assert at_end(0, (0, 4)) and at_end(4.0, (0, 4)) and at_end(1 + 1e-12, (1, 5))
    assert not at_end(2.5, (0, 4)) and not at_end(None, (0, 4))


# --------------------------------------------------------------------------- counts, differences


STAGES = ("invited", "enrolled", "trained", "matched")
ROLES = ("mentee", "mentor")

funnels = st.fixed_dictionaries(
    {(stage, role): st.integers(0, 16) for stage in STAGES for role in ROLES}
)


def _funnel(parts):
    """A funnel as the results page builds it: each stage's total is its roles' sum, and any
    two stages of a column can be subtracted."""
    counts = dict(parts)
    for stage in STAGES:
        counts[(stage, "total")] = sum(parts[(stage, role)] for role in ROLES)
    sums = {(stage, "total"): [(stage, role) for role in ROLES] for stage in STAGES}
    differences = [
        ((a, role), (b, role))
        for role in (*ROLES, "total")
        for i, a in enumerate(STAGES)
        for b in STAGES[i + 1 :]
    ]
    return counts, sums, differences


def _labelled(n):
    """What a reader knows of a hidden count from its label: "fewer than 5" or "hidden*"."""
    return (MIN, None) if n >= MIN else (0, MIN - 1)


def _unlabelled(n):
    """What a reader knows of a count in a line hidden as a whole: nothing."""
    return (0, None)


def _pinned(counts, sums, hidden, *, bounds=_labelled):
    """The hidden counts a reader can work out exactly from the shown ones, the sums and the
    bounds the labels give: for each, the smallest and largest value it can take (a linear
    programme; sums of disjoint groups have whole-number corners, so one value means exactly
    one)."""
    from scipy.optimize import linprog

    unknown = [key for key in counts if key in hidden]
    if not unknown:
        return []
    index = {key: i for i, key in enumerate(unknown)}
    rows, rhs = [], []
    for total, parts in sums.items():
        row = [0.0] * len(unknown)
        known = 0
        for key, sign in ((total, 1), *((part, -1) for part in parts)):
            if key in index:
                row[index[key]] += sign
            else:
                known -= sign * counts[key]
        if any(row):
            rows.append(row)
            rhs.append(known)
    if UNLABELLED in hidden:
        bounds = _unlabelled
    limits = [bounds(counts[key]) for key in unknown]
    pinned = []
    for key in unknown:
        objective = [0.0] * len(unknown)
        objective[index[key]] = 1.0
        options = {"A_eq": rows or None, "b_eq": rhs or None, "bounds": limits}
        low = linprog(objective, **options)
        high = linprog([-c for c in objective], **options)
        if low.status == 0 and high.status == 0 and -high.fun - low.fun < 0.5:
            pinned.append(key)
    return pinned


@settings(deadline=None)
@given(funnels)
def test_suppress_counts_shows_no_count_or_difference_of_one_to_four(parts):
    counts, sums, differences = _funnel(parts)
    hidden = suppress_counts(counts, min_size=MIN, sums=sums, differences=differences)
    shown = {key: n for key, n in counts.items() if key not in hidden}
    assert all(n == 0 or n >= MIN for n in shown.values())
    for a, b in differences:
        if a in shown and b in shown:
            assert not 0 < abs(shown[a] - shown[b]) < MIN, (a, b)
        drop = difference(shown.get(a), shown.get(b), min_size=MIN)
        assert drop is None or drop >= MIN


@settings(deadline=None, max_examples=60)
@given(funnels)
def test_suppress_counts_leaves_no_hidden_count_recoverable(parts):
    counts, sums, differences = _funnel(parts)
    hidden = suppress_counts(counts, min_size=MIN, sums=sums, differences=differences)
    assert _pinned(counts, sums, hidden) == []
    for total, keys in sums.items():
        # A hidden total with every part shown is their sum.
        assert not (total in hidden and all(key not in hidden for key in keys if counts[key]))


@settings(deadline=None)
@given(funnels)
def test_suppress_counts_is_idempotent_and_keeps_what_it_is_given(parts):
    counts, sums, differences = _funnel(parts)
    given_hidden = {("invited", "mentee")}
    hidden = suppress_counts(
        counts, min_size=MIN, sums=sums, differences=differences, hidden=given_hidden
    )
    assert given_hidden <= hidden
    again = suppress_counts(counts, min_size=MIN, sums=sums, differences=differences, hidden=hidden)
    assert again == hidden


@settings(deadline=None)
@given(funnels, min_sizes)
def test_suppress_counts_shows_no_count_or_difference_below_any_minimum(parts, min_size):
    counts, sums, differences = _funnel(parts)
    hidden = suppress_counts(counts, min_size=min_size, sums=sums, differences=differences)
    shown = {key: n for key, n in counts.items() if key not in hidden}
    assert all(not 0 < n < min_size for n in shown.values())
    for a, b in differences:
        if a in shown and b in shown:
            assert not 0 < abs(shown[a] - shown[b]) < min_size, (a, b)
    lines = [(total, keys, False) for total, keys in sums.items()]
    assert _nothing_left_to_pin(counts, lines, hidden, min_size)


@settings(deadline=None)
@given(
    funnels,
    st.sets(st.sampled_from([(s, r) for s in STAGES for r in (*ROLES, "total")]), max_size=4),
)
def test_suppress_counts_only_adds_to_what_is_given_hidden_and_stops_there(parts, given_hidden):
    counts, sums, differences = _funnel(parts)
    options = {"sums": sums, "differences": differences}
    hidden = suppress_counts(counts, min_size=MIN, hidden=given_hidden, **options)
    assert given_hidden <= hidden
    assert suppress_counts(counts, min_size=MIN, hidden=hidden, **options) == hidden


def test_suppress_counts_hides_a_stage_two_below_the_one_before():
    # 10 invited and 8 enrolled say "2 dropped out": the 8 goes, with a role beside it (the
    # total minus the other role would give it back).
    counts, sums, differences = _funnel(
        {
            **{(stage, role): 0 for stage in STAGES for role in ROLES},
            ("invited", "mentee"): 5,
            ("invited", "mentor"): 5,
            ("enrolled", "mentee"): 5,
            ("enrolled", "mentor"): 3,
        }
    )
    hidden = suppress_counts(counts, min_size=MIN, sums=sums, differences=differences)
    assert {("enrolled", "mentor"), ("enrolled", "mentee"), ("enrolled", "total")} <= hidden
    assert ("invited", "total") not in hidden


def test_suppress_counts_keeps_differences_of_five_or_more():
    counts = {"invited": 20, "enrolled": 15, "trained": 15}
    assert suppress_counts(counts, min_size=MIN, differences=[("invited", "enrolled")]) == set()
    assert difference(20, 15, min_size=MIN) == 5
    assert difference(20, 17, min_size=MIN) is None
    assert difference(20, 17, min_size=None) == 3  # managers: exact
    assert difference(None, 15, min_size=MIN) is None
    assert difference(15, 15, min_size=MIN) is None


def test_suppress_counts_hides_a_part_its_label_would_pin():
    # Total 7 shown; a "fewer than 5" part and a "hidden*" part: 1 + 6? 2 + 5? Both possible.
    counts = {"total": 7, "a": 2, "b": 5}
    assert suppress_counts(counts, min_size=MIN, sums={"total": ["a", "b"]}) == {"a", "b"}
    # Total 6: the small part can only be 1 (the other is at least 5): the total goes too.
    counts = {"total": 6, "a": 1, "b": 5}
    assert suppress_counts(counts, min_size=MIN, sums={"total": ["a", "b"]}) == {
        "a",
        "b",
        "total",
    }


# --------------------------------------------------------------------------- shares


CATEGORIES = ("promoters", "passives", "detractors")

share_tables = st.fixed_dictionaries(
    {role: st.fixed_dictionaries({c: st.integers(0, 14) for c in CATEGORIES}) for role in ROLES}
)


def _with_total(table):
    return {**table, "total": {c: sum(table[r][c] for r in ROLES) for c in CATEGORIES}}


@settings(deadline=None)
@given(share_tables)
def test_suppress_shares_shows_no_share_of_fewer_than_five(table):
    lines = _with_total(table)
    hidden = suppress_shares(lines, min_size=MIN, total="total")
    for line, parts in lines.items():
        if line in hidden:
            continue
        n = sum(parts.values())
        for part in parts.values():
            # The people behind a share, and behind the rest of the line: never 0 to 4.
            assert part >= MIN and n - part >= MIN


@settings(deadline=None, max_examples=60)
@given(share_tables)
def test_suppress_shares_leaves_no_hidden_line_recoverable(table):
    lines = _with_total(table)
    hidden = suppress_shares(lines, min_size=MIN, total="total")
    # What a reader has: the categories of the shown lines (share x answers); a hidden line
    # only says it is hidden. The total is the sum of the roles, category by category.
    counts = {(line, c): lines[line][c] for line in lines for c in CATEGORIES}
    cells = {key for key in counts if key[0] in hidden}
    sums = {("total", c): [(role, c) for role in ROLES] for c in CATEGORIES}
    assert _pinned(counts, sums, cells, bounds=_unlabelled) == []


@settings(deadline=None)
@given(share_tables, min_sizes)
def test_suppress_shares_hides_every_line_with_a_small_or_empty_category(table, min_size):
    lines = _with_total(table)
    hidden = suppress_shares(lines, min_size=min_size, total="total")
    for line, parts in lines.items():
        if any(n == 0 or n < min_size for n in parts.values()):
            assert line in hidden, line


def test_suppress_shares_hides_a_category_of_two_and_zero_categories():
    # 7 answers, 2 detractors: "29 % detractors" is two people.
    assert suppress_shares({"all": {"p": 5, "q": 0, "d": 2}}, min_size=MIN) == {"all"}
    assert suppress_shares({"all": {"p": 5, "q": 5, "d": 5}}, min_size=MIN) == set()
    # Everyone a promoter: "100 %" says what each of them answered.
    assert suppress_shares({"all": {"p": 12, "q": 0, "d": 0}}, min_size=MIN) == {"all"}


def test_suppress_shares_hides_a_role_beside_a_hidden_one():
    lines = _with_total(
        {
            "mentee": {"promoters": 6, "passives": 5, "detractors": 2},
            "mentor": {"promoters": 5, "passives": 5, "detractors": 5},
        }
    )
    # Mentees have 2 detractors: hidden; mentors shown would give them away (total - mentors).
    assert suppress_shares(lines, min_size=MIN, total="total") == {"mentee", "mentor"}


# --------------------------------------------------------------------------- stepping


authors = st.lists(st.integers(0, 9), max_size=40)


@given(authors, st.integers(0, 9))
def test_snapshot_size_moves_only_in_steps_of_five_people(responses, new):
    before = snapshot_size(responses, step=MIN)
    after = snapshot_size([*responses, new], step=MIN)
    assert after in (before, len(responses) + 1)
    if after != before:
        assert len(set([*responses, new][before:after])) >= MIN
    assert set(responses[: snapshot_size(responses[:-1], step=MIN)]) <= set(responses)


@given(st.integers(0, 40))
def test_snapshot_size_is_a_multiple_of_five_for_one_response_each(n):
    assert snapshot_size(list(range(n)), step=MIN) == n // MIN * MIN


@given(authors)
def test_snapshot_size_never_shrinks_as_responses_come(responses):
    sizes = [snapshot_size(responses[:k], step=MIN) for k in range(len(responses) + 1)]
    assert sizes == sorted(sizes)
    assert all(size <= k for k, size in enumerate(sizes))


def test_snapshot_size_waits_for_five_different_people():
    # Pulses: one person answering five times is not five people.
    assert snapshot_size([1, 1, 1, 1, 1, 2, 3, 4], step=MIN) == 0
    assert snapshot_size([1, 1, 1, 1, 1, 2, 3, 4, 5], step=MIN) == 9
    with pytest.raises(ValueError, match="step"):
        snapshot_size([1], step=0)
