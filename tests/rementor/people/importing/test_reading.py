"""Bytes to rows: encodings, delimiters, sizes, workbooks, and arbitrary bytes."""

from __future__ import annotations

import io
import re
import time
import zipfile

import openpyxl
import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rementor.people.importing.issues import ImportFileError, render
from rementor.people.importing.reading import read_table
from rementor.people.models import Person
from tests.factories import PersonFactory
from tests.rementor.people.factories import HEADER, codes, csv_file


def test_read_utf8_with_bom_reads_the_first_header(preview):
    batch = preview("\ufeff".encode() + csv_file("E1,Zoé,Lambert,zoe@example.org,,,,,fr,"))
    assert batch.status == "previewed"
    assert batch.plan[0]["values"]["first_name"] == "Zoé"


def test_read_semicolon_delimiter_of_french_excel(preview):
    data = csv_file("E1;Zoé;Lambert;zoe@example.org;;;;;fr;", header=HEADER.replace(",", ";"))
    batch = preview(data)
    assert batch.status == "previewed"
    assert "delimiter" in codes(batch.warnings)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_read_legacy_encoding_is_detected_and_said(preview, encoding):
    data = (HEADER + "\nE1,Zoé,Lefèvre,zoe@example.org,Chargée,Ventes,,,fr,\n").encode(encoding)
    batch = preview(data)
    assert batch.status == "previewed"
    assert "encoding_legacy" in codes(batch.warnings)
    assert batch.plan[0]["values"]["last_name"] == "Lefèvre"
    assert batch.plan[0]["values"]["job_title"] == "Chargée"


def test_read_cp1252_only_characters_are_not_mangled(preview):
    data = (HEADER + "\nE1,Zoé,O’Neil,zoe@example.org,Œnologue,,,,,\n").encode("cp1252")
    batch = preview(data)
    assert batch.plan[0]["values"]["last_name"] == "O’Neil"
    assert batch.plan[0]["values"]["job_title"] == "Œnologue"


def _mixed(*parts: tuple[str, str]) -> bytes:
    """Lines in different encodings pasted together, as ``(text, encoding)`` parts."""
    return b"".join(text.encode(encoding) for text, encoding in parts)


def test_read_utf8_then_latin1_lines_are_refused_at_the_first_latin1_line(preview):
    PersonFactory(employee_id="E1", first_name="Zoé", last_name="Lefèvre")
    data = _mixed(
        (HEADER + "\nE1,Zoé,Lefèvre,,,,,,,\nE2,Max,Roy,,,,,,,\n", "utf-8"),
        ("E3,Hélène,Dupré,,,,,,,\n", "latin-1"),
    )
    batch = preview(data)
    assert batch.status == "failed" and batch.plan == []
    assert batch.errors[0]["code"] == "encoding_mixed"
    assert batch.errors[0]["params"] == {"line": 4, "utf8_line": 2}
    for language in ("fr", "en"):
        with translation.override(language):
            message = render(batch.errors[0])
        assert "4" in message and "CSV UTF-8" in message
    assert Person.objects.get(employee_id="E1").first_name == "Zoé"


def test_read_latin1_then_utf8_lines_are_refused_at_the_first_latin1_line(preview):
    data = _mixed(
        (HEADER + "\nE3,Hélène,Dupré,,,,,,,\n", "cp1252"), ("E1,Zoé,Lefèvre,,,,,,,\n", "utf-8")
    )
    batch = preview(data)
    assert codes(batch.errors) == ["encoding_mixed"]
    assert batch.errors[0]["params"] == {"line": 2, "utf8_line": 3}


def test_read_cp1252_file_with_a_utf8_bom_is_still_read_as_cp1252(preview):
    # Only UTF-8 letters can be garbled; a BOM followed by Windows-1252 text garbles none.
    batch = preview(b"\xef\xbb\xbf" + (HEADER + "\nE1,Zoé,Lefèvre,,,,,,,\n").encode("cp1252"))
    assert batch.status == "previewed"
    assert batch.plan[0]["values"]["last_name"] == "Lefèvre"


def test_read_utf16_with_bom(preview):
    batch = preview((HEADER + "\nE1,Zoé,Lambert,,,,,,,\n").encode("utf-16"))
    assert batch.status == "previewed"
    assert "encoding_utf16" in codes(batch.warnings)


def test_read_nul_bytes_are_refused_with_the_line(preview, db):
    batch = preview(csv_file("E1,Zoé,Lam\x00bert,,,,,,,"))
    assert batch.status == "failed"
    assert batch.errors[0]["code"] == "nul_bytes"
    assert batch.errors[0]["params"]["line"] == 2
    assert not Person.objects.filter(employee_id="E1").exists()


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", "\ufeff".encode()])
def test_read_empty_file_is_refused(preview, data):
    batch = preview(data)
    assert codes(batch.errors) == ["empty_file"]


def test_read_header_only_is_refused(preview):
    assert codes(preview(csv_file()).errors) == ["header_only"]


def test_read_blank_lines_are_skipped_and_rows_keep_their_numbers(preview):
    batch = preview(csv_file("", "E1,Zoé,Lambert,,,,,,,", "  ", "E2,Max,,,,,,,,"))
    assert batch.plan[0]["row"] == 3
    assert batch.errors[0]["row"] == 5


def test_read_quoted_newline_stays_in_its_cell(preview):
    batch = preview(csv_file('1,Zoé,Lambert,,"Chef de projet\ndigital",,,,,', "E2,Max,Roy,,,,,,,"))
    assert batch.status == "previewed"
    assert batch.plan[0]["values"]["job_title"] == "Chef de projet digital"
    assert batch.plan[1]["row"] == 3


def test_read_file_over_the_size_limit_is_refused_before_parsing(preview, settings):
    settings.RM_IMPORT_MAX_BYTES = 100
    batch = preview(csv_file(*[f"{n},Zoé,Lambert,,,,,,," for n in range(10)]))
    assert codes(batch.errors) == ["too_large"]
    assert batch.rows == []


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_read_xlsx_with_numbers_and_empty_cells(preview):
    data = _xlsx([HEADER.split(","), [123, "Zoé", "Lambert", None, None, None, None, None, "fr"]])
    batch = preview(data, filename="people.xlsx")
    assert batch.status == "previewed"
    assert batch.plan[0]["employee_id"] == "123"


def test_read_xlsx_zip_bomb_is_refused_before_openpyxl(preview, monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 20_000_000)
    opened = []
    monkeypatch.setattr(openpyxl, "load_workbook", lambda *a, **k: opened.append(1))
    batch = preview(buffer.getvalue(), filename="bomb.xlsx")
    assert codes(batch.errors) == ["zip_bomb"]
    assert not opened


def _rewritten_xlsx(rows: list[list[object]], *, dimension: str = "", append: str = "") -> bytes:
    """A workbook saved by openpyxl, then its sheet XML edited as a hostile file would be.

    ``dimension`` replaces the declared range; ``append`` is raw ``<row>`` XML added at the
    end of the sheet data.
    """
    source = zipfile.ZipFile(io.BytesIO(_xlsx(rows)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                xml = data.decode()
                if dimension:
                    xml = re.sub(
                        r'<dimension ref="[^"]*"\s*/>', f'<dimension ref="{dimension}"/>', xml
                    )
                xml = xml.replace("</sheetData>", append + "</sheetData>")
                data = xml.encode()
            archive.writestr(item, data)
    return buffer.getvalue()


def _cell(reference: str, text: str) -> str:
    return f'<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>'


XLSX_ROWS = [HEADER.split(","), ["E1", "Zoé", "Lambert"]]


ROW_3 = f'<row r="3">{_cell("A3", "E2")}{_cell("B3", "Max")}{_cell("C3", "Roy")}</row>'


@pytest.mark.parametrize("dimension", ["A1:XFD1048576", "A1:C2"])
def test_read_xlsx_declared_dimension_is_not_trusted(preview, dimension):
    started = time.perf_counter()
    data = _rewritten_xlsx(XLSX_ROWS, dimension=dimension, append=ROW_3)
    batch = preview(data, filename="p.xlsx")
    assert batch.status == "previewed"
    assert [entry["employee_id"] for entry in batch.plan] == ["E1", "E2"]
    assert time.perf_counter() - started < 1


def test_read_xlsx_cell_in_the_last_sheet_row_is_refused_within_a_second(preview):
    hostile = _rewritten_xlsx(
        XLSX_ROWS,
        dimension="A1:XFD1048576",
        append=f'<row r="1048576">{_cell("XFD1048576", "x")}</row>',
    )
    assert len(hostile) < 10_000
    started = time.perf_counter()
    batch = preview(hostile, filename="p.xlsx")
    assert time.perf_counter() - started < 1
    assert codes(batch.errors) == ["xlsx_too_many_rows"]
    assert batch.errors[0]["params"] == {"row": 1048576, "limit": 100_000}
    for language in ("fr", "en"):
        with translation.override(language):
            assert "100000" in render(batch.errors[0])


def test_read_xlsx_empty_styled_rows_are_skipped_up_to_the_scan_cap(preview, settings):
    settings.RM_IMPORT_MAX_ROWS = 1000
    styled = "".join(f'<row r="{n}" s="1" customFormat="1" ht="20"/>' for n in range(3, 2001))
    data = _rewritten_xlsx(XLSX_ROWS, dimension="A1:J2000", append=styled)
    batch = preview(data, filename="p.xlsx")
    assert batch.status == "previewed" and batch.created_count == 1


def test_read_xlsx_empty_styled_rows_past_the_scan_cap_are_refused(preview, settings):
    settings.RM_IMPORT_MAX_ROWS = 1000
    styled = "".join(f'<row r="{n}" s="1" customFormat="1" ht="20"/>' for n in range(3, 3001))
    data = _rewritten_xlsx(XLSX_ROWS, dimension="A1:J3000", append=styled)
    batch = preview(data, filename="p.xlsx")
    assert codes(batch.errors) == ["xlsx_too_many_rows"]
    assert batch.errors[0]["params"] == {"row": 2001, "limit": 2000}


def test_read_xlsx_value_past_the_column_cap_is_refused_with_its_row(preview):
    row = f'<row r="3">{_cell("A3", "E2")}{_cell("B3", "Max")}{_cell("XFD3", "x")}</row>'
    batch = preview(_rewritten_xlsx(XLSX_ROWS, dimension="A1:XFD3", append=row), filename="p.xlsx")
    assert codes(batch.errors) == ["xlsx_too_many_columns"]
    assert batch.errors[0]["row"] == 3
    assert batch.errors[0]["params"] == {"column": "XFD", "limit": 200}


def test_read_xlsx_empty_styled_cells_past_the_column_cap_are_ignored(preview):
    cells = "".join(
        f'<c r="{openpyxl.utils.get_column_letter(n)}3" s="1"/>' for n in range(4, 16385)
    )
    row = f'<row r="3">{_cell("A3", "E2")}{_cell("B3", "Max")}{_cell("C3", "Roy")}{cells}</row>'
    batch = preview(_rewritten_xlsx(XLSX_ROWS, dimension="A1:XFD3", append=row), filename="p.xlsx")
    assert batch.status == "previewed" and batch.created_count == 2


def test_read_xlsx_past_the_time_budget_is_refused(preview, settings):
    settings.RM_IMPORT_MAX_SECONDS = 0
    batch = preview(_xlsx(XLSX_ROWS), filename="p.xlsx")
    assert codes(batch.errors) == ["xlsx_too_slow"]


def test_read_damaged_xlsx_is_refused(preview):
    assert codes(preview(b"PK\x03\x04 not a zip", filename="people.xlsx").errors) == ["not_xlsx"]


@hsettings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=2000), xlsx=st.booleans())
def test_read_arbitrary_bytes_give_rows_or_an_error(data, xlsx):
    try:
        table = read_table(data=data, filename="f.xlsx" if xlsx else "f.csv")
    except ImportFileError as error:
        assert error.issues
    else:
        assert all(isinstance(cell, str) for _n, cells in table.records for cell in cells)
