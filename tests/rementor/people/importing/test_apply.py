"""Confirming a preview: one transaction, idempotent, stale-safe, full sync on request."""

from __future__ import annotations

import pytest

from rementor.mentoring.queries import pair_health
from rementor.people.importing import ImportNotApplied, apply_import
from rementor.people.models import Department, ImportBatch, Person, User
from tests.factories import PersonFactory
from tests.rementor.people.factories import assert_locked_out, csv_file, signed_in_mentor

FILE = csv_file(
    'E1,Zoé,Lambert,zoe@example.org,CFO,Finance,Paris,,"fr,en",Europe/Paris',
    "E2,Max,Roy,MAX@example.org,Intern,Finance,Lyon,E1,fr,",
)


def test_apply_creates_people_departments_and_managers_but_no_accounts(preview, manager):
    users = User.objects.count()
    batch = apply_import(batch=preview(FILE), by=manager)
    assert batch.status == "applied" and batch.applied_by == manager
    max_ = Person.objects.get(employee_id="E2")
    assert max_.manager.employee_id == "E1"
    assert max_.email == "max@example.org"
    assert max_.time_zone == "Europe/Paris"
    assert Department.objects.filter(name="Finance").count() == 1
    assert User.objects.count() == users


def test_reimporting_the_same_file_changes_nothing(preview, manager):
    apply_import(batch=preview(FILE), by=manager)
    again = preview(FILE)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)


def test_update_lists_the_changed_fields(preview, manager):
    apply_import(batch=preview(FILE), by=manager)
    batch = preview(FILE.replace(b"Intern", b"Analyst"))
    update = next(e for e in batch.plan if e["action"] == "update")
    assert update["changes"] == {"job_title": ["Intern", "Analyst"]}
    apply_import(batch=batch, by=manager)
    assert Person.objects.get(employee_id="E2").job_title == "Analyst"


def test_match_by_email_when_the_id_is_missing(preview, manager):
    PersonFactory(employee_id="E7", email="zoe@example.org")
    batch = preview(csv_file(",Zoé,Lambert,Zoe@Example.org,CFO,,,,,"))
    assert batch.updated_count == 1 and batch.created_count == 0


def test_confirming_twice_applies_once(preview, manager):
    batch = preview(FILE)
    apply_import(batch=batch, by=manager)
    with pytest.raises(ImportNotApplied) as refused:
        apply_import(batch=ImportBatch.objects.get(pk=batch.pk), by=manager)
    assert refused.value.issue.code == "already_applied"
    assert Person.objects.filter(employee_id__in=["E1", "E2"]).count() == 2


def test_batch_with_errors_cannot_be_applied(preview, manager):
    batch = preview(csv_file("E1,,Lambert,,,,,,,"))
    with pytest.raises(ImportNotApplied):
        apply_import(batch=batch, by=manager)


def test_stale_preview_is_revalidated_and_not_applied(preview, manager):
    batch = preview(FILE)
    PersonFactory(employee_id="E1", first_name="Someone", email="else@example.org")
    with pytest.raises(ImportNotApplied) as refused:
        apply_import(batch=batch, by=manager)
    assert refused.value.issue.code == "stale_preview"
    batch.refresh_from_db()
    assert (batch.status, batch.created_count, batch.updated_count) == ("previewed", 1, 1)
    assert not Person.objects.filter(employee_id="E2").exists()
    apply_import(batch=batch, by=manager)
    assert Person.objects.get(employee_id="E1").first_name == "Zoé"


def test_stale_preview_that_became_invalid_fails(preview, manager):
    batch = preview(FILE)
    PersonFactory(employee_id="X1", email="zoe@example.org")
    with pytest.raises(ImportNotApplied):
        apply_import(batch=batch, by=manager)
    batch.refresh_from_db()
    assert batch.status == "failed" and batch.errors[0]["code"] == "email_taken"


def test_all_or_nothing_when_a_write_fails(preview, manager, monkeypatch):
    batch = preview(FILE)
    from django.db import IntegrityError

    from rementor.people.importing import apply as apply_module

    def explode(plan):
        Department.objects.create(name="Half-written")
        raise IntegrityError("boom")

    monkeypatch.setattr("rementor.people.importing.write_plan", explode)
    assert apply_module  # the real writer is untouched
    with pytest.raises(ImportNotApplied) as refused:
        apply_import(batch=batch, by=manager)
    assert refused.value.issue.code == "write_failed"
    assert not Department.objects.filter(name="Half-written").exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == "failed"


def test_missing_people_are_kept_without_full_sync(preview, manager):
    other = PersonFactory(employee_id="OLD")
    batch = apply_import(batch=preview(FILE), by=manager)
    assert batch.deactivated_count == 0
    assert Person.objects.get(pk=other.pk).is_active


def _row(person: Person, job_title: str = "") -> bytes:
    """``person`` as a row of the file (the manager applying a full sync is in it)."""
    return (
        f"{person.employee_id},{person.first_name},{person.last_name},{person.email},"
        f"{job_title},,,,,\n"
    ).encode()


def test_full_sync_deactivates_missing_people_shown_in_the_preview(preview, manager):
    other = PersonFactory(employee_id="OLD")
    batch = preview(FILE + _row(manager.person), full_sync=True)
    deactivations = [e for e in batch.plan if e["action"] == "deactivate"]
    assert other.employee_id in [e["employee_id"] for e in deactivations]
    apply_import(batch=batch, by=manager)
    assert not Person.objects.get(pk=other.pk).is_active
    again = preview(FILE + b"OLD,Back,Again,,,,,,,\n")
    assert again.plan[-1]["changes"]["is_active"] == [False, True]


def test_full_sync_closes_every_access_of_people_missing_from_the_file(preview, manager):
    leaver = signed_in_mentor()
    mentee = leaver.pair.mentee.person
    batch = preview(FILE + _row(manager.person) + _row(mentee), full_sync=True)

    apply_import(batch=batch, by=manager)

    assert_locked_out(leaver)
    leaver.pair.refresh_from_db()
    assert leaver.pair.status == "active"
    assert pair_health([leaver.pair])[leaver.pair.pk].reasons == ("mentor_left",)


def test_full_sync_preview_lists_the_accounts_it_deactivates(preview, manager):
    leaver = signed_in_mentor()
    without_account = PersonFactory(employee_id="NOACCOUNT")
    mentee = leaver.pair.mentee.person

    batch = preview(FILE + _row(manager.person) + _row(mentee), full_sync=True)

    assert {leaver.user.person.employee_id, without_account.employee_id} <= {
        e["employee_id"] for e in batch.deactivations
    }
    assert [e["employee_id"] for e in batch.closed_accounts] == [leaver.user.person.employee_id]
    assert User.objects.get(pk=leaver.user.pk).is_active  # a preview writes nothing


def test_full_sync_refused_when_it_would_deactivate_the_manager_applying_it(preview, manager):
    batch = preview(FILE, full_sync=True)
    with pytest.raises(ImportNotApplied) as refused:
        apply_import(batch=batch, by=manager)
    assert refused.value.issue.code == "deactivates_yourself"
    manager.refresh_from_db()
    assert manager.is_active and manager.person.is_active
    assert not Person.objects.filter(employee_id="E1").exists()
    assert ImportBatch.objects.get(pk=batch.pk).status == "previewed"


def _left_then_back(preview, manager):
    """A mentor deactivated by a full sync, then in the next file again (new job title)."""
    leaver = signed_in_mentor()
    mentee = leaver.pair.mentee.person
    first = preview(FILE + _row(manager.person) + _row(mentee), full_sync=True)
    apply_import(batch=first, by=manager)
    back = preview(FILE + _row(leaver.user.person, job_title="Returning analyst"))
    return leaver, back


def test_returning_person_stays_inactive_without_confirmation(preview, manager):
    leaver, back = _left_then_back(preview, manager)
    assert [e["employee_id"] for e in back.returning] == [leaver.user.person.employee_id]
    assert back.returning[0]["account"] is True

    applied = apply_import(batch=back, by=manager)

    person = Person.objects.get(pk=leaver.user.person.pk)
    assert applied.reactivated_count == 0
    assert not person.is_active and person.job_title == "Returning analyst"
    assert not User.objects.get(pk=leaver.user.pk).is_active
    assert_locked_out(leaver)


def test_returning_person_reactivated_when_the_manager_confirms(preview, manager):
    leaver, back = _left_then_back(preview, manager)

    applied = apply_import(batch=back, by=manager, reactivate=True)

    assert applied.reactivated_count == 1
    assert Person.objects.get(pk=leaver.user.person.pk).is_active
    assert User.objects.get(pk=leaver.user.pk).is_active
    assert pair_health([leaver.pair])[leaver.pair.pk].reasons == ()


def test_batch_records_who_when_hash_and_counts(preview, manager):
    import hashlib

    batch = preview(FILE, filename="hris.csv")
    assert batch.created_by == manager and batch.created_at
    assert batch.sha256 == hashlib.sha256(FILE).hexdigest()
    assert (batch.filename, batch.created_count) == ("hris.csv", 2)
