from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation

from rementor.analytics import exports
from rementor.core.exports import Sheet, csv_bytes, neutralise_cell, xlsx_bytes
from tests.conftest import client_for
from tests.rementor.analytics.export_data import (
    AGENDA_MARKER,
    CONCERN_MARKER,
    FORMULA,
    PRIVATE_MARKER,
    PRIVATE_PULSE_MARKER,
    SHARED_MARKER,
    exported_pair,
    hostile_entries,
)
from tests.rementor.mentoring.factories import make_pair, pulses_one_shared_one_kept

MARKERS = (SHARED_MARKER, PRIVATE_MARKER, AGENDA_MARKER, CONCERN_MARKER, PRIVATE_PULSE_MARKER)


@pytest.fixture
def pair(db):
    pair, _mentee, _mentor = exported_pair()
    return pair


def _read_csv(content: bytes, *, delimiter: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


def _read_xlsx(content: bytes) -> dict[str, list[list[object]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in workbook}


def test_neutralise_cell_covers_tab_and_carriage_return():
    # The blank prefix is dropped first; what is left is neutralised if it is a formula.
    assert neutralise_cell("\t=1") == "'=1"
    assert neutralise_cell("\rx") == "x"
    assert neutralise_cell("Zoé") == "Zoé"


def test_csv_bytes_flavours():
    rows = [["nom", "ville"], ["Zoé", "=1+1"]]
    standard = csv_bytes(rows, bom=False)
    assert not standard.startswith(b"\xef\xbb\xbf")
    assert standard.decode("utf-8").splitlines() == ["nom,ville", "Zoé,'=1+1"]
    excel = csv_bytes(rows, bom=True, delimiter=";")
    assert excel.startswith(b"\xef\xbb\xbf")
    assert excel[3:].decode("utf-8").splitlines() == ["nom;ville", "Zoé;'=1+1"]


def test_xlsx_bytes_styles_header_and_neutralises():
    content = xlsx_bytes(
        [Sheet("A: [test]", ["Name", "When"], [["+33 1", dt.datetime(2026, 1, 2, 3, 4)]])]
    )
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    ws = workbook.worksheets[0]
    assert ws.title == "A   test "
    assert ws["A1"].font.bold
    assert ws["A2"].value == "'+33 1"
    assert ws["B2"].value == dt.datetime(2026, 1, 2, 3, 4)
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width > len("When")


def test_pairs_dataset(pair):
    with translation.override("en"):
        table = exports.pairs(programme=pair.programme)
    assert table.header[:4] == ["Pair ID", "Mentee", "Mentee's department", "Mentor"]
    (row,) = table.rows
    assert row[0] == pair.pk
    assert row[1] == f"{FORMULA} Zoé"
    assert row[3] == "Éléonore Lefèvre"
    assert row[5] == "Active"
    assert row[-1] == 1  # sessions held: the planned one does not count


def test_sessions_dataset_has_dates_and_status_only(pair):
    with translation.override("en"):
        table = exports.sessions(programme=pair.programme)
    assert table.header == [
        "Pair ID",
        "Mentee",
        "Mentor",
        "Date and time",
        "Duration (minutes)",
        "Mode",
        "Status",
    ]
    held, planned = table.rows
    # 14:30 UTC is 16:30 in Paris (the session's time zone), written as local time.
    assert held[3] == dt.datetime(2026, 10, 5, 16, 30)
    assert held[4:] == [45, "Video call", "Held"]
    assert planned[-1] == "Planned"


def test_objectives_dataset_counts_adjustments(pair):
    with translation.override("en"):
        table = exports.objectives(programme=pair.programme)
    by_title = {row[4]: row for row in table.rows}
    assert by_title["@Publier sur LinkedIn"][3:] == [
        "Mentee",
        "@Publier sur LinkedIn",
        "LinkedIn",
        "In progress",
        40,
        dt.date(2026, 12, 1),
        2,
    ]
    assert by_title["Animer"][5] == "Leadership"
    assert by_title["Animer"][-1] == 0


def test_pulses_dataset_keeps_shared_comments_only(pair):
    with translation.override("en"):
        table = exports.pulses(programme=pair.programme)
    assert table.header[-1] == "Comment shared with the programme team"
    # The mentor kept their comment private: the scores are exported, the sentence is not.
    assert [row[4:] for row in table.rows] == [
        ["Mentee", 5, 4, "-1 point: trop court"],
        ["Mentor", 4, 5, ""],
    ]


@pytest.mark.parametrize("dataset", list(exports.DATASETS))
def test_each_dataset_runs_one_query(dataset, django_assert_num_queries, db):
    small = make_pair()[0]
    for _ in range(2):
        exported_pair(programme=small.programme)
    with django_assert_num_queries(1):
        exports.DATASETS[dataset](programme=small.programme)


def test_csv_export_standard_flavour(pair):
    result = exports.export(programme=pair.programme, fmt="csv", dataset="pairs")
    assert result.filename == f"{pair.programme.slug}-pairs.csv"
    assert not result.content.startswith(b"\xef\xbb\xbf")
    rows = _read_csv(result.content, delimiter=",")
    assert rows[1][1] == f"'{FORMULA} Zoé"
    assert rows[1][3] == "Éléonore Lefèvre"


def test_csv_export_french_excel_flavour(pair):
    result = exports.export(
        programme=pair.programme, fmt="csv", dataset="pulses", flavour="excel-fr"
    )
    assert result.filename.endswith("-pulses-excel-fr.csv")
    assert result.content.startswith(b"\xef\xbb\xbf")
    assert b";" in result.content.splitlines()[0]
    rows = _read_csv(result.content, delimiter=";")
    assert rows[1][1] == f"'{FORMULA} Zoé"
    assert rows[1][-1] == "'-1 point: trop court"


def test_xlsx_export_all_datasets_neutralised(pair):
    with translation.override("en"):
        result = exports.export(programme=pair.programme, fmt="xlsx")
    sheets = _read_xlsx(result.content)
    assert list(sheets) == ["Pairs", "Sessions", "Objectives", "Pulses"]
    for rows in sheets.values():
        assert rows[1][1] == f"'{FORMULA} Zoé"
        for row in rows:
            for value in row:
                assert not (isinstance(value, str) and value.startswith(("=", "+", "-", "@")))
    assert sheets["Objectives"][1][4] == "'@Publier sur LinkedIn"


@pytest.mark.parametrize(
    ("fmt", "dataset", "flavour"),
    [
        ("xlsx", None, "standard"),
        *(
            (fmt, name, flavour)
            for name in exports.DATASETS
            for fmt, flavour in (
                ("csv", "standard"),
                ("csv", "excel-fr"),
                ("xlsx", "standard"),
            )
        ),
    ],
)
def test_no_note_concern_or_agenda_in_any_export(pair, fmt, dataset, flavour):
    result = exports.export(programme=pair.programme, fmt=fmt, dataset=dataset, flavour=flavour)
    xlsx = fmt == "xlsx"
    text = repr(_read_xlsx(result.content)) if xlsx else result.content.decode("utf-8-sig")
    assert "Zoé" in text
    for marker in MARKERS:
        assert marker not in text


@pytest.mark.parametrize(
    "kwargs",
    [
        {"fmt": "pdf", "dataset": "pairs"},
        {"fmt": "csv", "dataset": None},
        {"fmt": "csv", "dataset": "notes"},
        {"fmt": "csv", "dataset": "pairs", "flavour": "latin1"},
    ],
)
def test_export_rejects_unknown_options(programme, kwargs):
    with pytest.raises(ValueError):
        exports.export(programme=programme, **kwargs)


def test_download_view_serves_each_format(pair, manager):
    client = client_for(manager)
    url = reverse("analytics:export", args=[pair.programme.slug])
    response = client.get(url, {"dataset": "sessions", "format": "csv", "flavour": "excel-fr"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="{pair.programme.slug}-sessions-excel-fr.csv"'
    )
    assert response.content.startswith(b"\xef\xbb\xbf")
    response = client.get(url, {"format": "xlsx"})
    assert response.status_code == 200
    assert len(_read_xlsx(response.content)) == 4
    assert client.get(url, {"format": "csv"}).status_code == 400


def test_exports_page_lists_every_dataset_and_format(pair, manager):
    response = client_for(manager).get(
        reverse("analytics:exports", args=[pair.programme.slug]), HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    html = response.content.decode()
    for name in exports.DATASETS:
        for query in (
            "format=xlsx",
            "format=csv&amp;flavour=standard",
            "format=csv&amp;flavour=excel-fr",
        ):
            assert f"?dataset={name}&amp;{query}" in html
    assert "audience=sponsor" in html
    assert "audience=manager" in html


# --------------------------------------------------------------------- formulas, end to end


def _hostile_cells(values) -> list[str]:
    return [v for v in values if isinstance(v, str) and "HYPERLINK" in v]


def test_formula_behind_a_control_character_is_text_in_every_manager_file(db, manager):
    """Objective titles and shared pulse comments typed in the page forms and sent through
    the API, downloaded by the manager as CSV (both flavours) and XLSX."""
    pair = hostile_entries()
    client = client_for(manager)
    url = reverse("analytics:export", args=[pair.programme.slug])

    response = client.get(url, {"format": "xlsx"})
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [cell for ws in workbook for row in ws.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    hostile = [cell for cell in cells if _hostile_cells([cell.value])]
    assert len(hostile) == 4  # two objective titles, two pulse comments
    for cell in hostile:
        assert cell.data_type == "s"
        assert cell.value.startswith("'=HYPERLINK(")

    for dataset in ("objectives", "pulses"):
        for flavour, delimiter in (("standard", ","), ("excel-fr", ";")):
            response = client.get(url, {"format": "csv", "dataset": dataset, "flavour": flavour})
            values = [v for row in _read_csv(response.content, delimiter=delimiter) for v in row]
            hostile = _hostile_cells(values)
            assert len(hostile) == 2
            assert all(value.startswith("'=HYPERLINK(") for value in hostile)
            assert "\x01" not in response.content.decode("utf-8-sig")


# --------------------------------------------------------------------- private pulse comments


def test_manager_files_carry_a_shared_comment_not_a_private_one(db, manager):
    pair, _mentee, _mentor, _session = pulses_one_shared_one_kept(
        shared="SHARED-9a1f", kept=PRIVATE_PULSE_MARKER
    )
    client = client_for(manager)
    url = reverse("analytics:export", args=[pair.programme.slug])
    csv_text = client.get(url, {"format": "csv", "dataset": "pulses"}).content.decode()
    xlsx_text = repr(_read_xlsx(client.get(url, {"format": "xlsx"}).content))
    for text in (csv_text, xlsx_text):
        assert "SHARED-9a1f" in text
        assert PRIVATE_PULSE_MARKER not in text
