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


# Words a header may add or leave out without changing what the column holds ("Matricule du
# manager" is "Matricule manager"), and the ways of writing "number" ("N°", "No", "Nr", "#").
_FILLER_WORDS = frozenset(
    {"d", "de", "des", "du", "l", "la", "le", "les", "of", "the", "der", "die", "das", "vom", "von"}
)
_NUMBER_WORDS = frozenset({"n", "no", "nr", "num", "numero", "number", "nummer"})
_NUMBER_SIGN = re.compile(r"n\s*[°º]|#")


def header_key(header: str) -> str:
    """What a header means for matching: ``"N° salarié"``, ``"No_Salarie"`` and ``"n°  SALARIÉ"``
    all become ``"nosalarie"``.

    Accents folded (``unicodedata``), case folded, spaces, hyphens, underscores, dots and other
    punctuation dropped, filler words ("de", "du", "of", "von"...) ignored and every spelling of
    "number" written "no".
    """
    text = unicodedata.normalize("NFKD", header or "").casefold()
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NUMBER_SIGN.sub(" no ", text)
    words = [w for w in re.split(r"[^0-9a-z]+", text) if w and w not in _FILLER_WORDS]
    return "".join("no" if w in _NUMBER_WORDS else w for w in words)


def clean_header(header: str) -> str:
    """A header as shown and offered in the mapping step: no control or invisible characters,
    one space between words."""
    text = "".join(
        " " if c.isspace() else c
        for c in unicodedata.normalize("NFC", header or "")
        if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf")
    )
    return " ".join(text.split())


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


# The usual names of each column in French, English and German HR exports, compared with
# ``header_key`` (so "Prénom", "PRENOM" and "prénom " are one name). No name may belong to
# two fields (tested); a name that could mean either, such as "Name" (a full name in English,
# a last name in German) or "Nom du manager", belongs to none.
HR_HEADERS: dict[str, tuple[str, ...]] = {
    "employee_id": (
        "Matricule",
        "Matricule salarié",
        "Matricule employé",
        "N° salarié",
        "N° employé",
        "N° de matricule",
        "Numéro de salarié",
        "Numéro d'employé",
        "N° personnel",
        "ID salarié",
        "Identifiant salarié",
        "Identifiant employé",
        "Employee ID",
        "Employee number",
        "Employee No",
        "Staff ID",
        "Staff number",
        "Personnel number",
        "Worker ID",
        "Personalnummer",
        "Personal-Nr",
        "Mitarbeiternummer",
        "Mitarbeiter-ID",
        "Mitarbeiter-Nr",
    ),
    "first_name": ("Prénom", "First name", "Given name", "Forename", "Vorname"),
    "last_name": (
        "Nom",
        "Nom de famille",
        "Nom d'usage",
        "Last name",
        "Surname",
        "Family name",
        "Nachname",
        "Familienname",
    ),
    "email": (
        "Adresse e-mail",
        "Adresse mail",
        "Adresse électronique",
        "Adresse e-mail professionnelle",
        "Courriel",
        "Courriel professionnel",
        "E-mail",
        "E-mail professionnel",
        "Mail",
        "Mail professionnel",
        "Email address",
        "Work email",
        "Work email address",
        "Business email",
        "E-Mail-Adresse",
        "Geschäftliche E-Mail",
        "Dienstliche E-Mail",
    ),
    "job_title": (
        "Intitulé de poste",
        "Intitulé du poste",
        "Poste",
        "Fonction",
        "Emploi",
        "Job title",
        "Title",
        "Position",
        "Business title",
        "Stellenbezeichnung",
        "Berufsbezeichnung",
        "Funktion",
        "Jobtitel",
    ),
    "department": (
        "Service",
        "Direction",
        "Département",
        "Department",
        "Business unit",
        "Abteilung",
        "Organisationseinheit",
    ),
    "site": (
        "Site",
        "Lieu de travail",
        "Établissement",
        "Localisation",
        "Location",
        "Work location",
        "Office",
        "Standort",
        "Arbeitsort",
        "Dienstort",
    ),
    "manager_id": (
        "Matricule du manager",
        "Matricule manager",
        "Matricule du responsable",
        "Manager (matricule)",
        "ID manager",
        "N° manager",
        "Manager ID",
        "Manager employee ID",
        "Manager employee number",
        "Supervisor ID",
        "Line manager ID",
        "Manager",
        "Vorgesetzter",
        "Personalnummer Vorgesetzter",
        "Vorgesetzter (Personalnummer)",
        "Vorgesetzter-ID",
    ),
    "languages": (
        "Langue(s)",
        "Langue",
        "Langues",
        "Langues parlées",
        "Languages",
        "Language",
        "Spoken languages",
        "Sprache",
        "Sprachen",
    ),
    "time_zone": ("Fuseau horaire", "Time zone", "Timezone", "Zeitzone"),
}


# The template's header row in each interface language: names the import recognises (tested).
TEMPLATE_HEADERS = {
    "fr": (
        "Matricule",
        "Prénom",
        "Nom",
        "Adresse e-mail",
        "Intitulé de poste",
        "Service",
        "Site",
        "Matricule du manager",
        "Langues",
        "Fuseau horaire",
    ),
    "en": (
        "Employee ID",
        "First name",
        "Last name",
        "Email",
        "Job title",
        "Department",
        "Site",
        "Manager ID",
        "Languages",
        "Time zone",
    ),
}


BUILTIN_PRESETS = {
    preset.key: preset
    for preset in (
        Preset(
            "rementor",
            _("Rementor template"),
            {name: (name, *HR_HEADERS[name]) for name in FIELDS},
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
    builtin = BUILTIN_PRESETS.get(name)
    return Preset(
        name,
        name,
        {f: (header,) for f, header in mapping.items() if f in FIELDS and header},
        # A built-in layout's columns, chosen again: its "no manager" values still hold.
        no_manager=builtin.no_manager if builtin else frozenset(),
    )


def _candidates(preset: Preset, headers: list[str]) -> dict[str, list[int]]:
    """``{field: positions of the columns whose header names it}``, left to right."""
    keys = [header_key(h) for h in headers]
    found: dict[str, list[int]] = {}
    for name, aliases in preset.columns.items():
        wanted = {header_key(alias) for alias in aliases} - {""}
        positions = [i for i, key in enumerate(keys) if key in wanted]
        if len(positions) > 1 and preset.key not in BUILTIN_PRESETS:
            # "NOM" and "Nom" both name the last name; a mapping that says "NOM" means that one.
            exact = [i for i in positions if headers[i] in aliases]
            positions = exact if len(exact) == 1 else positions
        if positions:
            found[name] = positions
    return found


def match_columns(preset: Preset, headers: list[str]) -> dict[str, int]:
    """``{field: column index}`` for the columns of ``headers`` this preset knows.

    A field named by two columns is left out (see ``ambiguous_columns``): Rementor never
    guesses which of two columns to read, the manager chooses.
    """
    return {f: p[0] for f, p in _candidates(preset, headers).items() if len(p) == 1}


def ambiguous_columns(preset: Preset, headers: list[str]) -> dict[str, list[str]]:
    """``{field: headers}`` for the fields that more than one column could feed."""
    return {
        f: [headers[i] for i in p] for f, p in _candidates(preset, headers).items() if len(p) > 1
    }


def suggest_columns(headers: list[str]) -> dict[str, str]:
    """``{field: header}`` for the mapping step: the columns whose usual HR name is certain."""
    preset = BUILTIN_PRESETS["rementor"]
    return {f: headers[i] for f, i in match_columns(preset, headers).items()}


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
    """The saved or built-in preset that recognises most fields, if any recognises enough.

    A saved preset that finds all its columns comes first: the manager chose it for this
    layout. Fields that two columns could feed count as recognised: ``resolve`` then asks.
    """
    candidates = [preset_from_mapping(name, mapping) for name, mapping in saved.items()]
    candidates += [*BUILTIN_PRESETS.values()]
    best, best_score = None, (False, 0)
    for preset in candidates:
        found = _candidates(preset, headers)
        if not is_usable(found):
            continue
        complete = preset.key not in BUILTIN_PRESETS and len(found) == len(preset.columns)
        score = (complete, len(found))
        if score > best_score:
            best, best_score = preset, score
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
    headers = [clean_header(h) for h in records[0][1]]
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
    ambiguous = ambiguous_columns(preset, headers)
    if ambiguous and mapping:
        repeated = next(iter(ambiguous.values()))[0]
        raise ImportFileError(Issue("header_repeated", {"column": repeated}))
    if ambiguous:
        raise ImportFileError(
            *[
                Issue(
                    "ambiguous_columns",
                    {"field": field, "columns": ", ".join(names)},
                )
                for field, names in ambiguous.items()
            ]
        )
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
