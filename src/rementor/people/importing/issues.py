"""Errors and warnings of an import, stored as codes and rendered in the reader's language.

A batch is previewed in one language and may be read in another (or by the CLI), so issues
are kept as ``{"code", "params", "row", "column"}`` and turned into sentences on display.
Every sentence says what is wrong and what to do about it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

from django.utils.translation import gettext, ngettext_lazy
from django.utils.translation import gettext_lazy as _

FIELD_LABELS = {
    "employee_id": _("Employee ID"),
    "first_name": _("First name"),
    "last_name": _("Last name"),
    "email": _("E-mail"),
    "job_title": _("Job title"),
    "department": _("Department"),
    "site": _("Site"),
    "manager_id": _("Manager's employee ID"),
    "languages": _("Languages"),
    "time_zone": _("Time zone"),
}

MESSAGES = {
    # The file as a whole.
    "too_large": ngettext_lazy(
        "The file is %(size)s bytes; the limit is %(limit)s byte. Export only the columns "
        "Rementor needs, or split the file.",
        "The file is %(size)s bytes; the limit is %(limit)s bytes. Export only the columns "
        "Rementor needs, or split the file.",
        "count",
    ),
    "empty_file": _("The file is empty. Export the employees again and upload that file."),
    "header_only": _(
        "The file has a header row but no employees. Check the export's filters and export again."
    ),
    "nul_bytes": _(
        "Line %(line)s contains NUL bytes: this is not a plain text CSV file. Open it in your "
        "spreadsheet program and save it as “CSV UTF-8”, or upload the .xlsx file."
    ),
    "not_xlsx": _(
        "The file could not be read as an Excel workbook. Save it again as .xlsx (Excel "
        "2007 or later), or as “CSV UTF-8”."
    ),
    "zip_bomb": _(
        "The workbook unpacks to %(size)s bytes (%(ratio)s times its size): Rementor refuses "
        "it to protect the server. Save only the sheet with the employees, or export as CSV."
    ),
    "xlsx_no_sheet": _("The workbook has no sheet. Export the employees again."),
    "xlsx_too_many_rows": ngettext_lazy(
        "The sheet goes down to row %(row)s; Rementor reads at most %(limit)s row, empty or "
        "formatted ones included. Delete the rows below the employees (even if they look "
        "empty) and save the file again, or save it as “CSV UTF-8”.",
        "The sheet goes down to row %(row)s; Rementor reads at most %(limit)s rows, empty or "
        "formatted ones included. Delete the rows below the employees (even if they look "
        "empty) and save the file again, or save it as “CSV UTF-8”.",
        "count",
    ),
    "xlsx_too_many_columns": ngettext_lazy(
        "There is a value in column %(column)s; Rementor reads at most %(limit)s column. "
        "Delete the columns to the right of the employees' data and save the file again, or "
        "export only the columns Rementor needs.",
        "There is a value in column %(column)s; Rementor reads at most %(limit)s columns. "
        "Delete the columns to the right of the employees' data and save the file again, or "
        "export only the columns Rementor needs.",
        "count",
    ),
    "csv_too_many_columns": _(
        "This line has %(count)s columns; Rementor reads at most %(limit)s. Export only the "
        "columns Rementor needs and upload the file again."
    ),
    "xlsx_too_slow": ngettext_lazy(
        "Reading the workbook took more than %(seconds)s second: Rementor stopped to protect "
        "the server. Keep only the sheet with the employees, delete the empty rows and "
        "columns around them, or save it as “CSV UTF-8”.",
        "Reading the workbook took more than %(seconds)s seconds: Rementor stopped to protect "
        "the server. Keep only the sheet with the employees, delete the empty rows and "
        "columns around them, or save it as “CSV UTF-8”.",
        "count",
    ),
    "csv_unreadable": _(
        "The file could not be read as CSV near line %(line)s (%(detail)s). Save it as "
        "“CSV UTF-8” and upload it again."
    ),
    "encoding_legacy": _(
        "The file is not UTF-8: Rementor read it as %(encoding)s (Windows Western European). "
        "Check accented names in the preview; next time, save as “CSV UTF-8”."
    ),
    "encoding_mixed": _(
        "The file mixes two encodings: line %(utf8_line)s is in UTF-8 but line %(line)s is "
        "not (probably Windows-1252), as when two exports are pasted together. Rementor "
        "refuses it so that no accented name is garbled; nothing was written. Open the file "
        "in your spreadsheet program, check the accented names, save the file again as “CSV "
        "UTF-8” and upload it again."
    ),
    "encoding_utf16": _("The file is in UTF-16; Rementor read it as such."),
    "delimiter": _("Columns are separated by “%(delimiter)s”; Rementor read them as such."),
    "unknown_layout": _(
        "Rementor does not recognise these columns. Expected (Rementor template): "
        "%(expected)s. Found: %(found)s. Choose which column feeds each field, or download "
        "the template."
    ),
    "missing_columns": _(
        "Missing columns for preset “%(preset)s”: %(missing)s. Found: %(found)s. Rename the "
        "columns, choose another preset, or map the columns yourself."
    ),
    "ambiguous_columns": _(
        "Several columns could feed the field “%(field)s”: %(columns)s. Choose the right one."
    ),
    "header_repeated": _(
        "Several columns are named “%(column)s”: Rementor cannot tell them apart. Rename "
        "them in the file and upload it again, or choose another column."
    ),
    "missing_column_hint": _("Column “%(expected)s” is missing; did you mean “%(found)s”?"),
    "optional_column_absent": _(
        "No column for %(field)s: this field is left unchanged for existing people."
    ),
    "unknown_preset": _("There is no preset named “%(preset)s”. Known presets: %(known)s."),
    "mapping_incomplete": _(
        "Choose a column for the first name, the last name, and the employee ID or the e-mail."
    ),
    "mapping_duplicate": _(
        "Column “%(column)s” is chosen for more than one field; choose it once."
    ),
    "sensitive_ignored": _(
        "Sensitive personal data, not read: %(columns)s. Rementor never stores it; leave it "
        "out of the next export."
    ),
    "extra_ignored": _("Not used by Rementor, ignored: %(columns)s."),
    # Cells.
    "invisible_removed": _(
        "Invisible characters (zero-width spaces or control characters) were removed from "
        "this cell. Check the value in the preview."
    ),
    "garbled_text": _(
        "“%(value)s” looks garbled: accents of UTF-8 text read with another encoding (it "
        "probably was “%(fixed)s”). Nothing was written. Correct the cell, save the file again "
        "as “CSV UTF-8” and upload it again."
    ),
    "garbled_change": _(
        "“%(value)s” would replace “%(current)s”: it is the same text with its accents "
        "garbled by a wrong encoding. Nothing was written. Save the file again as “CSV "
        "UTF-8” and upload it again."
    ),
    "required": _("%(field)s is empty. Fill it in the file and upload it again."),
    "too_long": _(
        "%(field)s has %(length)s characters; at most %(limit)s are allowed. Shorten it."
    ),
    "invalid_email": _(
        "“%(value)s” is not a valid e-mail address. Correct it, or leave the cell empty."
    ),
    "duplicate_email": _(
        "The e-mail “%(value)s” already appears on row %(first_row)s (case and spaces are "
        "ignored). Each person needs their own address: correct one of the two rows."
    ),
    "duplicate_id": _(
        "Employee ID “%(value)s” already appears on row %(first_row)s. Remove the duplicate "
        "row or correct the ID."
    ),
    "leading_zeros": _(
        "Employee ID “%(value)s” matches the existing ID “%(existing)s” without its leading "
        "zeros: Excel probably removed them. Format the column as Text and export again, or "
        "type “%(existing)s”."
    ),
    "padding_widths": _(
        "Some employee IDs lost their leading zeros in Excel, but the IDs in Rementor have "
        "different lengths (%(widths)s digits): Rementor cannot tell how many zeros to put "
        "back. Format the ID columns as Text in Excel and export again."
    ),
    "padding_ambiguous": _(
        "Some employee IDs lost their leading zeros in Excel, but %(values)s already name "
        "people in Rementor as they are: padding them would change who they name. Format the "
        "ID columns as Text in Excel and export again."
    ),
    "padding_partial": _(
        "Some employee IDs lost their leading zeros in Excel, but padded to %(width)s digits, "
        "%(values)s would still name nobody in Rementor: Rementor pads all the IDs or none. "
        "Format the ID columns as Text in Excel and export again, or correct these IDs."
    ),
    "padding_collides": _(
        "Some employee IDs lost their leading zeros in Excel, but padded to %(width)s digits, "
        "this row's ID would be “%(value)s”, as on row %(first_row)s: Rementor cannot pad "
        "them. Correct one of the two rows, or format the ID column as Text in Excel and "
        "export again."
    ),
    "padded_unknown": _(
        "Padded with leading zeros, employee ID “%(value)s” names nobody in Rementor any "
        "more. Upload the file again."
    ),
    "ids_padded": _(
        "As you asked, the employee and manager IDs that Excel had stripped of their leading "
        "zeros were padded to %(width)s digits (%(count)s IDs). Check them below; next time, "
        "format the ID columns as Text in Excel."
    ),
    "missing_id_new": _(
        "No employee ID, and no existing person has this e-mail. Add the employee ID to "
        "create this person."
    ),
    "email_taken": _(
        "The e-mail “%(value)s” belongs to %(name)s (employee ID %(other_id)s). If the HRIS "
        "changed the ID, correct it in Rementor first; otherwise correct the e-mail."
    ),
    "unknown_language": _(
        "Not a known language code: %(codes)s. Use two-letter codes such as fr or en, "
        "separated by commas. Known codes: %(known)s."
    ),
    "unknown_time_zone": _(
        "“%(value)s” is not a known time zone. Use a name such as Europe/Paris or America/New_York."
    ),
    "own_manager": _(
        "This person is listed as their own manager (%(value)s). Leave the cell empty or put "
        "the manager's employee ID."
    ),
    "unknown_manager": _(
        "Manager “%(value)s” is neither in the file nor in Rementor. Add the manager's row, "
        "correct the ID, or leave the cell empty."
    ),
    "manager_cycle": _(
        "Reporting cycle: %(cycle)s. Someone in this chain must report to a manager outside "
        "it; correct the manager ID of one of them."
    ),
    "stale_preview": _(
        "People changed in Rementor since this preview. Here is the preview again, "
        "recomputed: check it and confirm again."
    ),
    "already_applied": _("This import has already been applied; nothing was written again."),
    "not_applicable": _("This preview has errors or is no longer current; upload the file again."),
    "deactivates_yourself": _(
        "This full sync would deactivate your own record and close your account, as you are "
        "missing from the file. Add yourself to the file, or ask another programme manager "
        "to confirm the import."
    ),
    "write_failed": _(
        "Writing failed and nothing was saved (%(detail)s). Upload the file again; if it "
        "fails again, contact your administrator."
    ),
}


@dataclass
class Issue:
    code: str
    params: dict = field(default_factory=dict)
    row: int | None = None
    column: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


# The parameter whose number a plural message agrees with. The form is picked from "count"
# (ngettext_lazy's number key), worked out from that parameter, so that the parameter itself
# is shown exactly as stored.
PLURAL_KEYS = {
    "too_large": "limit",
    "xlsx_too_many_rows": "limit",
    "xlsx_too_many_columns": "limit",
    "xlsx_too_slow": "seconds",
}


def _count(text: str) -> int:
    """The whole number a plural form is chosen by: "20" is 20, "2.5" counts as 3; text that
    is no number counts as many (the plural form)."""
    try:
        return math.ceil(float(text))
    except (ValueError, OverflowError):
        return 2


def render(issue: dict | Issue) -> str:
    """The sentence for ``issue`` in the active language."""
    data = issue.as_dict() if isinstance(issue, Issue) else issue
    template = MESSAGES[data["code"]]
    params: dict[str, object] = {
        key: str(value) for key, value in (data.get("params") or {}).items()
    }
    if data["code"] in PLURAL_KEYS:
        params["count"] = _count(str(params.get(PLURAL_KEYS[data["code"]], "")))
    if "field" in params:
        params["field"] = str(FIELD_LABELS.get(params["field"], params["field"]))
    return str(template % params) if params else str(template)


def describe(issue: dict | Issue) -> str:
    """``render`` prefixed with the row and column, for the command line."""
    data = issue.as_dict() if isinstance(issue, Issue) else issue
    where = []
    if data.get("row"):
        where.append(gettext("row %(row)s") % {"row": data["row"]})
    if data.get("column"):
        where.append(gettext("column “%(column)s”") % {"column": data["column"]})
    prefix = (", ".join(where) + ": ") if where else ""
    return prefix + render(data)


class ImportFileError(Exception):
    """The file cannot be read at all; carries the issues to show."""

    def __init__(self, *issues: Issue) -> None:
        super().__init__(", ".join(issue.code for issue in issues))
        self.issues = list(issues)
