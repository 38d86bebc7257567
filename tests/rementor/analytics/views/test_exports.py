"""The exports page and downloads: every format, and hostile text typed by participants."""

from __future__ import annotations

import io

import openpyxl
from django.urls import reverse

from rementor.analytics import exports
from tests.factories import client_for
from tests.rementor.analytics.factories import (
    PRIVATE_PULSE_MARKER,
    hostile_entries,
    read_csv,
    read_xlsx,
)
from tests.rementor.mentoring.factories import pulses_one_shared_one_kept


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
    assert len(read_xlsx(response.content)) == len(exports.DATASETS) == 6
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


# --------------------------------------------------------------------------- formulas, end to end


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
            values = [v for row in read_csv(response.content, delimiter=delimiter) for v in row]
            hostile = _hostile_cells(values)
            assert len(hostile) == 2
            assert all(value.startswith("'=HYPERLINK(") for value in hostile)
            assert "\x01" not in response.content.decode("utf-8-sig")


# --------------------------------------------------------------------------- private pulse comments


def test_manager_files_carry_a_shared_comment_not_a_private_one(db, manager):
    pair, _mentee, _mentor, _session = pulses_one_shared_one_kept(
        shared="SHARED-9a1f", kept=PRIVATE_PULSE_MARKER
    )
    client = client_for(manager)
    url = reverse("analytics:export", args=[pair.programme.slug])
    csv_text = client.get(url, {"format": "csv", "dataset": "pulses"}).content.decode()
    xlsx_text = repr(read_xlsx(client.get(url, {"format": "xlsx"}).content))
    for text in (csv_text, xlsx_text):
        assert "SHARED-9a1f" in text
        assert PRIVATE_PULSE_MARKER not in text
