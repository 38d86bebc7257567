"""``python -m rementor import_people``: same checks, non-zero exit on any error."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from rementor.people.models import ImportBatch, Person, User
from tests.factories import PersonFactory
from tests.rementor.people.factories import assert_locked_out, csv_file, signed_in_mentor


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


def _mixed_file(tmp_path):
    """UTF-8 rows, then a row pasted from a Windows-1252 export."""
    path = tmp_path / "hris.csv"
    path.write_bytes(
        csv_file("E1,Zoé,Lefèvre,,,,,,,", "E2,Max,Roy,,,,,,,")
        + "E3,Hélène,Dupré,,,,,,,\n".encode("cp1252")
    )
    return path


def test_command_refuses_a_mixed_encoding_file_and_renames_nobody(db, tmp_path, capsys):
    PersonFactory(employee_id="E1", first_name="Zoé", last_name="Lefèvre")
    with pytest.raises(CommandError):
        call_command("import_people", str(_mixed_file(tmp_path)))
    err = capsys.readouterr().err
    assert "4" in err and "CSV UTF-8" in err
    assert Person.objects.get(employee_id="E1").full_name == "Zoé Lefèvre"
    assert not Person.objects.filter(employee_id="E3").exists()


def test_command_refuses_garbled_names_for_existing_people(db, tmp_path, capsys):
    PersonFactory(employee_id="E1", first_name="Zoé", last_name="Lefèvre")
    path = tmp_path / "hris.csv"
    path.write_bytes(csv_file("E1,ZoÃ©,LefÃ¨vre,,,,,,,"))
    with pytest.raises(CommandError):
        call_command("import_people", str(path))
    assert "Lefèvre" in capsys.readouterr().err
    assert Person.objects.get(employee_id="E1").full_name == "Zoé Lefèvre"


def test_command_still_reads_a_windows_1252_file(db, tmp_path):
    path = tmp_path / "hris.csv"
    path.write_bytes(csv_file("E1,Zoé,Lefèvre,,,,,,,").decode().encode("cp1252"))
    call_command("import_people", str(path))
    assert Person.objects.get(employee_id="E1").full_name == "Zoé Lefèvre"


def _leaver_and_file(tmp_path):
    """A signed-in mentor, and an HRIS file without them (with their mentee)."""
    leaver = signed_in_mentor()
    mentee = leaver.pair.mentee.person
    path = tmp_path / "hris.csv"
    path.write_bytes(
        csv_file(f"{mentee.employee_id},{mentee.first_name},{mentee.last_name},,,,,,,")
    )
    return leaver, path


def test_command_dry_run_says_which_accounts_a_full_sync_deactivates(db, tmp_path, capsys):
    leaver, path = _leaver_and_file(tmp_path)
    call_command("import_people", str(path), "--full-sync", "--dry-run")
    out = capsys.readouterr().out
    person = leaver.user.person
    assert "1 compte sera désactivé" in out
    assert f"- {person.employee_id} {person.full_name} [compte]" in out
    assert User.objects.get(pk=leaver.user.pk).is_active


def test_command_full_sync_closes_the_accounts_of_people_missing(db, tmp_path):
    leaver, path = _leaver_and_file(tmp_path)
    call_command("import_people", str(path), "--full-sync", stdout=io.StringIO())
    assert_locked_out(leaver)


def test_command_reactivates_people_back_in_the_file_only_with_the_flag(db, tmp_path, capsys):
    leaver, path = _leaver_and_file(tmp_path)
    call_command("import_people", str(path), "--full-sync", stdout=io.StringIO())
    person = leaver.user.person
    back = tmp_path / "back.csv"
    back.write_bytes(
        csv_file(f"{person.employee_id},{person.first_name},{person.last_name},,,,,,,")
    )

    call_command("import_people", str(back))
    assert "--reactivate" in capsys.readouterr().out
    assert not Person.objects.get(pk=person.pk).is_active
    assert not User.objects.get(pk=leaver.user.pk).is_active

    call_command("import_people", str(back), "--reactivate")
    assert Person.objects.get(pk=person.pk).is_active
    assert User.objects.get(pk=leaver.user.pk).is_active


def test_command_pads_ids_only_when_asked(db, tmp_path, capsys):
    for n in (1, 2):
        PersonFactory(employee_id=f"00000{n}", first_name="Old")
    path = tmp_path / "hris.csv"
    path.write_bytes(csv_file("1,Zoé,Lambert,,,,,,,", "2,Max,Roy,,,,,1,,"))
    with pytest.raises(CommandError):
        call_command("import_people", str(path))
    assert "--pad-ids" in capsys.readouterr().err
    assert not Person.objects.filter(first_name="Zoé").exists()
    call_command("import_people", str(path), "--pad-ids")
    zoe, max_ = Person.objects.get(employee_id="000001"), Person.objects.get(employee_id="000002")
    assert (zoe.first_name, max_.manager) == ("Zoé", zoe)
    assert not Person.objects.filter(employee_id__in=["1", "2"]).exists()
