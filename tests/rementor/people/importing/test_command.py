"""``python -m rementor import_people``: same checks, non-zero exit on any error."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from rementor.people.models import ImportBatch, Person
from tests.rementor.people.importing.conftest import csv_file


def test_command_applies_and_prints_the_summary(db, tmp_path, capsys):
    path = tmp_path / "hris.csv"
    path.write_bytes(csv_file("E1,Zoé,Lambert,,,,,,,"))
    call_command("import_people", str(path))
    assert "1" in capsys.readouterr().out
    assert Person.objects.filter(employee_id="E1").exists()
    assert ImportBatch.objects.get().created_by is None


def test_command_dry_run_writes_no_person(db, tmp_path):
    path = tmp_path / "hris.csv"
    path.write_bytes(csv_file("E1,Zoé,Lambert,,,,,,,"))
    call_command("import_people", str(path), "--dry-run")
    assert not Person.objects.exists()


def test_command_exits_non_zero_with_the_messages(db, tmp_path, capsys):
    path = tmp_path / "hris.csv"
    path.write_bytes(csv_file("E1,Zoé,Lambert,,,,,E1,,"))
    with pytest.raises(CommandError):
        call_command("import_people", str(path))
    assert "E1" in capsys.readouterr().err
    assert not Person.objects.exists()


def test_command_missing_file(db, tmp_path):
    with pytest.raises(CommandError):
        call_command("import_people", str(tmp_path / "nope.csv"))
