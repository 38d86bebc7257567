"""Helpers shared by every CSV/XLSX export.

Spreadsheet programs run a cell that starts with ``=``, ``+``, ``-`` or ``@`` as a formula
(CSV/formula injection). Imports store what people typed; exports neutralise it on the way
out, so a name typed as ``=HYPERLINK(...)`` reaches the spreadsheet as text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

# Tab and carriage return also start formulas in some spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: object) -> object:
    """Return ``value`` made safe for a spreadsheet cell: text that a spreadsheet would run
    as a formula gets a leading apostrophe; numbers, dates and other text pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def csv_bytes(rows: Iterable[Iterable[object]], *, bom: bool = True) -> bytes:
    """Encode ``rows`` as CSV (UTF-8, with a BOM by default so Excel reads the accents),
    every cell neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow(["" if cell is None else neutralise_cell(cell) for cell in row])
    return ("\ufeff" if bom else "").encode() + buffer.getvalue().encode("utf-8")
