"""The history an import leaves: a move per changed job title or department, nothing for an
unchanged file, "left" for someone a full sync leaves out, "returned" when they come back."""

from __future__ import annotations

from rementor.people.importing import apply_import
from rementor.people.models import Person, PersonChange
from tests.factories import PersonFactory
from tests.rementor.people.factories import csv_file

FILE = csv_file(
    "E1,Zoé,Lambert,zoe@example.org,CFO,Finance,Paris,,fr,Europe/Paris",
    "E2,Max,Roy,max@example.org,Intern,Finance,Lyon,E1,fr,",
)


def _manager_row(manager) -> bytes:
    p = manager.person
    return f"{p.employee_id},{p.first_name},{p.last_name},{p.email},,,,,,\n".encode()


def _history(employee_id: str) -> list[tuple[str, str, str]]:
    return list(
        PersonChange.objects.filter(person__employee_id=employee_id)
        .order_by("pk")
        .values_list("kind", "old_value", "new_value")
    )


def test_creating_people_records_no_change(preview, manager):
    apply_import(batch=preview(FILE), by=manager)
    assert not PersonChange.objects.exists()


def test_a_changed_job_title_records_one_change(preview, manager):
    apply_import(batch=preview(FILE), by=manager)
    apply_import(batch=preview(FILE.replace(b"Intern", b"Analyst")), by=manager)
    assert _history("E2") == [("job_title", "Intern", "Analyst")]
    assert _history("E1") == []


def test_an_unchanged_import_records_nothing(preview, manager):
    apply_import(batch=preview(FILE), by=manager)
    apply_import(batch=preview(FILE), by=manager)
    assert not PersonChange.objects.exists()


def test_a_department_move_is_recorded_with_both_names(preview, manager):
    apply_import(batch=preview(FILE), by=manager)
    apply_import(batch=preview(FILE.replace(b"Intern,Finance", b"Intern,Marketing")), by=manager)
    assert _history("E2") == [("department", "Finance", "Marketing")]


def test_a_leaver_then_a_returner(preview, manager):
    apply_import(batch=preview(FILE), by=manager)
    only_zoe = csv_file("E1,Zoé,Lambert,zoe@example.org,CFO,Finance,Paris,,fr,Europe/Paris")
    apply_import(batch=preview(only_zoe + _manager_row(manager), full_sync=True), by=manager)
    assert _history("E2") == [("left", "", "")]
    assert not Person.objects.get(employee_id="E2").is_active

    # Back, not confirmed: still gone, and the history says nothing new.
    apply_import(batch=preview(FILE + _manager_row(manager)), by=manager)
    assert _history("E2") == [("left", "", "")]
    apply_import(batch=preview(FILE + _manager_row(manager)), by=manager, reactivate=True)
    assert _history("E2") == [("left", "", ""), ("returned", "", "")]


def test_someone_already_inactive_does_not_leave_twice(preview, manager):
    gone = PersonFactory(employee_id="OLD", is_active=False)
    apply_import(batch=preview(FILE + _manager_row(manager), full_sync=True), by=manager)
    assert not PersonChange.objects.filter(person=gone).exists()
