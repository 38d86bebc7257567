"""Helpers shared by every CSV/XLSX export.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(CSV/formula injection). Imports store what people typed; exports neutralise it on the way
out, so a name typed as ``=HYPERLINK(...)`` reaches the spreadsheet as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# Tab and carriage return also start formulas in some spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Return ``value`` made safe for a spreadsheet cell: text that a spreadsheet would run
    as a formula gets a leading apostrophe; numbers, dates and other text pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


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
    from openpyxl.cell import WriteOnlyCell
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
            cell = WriteOnlyCell(ws, value=title)
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
        # Control characters (pasted from elsewhere) would make the file unreadable.
        return ILLEGAL_CHARACTERS_RE.sub("", value)
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd hh:mm"
        return cell
    if isinstance(value, dt.date):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = "yyyy-mm-dd"
        return cell
    return value
