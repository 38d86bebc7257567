"""Every bad row the issue lists: a clear error (row, column, fix) and nothing written."""

from __future__ import annotations

import json

import pytest

from rementor.people.importing import render
from rementor.people.models import Department, Person
from tests.factories import PersonFactory
from tests.rementor.people.factories import codes, csv_file


def errors_of(batch) -> list[tuple[int, str, str]]:
    return [(e["row"], e["column"], e["code"]) for e in batch.errors]


@pytest.fixture
def nothing_written(db):
    before = Person.objects.count(), Department.objects.count()
    yield
    assert (Person.objects.count(), Department.objects.count()) == before


def test_duplicate_emails_differing_in_case_and_spaces(preview, nothing_written):
    batch = preview(
        csv_file("E1,Zoé,Lambert,zoe@example.org,,,,,,", "E2,Zoe,L, ZOE@Example.org ,,,,,,")
    )
    assert errors_of(batch) == [(3, "email", "duplicate_email")]
    assert batch.status == "failed"
    assert batch.errors[0]["params"]["first_row"] == 2


def test_duplicate_ids(preview, nothing_written):
    batch = preview(csv_file("E1,Zoé,Lambert,,,,,,,", "E1,Max,Roy,,,,,,,"))
    assert errors_of(batch) == [(3, "employee_id", "duplicate_id")]


def test_leading_zeros_stripped_by_excel_are_detected(preview):
    PersonFactory(employee_id="000123")
    PersonFactory(employee_id="000124")
    batch = preview(csv_file("123,Zoé,Lambert,,,,,,,", "E2,Max,Roy,,,,,124,,"))
    assert errors_of(batch) == [
        (2, "employee_id", "leading_zeros"),
        (3, "manager_id", "leading_zeros"),
    ]
    assert "000123" in render(batch.errors[0])
    assert Person.objects.count() == 3  # with the manager fixture's own record


def test_manager_listed_after_the_employee_is_fine(preview):
    batch = preview(csv_file("E2,Max,Roy,,,,,E1,,", "E1,Zoé,Lambert,,,,,,,"))
    assert batch.errors == []
    assert batch.status == "previewed"


def test_unknown_manager(preview, nothing_written):
    batch = preview(csv_file("E1,Zoé,Lambert,,,,,NOBODY,,"))
    assert errors_of(batch) == [(2, "manager_id", "unknown_manager")]


def test_manager_cycle_prints_the_cycle_with_names(preview, nothing_written):
    batch = preview(
        csv_file("E1,Zoé,Lambert,,,,,E3,,", "E2,Max,Roy,,,,,E1,,", "E3,Ana,Diaz,,,,,E2,,")
    )
    assert codes(batch.errors) == ["manager_cycle"]
    message = render(batch.errors[0])
    assert "Zoé Lambert (E1) → Ana Diaz (E3) → Max Roy (E2) → Zoé Lambert (E1)" in message


def test_manager_cycle_through_people_already_in_rementor(preview):
    boss = PersonFactory(employee_id="B1")
    PersonFactory(employee_id="B2", manager=boss)
    batch = preview(csv_file("B1,Bo,Ss,,,,,B2,,"))
    assert codes(batch.errors) == ["manager_cycle"]


def test_own_id_as_manager(preview, nothing_written):
    batch = preview(csv_file("E1,Zoé,Lambert,,,,,E1,,"))
    assert errors_of(batch) == [(2, "manager_id", "own_manager")]


def test_missing_columns_list_expected_and_found(preview, nothing_written):
    data = b"employee_id,first_nme,last_name\nE1,Zoe,Lambert\n"
    batch = preview(data, preset="rementor")
    assert codes(batch.errors) == ["missing_columns"]
    message = render(batch.errors[0])
    assert "first_name" in message and "first_nme" in message


def test_renamed_columns_go_to_the_mapping_step(preview, nothing_written):
    batch = preview(b"Code agent,Petit nom,Patronyme\nE1,Zoe,Lambert\n")
    assert batch.status == "mapping"
    assert codes(batch.errors) == ["unknown_layout"]
    assert "employee_id" in render(batch.errors[0]) and "Code agent" in render(batch.errors[0])


def test_sensitive_columns_are_ignored_never_stored_never_echoed(preview):
    header = "employee_id,first_name,last_name,Date of birth,Gender,Salary,N° sécurité sociale"
    batch = preview(csv_file("E1,Zoé,Lambert,1961-02-03,F,98765,2610275123456", header=header))
    assert batch.status == "previewed"
    assert "sensitive_ignored" in codes(batch.warnings)
    stored = json.dumps([batch.rows, batch.plan, batch.table, batch.errors, batch.warnings])
    for value in ("1961-02-03", "98765", "2610275123456"):
        assert value not in stored


def test_sensitive_columns_are_dropped_while_waiting_for_a_mapping(preview):
    batch = preview(
        b"Code agent,Petit nom,Patronyme,Date de naissance\nE1,Zoe,Lambert,1961-02-03\n"
    )
    assert batch.status == "mapping"
    assert "1961-02-03" not in json.dumps(batch.table)
    assert "Date de naissance" not in batch.headers


def test_zero_width_characters_are_stripped_with_a_warning(preview):
    batch = preview(csv_file("E1\u200b,Chlo\u200bé,Lam\ufeffbert,,,,,,,"))
    assert batch.plan[0]["employee_id"] == "E1"
    assert batch.plan[0]["values"]["first_name"] == "Chloé"
    assert codes(batch.warnings).count("invisible_removed") == 3


def test_script_in_names_is_stored_as_typed(preview, manager):
    from rementor.people.importing import apply_import

    batch = preview(csv_file("E1,<script>alert(1)</script>,Lambert,,,,,,,"))
    apply_import(batch=batch, by=manager)
    assert Person.objects.get(employee_id="E1").first_name == "<script>alert(1)</script>"


@pytest.mark.parametrize("value", ["=SUM(A1:A2)", "+33 6 12 34 56 78", "-minus", "@handle"])
def test_formula_like_cells_are_stored_as_typed(preview, value):
    batch = preview(csv_file(f'E1,Zoé,Lambert,,"{value}",,,,,'))
    assert batch.plan[0]["values"]["job_title"] == value


@pytest.mark.parametrize("email", ["zoe@", "zoe", "zoe@example", "zo e@example.org"])
def test_invalid_email(preview, nothing_written, email):
    batch = preview(csv_file(f"E1,Zoé,Lambert,{email},,,,,,"))
    assert errors_of(batch) == [(2, "email", "invalid_email")]


def test_unknown_language_codes(preview, nothing_written):
    batch = preview(csv_file('E1,Zoé,Lambert,,,,,,"fr,klingon",'))
    assert errors_of(batch) == [(2, "languages", "unknown_language")]
    assert "klingon" in render(batch.errors[0])


def test_language_codes_in_locale_form_are_accepted(preview):
    batch = preview(csv_file('E1,Zoé,Lambert,,,,,,"fr_FR; EN, fr",'))
    assert batch.plan[0]["values"]["languages"] == ["fr", "en"]


def test_unknown_time_zone(preview, nothing_written):
    batch = preview(csv_file("E1,Zoé,Lambert,,,,,,,Paris/France"))
    assert errors_of(batch) == [(2, "time_zone", "unknown_time_zone")]


def test_too_long_fields(preview, nothing_written):
    batch = preview(csv_file(f"E1,{'Z' * 151},Lambert,,{'t' * 201},,,,,"))
    assert errors_of(batch) == [(2, "first_name", "too_long"), (2, "job_title", "too_long")]


def test_missing_names(preview, nothing_written):
    batch = preview(csv_file("E1,,Lambert,,,,,,,"))
    assert errors_of(batch) == [(2, "first_name", "required")]


def test_new_person_without_id_needs_one(preview, nothing_written):
    batch = preview(csv_file(",Zoé,Lambert,zoe@example.org,,,,,,"))
    assert errors_of(batch) == [(2, "employee_id", "missing_id_new")]


def test_email_of_another_person_is_refused(preview):
    PersonFactory(employee_id="X9", email="zoe@example.org", first_name="Zoé")
    batch = preview(csv_file("E1,Zoé,Lambert,zoe@example.org,,,,,,"))
    assert errors_of(batch) == [(2, "email", "email_taken")]


def test_messages_are_translated(preview, settings):
    from django.utils import translation

    batch = preview(csv_file("E1,Zoé,Lambert,,,,,E1,,"))
    with translation.override("en"):
        assert "own manager" in render(batch.errors[0])


@pytest.mark.parametrize(
    ("row", "column", "fixed"),
    [
        ("E1,ZoÃ©,Lambert,,,,,,,", "first_name", "Zoé"),
        ("E1,Zoé,LefÃ¨vre,,,,,,,", "last_name", "Lefèvre"),
        ("E1,Zoé,Oâ€™Neil,,,,,,,", "last_name", "O’Neil"),
        ("E1,Zoé,Lambert,,Å“nologue,,,,,", "job_title", "œnologue"),
        ("E1,Zoé,Tanguy LÃ\u00a0,,,,,,,", "last_name", "Tanguy Là"),
        ("E1,ZoÃƒÂ©,Lambert,,,,,,,", "first_name", "Zoé"),  # garbled twice
    ],
)
def test_garbled_accents_are_refused_with_the_likely_text(
    preview, nothing_written, row, column, fixed
):
    batch = preview(csv_file(row))
    assert errors_of(batch) == [(2, column, "garbled_text")]
    assert batch.errors[0]["params"]["fixed"] == fixed
    assert fixed in render(batch.errors[0])


def test_garbled_text_cannot_replace_a_correct_name(preview, manager):
    from rementor.people.importing import ImportNotApplied, apply_import

    PersonFactory(employee_id="E1", first_name="Zoé", last_name="Lefèvre")
    batch = preview(csv_file("E1,ZoÃ©,LefÃ¨vre,,,,,,,"))
    assert errors_of(batch) == [(2, "first_name", "garbled_text"), (2, "last_name", "garbled_text")]
    with pytest.raises(ImportNotApplied):
        apply_import(batch=batch, by=manager)
    assert Person.objects.get(employee_id="E1").full_name == "Zoé Lefèvre"


def test_change_to_the_garbled_form_of_a_current_name_is_blocked(preview):
    # Outside the accents of Western European languages no sequence gives it away: the
    # current name does.
    PersonFactory(employee_id="E1", first_name="Иван", last_name="Петров")
    batch = preview(csv_file("E1,Ð˜Ð²Ð°Ð½,Петров,,,,,,,"))
    assert errors_of(batch) == [(2, "first_name", "garbled_change")]
    assert batch.errors[0]["params"] == {"value": "Ð˜Ð²Ð°Ð½", "current": "Иван"}
    assert batch.status == "failed" and batch.plan == []


@pytest.mark.parametrize("name", ["JOÃO", "IRMÃ PAULA", "Åsa", "Œnologue", "« Qualité »", "Ð"])
def test_real_names_are_not_taken_for_garbled_text(preview, name):
    batch = preview(csv_file(f"E1,Zoé,{name},,,,,,,"))
    assert batch.status == "previewed"
    assert batch.plan[0]["values"]["last_name"] == name
