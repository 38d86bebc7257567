"""Bytes to rows: encodings, delimiters, sizes, workbooks, and arbitrary bytes."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from hypothesis import given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from rementor.people.importing.issues import ImportFileError
from rementor.people.importing.reading import read_table
from rementor.people.models import Person
from tests.rementor.people.importing.conftest import HEADER, codes, csv_file


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
