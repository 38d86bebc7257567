"""A few values of each column of a file, shown beside its headers in the mapping step."""

from __future__ import annotations

from rementor.core.exports import neutralise_cell
from rementor.people.importing import mojibake
from rementor.people.importing.validation import clean_cell

PER_COLUMN = 3
MAX_LENGTH = 40


def _shown(value: str) -> str:
    text = value if len(value) <= MAX_LENGTH else value[: MAX_LENGTH - 1].rstrip() + "…"
    return str(neutralise_cell(text))


def _readable(cells: list[str]) -> bool:
    """False for a row whose text did not decode cleanly: garbled accents, or characters
    replaced because their bytes could not be read."""
    return not any("\ufffd" in cell or mojibake.looks_garbled(cell) for cell in cells)


def column_samples(table: list, width: int) -> list[list[str]]:
    """Up to three different non-empty values of each of the ``width`` columns of ``table``
    (``[row number, cells]``, header row first), cleaned, shortened and neutralised as every
    shown cell is. Rows that did not decode cleanly give none."""
    samples: list[list[str]] = [[] for _ in range(width)]
    for _number, cells in table[1:]:
        if all(len(s) >= PER_COLUMN for s in samples):
            break
        if not _readable(cells):
            continue
        for position, cell in enumerate(cells[:width]):
            value = _shown(clean_cell(cell)[0])
            if value and value not in samples[position] and len(samples[position]) < PER_COLUMN:
                samples[position].append(value)
    return samples
