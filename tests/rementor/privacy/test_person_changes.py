"""A person's history of moves and departures: in their "my data", gone with their erasure,
while the audit trail keeps its own entries."""

from __future__ import annotations

import json
import zipfile
from io import BytesIO

from auditlog.models import LogEntry

from rementor.audit.events import Departure, Event
from rementor.people.changes import record_moves, snapshot
from rementor.people.domain import deactivate_person
from rementor.people.models import PersonChange
from rementor.privacy import my_data
from rementor.privacy.erasure import anonymise_person
from tests.factories import DepartmentFactory
from tests.rementor.privacy.factories import build_world


def _moved(person, title: str = "Head of data"):
    before = snapshot(person)
    person.job_title, person.department = title, DepartmentFactory(name="Data")
    person.save()
    record_moves(moves=[(person, before)])


def test_my_data_has_my_own_history_only(db):
    world = build_world()
    mine, theirs = world.mentee, world.mentor
    _moved(mine.person)
    _moved(theirs.person, "Someone else's title")
    data = my_data.collect(mine)
    rows = data.rows("changes")
    assert [(r["change"], r["after"]) for r in rows] == [
        ("Intitulé de poste modifié", "Head of data"),
        ("Service modifié", "Data"),
    ]
    archive = zipfile.ZipFile(BytesIO(my_data.zip_bytes(data, name="x")))
    assert "changes.csv" in archive.namelist()
    assert "Someone else" not in json.dumps(json.loads(archive.read("my-data.json")))


def test_erasure_deletes_the_history_and_keeps_the_trail(db):
    world = build_world()
    person = world.mentee.person
    _moved(person)
    deactivate_person(person=person, by=None, reason=Departure.DIRECTORY)
    assert PersonChange.objects.filter(person=person).count() == 3  # title, department, left
    trail = LogEntry.objects.filter(additional_data__event=Event.PERSON_DEACTIVATED).count()
    anonymise_person(person=person, by=None)
    assert not PersonChange.objects.filter(person=person).exists()
    assert LogEntry.objects.filter(additional_data__event=Event.PERSON_DEACTIVATED).count() >= trail


def test_erasing_someone_active_records_no_departure(db):
    world = build_world()
    anonymise_person(person=world.mentor.person, by=None)
    assert not PersonChange.objects.exists()
