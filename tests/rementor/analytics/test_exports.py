"""The exports' datasets and files: what they hold, and what never leaves a pair."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.utils import translation

from rementor.analytics import exports
from rementor.core.exports import Sheet, csv_bytes, neutralise_cell, xlsx_bytes
from tests.rementor.analytics.factories import (
    FORMULA,
    MARKERS,
    exported_pair,
    read_csv,
    read_xlsx,
)
from tests.rementor.mentoring.factories import make_pair


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
def test_each_dataset_runs_a_fixed_number_of_queries(dataset, django_assert_num_queries, db):
    small = make_pair()[0]
    for _ in range(2):
        exported_pair(programme=small.programme)
    with django_assert_num_queries(exports.QUERIES[dataset]):
        exports.DATASETS[dataset](programme=small.programme)


def test_csv_export_standard_flavour(pair):
    result = exports.export(programme=pair.programme, fmt="csv", dataset="pairs")
    assert result.filename == f"{pair.programme.slug}-pairs.csv"
    assert not result.content.startswith(b"\xef\xbb\xbf")
    rows = read_csv(result.content, delimiter=",")
    assert rows[1][1] == f"'{FORMULA} Zoé"
    assert rows[1][3] == "Éléonore Lefèvre"


def test_csv_export_french_excel_flavour(pair):
    result = exports.export(
        programme=pair.programme, fmt="csv", dataset="pulses", flavour="excel-fr"
    )
    assert result.filename.endswith("-pulses-excel-fr.csv")
    assert result.content.startswith(b"\xef\xbb\xbf")
    assert b";" in result.content.splitlines()[0]
    rows = read_csv(result.content, delimiter=";")
    assert rows[1][1] == f"'{FORMULA} Zoé"
    assert rows[1][-1] == "'-1 point: trop court"


def test_xlsx_export_all_datasets_neutralised(pair):
    with translation.override("en"):
        result = exports.export(programme=pair.programme, fmt="xlsx")
    sheets = read_xlsx(result.content)
    assert list(sheets) == ["Participants", "Needs", "Pairs", "Sessions", "Objectives", "Pulses"]
    for rows in sheets.values():
        assert f"'{FORMULA} Zoé" in [rows[1][0], rows[1][1]]
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
    text = repr(read_xlsx(result.content)) if xlsx else result.content.decode("utf-8-sig")
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
