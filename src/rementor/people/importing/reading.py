"""Bytes to rows: size, encoding, delimiter and zip-bomb checks, before any parsing.

The reader knows nothing about people: it returns every non-blank record with its row
number as a spreadsheet shows it (the header is row 1), or raises ``ImportFileError``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
import zipfile
from dataclasses import dataclass, field

from django.conf import settings

from rementor.people.importing.issues import ImportFileError, Issue

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# An .xlsx is a zip of XML; an honest sheet of employees compresses about 5-20 times.
MAX_COMPRESSION_RATIO = 100
MAX_ZIP_ENTRIES = 1000
DEFAULT_MAX_ROWS = 50_000
# A workbook is scanned row by row and cell by cell, empty ones included: these bound the
# work a small file can ask for (a sheet may declare A1:XFD1048576 and fill one cell).
MAX_COLUMNS = 200
DEFAULT_MAX_SECONDS = 20
DELIMITERS = (",", ";", "\t", "|")
XLSX_MAGIC = b"PK\x03\x04"


@dataclass
class RawTable:
    """Non-blank records as ``(row number, cells)``; ``warnings`` about the file itself."""

    records: list[tuple[int, list[str]]]
    encoding: str = ""
    warnings: list[Issue] = field(default_factory=list)


def max_bytes() -> int:
    return int(getattr(settings, "RM_IMPORT_MAX_BYTES", DEFAULT_MAX_BYTES))


def max_unzipped_bytes() -> int:
    return int(getattr(settings, "RM_IMPORT_MAX_UNZIPPED_BYTES", 20 * max_bytes()))


def max_rows() -> int:
    return int(getattr(settings, "RM_IMPORT_MAX_ROWS", DEFAULT_MAX_ROWS))


def max_scanned_rows() -> int:
    """The last sheet row read: room for the row cap plus as many blank or styled rows."""
    return 2 * max_rows()


def max_seconds() -> float:
    return float(getattr(settings, "RM_IMPORT_MAX_SECONDS", DEFAULT_MAX_SECONDS))


def check_size(size: int) -> None:
    """Refuse a file over ``RM_IMPORT_MAX_BYTES`` before reading a byte of it."""
    if size > max_bytes():
        raise ImportFileError(Issue("too_large", {"size": size, "limit": max_bytes()}))


def read_table(*, data: bytes, filename: str) -> RawTable:
    """Read a CSV or XLSX file into records; raise ``ImportFileError`` if it cannot be read."""
    check_size(len(data))
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise ImportFileError(Issue("empty_file"))
    name = filename.lower()
    if data.startswith(XLSX_MAGIC) or name.endswith((".xlsx", ".xlsm", ".xls")):
        table = _read_xlsx(data)
    else:
        table = _read_csv(data)
    if not table.records:
        raise ImportFileError(Issue("empty_file"))
    if len(table.records) > max_rows():
        raise ImportFileError(Issue("too_large", {"size": len(table.records), "limit": max_rows()}))
    return table


# CSV ------------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str, str, list[Issue]]:
    """Text, encoding name and warnings. Never guesses silently: a legacy encoding is said."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text" export: UTF-16 with a BOM (its NUL bytes are legitimate).
        try:
            return data.decode("utf-16"), "UTF-16", [Issue("encoding_utf16")]
        except UnicodeDecodeError:
            pass
    nul = data.find(b"\x00")
    if nul >= 0:
        raise ImportFileError(Issue("nul_bytes", {"line": data.count(b"\n", 0, nul) + 1}))
    try:
        return data.decode("utf-8"), "UTF-8", []
    except UnicodeDecodeError as error:
        _refuse_mixed(data, error.start)
    # Not UTF-8: French exports are almost always Windows-1252 (a superset of Latin-1 for
    # printable characters). Latin-1 decodes any byte, so the fallback never fails.
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252 (cp1252)"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1 (ISO-8859-1)"
    return text, encoding, [Issue("encoding_legacy", {"encoding": encoding})]


def _refuse_mixed(data: bytes, bad: int) -> None:
    """Refuse a file that is UTF-8 on some lines and not on others (two exports pasted).

    Read as Windows-1252, its UTF-8 lines would turn "Zoé" into "ZoÃ©" and rename everyone
    in them; read as UTF-8, its other lines cannot be read at all. Only the user can tell
    which part is right. A line of plain ASCII says nothing either way.
    """
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        raise ImportFileError(
            Issue(
                "encoding_mixed",
                {"line": data.count(b"\n", 0, bad) + 1, "utf8_line": number},
            )
        )


def _sniff_delimiter(text: str) -> str:
    """The candidate most frequent outside quotes on the first non-blank line."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in first:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(data: bytes) -> RawTable:
    text, encoding, warnings = _decode(data)
    if "\x00" in text:  # UTF-16 text can still hold NUL characters
        raise ImportFileError(
            Issue("nul_bytes", {"line": text.count("\n", 0, text.find("\x00")) + 1})
        )
    delimiter = _sniff_delimiter(text)
    if delimiter != ",":
        shown = "Tab" if delimiter == "\t" else delimiter
        warnings.append(Issue("delimiter", {"delimiter": shown}))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(reader, start=1):
            if any(cell.strip() for cell in cells):
                # Cells after the last value are separators a spreadsheet left behind.
                while not cells[-1].strip():
                    cells.pop()
                if len(cells) > MAX_COLUMNS:
                    raise ImportFileError(
                        Issue(
                            "csv_too_many_columns",
                            {"count": len(cells), "limit": MAX_COLUMNS},
                            row=number,
                        )
                    )
                records.append((number, cells))
    except csv.Error as error:
        raise ImportFileError(
            Issue("csv_unreadable", {"line": reader.line_num, "detail": str(error)})
        ) from None
    return RawTable(records=records, encoding=encoding, warnings=warnings)


# XLSX -----------------------------------------------------------------------------------


def _check_zip(data: bytes) -> None:
    """Refuse a zip bomb from the zip's directory alone, before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportFileError(Issue("not_xlsx")) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise ImportFileError(Issue("not_xlsx"))
    total = sum(entry.file_size for entry in entries)
    compressed = sum(entry.compress_size for entry in entries) or 1
    ratio = total // compressed
    worst = max((entry.file_size // max(entry.compress_size, 1) for entry in entries), default=0)
    if (
        total > max_unzipped_bytes()
        or ratio > MAX_COMPRESSION_RATIO
        or worst > (MAX_COMPRESSION_RATIO * 10)
    ):
        raise ImportFileError(Issue("zip_bomb", {"size": total, "ratio": max(ratio, worst)}))


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return str(value)


class _OutOfTime(Exception):
    pass


class _TimedBytes(io.BytesIO):
    """The workbook's bytes, which refuse to be read after ``deadline``.

    Every part of the workbook (shared strings, styles, the sheet) is inflated from here as
    it is parsed, so the deadline bounds the whole read, not only the loop over rows.
    """

    def __init__(self, data: bytes, deadline: float) -> None:
        super().__init__(data)
        self.deadline = deadline

    def read(self, size: int | None = -1) -> bytes:
        if time.monotonic() >= self.deadline:
            raise _OutOfTime
        return super().read(size)


def _too_slow() -> ImportFileError:
    return ImportFileError(Issue("xlsx_too_slow", {"seconds": f"{max_seconds():g}"}))


def _read_xlsx(data: bytes) -> RawTable:
    _check_zip(data)
    import openpyxl  # imported here: only workbooks need it

    deadline = time.monotonic() + max_seconds()
    try:
        workbook = openpyxl.load_workbook(
            _TimedBytes(data, deadline), read_only=True, data_only=True
        )
    except _OutOfTime:
        raise _too_slow() from None
    except Exception:  # openpyxl raises many kinds of errors on a damaged workbook
        raise ImportFileError(Issue("not_xlsx")) from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(Issue("xlsx_no_sheet"))
        records = _sheet_records(workbook, workbook.worksheets[0], deadline)
    except ImportFileError:
        raise
    except _OutOfTime:
        raise _too_slow() from None
    except Exception:
        raise ImportFileError(Issue("not_xlsx")) from None
    finally:
        workbook.close()
    return RawTable(records=records, encoding="XLSX", warnings=[])


def _sheet_records(workbook, sheet, deadline: float) -> list[tuple[int, list[str]]]:
    """The sheet's non-blank rows, refusing one that goes past the row or column caps.

    openpyxl's own ``iter_rows`` trusts the sheet's declared dimension and yields every
    missing row as a full-width empty one: a 5 KB sheet declaring ``A1:XFD1048576`` with
    one cell in its last row costs a million rows of 16,384 cells. Its parser, used here,
    yields only the rows the file holds, each with its number, so gaps cost nothing and
    each row and cell is checked against the caps as it comes.
    """
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet._reader import WorkSheetParser

    last_row = max_scanned_rows()
    records: list[tuple[int, list[str]]] = []
    with sheet._get_source() as source:
        parser = WorkSheetParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for scanned, (number, cells) in enumerate(parser.parse(), start=1):
            if time.monotonic() >= deadline:
                raise _OutOfTime
            if number > last_row or scanned > last_row:
                raise ImportFileError(
                    Issue("xlsx_too_many_rows", {"row": max(number, scanned), "limit": last_row})
                )
            values: dict[int, str] = {}
            for cell in cells:
                text = _cell_text(cell["value"])
                if not text.strip():
                    continue  # empty or styled-only cells, wherever they are
                if cell["column"] > MAX_COLUMNS:
                    raise ImportFileError(
                        Issue(
                            "xlsx_too_many_columns",
                            {"column": get_column_letter(cell["column"]), "limit": MAX_COLUMNS},
                            row=number,
                        )
                    )
                values[cell["column"]] = text
            if values:
                row = [""] * max(values)
                for column, text in values.items():
                    row[column - 1] = text
                records.append((number, row))
                if len(records) > max_rows():
                    break
    return records
