"""Row by row: clean each cell, check each field, find duplicates inside the file.

Checks that need the database (existing people, managers, cycles) are in ``planning``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from rementor.core.email_addresses import normalise_email
from rementor.core.languages import SPOKEN_LANGUAGE_CODES
from rementor.people.importing import mojibake
from rementor.people.importing.issues import Issue
from rementor.people.importing.padding import PADDED_FIELDS, padded
from rementor.people.importing.presets import Layout

MAX_LENGTHS = {
    "employee_id": 64,
    "first_name": 150,
    "last_name": 150,
    "email": 254,
    "job_title": 200,
    "department": 120,
    "site": 120,
    "manager_id": 64,
    "time_zone": 64,
}
# Zero-width and formatting characters that copy-paste leaves behind, invisible on screen.
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
WHITESPACE = re.compile(r"\s+")
LANGUAGE_SEPARATORS = re.compile(r"[,;|/\s]+")


@functools.cache
def _time_zones() -> dict[str, str]:
    return {name.casefold(): name for name in zoneinfo.available_timezones()}


def clean_cell(value: str) -> tuple[str, bool]:
    """The cell as a person meant it, and whether invisible characters were removed.

    Zero-width and control characters go; line breaks and runs of spaces (a quoted newline
    in a job title) become one space; text is NFC-normalised so "é" is one character.
    Everything else (``<script>``, a leading ``=``) is kept exactly as typed.
    """
    removed = INVISIBLE.sub("", value)
    removed = "".join(
        c if c in "\t\n\r" or unicodedata.category(c) != "Cc" else "" for c in removed
    )
    changed = removed != value
    text = WHITESPACE.sub(" ", unicodedata.normalize("NFC", removed)).strip()
    return text, changed


def parse_languages(value: str) -> tuple[list[str], list[str]]:
    """``"fr, EN; fr_FR"`` -> ``(["fr", "en"], [])``; unknown codes come second."""
    codes: list[str] = []
    unknown: list[str] = []
    for part in LANGUAGE_SEPARATORS.split(value):
        if not part:
            continue
        code = part.replace("-", "_").split("_")[0].casefold()
        if code not in SPOKEN_LANGUAGE_CODES:
            unknown.append(part)
        elif code not in codes:
            codes.append(code)
    return codes, unknown


def clean_rows(
    records: list[tuple[int, list[str]]], layout: Layout, *, pad_width: int = 0
) -> tuple[list[dict], list[Issue], list[Issue]]:
    """Validated rows (only the fields the file has), errors, and cell warnings.

    With ``pad_width`` (the manager asked for it), numeric employee and manager IDs shorter
    than that get their leading zeros back before any check; each row lists the fields so
    padded under ``"padded"``.
    """
    rows: list[dict] = []
    errors: list[Issue] = []
    warnings: list[Issue] = []
    seen_ids: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    no_manager = {v.casefold() for v in layout.preset.no_manager}
    for number, cells in records:
        row: dict = {"row": number}
        row_errors: list[Issue] = []
        for name, position in layout.columns.items():
            column = layout.headers[position]
            raw = cells[position] if position < len(cells) else ""
            value, changed = clean_cell(raw)
            if changed:
                warnings.append(Issue("invisible_removed", row=number, column=column))

            def error(code: str, _errors=row_errors, _row=number, _column=column, **params) -> None:
                _errors.append(Issue(code, params, row=_row, column=_column))

            # Checked before cleaning: "à" garbled is "Ã" and a no-break space, which cleaning
            # turns into an ordinary one.
            if mojibake.looks_garbled(raw):
                fixed = clean_cell(mojibake.repaired(raw))[0]
                error("garbled_text", value=value, fixed=fixed)
                continue
            limit = MAX_LENGTHS.get(name)
            if limit and len(value) > limit:
                error("too_long", field=name, length=len(value), limit=limit)
                continue
            if pad_width and name in PADDED_FIELDS and padded(value, pad_width) != value:
                value = padded(value, pad_width)
                row.setdefault("padded", []).append(name)
            if name in ("first_name", "last_name") and not value:
                error("required", field=name)
            elif name == "email" and value:
                value = normalise_email(value)
                try:
                    validate_email(value)
                except ValidationError:
                    error("invalid_email", value=value)
                else:
                    if value in seen_emails:
                        error("duplicate_email", value=value, first_row=seen_emails[value])
                    else:
                        seen_emails[value] = number
            elif name == "employee_id" and value:
                if value in seen_ids:
                    error("duplicate_id", value=value, first_row=seen_ids[value])
                else:
                    seen_ids[value] = number
            elif name == "languages":
                codes, unknown = parse_languages(value)
                if unknown:
                    error(
                        "unknown_language",
                        codes=", ".join(unknown),
                        known=", ".join(sorted(SPOKEN_LANGUAGE_CODES)),
                    )
                value = codes
            elif name == "time_zone" and value:
                canonical = _time_zones().get(value.casefold())
                if canonical is None:
                    error("unknown_time_zone", value=value)
                value = canonical or value
            elif name == "manager_id" and value.casefold() in no_manager:
                value = ""
            row[name] = value
        if not row.get("employee_id") and not row.get("email") and not row_errors:
            column = layout.headers[layout.columns.get("employee_id", 0)]
            row_errors.append(Issue("required", {"field": "employee_id"}, number, column))
        if "time_zone" in row and not row["time_zone"]:
            del row["time_zone"]  # an empty cell keeps the current (or default) time zone
        errors += row_errors
        row["valid"] = not row_errors
        rows.append(row)
    return rows, errors, warnings
