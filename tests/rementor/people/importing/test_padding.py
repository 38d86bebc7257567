"""Employee IDs Excel stripped of their leading zeros: offered padding, never silent."""

from __future__ import annotations

import pytest

from rementor.people.importing import ImportNotApplied, apply_import, pad_ids, render
from rementor.people.models import Person
from tests.factories import PersonFactory
from tests.rementor.people.factories import codes, csv_file


@pytest.fixture
def staff(db):
    """Twelve people with six-digit IDs, the first one everybody's manager."""
    boss = PersonFactory(employee_id="000001", first_name="Hélène", last_name="Rousseau")
    people = [boss]
    for n in range(2, 13):
        people.append(PersonFactory(employee_id=f"{n:06d}", manager=boss))
    return people


def _stripped(people, *, job="Analyste") -> bytes:
    """The file as Excel saves it: every ID a number, zeros gone."""
    rows = []
    for person in people:
        manager = str(int(person.manager.employee_id)) if person.manager else ""
        rows.append(
            f"{int(person.employee_id)},{person.first_name},{person.last_name},,{job},,,{manager},,"
        )
    return csv_file(*rows)


def test_preview_offers_to_pad_and_writes_nothing_until_asked(preview, staff):
    batch = preview(_stripped(staff))
    assert batch.status == "failed"
    assert batch.pad_offer == {"width": 6, "count": 12}
    assert set(codes(batch.errors)) == {"leading_zeros"}
    # Nothing padded yet: the rows hold the IDs as the file has them.
    assert batch.rows[0]["employee_id"] == "1" and batch.pad_width == 0
    with pytest.raises(ImportNotApplied):
        apply_import(batch=batch, by=None)
    assert not Person.objects.filter(job_title="Analyste").exists()


def test_padding_on_request_matches_every_existing_person(preview, staff, manager):
    batch = pad_ids(batch=preview(_stripped(staff)), by=manager)
    assert (batch.status, batch.errors, batch.pad_width) == ("previewed", [], 6)
    assert (batch.created_count, batch.updated_count) == (0, 12)
    assert "ids_padded" in codes(batch.warnings)
    assert batch.table == []  # the cells kept for padding are dropped once used
    count = Person.objects.count()
    apply_import(batch=batch, by=manager)
    assert Person.objects.count() == count
    assert Person.objects.filter(job_title="Analyste").count() == 12
    assert Person.objects.get(employee_id="000007").manager.employee_id == "000001"


def test_manager_ids_are_padded_too(preview, staff, manager):
    # The IDs of the people are intact (a Text column); only the managers' lost their zeros.
    rows = [f"{p.employee_id},{p.first_name},{p.last_name},,,,,1,," for p in staff[1:]]
    batch = preview(csv_file(*rows))
    assert batch.pad_offer == {"width": 6, "count": 1}
    assert codes(batch.errors) == ["leading_zeros"] * 11
    batch = pad_ids(batch=batch, by=manager)
    assert (batch.status, batch.errors) == ("previewed", [])
    # "1" became "000001": the manager they already had, so no manager change.
    assert not [e for e in batch.plan if "manager_id" in e.get("changes", {})]


def test_padded_id_colliding_with_another_row_is_refused(preview, staff):
    rows = ["123,Zoé,Roy,,,,,,,", "000123,Max,Roy,,,,,,,"]
    PersonFactory(employee_id="000123")
    batch = preview(csv_file(*rows))
    assert batch.pad_offer == {}
    assert "padding_collides" in codes(batch.errors)
    message = render(next(e for e in batch.errors if e["code"] == "padding_collides"))
    assert "000123" in message and "2" in message


def test_padding_that_matches_only_some_is_refused(preview, staff):
    batch = preview(csv_file("2,Zoé,Roy,,,,,,,", "999,Max,Roy,,,,,,,"))
    assert batch.pad_offer == {}
    assert "padding_partial" in codes(batch.errors)
    assert "999" in render(next(e for e in batch.errors if e["code"] == "padding_partial"))


def test_existing_ids_of_several_widths_are_not_guessed(preview, staff):
    PersonFactory(employee_id="0042")
    batch = preview(csv_file("2,Zoé,Roy,,,,,,,"))
    assert batch.pad_offer == {}
    assert "padding_widths" in codes(batch.errors)


def test_short_id_that_already_names_someone_is_not_padded(preview, staff):
    PersonFactory(employee_id="3")
    batch = preview(csv_file("2,Zoé,Roy,,,,,,,", "3,Max,Roy,,,,,,,"))
    assert batch.pad_offer == {}
    assert "padding_ambiguous" in codes(batch.errors)


def test_person_gone_before_padding_is_refused_not_created(preview, staff, manager):
    batch = preview(_stripped(staff))
    Person.objects.filter(employee_id="000012").update(employee_id="X12")
    batch = pad_ids(batch=batch, by=manager)
    assert batch.status == "failed"
    assert "padded_unknown" in codes(batch.errors)
    assert not Person.objects.filter(employee_id="000012").exists()


def test_padding_is_refused_without_an_offer(preview, staff, manager):
    batch = preview(csv_file("E1,Zoé,Roy,,,,,,,"))
    with pytest.raises(ImportNotApplied):
        pad_ids(batch=batch, by=manager)


def test_padding_twice_is_refused(preview, staff, manager):
    batch = pad_ids(batch=preview(_stripped(staff)), by=manager)
    with pytest.raises(ImportNotApplied):
        pad_ids(batch=batch, by=manager)
