"""Employee IDs that Excel stripped of their leading zeros ("123" for "000123").

Excel reads a column of digits as numbers and drops their leading zeros; the HRIS export
saved again from Excel then names nobody. Rementor never pads an ID silently: the preview
offers to pad them all, to the one width the existing IDs have, when that is unambiguous
(``offer``), and pads them only when the manager asks (``padded``, applied while the rows
are validated, so the usual checks of duplicates and managers run on the padded IDs).
"""

from __future__ import annotations

from dataclasses import dataclass

from rementor.people.importing.issues import Issue

PADDED_FIELDS = ("employee_id", "manager_id")
# At most this many IDs are quoted in a message.
SHOWN = 5


def _digits(value: str) -> bool:
    return bool(value) and value.isascii() and value.isdigit()


def padded(value: str, width: int) -> str:
    """``value`` with leading zeros up to ``width`` digits, if it is a shorter number."""
    return value.zfill(width) if width and _digits(value) and len(value) < width else value


@dataclass
class Offer:
    """What the preview proposes (``width``, ``count`` IDs), or why it cannot (``refusal``)."""

    width: int = 0
    count: int = 0
    refusal: Issue | None = None

    def as_dict(self) -> dict:
        return {"width": self.width, "count": self.count} if self.width else {}


def _quoted(values) -> str:
    values = sorted(values, key=lambda v: (len(v), v))
    shown = ", ".join(values[:SHOWN])
    return shown + (", …" if len(values) > SHOWN else "")


def offer(*, rows: list[dict], existing: set[str]) -> Offer | None:
    """Whether padding the file's short numeric IDs would match existing people, all of them.

    ``rows`` are the validated rows, ``existing`` every employee ID in Rementor. ``None``
    when no ID lost its zeros (nothing to say); otherwise an ``Offer`` with a width, or with
    the reason padding would be unsafe: the existing IDs have several widths, a short ID
    already names someone as it is, a padded ID would name nobody (only some match), or two
    rows would end up with the same ID.
    """
    widths = {len(i) for i in existing if _digits(i) and i.startswith("0")}
    if not widths:
        return None
    width = max(widths)
    ids = [(row, row[f], f) for row in rows for f in PADDED_FIELDS if row.get(f)]
    short = {value for _row, value, _f in ids if _digits(value) and len(value) < width}
    lost = {v for v in short if v not in existing and v.zfill(width) in existing}
    if not lost:
        return None
    if len(widths) > 1:
        shown = ", ".join(str(w) for w in sorted(widths))
        return Offer(refusal=Issue("padding_widths", {"widths": shown}))
    taken = {v for v in short if v in existing}
    if taken:
        return Offer(refusal=Issue("padding_ambiguous", {"values": _quoted(taken)}))
    file_ids = {padded(row["employee_id"], width) for row in rows if row.get("employee_id")}
    unknown = {
        value
        for _row, value, f in ids
        if value in short
        and value.zfill(width) not in existing
        and (f == "employee_id" or value.zfill(width) not in file_ids)
    }
    if unknown:
        return Offer(refusal=Issue("padding_partial", {"values": _quoted(unknown), "width": width}))
    first_row: dict[str, int] = {}
    for row in rows:
        if not row.get("employee_id"):
            continue
        value = padded(row["employee_id"], width)
        if value in first_row:
            return Offer(
                refusal=Issue(
                    "padding_collides",
                    {"value": value, "first_row": first_row[value], "width": width},
                    row=row["row"],
                )
            )
        first_row[value] = row["row"]
    return Offer(width=width, count=len(short))
