"""Compare validated rows with the people already in Rementor: what an import would do.

The same function runs at preview and again at confirm time, so a preview that went stale
(people changed in between) is detected by comparing the two plans' digests.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from rementor.people.importing import mojibake, padding
from rementor.people.importing.issues import Issue
from rementor.people.importing.validation import clean_cell
from rementor.people.models import Department, Person, User

DEFAULT_TIME_ZONE = "Europe/Paris"
COMPARED = (
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


@dataclass
class Plan:
    entries: list[dict] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    new_departments: list[str] = field(default_factory=list)
    # Padding the IDs Excel stripped of their zeros: offered ({"width", "count"}) or not ({}).
    pad_offer: dict = field(default_factory=dict)

    def count(self, action: str) -> int:
        return sum(1 for entry in self.entries if entry["action"] == action)

    @property
    def digest(self) -> str:
        payload = json.dumps([self.entries, self.new_departments], sort_keys=True, default=str)
        return hashlib.sha256(payload.encode()).hexdigest()


def _current(person: Person) -> dict:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email or "",
        "job_title": person.job_title,
        "department": person.department.name if person.department else "",
        "site": person.site,
        "manager_id": person.manager.employee_id if person.manager else "",
        "languages": list(person.languages or []),
        "time_zone": person.time_zone,
    }


def _garbled_forms(text: str) -> set[str]:
    """``text`` garbled by a wrong encoding, as the reader and ``clean_cell`` would leave it."""
    return {clean_cell(form)[0] for form in mojibake.garbled_forms(text)} - {text}


def _name(row: dict) -> str:
    return f"{row.get('first_name', '')} {row.get('last_name', '')}".strip()


def plan_changes(
    *, rows: list[dict], full_sync: bool, columns: dict[str, str], pad_width: int = 0
) -> Plan:
    """What importing ``rows`` would do now; ``columns`` names each field's file column.

    ``pad_width`` says the rows' short IDs were padded at the manager's request: a padded
    employee ID must then name an existing person, or the row is refused.
    """
    plan = Plan()
    people = list(Person.objects.select_related("department", "manager"))
    by_id = {p.employee_id: p for p in people}
    by_email = {p.email: p for p in people if p.email}
    # Existing IDs with leading zeros, keyed by what Excel leaves of them ("000123" -> "123").
    unpadded = {
        p.employee_id.lstrip("0"): p.employee_id for p in people if p.employee_id[:1] == "0"
    }
    departments = {d.name.casefold(): d.name for d in Department.objects.all()}
    # Whether each person has a login, and whether it is open: the preview says how many
    # accounts a full sync closes, and which returning people would get theirs back.
    accounts = dict(User.objects.filter(person__isnull=False).values_list("person_id", "is_active"))

    def err(code: str, row: dict, fld: str, **params) -> None:
        plan.errors.append(Issue(code, params, row=row["row"], column=columns.get(fld, fld)))
        row["valid"] = False

    rows = [dict(row) for row in rows]
    if not pad_width:
        offer = padding.offer(rows=rows, existing=set(by_id))
        if offer is not None and offer.refusal is not None:
            plan.errors.append(offer.refusal)
        elif offer is not None:
            plan.pad_offer = offer.as_dict()

    matched: dict[int, Person] = {}
    for row in rows:
        if not row.get("valid", True):
            continue
        email = row.get("email") or ""
        person = None
        if row.get("employee_id"):
            person = by_id.get(row["employee_id"])
            if person is None and "employee_id" in row.get("padded", ()):
                err("padded_unknown", row, "employee_id", value=row["employee_id"])
                continue
            if person is None and row["employee_id"] in unpadded:
                err(
                    "leading_zeros",
                    row,
                    "employee_id",
                    value=row["employee_id"],
                    existing=unpadded[row["employee_id"]],
                )
                continue
        elif email in by_email:
            person = by_email[email]
            row["employee_id"] = person.employee_id
        else:
            err("missing_id_new", row, "employee_id")
            continue
        owner = by_email.get(email) if email else None
        if owner is not None and owner is not person:
            err(
                "email_taken",
                row,
                "email",
                value=email,
                name=owner.full_name,
                other_id=owner.employee_id,
            )
            continue
        if person is not None:
            matched[row["row"]] = person

    file_ids = {row["employee_id"]: row for row in rows if row.get("employee_id")}
    for row in rows:
        manager = row.get("manager_id", "")
        if not row.get("valid", True) or not manager:
            continue
        if manager == row["employee_id"]:
            err("own_manager", row, "manager_id", value=manager)
        elif manager not in file_ids and manager not in by_id:
            if manager in unpadded:
                err("leading_zeros", row, "manager_id", value=manager, existing=unpadded[manager])
            else:
                err("unknown_manager", row, "manager_id", value=manager)

    # Reporting lines after the import: the file's where it says, the database's elsewhere.
    boss: dict[str, str] = {p.employee_id: p.manager.employee_id for p in people if p.manager}
    names = {p.employee_id: p.full_name for p in people}
    for row in rows:
        if row.get("employee_id"):
            names[row["employee_id"]] = _name(row) or names.get(row["employee_id"], "")
            if "manager_id" in row:
                if row["manager_id"] and row.get("valid", True):
                    boss[row["employee_id"]] = row["manager_id"]
                else:
                    boss.pop(row["employee_id"], None)
    reported: set[str] = set()
    for row in rows:
        start = row.get("employee_id")
        if not start or start in reported or not row.get("valid", True):
            continue
        path, node = [start], boss.get(start)
        while node is not None and node not in path and len(path) < 10_000:
            path.append(node)
            node = boss.get(node)
        if node == start:
            reported.update(path)
            cycle = " → ".join(f"{names.get(i, '')} ({i})" for i in [*path, start])
            err("manager_cycle", row, "manager_id", cycle=cycle)

    for row in rows:
        if not row.get("valid", True):
            continue
        new = {f: row[f] for f in COMPARED if f in row}
        if new.get("department"):
            new["department"] = departments.get(new["department"].casefold(), new["department"])
            if new["department"].casefold() not in departments:
                departments[new["department"].casefold()] = new["department"]
                plan.new_departments.append(new["department"])
        person = matched.get(row["row"])
        entry = {"row": row["row"], "employee_id": row["employee_id"], "name": _name(row)}
        if person is None:
            new.setdefault("time_zone", DEFAULT_TIME_ZONE)
            plan.entries.append({**entry, "action": "create", "values": new})
            continue
        old = _current(person)
        changes = {f: [old[f], value] for f, value in new.items() if old[f] != value}
        # Validation spots garbled Western European accents by their look; a name in any
        # other script is recognised as the garbled form of the value it would replace.
        garbled = [
            f
            for f, (current, value) in changes.items()
            if isinstance(current, str) and value in _garbled_forms(current)
        ]
        for f in garbled:
            err("garbled_change", row, f, value=changes[f][1], current=changes[f][0])
        if garbled:
            continue
        if not person.is_active:
            # Back in the HRIS after leaving: reactivated only if the manager confirms.
            changes["is_active"] = [False, True]
            entry["account"] = person.pk in accounts
        action = "update" if changes else "unchanged"
        plan.entries.append({**entry, "action": action, "changes": changes, "pk": person.pk})

    if full_sync:
        kept = {p.pk for p in matched.values()}
        for person in people:
            if person.is_active and person.pk not in kept:
                plan.entries.append(
                    {
                        "row": None,
                        "employee_id": person.employee_id,
                        "name": person.full_name,
                        "action": "deactivate",
                        "pk": person.pk,
                        "account": accounts.get(person.pk, False),
                    }
                )
    return plan
