"""Helpers shared by every CSV/XLSX export and the PDF report.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(CSV/formula injection). Imports store what people typed; exports neutralise it on the way
out, so a name typed as ``=HYPERLINK(...)`` reaches the spreadsheet as text.

:func:`neutralise_cell` is the one door every user text goes through on its way into a file:
it first normalises the text (:func:`clean_text`: control characters dropped, the invisible or
blank prefix removed), then looks at the first character that is left. Checking before
normalising would let ``U+0001`` + ``=HYPERLINK(...)`` through: the XLSX writer drops the control
character and the cell becomes a live formula; a spreadsheet program ignores the zero-width
space or the non-breaking space in front of ``=`` just the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# The characters a spreadsheet program starts a formula with. Tab and carriage return also do
# in some programs; they cannot lead once the text is normalised, but stay named here.
# Compared after compatibility folding (NFKC), so the full-width "＝" (U+FF1D), the small
# "﹦" and the superscript "⁼" count as "=" (input methods and some programs fold them).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
NEUTRALISER = "'"

# Unicode categories of the invisible or blank characters a formula can hide behind:
# control (Cc), format (Cf: zero-width space, byte order mark, bidirectional controls),
# space, line and paragraph separators (Zs, Zl, Zp).
_PREFIX_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
# Inside the text, line breaks and tabs are content; other control characters are not (and
# XML, hence XLSX, cannot hold them), nor are lone surrogates or the two non-characters.
_KEPT_CONTROLS = frozenset("\t\n\r")
_NON_CHARACTERS = frozenset("\ufffe\uffff")


def _dropped(char: str) -> bool:
    if char in _KEPT_CONTROLS:
        return False
    return char in _NON_CHARACTERS or unicodedata.category(char) in {"Cc", "Cs"}


def clean_text(text: str) -> str:
    """``text`` without control characters (line breaks and tabs inside it kept) and without
    its leading run of control, format (zero-width, BOM, bidi) and whitespace characters."""
    text = "".join(char for char in text if not _dropped(char))
    start = 0
    while start < len(text) and (
        text[start].isspace() or unicodedata.category(text[start]) in _PREFIX_CATEGORIES
    ):
        start += 1
    return text[start:]


def starts_formula(text: str) -> bool:
    """Whether a spreadsheet program would run ``text`` (already cleaned) as a formula."""
    return bool(text) and unicodedata.normalize("NFKC", text[0])[:1] in FORMULA_PREFIXES


def neutralise_cell(value: object) -> object:
    """Return ``value`` made safe for a spreadsheet cell or a printed page: text is
    normalised (:func:`clean_text`), then gets a leading apostrophe if a spreadsheet would run
    it as a formula; numbers, dates and other values pass unchanged (``-3`` stays a number)."""
    if not isinstance(value, str):
        return value
    text = clean_text(value)
    return NEUTRALISER + text if starts_formula(text) else text


def csv_bytes(rows: Iterable[Iterable[object]], *, bom: bool = True, delimiter: str = ",") -> bytes:
    """Encode ``rows`` as CSV (UTF-8, with a BOM by default so Excel reads the accents),
    every cell neutralised. French Excel expects ``delimiter=";"`` (the comma is its decimal
    separator)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([_csv_text(cell) for cell in row])
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")


def _csv_text(cell: object) -> object:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.strftime("%Y-%m-%d %H:%M")
    if isinstance(cell, dt.date):
        return cell.isoformat()
    return neutralise_cell(cell)


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its tab name, its header row and its data rows."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]


# Excel's limits on a sheet's name: 31 characters, none of these.
_SHEET_FORBIDDEN = str.maketrans(dict.fromkeys("[]:*?/\\", " "))
_MAX_WIDTH = 60


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """A workbook with one styled sheet per :class:`Sheet`: bold header on a tinted band,
    frozen under the header, auto-filter, column widths fitted to the content (capped), and
    every text cell neutralised. Datetimes must be naive (local time).

    Written in openpyxl's write-only mode (rows streamed, not kept as cell objects), so a
    programme's tens of thousands of sessions stay cheap; widths are measured first.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    bold = Font(bold=True, color="FFFFFF")
    band = PatternFill("solid", fgColor="2F5D8A")
    for sheet in sheets:
        rows = [[neutralise_cell(value) for value in row] for row in sheet.rows]
        header = [neutralise_cell(str(title)) for title in sheet.header]
        columns = max([len(header), *(len(row) for row in rows)])
        widths = [0] * columns
        for row in [header, *rows]:
            for index, value in enumerate(row):
                widths[index] = max(widths[index], len(str(_csv_text(value))))

        ws = workbook.create_sheet(sheet.title.translate(_SHEET_FORBIDDEN)[:31] or "Sheet")
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(index)].width = min(_MAX_WIDTH, width + 2)
        ws.freeze_panes = "A2"
        if columns:
            ws.auto_filter.ref = f"A1:{get_column_letter(columns)}{len(rows) + 1}"

        header_cells = []
        for title in header:
            cell = _xlsx_cell(ws, title)
            cell.font = bold
            cell.fill = band
            cell.alignment = Alignment(vertical="center")
            header_cells.append(cell)
        ws.append(header_cells)
        for row in rows:
            ws.append([_xlsx_cell(ws, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_cell(ws, value: object) -> object:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, str):
        # Every text is written as a string, never inferred: openpyxl would otherwise store a
        # text starting with "=" as a formula and "#N/A" as an error. The value was neutralised
        # already (control characters gone); the regex is openpyxl's own last guard.
        cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", value))
        cell.data_type = "s"
        return cell
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value
