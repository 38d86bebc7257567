"""The committed sample files: the demo company imports cleanly, the broken one does not."""

from __future__ import annotations

import pytest

from rementor.core.exports import csv_bytes
from rementor.demo.sample import (
    BROKEN_CSV,
    DEMO_COMPANY_CSV,
    demo_company_rows,
)
from rementor.people.importing import apply_import, preview_import
from rementor.people.models import Person


@pytest.fixture
def preview(manager):
    def run(data: bytes, filename: str = "people.csv"):
        return preview_import(data=data, filename=filename, by=manager)

    return run


def test_demo_company_csv_is_up_to_date():
    assert DEMO_COMPANY_CSV.read_bytes() == csv_bytes(demo_company_rows())


def test_demo_company_imports_300_people_then_changes_nothing(preview, manager):
    manager.person.delete()
    batch = preview(DEMO_COMPANY_CSV.read_bytes(), filename=DEMO_COMPANY_CSV.name)
    assert (batch.status, batch.created_count, batch.errors) == ("previewed", 300, [])
    apply_import(batch=batch, by=manager)
    again = preview(DEMO_COMPANY_CSV.read_bytes(), filename=DEMO_COMPANY_CSV.name)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 300)


def test_broken_csv_shows_many_errors_and_writes_nothing(preview, manager):
    apply_import(batch=preview(DEMO_COMPANY_CSV.read_bytes()), by=manager)
    count = Person.objects.count()
    batch = preview(BROKEN_CSV.read_bytes(), filename=BROKEN_CSV.name)
    assert batch.status == "failed"
    found = {e["code"] for e in batch.errors}
    assert {
        "duplicate_email",
        "duplicate_id",
        "leading_zeros",
        "invalid_email",
        "unknown_language",
        "unknown_time_zone",
        "unknown_manager",
        "own_manager",
        "manager_cycle",
        "required",
        "too_long",
    } <= found
    assert {"delimiter", "sensitive_ignored", "invisible_removed"} <= {
        w["code"] for w in batch.warnings
    }
    assert Person.objects.count() == count
