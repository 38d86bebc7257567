"""Column layouts of common HRIS exports, their detection, and sensitive-column screening."""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from rementor.people.importing.issues import ImportFileError, Issue

# The fields an import can fill, in the template's column order.
FIELDS = (
    "employee_id",
    "first_name",
    "last_name",
    "email",
    "job_title",
    "department",
    "site",
    "manager_id",
    "languages",
    "time_zone",
)
REQUIRED = ("first_name", "last_name")
KEYS = ("employee_id", "email")  # at least one of them

# Headers (lower-cased, accents and punctuation removed) that mark personal data Rementor must
# never store — no birth date, no gender, no pay. Kept as data so a data-protection officer can
# extend the list without touching code.
_SENSITIVE = json.loads((Path(__file__).parent / "sensitive_columns.json").read_text("utf-8"))
SENSITIVE_PARTS = tuple(_SENSITIVE["parts"])
SENSITIVE_EXACT = frozenset(_SENSITIVE["exact"])


def normalise_header(header: str) -> str:
    """``"E-mail  Address "`` and ``"email_address"`` both become ``"emailaddress"``."""
    text = unicodedata.normalize("NFKD", header or "").casefold()
    return re.sub(r"[^0-9a-z#]", "", "".join(c for c in text if not unicodedata.combining(c)))


def is_sensitive(header: str) -> bool:
    key = normalise_header(header)
    return key in SENSITIVE_EXACT or any(part in key for part in SENSITIVE_PARTS)


@dataclass(frozen=True)
class Preset:
    key: str
    label: object
    columns: dict[str, tuple[str, ...]]
    header_rows: int = 1
    no_manager: frozenset[str] = field(default_factory=frozenset)


BUILTIN_PRESETS = {
    preset.key: preset
    for preset in (
        Preset(
            "rementor",
            _("Rementor template"),
            {name: (name,) for name in FIELDS},
        ),
        Preset(
            "successfactors",
            _("SAP SuccessFactors user data file"),
            {
                "employee_id": ("USERID",),
                "first_name": ("FIRSTNAME",),
                "last_name": ("LASTNAME",),
                "email": ("EMAIL",),
                "job_title": ("TITLE",),
                "department": ("DEPARTMENT",),
                "site": ("LOCATION",),
                "manager_id": ("MANAGER",),
                "languages": ("DEFAULT_LOCALE",),
                "time_zone": ("TIMEZONE",),
            },
            header_rows=2,
            no_manager=frozenset({"NO_MGR"}),
        ),
        Preset(
            "workday",
            _("Workday custom report"),
            {
                "employee_id": ("Employee ID", "Worker ID"),
                "first_name": ("Legal First Name", "First Name"),
                "last_name": ("Legal Last Name", "Last Name"),
                "email": ("Email - Primary Work", "Primary Work Email", "Work Email"),
                "job_title": ("Business Title", "Job Title"),
                "department": ("Supervisory Organization", "Department", "Cost Center"),
                "site": ("Location", "Work Location"),
                "manager_id": ("Manager Employee ID", "Manager ID", "Worker's Manager ID"),
                "languages": ("Languages", "Language"),
                "time_zone": ("Time Zone",),
            },
        ),
        Preset(
            "bamboohr",
            _("BambooHR report"),
            {
                "employee_id": ("Employee #", "Employee Number", "EEID"),
                "first_name": ("First Name",),
                "last_name": ("Last Name",),
                "email": ("Work Email",),
                "job_title": ("Job Title",),
                "department": ("Department",),
                "site": ("Location",),
                "manager_id": ("Supervisor EID", "Supervisor Employee #", "Supervisor ID"),
                "languages": ("Languages",),
                "time_zone": ("Time Zone",),
            },
        ),
    )
}


def preset_from_mapping(name: str, mapping: dict[str, str]) -> Preset:
    """A preset from a saved or typed mapping ``{field: file column header}``."""
    return Preset(
        name,
        name,
        {f: (header,) for f, header in mapping.items() if f in FIELDS and header},
    )


def match_columns(preset: Preset, headers: list[str]) -> dict[str, int]:
    """``{field: column index}`` for the columns of ``headers`` this preset knows."""
    index = {}
    for position, header in enumerate(headers):
        index.setdefault(normalise_header(header), position)
    found = {}
    for name, aliases in preset.columns.items():
        for alias in aliases:
            position = index.get(normalise_header(alias))
            if position is not None:
                found[name] = position
                break
    return found


def is_usable(columns: dict[str, int]) -> bool:
    return all(f in columns for f in REQUIRED) and any(f in columns for f in KEYS)


@dataclass
class Layout:
    """How to read a file: the preset, its header row(s) and where each field is."""

    preset: Preset
    headers: list[str]
    columns: dict[str, int]
    warnings: list[Issue]


def detect(headers: list[str], saved: dict[str, dict[str, str]]) -> Preset | None:
    """The built-in or saved preset that recognises most fields, if any recognises enough."""
    candidates = [*BUILTIN_PRESETS.values()]
    candidates += [preset_from_mapping(name, mapping) for name, mapping in saved.items()]
    best, best_score = None, 0
    for preset in candidates:
        columns = match_columns(preset, headers)
        if is_usable(columns) and len(columns) > best_score:
            best, best_score = preset, len(columns)
    return best


def expected_headers(preset: Preset) -> list[str]:
    return [aliases[0] for aliases in preset.columns.values()]


def missing_columns_issue(preset: Preset, headers: list[str], columns: dict[str, int]) -> Issue:
    missing = [f for f in (*REQUIRED, *KEYS) if f in preset.columns and f not in columns]
    if any(f in columns for f in KEYS):
        missing = [f for f in missing if f not in KEYS]
    names = [preset.columns[f][0] for f in missing]
    hints = []
    for name in names:
        close = difflib.get_close_matches(name, headers, n=1, cutoff=0.6)
        if close:
            hints.append(f"{name} → {close[0]}?")
    return Issue(
        "missing_columns",
        {
            "preset": preset.key,
            "missing": ", ".join(names) + (f" ({'; '.join(hints)})" if hints else ""),
            "found": ", ".join(h for h in headers if h) or "—",
        },
    )


def resolve(
    *,
    records: list[tuple[int, list[str]]],
    preset_name: str | None,
    mapping: dict[str, str] | None,
    saved: dict[str, dict[str, str]],
) -> Layout:
    """Choose the layout of ``records``; raise ``ImportFileError`` when it cannot be read."""
    headers = [h.strip() for h in records[0][1]]
    if mapping:
        preset = preset_from_mapping(preset_name or "mapping", mapping)
        used = [h for h in mapping.values() if h]
        if len(used) != len(set(used)):
            duplicate = next(h for h in used if used.count(h) > 1)
            raise ImportFileError(Issue("mapping_duplicate", {"column": duplicate}))
    elif preset_name:
        if preset_name in BUILTIN_PRESETS:
            preset = BUILTIN_PRESETS[preset_name]
        elif preset_name in saved:
            preset = preset_from_mapping(preset_name, saved[preset_name])
        else:
            known = [*BUILTIN_PRESETS, *saved]
            raise ImportFileError(
                Issue("unknown_preset", {"preset": preset_name, "known": ", ".join(known)})
            )
    else:
        preset = detect(headers, saved)
        if preset is None:
            template = BUILTIN_PRESETS["rementor"]
            raise ImportFileError(
                Issue(
                    "unknown_layout",
                    {
                        "expected": ", ".join(expected_headers(template)),
                        "found": ", ".join(h for h in headers if h) or "—",
                    },
                )
            )
    columns = match_columns(preset, headers)
    if not is_usable(columns):
        if mapping:
            raise ImportFileError(Issue("mapping_incomplete"))
        raise ImportFileError(missing_columns_issue(preset, headers, columns))
    warnings = [
        Issue("optional_column_absent", {"field": f})
        for f in preset.columns
        if f not in columns and f not in (*REQUIRED, *KEYS)
    ]
    used = set(columns.values())
    sensitive = [h for i, h in enumerate(headers) if i not in used and is_sensitive(h)]
    extra = [h for i, h in enumerate(headers) if i not in used and h and not is_sensitive(h)]
    if sensitive:
        warnings.append(Issue("sensitive_ignored", {"columns": ", ".join(sensitive)}))
    if extra:
        warnings.append(Issue("extra_ignored", {"columns": ", ".join(extra)}))
    return Layout(preset=preset, headers=headers, columns=columns, warnings=warnings)
