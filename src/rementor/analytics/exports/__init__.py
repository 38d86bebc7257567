"""The programme managers' exports: what happened in the pairs (pairs, sessions, objectives,
pulses) and who takes part (participants, needs), as tables.

Each dataset is a function returning a :class:`Table` (header + rows) in a fixed number of
queries, whatever the programme's size; the web view and ``python -m rementor report`` share
them, and :func:`export` turns tables into XLSX or CSV (both flavours) through
``rementor.core.exports``, which neutralises every cell.

What each dataset may hold, and what never leaves a pair, is said where it is read:
:mod:`.activity` and :mod:`.participants`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _

from rementor.analytics.exports.activity import objectives, pairs, pulses, sessions
from rementor.analytics.exports.participants import needs, participants
from rementor.analytics.exports.tables import Table
from rementor.core.exports import Sheet, csv_bytes, xlsx_bytes
from rementor.programmes.models import Programme

__all__ = [
    "DATASETS",
    "Export",
    "Flavour",
    "Format",
    "Table",
    "dataset_titles",
    "export",
    "needs",
    "objectives",
    "pairs",
    "participants",
    "pulses",
    "sessions",
]


class Format(StrEnum):
    XLSX = "xlsx"
    CSV = "csv"


class Flavour(StrEnum):
    """CSV flavours: the standard one, and the one French Excel opens with a double-click."""

    STANDARD = "standard"  # ",", UTF-8 without BOM
    EXCEL_FR = "excel-fr"  # ";", UTF-8 with BOM (else Excel reads the accents as Latin-1)


@dataclass(frozen=True)
class Export:
    content: bytes
    content_type: str
    filename: str


DATASETS: dict[str, Callable[..., Table]] = {
    "participants": participants,
    "needs": needs,
    "pairs": pairs,
    "sessions": sessions,
    "objectives": objectives,
    "pulses": pulses,
}

# Database queries each dataset makes, whatever the programme's size (tested).
QUERIES = {"participants": 1, "needs": 3, "pairs": 1, "sessions": 1, "objectives": 1, "pulses": 1}


def dataset_titles() -> dict[str, str]:
    """Each dataset's localised name, for the exports page and error messages."""
    return {
        "participants": _("Participants"),
        "needs": _("Needs"),
        "pairs": _("Pairs"),
        "sessions": _("Sessions"),
        "objectives": _("Objectives"),
        "pulses": _("Pulses"),
    }


def export(
    *,
    programme: Programme,
    fmt: Format | str,
    dataset: str | None = None,
    flavour: Flavour | str = Flavour.STANDARD,
) -> Export:
    """The file for ``dataset`` (XLSX: None means one workbook with every dataset) in
    ``fmt``. Raises ``ValueError`` for an unknown format, flavour or dataset, or a CSV asked
    without a dataset."""
    fmt = Format(fmt)
    flavour = Flavour(flavour)
    if dataset is not None and dataset not in DATASETS:
        raise ValueError(f"unknown dataset {dataset!r}")
    names = [dataset] if dataset else list(DATASETS)
    stem = f"{programme.slug}-{dataset or 'all'}"
    if fmt == Format.CSV:
        if dataset is None:
            raise ValueError("a CSV export holds one dataset: choose one")
        table = DATASETS[dataset](programme=programme)
        excel = flavour == Flavour.EXCEL_FR
        content = csv_bytes([table.header, *table.rows], bom=excel, delimiter=";" if excel else ",")
        suffix = "-excel-fr" if excel else ""
        return Export(content, "text/csv; charset=utf-8", f"{stem}{suffix}.csv")
    tables = [DATASETS[name](programme=programme) for name in names]
    content = xlsx_bytes(Sheet(table.title, table.header, table.rows) for table in tables)
    return Export(
        content,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        f"{stem}.xlsx",
    )
