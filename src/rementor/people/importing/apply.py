"""Write a previewed plan: departments, new people, changes (and the history of moves:
job title or department), managers.

Called inside one transaction by ``apply_import``; any failure rolls everything back.
Never creates login accounts: invitations do that later. Whether people leave or come back
(``is_active``) is not written here: ``apply_import`` calls ``people.domain``'s
``deactivate_people`` and, when the manager confirmed it, ``reactivate_people``, which also
close or reopen their accounts.
"""

from __future__ import annotations

from rementor.people.changes import record_moves, snapshot
from rementor.people.importing.planning import Plan
from rementor.people.models import Department, Person, name_sort_key

PLAIN_FIELDS = ("first_name", "last_name", "job_title", "site", "languages", "time_zone")


def write_plan(plan: Plan) -> None:
    """Apply ``plan`` to the database (the caller holds the transaction)."""
    for name in plan.new_departments:
        Department.objects.get_or_create(name=name)
    departments = {d.name: d for d in Department.objects.all()}

    managers: dict[str, str] = {}  # employee_id -> manager's employee_id ("" = none)
    created = []
    for entry in plan.entries:
        if entry["action"] != "create":
            continue
        values = entry["values"]
        first_name, last_name = values.get("first_name", ""), values.get("last_name", "")
        created.append(
            Person(
                employee_id=entry["employee_id"],
                first_name=first_name,
                last_name=last_name,
                # bulk_create skips Person.save, which keeps the key lists sort by.
                sort_name=name_sort_key(last_name, first_name),
                email=values.get("email") or None,
                job_title=values.get("job_title", ""),
                department=departments.get(values.get("department", "")),
                site=values.get("site", ""),
                languages=values.get("languages", []),
                time_zone=values.get("time_zone") or "Europe/Paris",
            )
        )
        if values.get("manager_id"):
            managers[entry["employee_id"]] = values["manager_id"]
    Person.objects.bulk_create(created)

    updates = {e["pk"]: e for e in plan.entries if e["action"] == "update"}
    moves = []  # (person, job title and department before): their history of moves
    for person in Person.objects.filter(pk__in=updates).select_related("department"):
        moves.append((person, snapshot(person)))
        changes = updates[person.pk]["changes"]
        for name, (_old, new) in changes.items():
            if name in PLAIN_FIELDS:
                setattr(person, name, new)
            elif name == "email":
                person.email = new or None
            elif name == "department":
                person.department = departments.get(new) if new else None
            elif name == "manager_id":
                managers[person.employee_id] = new
        person.save()
    record_moves(moves=moves)

    if managers:
        ids = set(managers) | {m for m in managers.values() if m}
        by_id = {p.employee_id: p for p in Person.objects.filter(employee_id__in=ids)}
        changed = []
        for employee_id, manager_id in managers.items():
            person = by_id[employee_id]
            person.manager = by_id[manager_id] if manager_id else None
            changed.append(person)
        Person.objects.bulk_update(changed, ["manager"])
